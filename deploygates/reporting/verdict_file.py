"""Reading a verdict.json someone hands a command (`deploygates notify`, `deploygates report`): missing,
truncated, binary, not an object or carrying an unknown verdict, it is refused in one line naming the
file and the fix, never with a traceback."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from deploygates.verdict import PRECEDENCE


class VerdictFileError(Exception):
    """verdict.json cannot be used; the message names the file and what to do."""


def read_verdict(path: Path) -> dict[str, Any]:
    again = "run the gates again to write it (pytest -m PHASE --reports-dir=DIR)"
    try:
        text = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise VerdictFileError(f"{path}: no such file; {again}") from None
    except IsADirectoryError:
        raise VerdictFileError(f"{path} is a directory; name the verdict.json file inside it") from None
    except OSError as error:
        raise VerdictFileError(f"{path}: cannot be read ({error.strerror}); {again}") from None
    except UnicodeDecodeError:
        raise VerdictFileError(f"{path} is not text (binary content); {again}") from None
    try:
        found = json.loads(text)
    except json.JSONDecodeError as error:
        raise VerdictFileError(f"{path} is not valid JSON ({error.msg} at line {error.lineno}: truncated?); "
                               f"{again}") from None
    if not isinstance(found, dict):
        raise VerdictFileError(f"{path} holds a JSON {type(found).__name__}, not a verdict object; {again}")
    verdict = found.get("verdict")
    if verdict not in PRECEDENCE:
        raise VerdictFileError(f"{path}: verdict {verdict!r} is not one of {', '.join(PRECEDENCE)}; {again}")
    return found
