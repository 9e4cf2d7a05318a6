"""Reading the manifest's TOML files: one clear error naming the file, never a traceback."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any


class ThresholdsError(Exception):
    """thresholds.toml is missing, unreadable or malformed; the message names the key."""


def read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise ThresholdsError(f"{path}: not a UTF-8 text file; pass a thresholds.toml with --thresholds FILE") from None
    except OSError as error:
        raise ThresholdsError(f"{path}: cannot read ({error.strerror}); pass --thresholds FILE") from None
    except tomllib.TOMLDecodeError as error:
        raise ThresholdsError(f"{path}: not valid TOML: {error}") from None
