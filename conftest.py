"""Wiring only: the suite's plugins live in fixtures/."""

pytest_plugins = [
    "fixtures.options",
    "fixtures.collection",
    "fixtures.session",
    "fixtures.smoke.options",
    "fixtures.smoke.plugin",
    "fixtures.smoke.before",
    "fixtures.access.plugin",
    "fixtures.migration_gates",
    "fixtures.phase1_options",
    "fixtures.phase1_session",
    "fixtures.backup_session",
    "fixtures.platform.plugin",
    "fixtures.prerequisites_plugin",
    "fixtures.signoff_plugin",
    "fixtures.monitoring.plugin",
    "fixtures.verdict_plugin",
    "fixtures.report_redaction",
    "fixtures.report_labels",
    "fixtures.report_metadata",
    "pytester",
]
