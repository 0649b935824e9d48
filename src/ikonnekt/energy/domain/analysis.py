"""Anomaly analysis: energy signature with change point, residuals, base-load ratio, deviations.

Energy signature (Energiesignatur, ASHRAE Guideline 14 "3-parameter heating model"):

    E(T) = base + slope · max(0, T_cp − T)

fitted by least squares for each candidate change point T_cp on a 0.5 K grid (8–20 °C); the
change point with the smallest squared error wins. Points whose residual exceeds
``k`` standard deviations are flagged.
"""

import datetime as dt
from dataclasses import dataclass

import numpy as np


@dataclass
class Signature:
    base: float
    slope: float
    change_point: float
    r2: float
    residual_std: float
    outliers: list  # indices into the input

    def predict(self, temperature):
        return self.base + self.slope * np.maximum(
            0.0, self.change_point - np.asarray(temperature, dtype=float)
        )


def fit_signature(temperatures, consumptions, *, k=2.0, grid=None) -> Signature:
    t = np.asarray(temperatures, dtype=float)
    y = np.asarray(consumptions, dtype=float)
    if len(t) < 4:
        raise ValueError("an energy signature needs at least four points")
    grid = np.arange(8.0, 20.01, 0.5) if grid is None else np.asarray(grid, dtype=float)
    best = None
    for cp in grid:
        x = np.maximum(0.0, cp - t)
        if np.all(x == 0):
            continue
        a = np.column_stack([np.ones_like(x), x])
        coef, *_ = np.linalg.lstsq(a, y, rcond=None)
        sse = float(np.sum((a @ coef - y) ** 2))
        if best is None or sse < best[0] - 1e-9:
            best = (sse, float(cp), float(coef[0]), float(coef[1]))
    if best is None:
        raise ValueError("all temperatures lie above the change-point range")
    sse, cp, base, slope = best
    residuals = y - (base + slope * np.maximum(0.0, cp - t))
    sst = float(np.sum((y - y.mean()) ** 2))
    std = float(np.sqrt(sse / max(1, len(y) - 3)))
    outliers = [int(i) for i in np.flatnonzero(np.abs(residuals) > k * std)] if std > 0 else []
    return Signature(base, slope, cp, 1 - sse / sst if sst > 0 else 1.0, std, outliers)


def base_load_ratio(samples):
    """``samples``: iterable of (local datetime, kW). Ratio of the mean load at night (0–4 h)
    and at weekends to the mean load in working hours (Mon–Fri 8–16 h).

    A ratio above ~0.5 in an administration building or school points to equipment that runs
    when nobody is there."""
    night, weekend, work = [], [], []
    for t, kw in samples:
        if t.weekday() >= 5:
            weekend.append(kw)
        elif t.hour < 4:
            night.append(kw)
        elif 8 <= t.hour < 16:
            work.append(kw)
    if not work or (not night and not weekend):
        return None
    work_mean = sum(work) / len(work)
    if work_mean <= 0:
        return None
    idle = night + weekend
    return {
        "night": (sum(night) / len(night) / work_mean) if night else None,
        "weekend": (sum(weekend) / len(weekend) / work_mean) if weekend else None,
        "idle": sum(idle) / len(idle) / work_mean,
    }


def deviation(current, previous):
    """Relative change (e.g. 0.12 for +12 %); None when not comparable."""
    if current is None or previous in (None, 0):
        return None
    return (current - previous) / previous


def carpet(samples, tz):
    """Carpet plot matrix: [(day index, slot index, kW)], the list of days and slots per day."""
    days = {}
    slots_per_day = 96
    for t, kw in samples:
        local = t.astimezone(tz)
        slot = (local.hour * 60 + local.minute) // 15
        days.setdefault(local.date(), {})[slot] = kw
    ordered = sorted(days)
    data = []
    for i, day in enumerate(ordered):
        for slot, kw in days[day].items():
            data.append([slot, i, round(kw, 3)])
    return data, [d.isoformat() for d in ordered], slots_per_day


def local_slot_label(slot: int) -> str:
    return (dt.datetime(2000, 1, 1) + dt.timedelta(minutes=15 * slot)).strftime("%H:%M")
