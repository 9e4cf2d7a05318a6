-- A file that stops midway: its second statement reads a table that does not exist
BEGIN;
SELECT plan(3);

SELECT has_table('public', 'practitioner_assignments', 'the assignments table exists');
SELECT is((SELECT count(*) FROM public.organization_members), 0::bigint, 'no member rows yet');
SELECT has_table('public', 'organization_invitations', 'the invitations table exists');

SELECT * FROM finish();
ROLLBACK;
