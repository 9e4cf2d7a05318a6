-- Whether the caller actively sponsors the practitioner (previous app version)
SELECT EXISTS (SELECT 1 FROM public.sponsor_connections c
                WHERE c.sponsor_user_id = (SELECT auth.uid()) AND c.practitioner_user_id = %(practitioner)s::uuid
                  AND c.status = 'active')
