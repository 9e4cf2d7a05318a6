"""Wiring only: the suite's plugins live in fixtures/."""

pytest_plugins = [
    "fixtures.options",
    "fixtures.collection",
    "fixtures.session",
    "pytester",
]
