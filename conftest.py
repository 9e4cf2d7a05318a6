"""Wiring only: the suite is one pytest plugin, fixtures/plugin.py (it loads the rest)."""

pytest_plugins = ["fixtures.plugin"]
