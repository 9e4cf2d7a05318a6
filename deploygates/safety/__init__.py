"""Production safety: nothing the suite runs against a real target can write to it (docs/safety.md).

Three locks, each holding without the others: the gates' database role is checked before any gate runs
(`role`); a script is screened statement by statement with PostgreSQL's own parser before anything is
sent (`screen`); and what passes runs in one read-only transaction that is always rolled back, one
statement per protocol message, never through psql or a shell (`runner`).
"""
