-- The team's own pgTAP tests of the organizational model (as supabase/tests/*.sql would hold them)
BEGIN;
SELECT plan(4);

SELECT has_table('public', 'organizations', 'the organizations table exists');
SELECT col_default_is('public', 'organizations', 'max_users', '40',
                      'an organization holds 40 active users unless told otherwise');
SELECT policies_are('public', 'organization_invitations',
                    ARRAY['organization_invitations_admin', 'organization_invitations_select_invitee'],
                    'invitations are guarded by the admin and the invitee policies');
SELECT results_eq($$SELECT slug FROM public.organizations WHERE settings @> '{"is_default": true}'$$,
                  ARRAY['individual-users'], 'the default organization is individual-users');

SELECT * FROM finish();
ROLLBACK;
