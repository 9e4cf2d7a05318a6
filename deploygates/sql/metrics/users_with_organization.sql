-- Users with Organization
-- SUCCESS-1 of the runbook: profiles that belong to an organization (must equal total_users).
SELECT count(*) AS users_with_organization FROM public.profiles WHERE organization_id IS NOT NULL;
