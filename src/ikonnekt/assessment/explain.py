"""“How is this computed”: the formula and inputs behind a percentage, in words."""

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ikonnekt.assessment.scoring import MEAN
from ikonnekt.core.numformat import number, separators

# The sentences in each language, translated once per language instead of five times per entry
# (a report explains every entry of its catalogue).
_WORDS: dict = {}


def words() -> dict:
    """The translated sentences of the active language."""
    lang = get_language()
    found = _WORDS.get(lang)
    if found is None:
        found = _WORDS[lang] = {
            "na": _("n/a"),
            "counts": _(
                "%(applicable)s applicable measures, %(na)s not applicable, %(unrated)s not rated yet (count as 0)"
            ),
            "none": _("No applicable measure below this entry, so no percentage (n/a). %(counts)s."),
            "mean": _(
                "Mean of the child entries, weighted: (%(parts)s) ÷ (%(weights)s) = %(result)s %%. "
                "Children counted: %(names)s. %(counts)s."
            ),
            "pooled": _(
                "Pooled points: Σ level × weight = %(achieved)s ÷ Σ 3 × weight = %(maximum)s → %(result)s %%. %(counts)s."
            ),
        }
    return found


def fmt(value, digits=1, seps=None, na=None):
    if value is None:
        return na if na is not None else _("n/a")
    return number(value, digits, seps)


def explain(score, method, titles, *, texts=None, seps=None) -> str:
    """``titles``: node id → title (for the parts of a mean); ``texts`` (:func:`words`) and
    ``seps`` (``numformat.separators()``) of the active language, read once for many entries."""
    texts = texts or words()
    seps = seps or separators()
    na = texts["na"]
    counts = texts["counts"] % {
        "applicable": score.applicable,
        "na": score.not_applicable,
        "unrated": score.unrated,
    }
    if score.percent is None:
        return texts["none"] % {"counts": counts}
    if method == MEAN:
        parts = " + ".join(f"{fmt(p, 1, seps, na)} % × {fmt(w, 2, seps, na)}" for _c, p, w in score.parts)
        weights = " + ".join(fmt(w, 2, seps, na) for _c, _p, w in score.parts)
        names = ", ".join(str(titles.get(c, "")) for c, _p, _w in score.parts)
        return texts["mean"] % {
            "parts": parts,
            "weights": weights,
            "result": fmt(score.percent, 1, seps, na),
            "names": names,
            "counts": counts,
        }
    return texts["pooled"] % {
        "achieved": fmt(score.achieved, 2, seps, na),
        "maximum": fmt(score.maximum, 2, seps, na),
        "result": fmt(score.percent, 1, seps, na),
        "counts": counts,
    }
