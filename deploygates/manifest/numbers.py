"""One rule for every number of thresholds.toml, whatever its table: a finite number (never NaN or
infinite: TOML can spell both, and NaN compares false with every level, so it would never fire), not a
boolean, within its range. The error names the key, what it must be and what it got."""

from __future__ import annotations

import math
from typing import Any

from deploygates.manifest.toml import ThresholdsError

# Metrics that are a share of a whole, so 0 to 1 (a level or a reading above 1 is a mistake). Other
# ratios compare two periods (tickets per day after / before) and may well exceed 1.
SHARES = frozenset({"signin_failure_ratio", "http_error_ratio", "availability_ratio", "database_cpu_ratio",
                    "connection_use_ratio"})


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


def check_levels(where: str, metric: str, comparison: str, levels: list[tuple[str, float]]) -> None:
    """A share's levels are at most 1, and a row's levels (most severe first) escalate: for `above`,
    checkpoint ≤ consider ≤ rollback (for `below` the other way), else a milder one could never fire first."""
    for name, level in levels:
        if metric in SHARES and level > 1:
            raise ThresholdsError(f"{where}.{name} must be a share between 0 and 1 ({metric}), got {level!r}")
    mildest_first = [level for _, level in reversed(levels)]
    if mildest_first != sorted(mildest_first, reverse=comparison == "below"):
        shown = ", ".join(f"{name} = {level:g}" for name, level in reversed(levels))
        raise ThresholdsError(f"{where}: levels must escalate ({comparison}: checkpoint, consider, rollback), "
                              f"got {shown}")
