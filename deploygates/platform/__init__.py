"""The platform gates' view of virtue-app: one interface (model.Platform), backends chosen by name.

`kubernetes` reads a cluster through the official client (bounded, read-only, kube_connect.py connects
it); `sandbox` reads the sandbox's platform state file. A backend is named by the dotted path of the
function that opens it and imported only when chosen, the way pytest-testinfra chooses its backends
(the Kubernetes client takes seconds to import, and sandbox runs never need it). rollback_target.py
records the image to roll back to. See docs/platform-gates.md.
"""

from __future__ import annotations

import importlib
from typing import Any

from deploygates.platform.model import Platform

BACKENDS = {
    "kubernetes": "deploygates.platform.kube_connect.connect",
    "sandbox": "deploygates.platform.sandbox.SandboxPlatform",
}


def open_platform(backend: str, *args: Any) -> Platform:
    """The backend named `backend`, opened with its own arguments (a KubeSettings, a state file)."""
    module, _, name = BACKENDS[backend].rpartition(".")
    opened: Platform = getattr(importlib.import_module(module), name)(*args)
    return opened
