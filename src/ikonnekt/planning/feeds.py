"""Vision 2100 targets as consumers of indicator feeds.

A target that follows a feed takes the values of its reference series (the responsible
organisation's, else the owner's: the series its progress is computed from) from the feed's
current values. Typed values of other years and other municipalities stay. A broken feed, or a
feed the target's organisation may no longer see, stops the updates and is shown on the page;
the values already taken over stay, marked with their source.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from ikonnekt.indicators.registry import feeds

FEED_SOURCE_PREFIX = "Indikator-Feed"


def reference_municipality_id(node):
    return node.responsible_id or node.owner_id


def link_problem(node, series=None) -> str:
    """Why the node's feed cannot be followed right now ("" when it can)."""
    from ikonnekt.indicators.actions import visible_to_organisation

    series = series or node.feed
    if series is None:
        return ""
    if series.is_broken:
        return series.problem or _("The feed's source is no longer available.")
    if series.owner_id != node.owner_id and not visible_to_organisation(series, node.owner_id):
        return _("The feed is no longer visible to the organisation of this target.")
    return ""


def source_text(series) -> str:
    return f"{FEED_SOURCE_PREFIX} #{series.pk}: {series}"[:255]


def sync_node(node, series=None) -> int:
    """Write the feed's current values into the node's reference series; returns values written."""
    from ikonnekt.planning.models import IndicatorValue

    series = series or node.feed
    if series is None or link_problem(node, series):
        return 0
    municipality_id = reference_municipality_id(node)
    written = 0
    for value in series.values.filter(is_current=True):
        IndicatorValue.objects.update_or_create(
            node=node,
            municipality_id=municipality_id,
            year=value.year,
            defaults={"value": value.value, "source": source_text(series), "created_by": value.published_by},
        )
        written += 1
    return written


@feeds.consumer
def follow_series(series) -> None:
    from ikonnekt.planning.models import GoalNode

    with transaction.atomic():
        for node in GoalNode.objects.filter(feed=series):
            sync_node(node, series)


@transaction.atomic
def follow(actor, node, series):
    """Let ``node``'s reference series follow ``series`` (None: back to typed values)."""
    from django.core.exceptions import PermissionDenied, ValidationError

    from ikonnekt.core import audit
    from ikonnekt.core.audit import AuditAction

    if actor.user is None or not node.can_edit(actor.user):
        raise PermissionDenied(_("You may read this, but not change it."))
    if series is not None:
        if not series.is_visible_to(actor.user):
            raise ValidationError({"feed": _("Choose a feed you may see.")})
        problem = link_problem(node, series)
        if problem:
            raise ValidationError({"feed": problem})
    before = node.feed_id
    node.feed = series
    if series is not None and not node.unit:
        node.unit = series.unit
    node.save(update_fields=["feed", "unit", "updated_at"])
    written = sync_node(node, series) if series is not None else 0
    audit.record(
        actor,
        AuditAction.UPDATE,
        node,
        changes={"feed": [before, series.pk if series else None], "values": written},
    )
    return written
