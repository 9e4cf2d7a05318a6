-- Baseline 03: Supabase-style grants, Row Level Security and the pre-migration policies.
--
-- Access model before the migration:
--   * everyone signed in reads and writes their own rows (auth.uid() = owner column);
--   * a sponsor reads the data of practitioners linked to them by an ACTIVE sponsor_connections
--     row; journal entries only while that row has journal_shared = true;
--   * the two ends of an active connection see each other's profile;
--   * profiles.role = 'admin' (checked by public.is_admin()) reads all profiles, support_tickets
--     and error_logs;
--   * the reference catalogue (virtues, virtue_stages, stage_prompts) is readable by anyone.
-- Policy sub-queries on sponsor_connections run under that table's own RLS, which only ever
-- exposes the caller's own connections, so they cannot widen access. auth.uid() and is_admin()
-- are wrapped in scalar sub-selects so the planner evaluates them once per statement, and the
-- connected ids are collected with = ANY (ARRAY(...)) so that the owner and sponsor policies
-- combine into one index scan (BitmapOr) instead of a sequential scan with a hashed sub-plan.
BEGIN;

-- ---------------------------------------------------------------------------------------------
-- Grants (as a Supabase project has them: API roles see every table, RLS decides the rows)
-- ---------------------------------------------------------------------------------------------

GRANT USAGE ON SCHEMA public TO anon, authenticated, service_role;

GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO authenticated;
GRANT ALL ON ALL TABLES IN SCHEMA public TO service_role;
GRANT SELECT ON public.virtues, public.virtue_stages, public.stage_prompts TO anon;

GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO authenticated, service_role;

-- Functions: policies call is_admin() as the requesting role. The trigger functions are not
-- meant to be called directly.
REVOKE EXECUTE ON FUNCTION public.handle_new_user(), public.protect_profile_role(),
    public.set_updated_at() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.is_admin() TO anon, authenticated, service_role;

-- Objects created later in public by the owner (e.g. by a migration) get the same grants.
ALTER DEFAULT PRIVILEGES IN SCHEMA public
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO authenticated;
ALTER DEFAULT PRIVILEGES IN SCHEMA public
    GRANT ALL ON TABLES TO service_role;
ALTER DEFAULT PRIVILEGES IN SCHEMA public
    GRANT USAGE, SELECT ON SEQUENCES TO authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- Row Level Security on every public table
-- ---------------------------------------------------------------------------------------------

ALTER TABLE public.profiles                      ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.virtues                       ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.virtue_stages                 ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.stage_prompts                 ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.user_virtue_stage_progress    ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.user_active_virtue            ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.journal_entries               ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.practitioner_freeform_entries ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.practitioner_stage_memos      ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.user_virtue_stage_memos       ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.user_assessments              ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.user_assessment_results       ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.user_activity_sessions        ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.support_tickets               ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.error_logs                    ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.sponsor_relationships         ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.sponsor_connections           ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.sponsor_chat_messages         ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.sponsor_visible_memos         ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.sponsor_feedback              ENABLE ROW LEVEL SECURITY;

-- ---------------------------------------------------------------------------------------------
-- profiles
-- ---------------------------------------------------------------------------------------------

CREATE POLICY profiles_select_own ON public.profiles
    FOR SELECT TO authenticated
    USING (id = (SELECT auth.uid()));

CREATE POLICY profiles_select_connected ON public.profiles
    FOR SELECT TO authenticated
    USING (id = ANY (ARRAY(
        SELECT c.sponsor_user_id FROM public.sponsor_connections c
         WHERE c.practitioner_user_id = (SELECT auth.uid()) AND c.status = 'active'
        UNION ALL
        SELECT c.practitioner_user_id FROM public.sponsor_connections c
         WHERE c.sponsor_user_id = (SELECT auth.uid()) AND c.status = 'active'
    )));

CREATE POLICY profiles_select_admin ON public.profiles
    FOR SELECT TO authenticated
    USING ((SELECT public.is_admin()));

