"""“How is this computed”: the formula and inputs behind a percentage, in words."""

from django.utils.translation import gettext as _

from ikonnekt.assessment.scoring import MEAN
from ikonnekt.core.formats import number


def fmt(value, digits=1):
    if value is None:
        return _("n/a")
    return number(value, digits)


def explain(score, method, titles) -> str:
    """``titles``: node id → title (for the parts of a mean)."""
    counts = _(
        "%(applicable)s applicable measures, %(na)s not applicable, %(unrated)s not rated yet (count as 0)"
    ) % {
        "applicable": score.applicable,
        "na": score.not_applicable,
        "unrated": score.unrated,
    }
    if score.percent is None:
        return _("No applicable measure below this entry, so no percentage (n/a). %(counts)s.") % {
            "counts": counts
        }
    if method == MEAN:
        parts = " + ".join(f"{fmt(p)} % × {fmt(w, 2)}" for _c, p, w in score.parts)
        weights = " + ".join(fmt(w, 2) for _c, _p, w in score.parts)
        names = ", ".join(str(titles.get(c, "")) for c, _p, _w in score.parts)
        return _(
            "Mean of the child entries, weighted: (%(parts)s) ÷ (%(weights)s) = %(result)s %%. "
            "Children counted: %(names)s. %(counts)s."
        ) % {
            "parts": parts,
            "weights": weights,
            "result": fmt(score.percent),
            "names": names,
            "counts": counts,
        }
    return _(
        "Pooled points: Σ level × weight = %(achieved)s ÷ Σ 3 × weight = %(maximum)s → %(result)s %%. %(counts)s."
    ) % {
        "achieved": fmt(score.achieved, 2),
        "maximum": fmt(score.maximum, 2),
        "result": fmt(score.percent),
        "counts": counts,
    }
