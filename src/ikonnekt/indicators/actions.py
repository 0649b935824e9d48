"""Publishing and recomputing indicator series: permission check, write and audit in one transaction."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ikonnekt.core import audit
from ikonnekt.core.audit import Actor, AuditAction
from ikonnekt.core.sharing import Visibility, has_role
from ikonnekt.indicators.models import IndicatorSeries, SeriesStatus, SeriesValue
from ikonnekt.indicators.registry import Feed, SourceError, feeds


class OrganisationMember:
    """A stand-in user: "any member of this organisation" for visibility checks between objects
    (does the owner of a goal still see the series it follows?)."""

    is_authenticated = True
    pk = None

    def __init__(self, organisation_id):
        self._ikonnekt_roles = {organisation_id: "viewer"} if organisation_id else {}


def visible_to_organisation(obj, organisation_id) -> bool:
    return Feed.source_visible(obj, OrganisationMember(organisation_id))


def _feed_or_error(key) -> Feed:
    feed = feeds.get(key)
    if feed is None:
        raise ValidationError({"feed": _("Unknown feed “%(key)s”.") % {"key": key}})
    return feed


def _compute(feed: Feed, source):
    try:
        return list(feed.compute(source))
    except SourceError as exc:
        raise ValidationError(
            _("%(feed)s cannot be computed for “%(source)s”: %(reason)s")
            % {"feed": feed.title, "source": source, "reason": exc}
        ) from exc


@transaction.atomic
def publish(actor, feed_key, source, *, region=None, visibility=None, shared_with=(), licence=None):
    """Publish ``feed_key`` for ``source``: one series per dimension, owned by the source's owner."""
    feed = _feed_or_error(feed_key)
    if not isinstance(source, feed.model()):
        raise ValidationError({"source": _("This source does not belong to the feed.")})
    if actor.user is None or not feed.allowed(actor.user, source):
        raise PermissionDenied(_("Only editors of the source's organisation may publish its figures."))
    points = _compute(feed, source)
    if not points:
        raise ValidationError(
            _("“%(source)s” has no computed figures yet (e.g. not optimised).") % {"source": source}
        )
    owner_id = getattr(source, "owner_id", None) or source.pk
    if visibility is None:
        visibility = getattr(source, "visibility", Visibility.PRIVATE)
    if visibility not in Visibility.values:
        raise ValidationError({"visibility": _("Unknown visibility.")})
    series_by_dim = {}
    for point in points:
        if point.dimension not in series_by_dim:
            template = dict(owner_id=owner_id, visibility=visibility, region=region, licence=licence)
            series_by_dim[point.dimension] = _ensure_series(actor, feed, source, point, template, shared_with)
    series_list = list(series_by_dim.values())
    _record_all(feed, source, series_list, points, actor.user)
    return series_list


def _ensure_series(actor, feed, source, point, template, shared_with=()):
    series, created = IndicatorSeries.objects.get_or_create(
        feed=feed.key,
        source_type=ContentType.objects.get_for_model(source),
        source_id=source.pk,
        dimension=point.dimension,
        defaults=dict(
            owner_id=template["owner_id"],
            visibility=template["visibility"],
            title=str(feed.title),
            unit=feed.unit,
            description=str(feed.description),
            dimension_label=point.dimension_label,
            source_label=str(source)[:255],
            region=template.get("region"),
            created_by=actor.user,
            licence=template.get("licence") or IndicatorSeries._meta.get_field("licence").default,
            update_frequency=feed.update_frequency,
        ),
    )
    if created:
        if shared_with:
            series.shared_with.set(shared_with)
        audit.record(actor, AuditAction.CREATE, series)
    return series


def _record(series, points, user, now) -> int:
    """Add the points that differ from the current values; returns how many values were added."""
    current = {v.year: v for v in series.values.filter(is_current=True)}
    added = 0
    for point in points:
        old = current.get(point.year)
        if old is not None and abs(old.value - point.value) < 1e-9 and old.inputs == point.inputs:
            continue
        if old is not None:
            SeriesValue.objects.filter(pk=old.pk).update(is_current=False)
        SeriesValue.objects.create(
            series=series,
            year=point.year,
            value=point.value,
            is_current=True,
            calculation=str(series_calculation(series))[:300],
            calculation_version=feeds.get(series.feed).version,
            inputs=point.inputs,
            factor_set=point.factor_set,
            computed_at=now,
            published_by=user,
        )
        added += 1
    # a year the calculation no longer yields (e.g. a running year, a deleted meter) stays as history
    gone = [v.pk for year, v in current.items() if year not in {p.year for p in points}]
    if gone:
        SeriesValue.objects.filter(pk__in=gone).update(is_current=False)
        added += len(gone)
    return added


