-- Live coaching links mirroring the relationships that have a sponsor
INSERT INTO public.sponsor_connections (id, practitioner_user_id, sponsor_user_id, status, journal_shared,
                                        created_at, updated_at)
SELECT conn_id, practitioner_id, sponsor_id, status, journal_shared, created_at,
       greatest(created_at, updated_at)
  FROM g_conn
 ORDER BY conn_id;
