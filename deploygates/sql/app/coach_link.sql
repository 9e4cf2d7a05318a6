-- Whether the caller is the active coach of the practitioner (organizational model)
SELECT EXISTS (SELECT 1 FROM public.practitioner_assignments a
                WHERE a.supervisor_id = (SELECT auth.uid()) AND a.practitioner_id = %(practitioner)s::uuid
                  AND a.supervisor_role = 'coach' AND a.active)