CREATE POLICY profiles_insert_own ON public.profiles
    FOR INSERT TO authenticated
    WITH CHECK (id = (SELECT auth.uid()));

CREATE POLICY profiles_update_own ON public.profiles
    FOR UPDATE TO authenticated
    USING (id = (SELECT auth.uid()))
    WITH CHECK (id = (SELECT auth.uid()));

-- ---------------------------------------------------------------------------------------------
-- Reference catalogue
-- ---------------------------------------------------------------------------------------------

CREATE POLICY virtues_select_all ON public.virtues
    FOR SELECT TO anon, authenticated
    USING (true);

CREATE POLICY virtue_stages_select_all ON public.virtue_stages
    FOR SELECT TO anon, authenticated
    USING (true);

CREATE POLICY stage_prompts_select_all ON public.stage_prompts
    FOR SELECT TO anon, authenticated
    USING (true);

-- ---------------------------------------------------------------------------------------------
-- Practitioner data: owner has full access; an actively connected sponsor may read
-- ---------------------------------------------------------------------------------------------

CREATE POLICY user_virtue_stage_progress_own ON public.user_virtue_stage_progress
    FOR ALL TO authenticated
    USING (user_id = (SELECT auth.uid()))
    WITH CHECK (user_id = (SELECT auth.uid()));

CREATE POLICY user_virtue_stage_progress_select_sponsor ON public.user_virtue_stage_progress
    FOR SELECT TO authenticated
    USING (user_id = ANY (ARRAY(
        SELECT c.practitioner_user_id FROM public.sponsor_connections c
         WHERE c.sponsor_user_id = (SELECT auth.uid()) AND c.status = 'active'
    )));

CREATE POLICY user_active_virtue_own ON public.user_active_virtue
    FOR ALL TO authenticated
    USING (user_id = (SELECT auth.uid()))
    WITH CHECK (user_id = (SELECT auth.uid()));

CREATE POLICY user_active_virtue_select_sponsor ON public.user_active_virtue
    FOR SELECT TO authenticated
    USING (user_id = ANY (ARRAY(
        SELECT c.practitioner_user_id FROM public.sponsor_connections c
         WHERE c.sponsor_user_id = (SELECT auth.uid()) AND c.status = 'active'
    )));

CREATE POLICY journal_entries_own ON public.journal_entries
    FOR ALL TO authenticated
    USING (user_id = (SELECT auth.uid()))
    WITH CHECK (user_id = (SELECT auth.uid()));

CREATE POLICY journal_entries_select_sponsor ON public.journal_entries
    FOR SELECT TO authenticated
    USING (user_id = ANY (ARRAY(
        SELECT c.practitioner_user_id FROM public.sponsor_connections c
         WHERE c.sponsor_user_id = (SELECT auth.uid()) AND c.status = 'active'
           AND c.journal_shared
    )));

CREATE POLICY user_assessments_own ON public.user_assessments
    FOR ALL TO authenticated
    USING (user_id = (SELECT auth.uid()))
    WITH CHECK (user_id = (SELECT auth.uid()));

CREATE POLICY user_assessments_select_sponsor ON public.user_assessments
    FOR SELECT TO authenticated
    USING (user_id = ANY (ARRAY(
        SELECT c.practitioner_user_id FROM public.sponsor_connections c
         WHERE c.sponsor_user_id = (SELECT auth.uid()) AND c.status = 'active'
    )));

CREATE POLICY user_assessment_results_own ON public.user_assessment_results
    FOR ALL TO authenticated
    USING (user_id = (SELECT auth.uid()))
    WITH CHECK (user_id = (SELECT auth.uid()));

CREATE POLICY user_assessment_results_select_sponsor ON public.user_assessment_results
    FOR SELECT TO authenticated
    USING (user_id = ANY (ARRAY(
        SELECT c.practitioner_user_id FROM public.sponsor_connections c
         WHERE c.sponsor_user_id = (SELECT auth.uid()) AND c.status = 'active'
    )));

