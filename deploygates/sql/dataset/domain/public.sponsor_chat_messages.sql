-- Chat on connections
-- Digits: 6 (text) x 2 (read) x 50 (deleted) x 7200 (read delay), the rest jitters the send time.
INSERT INTO public.sponsor_chat_messages (id, connection_id, sender_id, receiver_id, message_text,
                                          created_at, read_at, deleted_at)
SELECT m.id, m.conn_id,
       CASE WHEN m.k % 2 = 1 THEN m.practitioner_id ELSE m.sponsor_id END,
       CASE WHEN m.k % 2 = 1 THEN m.sponsor_id ELSE m.practitioner_id END,
       CASE WHEN m.k % 2 = 1
            THEN (ARRAY['Can we talk tonight?', 'I finished the stage memo.', 'Rough day today.',
                        'Thanks for yesterday.', 'I have a question about the next stage.',
                        'Shared a new journal entry.'])[1 + m.v % 6]
            ELSE (ARRAY['Of course, call me at eight.', 'Proud of you, keep going.',
                        'What happened? Write it down first.', 'Any time.',
                        'Read the prompt again and start small.', 'Read it, see my feedback.'])[1 + m.v % 6]
       END,
       m.sent_at,
       CASE WHEN m.k < m.chat_cnt OR m.v / 6 % 2 = 0
            THEN m.sent_at + make_interval(secs => 60 + m.v / 600 % 7200) END,
       CASE WHEN m.v / 12 % 50 = 0 THEN m.sent_at + interval '1 day' END
  FROM (SELECT y.*, y.base_at + make_interval(secs => y.v / 4320000 * 3) AS sent_at
          FROM (SELECT c.chat_off + k AS id, c.conn_id, c.practitioner_id, c.sponsor_id, c.chat_cnt, k,
                       c.created_at + make_interval(secs => k * 43200) AS base_at,
                       pg_temp.h('chat', c.conn_id, k) AS v
                  FROM (SELECT gc.* FROM g_conn gc WHERE gc.chat_cnt > 0 ORDER BY gc.conn_id) c
                 CROSS JOIN LATERAL generate_series(1, c.chat_cnt) AS k
                OFFSET 0) y) m;
