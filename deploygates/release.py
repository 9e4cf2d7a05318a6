"""The release under gate: what the runbook and DOMAIN.md name, in one place that the production-facing
code and the sandbox both import. Nothing else spells a deployment name, a flag, an image or a route."""

from __future__ import annotations

from datetime import timedelta

# Kubernetes (runbook steps 1, 4, 5, 6).
DEPLOYMENT = "virtue-app"
APP_CONTAINER = "app"
APP_LABEL = "app=virtue-app"
APP_CONFIG = "app-config"  # ConfigMap holding MAINTENANCE_MODE
MAINTENANCE_MODE = "MAINTENANCE_MODE"
FEATURE_FLAGS = "feature-flags"  # ConfigMap holding the organizational flags
FLAGS = ("ORGANIZATIONAL_ADMIN", "ORGANIZATIONAL_COACH", "ORGANIZATIONAL_MODEL")  # in the order step 5 enables them
FLAG_SPACING = timedelta(minutes=5)  # step 5's `sleep 300` between two flags
EXPECTED_REPLICAS = 3  # step 4: kubectl scale deployment virtue-app --replicas=3
PREVIOUS_IMAGE = "virtue-app:previous-stable"
TARGET_IMAGE = "virtue-app:organizational-model-v1.0"

# The HTTP API (step 7 and DOMAIN.md §1).
SIGNIN = "/api/auth/signin"
PRACTITIONER_DASHBOARD = "/api/practitioner/dashboard"
SPONSOR_DASHBOARD = "/api/sponsor/dashboard"  # the previous release's name of the coach dashboard
COACH_DASHBOARD = "/api/coach/dashboard"
ORGANIZATION = "/api/organization"
HEALTH = "/healthz"
METRICS = "/metrics"
NOT_USER_TRAFFIC = (METRICS, HEALTH)  # scrapes and health checks

# What the API answers: every /api reply is a JSON object (an error too), and a success carries the keys
# its callers read. A reply that is not (an HTML page, the same JSON to every route) is not the API.
API_PREFIX = "/api/"
REPLY_KEYS = {
    SIGNIN: ("access_token", "token_type"),
    COACH_DASHBOARD: ("practitioners",),
    SPONSOR_DASHBOARD: ("practitioners",),
    PRACTITIONER_DASHBOARD: ("virtues", "completed_stages", "latest_journal_entry", "supervisors"),
    ORGANIZATION: ("id", "name", "slug"),
}
