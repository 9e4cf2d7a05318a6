"""The suite's own tests run nested gate runs in scratch directories: those import the checkout's pytest
plugin (fixtures/), which is not an installed package, so the checkout goes on their PYTHONPATH."""

import os

from tests.project import PROJECT_ROOT

os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (str(PROJECT_ROOT), os.environ.get("PYTHONPATH")) if p)
