"""Consumption from cumulative readings, across meter exchanges and rollovers.

The readings of one meter and its exchanges are turned into one *effective cumulative
series* (kWh-equivalent counter that never resets): at an exchange the offset grows by
``old final reading − new initial reading``. Consumption of any period is the difference of
the series at the period's ends, linearly interpolated between readings (the usual
apportioning of Kom.EMS tools when readings do not fall on period boundaries).
"""

import bisect
import datetime as dt
import functools
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Point:
    time: dt.datetime
    value: float


@dataclass(frozen=True)
class Exchange:
    time: dt.datetime
    old_final: float
    new_initial: float


@dataclass
class Series:
    points: list = field(default_factory=list)  # effective cumulative points, chronological
    problems: list = field(default_factory=list)  # (time, message) of readings that went backwards

    def value_at(self, t: dt.datetime):
        """Interpolated cumulative value at ``t``; None outside the measured range."""
        if not self.points or t < self.points[0].time or t > self.points[-1].time:
            return None
        times = self._times()
        i = bisect.bisect_left(times, t)
        if times[i] == t:
            return self.points[i].value
        a, b = self.points[i - 1], self.points[i]
        span = (b.time - a.time).total_seconds()
        return a.value + (b.value - a.value) * (t - a.time).total_seconds() / span

    def _times(self) -> list:
        """The points' times, built once per length of the series (points are only appended)."""
        cached = self.__dict__.get("_times_cache")
        if cached is None or len(cached) != len(self.points):
            cached = self.__dict__["_times_cache"] = [p.time for p in self.points]
        return cached

    def consumption(self, start: dt.datetime, end: dt.datetime):
        """Consumption in [start, end) in counter units; None if not covered by readings."""
        a, b = self.value_at(start), self.value_at(end)
        if a is None or b is None:
            return None
        return b - a


def effective_series(readings, exchanges=(), digits=None) -> Series:
    """``readings``: iterable of (time, value); ``exchanges``: iterable of :class:`Exchange`.

    A reading lower than the previous one without an exchange in between is treated as a
    rollover when ``digits`` is given and the previous value was in the top 10 % of the
    counter range; otherwise it is reported as a problem and skipped.
    """
    events = [(t, 1, float(v), None) for t, v in readings]
    events += [(e.time, 0, None, e) for e in exchanges]
    events.sort(key=lambda e: (e[0], e[1]))
    series = Series()
    offset = 0.0
    last_raw = None
    for time, _order, value, exchange in events:
        if exchange is not None:
            final = float(exchange.old_final)
            if last_raw is not None and final < last_raw:
                series.problems.append((time, "final reading of the old meter is below its last reading"))
            series.points.append(Point(time, final + offset))
            offset += final - float(exchange.new_initial)
            last_raw = float(exchange.new_initial)
            continue
        if last_raw is not None and value < last_raw:
            capacity = 10.0**digits if digits else None
            if capacity and last_raw >= 0.9 * capacity:
                offset += capacity
            else:
                series.problems.append((time, "reading is lower than the previous one"))
                continue
        if series.points and series.points[-1].time == time:
            continue
        series.points.append(Point(time, value + offset))
        last_raw = value
    return series


def month_starts(year: int, tz) -> list:
    return [dt.datetime(year + (m - 1) // 12, (m - 1) % 12 + 1, 1, tzinfo=tz) for m in range(1, 14)]


@functools.lru_cache(maxsize=64)
def _utc_month_starts(year: int, tz) -> tuple:
    """The local month starts as UTC datetimes: the same instants, compared and subtracted without
    a time-zone lookup per comparison (the readings are in UTC)."""
    return tuple(bound.astimezone(dt.UTC) for bound in month_starts(year, tz))


def monthly(series: Series, year: int, tz) -> list:
    """Twelve monthly consumptions (None where not covered) of ``year`` in local time."""
    values = [series.value_at(bound) for bound in _utc_month_starts(year, tz)]  # each month end once
    return [None if a is None or b is None else b - a for a, b in zip(values, values[1:], strict=False)]


def daily(series: Series, start: dt.date, end: dt.date, tz) -> list:
    """[(date, consumption)] for every day in [start, end]."""
    out = []
    day = start
    while day <= end:
        a = dt.datetime.combine(day, dt.time(), tzinfo=tz)
        out.append((day, series.consumption(a, a + dt.timedelta(days=1))))
        day += dt.timedelta(days=1)
    return out


# --- plausibility at entry ------------------------------------------------------------------


@dataclass(frozen=True)
class Warning:
    code: str
    message: str


def check_reading(previous, new_time, new_value, *, digits=None, typical_daily=None, exchange_between=False):
    """Warnings for a new reading ``(new_time, new_value)`` after ``previous`` (time, value) or None.

    ``typical_daily``: the meter's usual consumption per day (median of earlier periods).
    Messages are plain English source strings; the caller translates them.
    """
    warnings = []
    if previous is None:
        return warnings
    prev_time, prev_value = previous[0], float(previous[1])
    new_value = float(new_value)
    if new_time <= prev_time:
        warnings.append(Warning("order", "earlier than or equal to the last reading"))
        return warnings
    days = (new_time - prev_time).total_seconds() / 86400
    delta = new_value - prev_value
    if delta < 0 and not exchange_between:
        capacity = 10.0**digits if digits else None
        if capacity and prev_value >= 0.9 * capacity:
            warnings.append(Warning("rollover", "meter rollover assumed"))
            delta += capacity
        else:
            warnings.append(Warning("negative", "lower than the last reading"))
            return warnings
    if days > 45:
        warnings.append(Warning("gap", "long gap since the last reading"))
    if typical_daily and typical_daily > 0 and days >= 1:
        rate = delta / days
        if rate > 3 * typical_daily:
            warnings.append(Warning("high", "consumption much higher than usual"))
        elif rate < 0.2 * typical_daily:
            warnings.append(Warning("low", "consumption much lower than usual"))
    return warnings


def typical_daily_rate(series: Series):
    """Median consumption per day between consecutive points (None with fewer than 2 periods)."""
    rates = []
    for a, b in zip(series.points, series.points[1:], strict=False):
        days = (b.time - a.time).total_seconds() / 86400
        if days >= 1:
            rates.append((b.value - a.value) / days)
    if len(rates) < 2:
        return None
    rates.sort()
    mid = len(rates) // 2
    return rates[mid] if len(rates) % 2 else (rates[mid - 1] + rates[mid]) / 2
