"""“How is this computed?” for goal progress and trends, in words with the numbers used.

Formulas: ``planning.progress`` (share of the way from baseline to target, clamped to 0–100 %;
parents average or weight their children) and ``planning.trends`` (least-squares slope of the
last five years relative to their mean level; below 1 % a year the series is stable; the SDG
portal's status-and-trend style of the Bertelsmann Stiftung's SDG-Indikatoren für Kommunen).
"""

from django.utils.translation import gettext as _

from ikonnekt.core.formats import number
from ikonnekt.planning import trends
from ikonnekt.planning.progress import indicator_progress


def fmt(value, digits=1):
    if value is None:
        return _("n/a")
    return number(value, digits)


def progress_text(node, progress, *, latest=None, measure_avg=None, children=()) -> str:
    """``latest``: (year, value) of the reference series; ``children``: [(node, progress)]."""
    if children:
        counted = [(c, p) for c, p in children if p is not None]
        if not counted:
            return _("No sub-target has a progress yet, so this goal has none.")
        if node.rollup == "weighted":
            parts = " + ".join(f"{fmt(p)} % × {fmt(c.weight, 2)}" for c, p in counted)
            weights = " + ".join(fmt(c.weight, 2) for c, _p in counted)
            return _(
                "Weighted mean of the sub-targets: (%(parts)s) ÷ (%(weights)s) = %(result)s %%. "
                "Sub-targets without progress are left out."
            ) % {"parts": parts, "weights": weights, "result": fmt(progress)}
        parts = " + ".join(f"{fmt(p)} %" for _c, p in counted)
        return _(
            "Mean of the sub-targets: (%(parts)s) ÷ %(n)s = %(result)s %%. Sub-targets without progress are left out."
        ) % {"parts": parts, "n": len(counted), "result": fmt(progress)}
    if node.has_indicator and latest is not None:
        year, value = latest
        span = node.target_value - node.baseline_value
        raw = (value - node.baseline_value) / span * 100 if span else None
        text = _(
            "Share of the way from the baseline to the target: (latest value − baseline) ÷ (target − baseline) "
            "× 100 = (%(value)s − %(baseline)s) ÷ (%(target)s − %(baseline)s) × 100 = %(raw)s %%, "
            "limited to 0–100 %%: %(result)s %%. Latest value: %(year)s; baseline %(baseline_year)s; "
            "target %(target_year)s."
        ) % {
            "raw": fmt(raw),
            "value": fmt(value, 2),
            "baseline": fmt(node.baseline_value, 2),
            "target": fmt(node.target_value, 2),
            "result": fmt(indicator_progress(node.baseline_value, node.target_value, value)),
            "year": year,
            "baseline_year": node.baseline_year or "–",
            "target_year": node.target_year or "–",
        }
        if node.feed_id:
            text += " " + _("The values come from the indicator feed “%(feed)s”.") % {"feed": node.feed}
        return text
    if measure_avg is not None:
        return _(
            "No indicator value yet: the mean progress of the target's measures (dropped ones left out) = %(result)s %%."
        ) % {"result": fmt(measure_avg)}
    return _("Neither indicator values nor measures: no progress yet.")


def trend_text(points, direction) -> str:
    recent = sorted(points)[-trends.WINDOW :]
    s = trends.slope(recent)
    if s is None:
        return _("At least two years are needed for a trend.")
    level = sum(abs(v) for _y, v in recent) / len(recent)
    relative = s / level * 100 if level else None
    return _(
        "Least-squares slope over %(first)s–%(last)s: %(slope)s per year; mean level %(level)s, so %(relative)s %% "
        "a year. Below ±%(threshold)s %% a year the series counts as stable, otherwise as improving when it "
        "moves in the desired direction (%(direction)s)."
    ) % {
        "first": recent[0][0],
        "last": recent[-1][0],
        "slope": fmt(s, 3),
        "level": fmt(level, 2),
        "relative": fmt(relative, 2),
        "threshold": fmt(trends.STABLE_THRESHOLD * 100, 0),
        "direction": _("higher is better") if direction == "increase" else _("lower is better"),
    }
