"""Trend classification of an indicator series against its desired direction (SDG-Portal style).

The trend is the least-squares slope of the last ``window`` years, expressed relative to the mean
absolute level of those years. Below ``STABLE_THRESHOLD`` (1 % a year) the series counts as
stable; otherwise it improves when the slope points in the desired direction and worsens when
it does not. The distance to target is how far the latest value still is from the target value,
absolute and as a share of the way from baseline to target; ``on_track`` extrapolates the slope
to the target year.
"""

from dataclasses import dataclass

STABLE_THRESHOLD = 0.01
WINDOW = 5


class Trend:
    IMPROVING = "improving"
    STABLE = "stable"
    WORSENING = "worsening"
    UNKNOWN = "unknown"


def slope(points) -> float | None:
    """Least-squares slope of ``(year, value)`` points; None with fewer than two distinct years."""
    points = list(points)
    if len(points) < 2:
        return None
    n = len(points)
    mx = sum(x for x, _y in points) / n
    my = sum(y for _x, y in points) / n
    sxx = sum((x - mx) ** 2 for x, _y in points)
    if sxx == 0:
        return None
    return sum((x - mx) * (y - my) for x, y in points) / sxx


def classify(points, direction: str, window: int = WINDOW) -> str:
    """``improving``/``stable``/``worsening``/``unknown`` for a series of ``(year, value)``."""
    recent = sorted(points)[-window:]
    s = slope(recent)
    if s is None:
        return Trend.UNKNOWN
    level = sum(abs(v) for _y, v in recent) / len(recent)
    relative = s / level if level else (0.0 if s == 0 else float("inf") * (1 if s > 0 else -1))
    if abs(relative) < STABLE_THRESHOLD:
        return Trend.STABLE
    wanted_up = direction == "increase"
    return Trend.IMPROVING if (relative > 0) == wanted_up else Trend.WORSENING


@dataclass(frozen=True)
class Distance:
    latest_year: int
    latest_value: float
    absolute: float  # remaining gap (>= 0 means still to go, in the desired direction)
    share_remaining: float | None  # of the way from baseline to target, 0..(1+)
    reached: bool
    on_track: bool | None


def distance_to_target(points, baseline: float, target: float, target_year: int | None, direction: str):
    """Distance of the latest value to the target; None for an empty series."""
    points = sorted(points)
    if not points:
        return None
    year, value = points[-1]
    sign = 1 if direction == "increase" else -1
    gap = (target - value) * sign
    span = (target - baseline) * sign
    share = gap / span if span else None
    reached = gap <= 0
    on_track = None
    s = slope(points[-WINDOW:])
    if reached:
        on_track = True
    elif s is not None and target_year:
        projected = value + s * max(0, target_year - year)
        on_track = (projected - target) * sign >= 0
    return Distance(year, value, max(gap, 0.0), None if share is None else max(share, 0.0), reached, on_track)
