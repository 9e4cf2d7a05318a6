"""python -m deploygates.sandbox.app --database-url DSN --platform-state FILE [--knobs JSON|FILE] [--port N]

The DSN may come from SANDBOX_APP_DATABASE_URL instead, which keeps its password out of `ps`.
Prints "listening on URL" once the pool is open; writes the URL to --url-file as well.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from deploygates.sandbox.app.knobs import KnobError, load
from deploygates.sandbox.app.server import bind, create_app, serve

DSN_VARIABLE = "SANDBOX_APP_DATABASE_URL"


def arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m deploygates.sandbox.app", description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get(DSN_VARIABLE), help=f"or {DSN_VARIABLE}")
    parser.add_argument("--platform-state", type=Path, required=True, help="the sandbox platform state JSON file")
    parser.add_argument("--knobs", help="fault knobs: inline JSON or a JSON file (see knobs.py)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 (default) picks a free port")
    parser.add_argument("--url-file", type=Path, help="write the base URL here once serving")
    options = parser.parse_args(argv)
    if not options.database_url:
        parser.error(f"--database-url or {DSN_VARIABLE} is required")
    if not options.platform_state.is_file():
        parser.error(f"--platform-state {options.platform_state}: no such file")
    return options


def main(argv: list[str]) -> int:
    options = arguments(argv)
    try:
        load(options.knobs)
    except (KnobError, OSError) as problem:
        print(f"fault knobs refused: {problem}", file=sys.stderr)
        return 2
    sock = bind(options.host, options.port)
    url = f"http://{options.host}:{sock.getsockname()[1]}"

    def ready() -> None:
        if options.url_file:
            temporary = options.url_file.with_suffix(".tmp")
            temporary.write_text(url)
            temporary.replace(options.url_file)
        print(f"listening on {url}", flush=True)

    serve(create_app(options.database_url, options.platform_state, options.knobs, ready), sock)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
