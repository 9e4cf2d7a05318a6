"""What the rehearsal proves in its clones before the window: access, write paths, sequences, security
advisories, the team's pgTAP tests and plpgsql_check, observed at each state the rehearsal passes through."""
