-- Row level security as a signed-in user sees it
BEGIN;
SELECT plan(2);

SELECT set_config('request.jwt.claims',
                  json_build_object('sub', (SELECT id FROM public.profiles ORDER BY id LIMIT 1),
                                    'role', 'authenticated')::text, true);
SELECT is((SELECT count(*) FROM public.organizations WHERE id = (SELECT organization_id FROM public.profiles
                                                                 ORDER BY id LIMIT 1)),
          1::bigint, 'the default organization exists for the first profile');
SELECT lives_ok($$SET LOCAL ROLE authenticated; SELECT count(*) FROM public.organizations$$,
                'a signed-in user can read organizations');

SELECT * FROM finish();
ROLLBACK;
