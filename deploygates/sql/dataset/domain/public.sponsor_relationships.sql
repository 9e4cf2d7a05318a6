-- Sponsor invitations and their outcome, from the sponsorship plan
INSERT INTO public.sponsor_relationships (id, sponsor_id, practitioner_id, sponsor_email, invitation_token,
                                          status, created_at, updated_at)
SELECT rel_id, sponsor_id, practitioner_id, sponsor_email, token, status, created_at, updated_at
  FROM g_rel
 ORDER BY i, slot;