CREATE POLICY user_activity_sessions_own ON public.user_activity_sessions
    FOR ALL TO authenticated
    USING (user_id = (SELECT auth.uid()))
    WITH CHECK (user_id = (SELECT auth.uid()));

CREATE POLICY user_activity_sessions_select_sponsor ON public.user_activity_sessions
    FOR SELECT TO authenticated
    USING (user_id = ANY (ARRAY(
        SELECT c.practitioner_user_id FROM public.sponsor_connections c
         WHERE c.sponsor_user_id = (SELECT auth.uid()) AND c.status = 'active'
    )));

CREATE POLICY sponsor_visible_memos_own ON public.sponsor_visible_memos
    FOR ALL TO authenticated
    USING (user_id = (SELECT auth.uid()))
    WITH CHECK (user_id = (SELECT auth.uid()));

CREATE POLICY sponsor_visible_memos_select_sponsor ON public.sponsor_visible_memos
    FOR SELECT TO authenticated
    USING (user_id = ANY (ARRAY(
        SELECT c.practitioner_user_id FROM public.sponsor_connections c
         WHERE c.sponsor_user_id = (SELECT auth.uid()) AND c.status = 'active'
    )));

-- Private notes: owner only.
CREATE POLICY practitioner_freeform_entries_own ON public.practitioner_freeform_entries
    FOR ALL TO authenticated
    USING (user_id = (SELECT auth.uid()))
    WITH CHECK (user_id = (SELECT auth.uid()));

CREATE POLICY practitioner_stage_memos_own ON public.practitioner_stage_memos
    FOR ALL TO authenticated
    USING (user_id = (SELECT auth.uid()))
    WITH CHECK (user_id = (SELECT auth.uid()));

CREATE POLICY user_virtue_stage_memos_own ON public.user_virtue_stage_memos
    FOR ALL TO authenticated
    USING (user_id = (SELECT auth.uid()))
    WITH CHECK (user_id = (SELECT auth.uid()));

-- ---------------------------------------------------------------------------------------------
-- Operations: users file their own tickets and errors; admins read everything
-- ---------------------------------------------------------------------------------------------

CREATE POLICY support_tickets_own ON public.support_tickets
    FOR ALL TO authenticated
    USING (user_id = (SELECT auth.uid()))
    WITH CHECK (user_id = (SELECT auth.uid()));

CREATE POLICY support_tickets_select_admin ON public.support_tickets
    FOR SELECT TO authenticated
    USING ((SELECT public.is_admin()));

CREATE POLICY error_logs_insert_own ON public.error_logs
    FOR INSERT TO authenticated
    WITH CHECK (user_id = (SELECT auth.uid()));

CREATE POLICY error_logs_select_admin ON public.error_logs
    FOR SELECT TO authenticated
    USING ((SELECT public.is_admin()));

-- ---------------------------------------------------------------------------------------------
-- Sponsorship
-- ---------------------------------------------------------------------------------------------

-- The practitioner owns their invitations.
CREATE POLICY sponsor_relationships_practitioner_all ON public.sponsor_relationships
    FOR ALL TO authenticated
    USING (practitioner_id = (SELECT auth.uid()))
    WITH CHECK (practitioner_id = (SELECT auth.uid()));

CREATE POLICY sponsor_relationships_select_sponsor ON public.sponsor_relationships
    FOR SELECT TO authenticated
    USING (sponsor_id = (SELECT auth.uid()));

-- An open invitation is visible to the person it was e-mailed to, who accepts it by setting
-- sponsor_id to themselves.
CREATE POLICY sponsor_relationships_select_invited ON public.sponsor_relationships
    FOR SELECT TO authenticated
    USING (sponsor_id IS NULL
           AND lower(sponsor_email) = lower((SELECT auth.jwt()) ->> 'email'));

CREATE POLICY sponsor_relationships_update_sponsor ON public.sponsor_relationships
    FOR UPDATE TO authenticated
    USING (sponsor_id = (SELECT auth.uid())
           OR (sponsor_id IS NULL
               AND lower(sponsor_email) = lower((SELECT auth.jwt()) ->> 'email')))
    WITH CHECK (sponsor_id = (SELECT auth.uid()));

