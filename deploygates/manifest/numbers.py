"""One rule for every number of thresholds.toml, whatever its table: a finite number (never NaN or
infinite: TOML can spell both, and NaN compares false with every level, so it would never fire), not a
boolean, within its range. The error names the key, what it must be and what it got."""

from __future__ import annotations

import math
from typing import Any

from deploygates.manifest.toml import ThresholdsError


def number(where: str, value: Any, *, integer: bool = False, positive: bool = False,
           maximum: float | None = None) -> float:
    """`value` checked: finite, 0 or more (more than 0 when `positive`), at most `maximum`."""
    kind = "integer" if integer else "number"
    expected = f"a positive {kind}" if positive else f"{'an' if integer else 'a'} {kind} (0 or more" + (
        f", at most {maximum:g})" if maximum is not None else ")")
    fits = (isinstance(value, int | float) and not isinstance(value, bool)
            and (not integer or isinstance(value, int)) and math.isfinite(value)
            and (value > 0 if positive else value >= 0) and (maximum is None or value <= maximum))
    if not fits:
        raise ThresholdsError(f"{where} must be {expected}, got {value!r}")
    return float(value)
