"""The sandbox's reference app: virtue-app's HTTP API over the sandbox database.

Starlette on uvicorn, a psycopg pool, every data query under Row Level Security as the signed-in
user. It reads the sandbox platform state (image, replicas, maintenance mode, feature flags) on
every request, and optional fault knobs (`knobs.py`) that make it misbehave on purpose.
Run it with `python -m deploygates.sandbox.app --help`.
"""