CREATE POLICY sponsor_connections_select_participant ON public.sponsor_connections
    FOR SELECT TO authenticated
    USING ((SELECT auth.uid()) IN (practitioner_user_id, sponsor_user_id));

-- A practitioner may link themselves to a sponsor; a sponsor only to a practitioner whose
-- invitation they accepted.
CREATE POLICY sponsor_connections_insert_participant ON public.sponsor_connections
    FOR INSERT TO authenticated
    WITH CHECK (
        practitioner_user_id = (SELECT auth.uid())
        OR (sponsor_user_id = (SELECT auth.uid())
            AND EXISTS (SELECT 1 FROM public.sponsor_relationships r
                         WHERE r.sponsor_id = sponsor_connections.sponsor_user_id
                           AND r.practitioner_id = sponsor_connections.practitioner_user_id))
    );

CREATE POLICY sponsor_connections_update_participant ON public.sponsor_connections
    FOR UPDATE TO authenticated
    USING ((SELECT auth.uid()) IN (practitioner_user_id, sponsor_user_id))
    WITH CHECK (
        practitioner_user_id = (SELECT auth.uid())
        OR (sponsor_user_id = (SELECT auth.uid())
            AND EXISTS (SELECT 1 FROM public.sponsor_relationships r
                         WHERE r.sponsor_id = sponsor_connections.sponsor_user_id
                           AND r.practitioner_id = sponsor_connections.practitioner_user_id))
    );

CREATE POLICY sponsor_connections_delete_participant ON public.sponsor_connections
    FOR DELETE TO authenticated
    USING ((SELECT auth.uid()) IN (practitioner_user_id, sponsor_user_id));

CREATE POLICY sponsor_chat_messages_select_participant ON public.sponsor_chat_messages
    FOR SELECT TO authenticated
    USING ((SELECT auth.uid()) IN (sender_id, receiver_id));

CREATE POLICY sponsor_chat_messages_insert_sender ON public.sponsor_chat_messages
    FOR INSERT TO authenticated
    WITH CHECK (
        sender_id = (SELECT auth.uid())
        AND EXISTS (SELECT 1 FROM public.sponsor_connections c
                     WHERE c.id = sponsor_chat_messages.connection_id AND c.status = 'active'
                       AND ((c.practitioner_user_id = sponsor_chat_messages.sender_id
                             AND c.sponsor_user_id = sponsor_chat_messages.receiver_id)
                         OR (c.sponsor_user_id = sponsor_chat_messages.sender_id
                             AND c.practitioner_user_id = sponsor_chat_messages.receiver_id)))
    );

-- Marking read / soft-deleting.
CREATE POLICY sponsor_chat_messages_update_participant ON public.sponsor_chat_messages
    FOR UPDATE TO authenticated
    USING ((SELECT auth.uid()) IN (sender_id, receiver_id))
    WITH CHECK ((SELECT auth.uid()) IN (sender_id, receiver_id));

CREATE POLICY sponsor_feedback_select_participant ON public.sponsor_feedback
    FOR SELECT TO authenticated
    USING (connection_id IN (
        SELECT c.id FROM public.sponsor_connections c
         WHERE (SELECT auth.uid()) IN (c.practitioner_user_id, c.sponsor_user_id)
    ));

CREATE POLICY sponsor_feedback_write_sponsor ON public.sponsor_feedback
    FOR ALL TO authenticated
    USING (connection_id IN (
        SELECT c.id FROM public.sponsor_connections c
         WHERE c.sponsor_user_id = (SELECT auth.uid()) AND c.status = 'active'
    ))
    WITH CHECK (connection_id IN (
        SELECT c.id FROM public.sponsor_connections c
         WHERE c.sponsor_user_id = (SELECT auth.uid()) AND c.status = 'active'
    ));

COMMIT;
