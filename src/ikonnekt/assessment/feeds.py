"""Catalogue measures with a numeric indicator as consumers of indicator feeds.

A rating that follows a feed sets its level from the measure's target values (``target_1`` …
``target_3``, the thresholds of levels 1–3) applied to the latest current value of the series:
rising thresholds (e.g. recycling rate 20 / 50 / 100 %) reward higher values, falling ones
lower values. Below the level-1 threshold the level is 0.
"""

import re

from django.db import transaction
from django.utils.translation import gettext as _

from ikonnekt.core.formats import number
from ikonnekt.indicators.registry import feeds

NUMBER = re.compile(r"^\s*(?:(?P<label>[A-Za-zÄÖÜäöüß]{1,6})\s+)?(?P<number>-?\d[\d.]*(?:,\d+)?)\s*%?\s*$")


ABBREVIATION = re.compile(r"\(([A-ZÄÖÜ]{1,6})\)")


def abbreviations(indicator: str) -> set[str]:
    """Indicator abbreviations the measure defines, e.g. ``{"RR", "NS"}`` from the seed's
    "Recyclingrate (RR); Nutzungsanteil an Sekundärrohstoffen (NS)"."""
    return set(ABBREVIATION.findall(indicator or ""))


def parse_threshold(text: str, labels=frozenset()) -> float | None:
    """The threshold of one level: ``"50"``, ``"50 %"``, ``"1.234,5"`` or, for targets naming
    several indicators (the seed's ``"RR 65, NS 10"``), the first one's number (``65``) when its
    label is an abbreviation the indicator defines. Other targets (``"EH 55"``, a building
    standard; ``"Passivhaus"``) give None."""
    first = (text or "").replace("\u00a0", " ").split(";")[0].split(", ")[0]
    match = NUMBER.match(first)
    if not match or (match.group("label") and match.group("label") not in labels):
        return None
    number = match.group("number")
    if "," in number:
        number = number.replace(".", "").replace(",", ".")
    elif number.count(".") >= 1 and len(number.rsplit(".", 1)[1]) == 3:
        number = number.replace(".", "")  # German thousands separator: 1.000
    try:
        return float(number)
    except ValueError:
        return None


def thresholds(measure) -> list[float] | None:
    """The three numeric thresholds of a measure, or None when they are not all numbers."""
    labels = abbreviations(measure.indicator)
    values = [parse_threshold(t, labels) for t in (measure.target_1, measure.target_2, measure.target_3)]
    if any(v is None for v in values):
        return None
    return values


def level_from_thresholds(value: float, limits) -> int:
    """Highest level whose threshold ``value`` reaches (0–3); direction from the thresholds."""
    rising = limits[-1] >= limits[0]
    level = 0
    for k, limit in enumerate(limits, start=1):
        if (value >= limit) if rising else (value <= limit):
            level = k
    return level


def link_problem(rating, series=None) -> str:
    """Why the rating cannot follow its feed right now ("" when it can); shown, never dropped."""
    from ikonnekt.indicators.actions import visible_to_organisation

    series = series or rating.feed
    if series is None:
        return ""
    if series.is_broken:
        return series.problem or _("The feed's source is no longer available.")
    owner_id = rating.assessment.owner_id
    if series.owner_id != owner_id and not visible_to_organisation(series, owner_id):
        return _("The feed is no longer visible to the organisation of this assessment.")
    if thresholds(rating.measure) is None:
        return _("The measure “%(m)s” has no numeric target values for levels 1–3.") % {"m": rating.measure}
    return ""


def sync_rating(rating, series=None) -> bool:
    """Set the rating's level from its feed; False when there is nothing to apply."""
    from ikonnekt.assessment.models import Rating

    series = series or rating.feed
    limits = thresholds(rating.measure)
    usable = series is not None and not link_problem(rating, series)
    latest = series.latest() if usable else None
    if latest is None or limits is None:
        return False
    level = level_from_thresholds(latest.value, limits)
    evidence = _("From the indicator feed “%(s)s”: %(v)s %(u)s (%(y)s) → level %(l)s") % {
        "s": series,
        "v": number(latest.value),
        "u": series.unit,
        "y": latest.year,
        "l": level,
    }
    Rating.objects.filter(pk=rating.pk).update(level=level, not_applicable=False, evidence=evidence[:2000])
    rating.level, rating.evidence = level, evidence
    return True


@feeds.consumer
def follow_series(series) -> None:
    from ikonnekt.assessment.models import Rating

    with transaction.atomic():
        for rating in Rating.objects.filter(feed=series).select_related("measure", "assessment"):
            sync_rating(rating, series)


@transaction.atomic
def follow(actor, rating, series):
    """Let ``rating``'s level follow ``series`` through the measure's thresholds (None: manual)."""
    from django.core.exceptions import PermissionDenied, ValidationError

    from ikonnekt.core import audit
    from ikonnekt.core.audit import AuditAction

    assessment = rating.assessment
    if actor.user is None or not assessment.can_edit(actor.user):
        raise PermissionDenied(_("You may read this, but not change it."))
    if series is not None:
        if not series.is_visible_to(actor.user):
            raise ValidationError({"feed": _("Choose a feed you may see.")})
        if thresholds(rating.measure) is None:
            raise ValidationError(
                {
                    "feed": _("The measure “%(m)s” has no numeric target values for levels 1–3.")
                    % {"m": rating.measure}
                }
            )
    before = rating.feed_id
    rating.feed = series
    rating.save(update_fields=["feed", "updated_at"])
    if series is not None:
        sync_rating(rating, series)
    audit.record(
        actor,
        AuditAction.UPDATE,
        assessment,
        changes={
            "rating_feed": {"measure": rating.measure.code, "feed": [before, series.pk if series else None]}
        },
    )
    return rating