def series_calculation(series):
    feed = feeds.get(series.feed)
    return feed.calculation if feed else ""


def _record_all(feed, source, series_list, points, user) -> int:
    now = timezone.now()
    added = 0
    for series in series_list:
        mine = [p for p in points if p.dimension == series.dimension]
        added += _record(series, mine, user, now)
        IndicatorSeries.objects.filter(pk=series.pk).update(
            status=SeriesStatus.OK, problem="", last_computed_at=now, source_label=str(source)[:255]
        )
        series.status, series.problem, series.last_computed_at = SeriesStatus.OK, "", now
        notify_consumers(series)
    return added


def mark_broken(series_qs, problem: str) -> int:
    """Flag series whose source vanished; their values and their followers stay (shown as broken)."""
    count = 0
    for series in series_qs:
        IndicatorSeries.objects.filter(pk=series.pk).update(status=SeriesStatus.BROKEN, problem=problem[:300])
        series.status, series.problem = SeriesStatus.BROKEN, problem[:300]
        notify_consumers(series)
        count += 1
    return count


def notify_consumers(series) -> None:
    for consumer in feeds.consumers:
        consumer(series)


@transaction.atomic
def refresh_source(feed_key, source_type_id, source_id, *, user=None) -> dict:
    """Recompute every series of one feed and source. Idempotent; a vanished source breaks the
    series (shown, never dropped)."""
    feed = _feed_or_error(feed_key)
    series_list = list(
        IndicatorSeries.objects.select_for_update().filter(
            feed=feed_key, source_type_id=source_type_id, source_id=source_id
        )
    )
    if not series_list:
        return {"series": 0, "added": 0}
    source = series_list[0].source()
    if source is None:
        mark_broken(series_list, _("The source “%(s)s” was deleted.") % {"s": series_list[0].source_label})
        return {"series": len(series_list), "added": 0, "broken": True}
    owner_id = series_list[0].owner_id
    if getattr(source, "owner_id", owner_id) != owner_id and not visible_to_organisation(source, owner_id):
        mark_broken(series_list, _("The source is no longer visible to the series' organisation."))
        return {"series": len(series_list), "added": 0, "broken": True}
    points = _compute(feed, source)
    # a dimension that appeared since publication (e.g. a new energy carrier) gets its own series
    first = series_list[0]
    template = dict(
        owner_id=owner_id, visibility=first.visibility, region=first.region, licence=first.licence
    )
    known = {s.dimension for s in series_list}
    for point in points:
        if point.dimension not in known:
            known.add(point.dimension)
            series_list.append(
                _ensure_series(
                    Actor.system(user=user), feed, source, point, template, first.shared_with.all()
                )
            )
    added = _record_all(feed, source, series_list, points, user)
    return {"series": len(series_list), "added": added, "broken": False}


@transaction.atomic
def refresh_series(actor, series) -> dict:
    """The "recompute now" button: editors of the series' owner."""
    if actor.user is None or not has_role(actor.user, series.owner_id):
        raise PermissionDenied(_("Only editors of the owner organisation may recompute this series."))
    result = refresh_source(series.feed, series.source_type_id, series.source_id, user=actor.user)
    audit.record(actor, AuditAction.OTHER, series, changes={"recomputed": result})
    return result


@transaction.atomic
def update_settings(actor, series, **changes):
    """Licence, update frequency, comparison opt-in, automatic updates, visibility."""
    if actor.user is None or not series.can_edit(actor.user):
        raise PermissionDenied(_("You may read this, but not change it."))
    if "visibility" in changes and changes["visibility"] != series.visibility:
        if not series.can_change_visibility(actor.user):
            raise PermissionDenied(
                _("Only the owner's administrators or the creator may change the visibility.")
            )
    before = audit.snapshot(series)
    shared_with = changes.pop("shared_with", None)
    for name, value in changes.items():
        setattr(series, name, value)
    series.full_clean(exclude=["source_type", "owner", "region"])
    series.save()
    if shared_with is not None:
        series.shared_with.set(shared_with)
    audit.record(actor, AuditAction.UPDATE, series, changes=audit.diff(before, audit.snapshot(series)))
    return series


@transaction.atomic
def withdraw(actor, series):
    """Withdraw a publication (owner's admins or the publisher). A series that goals or ratings
    still follow is kept: they would lose their source silently."""
    from ikonnekt.core.actions import delete_object

    followers = series.planning_targets.count() + series.assessment_ratings.count()
    if followers:
        raise ValidationError(
            _("%(n)s goals or ratings follow this series: let them stop following it first.")
            % {"n": followers}
        )
    delete_object(actor, series)
