"""Keep series in step with their sources: recompute through a job when a source changes,
mark the series broken when the source is deleted (wired in ``IndicatorsConfig.ready``)."""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext as _

from ikonnekt.indicators.registry import feeds


def _queue(feed, source_model, source_id):
    from ikonnekt.core.jobs import enqueue
    from ikonnekt.core.models import Job, JobStatus
    from ikonnekt.indicators.models import IndicatorSeries

    ctype = ContentType.objects.get_for_model(source_model)
    series = IndicatorSeries.objects.filter(
        feed=feed.key, source_type=ctype, source_id=source_id, auto_update=True
    ).first()
    if series is None:
        return None
    params = {"feed": feed.key, "source_type_id": ctype.pk, "source_id": source_id}
    if Job.objects.filter(
        kind="indicators.refresh",
        status=JobStatus.QUEUED,
        params__feed=feed.key,
        params__source_type_id=ctype.pk,
        params__source_id=source_id,
    ).exists():
        return None
    creator = series.created_by
    return enqueue(
        "indicators.refresh",
        label=_("Update indicator feed: %(t)s") % {"t": series},
        user_id=creator.pk if creator else None,
        actor=_Owner(creator),
        **params,
    )


class _Owner:
    """The job appears on the jobs page of the user who published the series."""

    def __init__(self, user):
        self.user = user
        self.organisation = None


def _on_save(feed, source_of):
    model = feed.model()

    def handler(sender, instance, raw=False, **kwargs):
        if raw:
            return
        found = source_of(instance)
        for source_id in found if isinstance(found, list | tuple) else [found]:
            if source_id is not None:
                _queue_on_commit(feed, model, source_id)

    return handler


class _Pending:
    """One queued check per source and transaction, however many rows an import saves.

    Remembered on the connection with its place in ``run_on_commit``: once the transaction
    commits (the list is emptied), a savepoint rolls back (the list is filtered) or the callback
    ran, the entry no longer matches and the next save registers a new check."""

    def __init__(self, feed, model, source_id):
        self.feed, self.model, self.source_id, self.done = feed, model, source_id, False

    def __call__(self):
        self.done = True
        _queue_safely(self.feed, self.model, self.source_id)


def _queue_on_commit(feed, model, source_id):
    connection = transaction.get_connection()
    pending = connection.__dict__.setdefault("_indicator_feeds_pending", {})
    key = (feed.key, source_id)
    entry = pending.get(key)
    if entry is not None:
        index, callback = entry
        queue = connection.run_on_commit
        if not callback.done and index < len(queue) and queue[index][1] is callback:
            return
    callback = _Pending(feed, model, source_id)
    transaction.on_commit(callback)
    if connection.in_atomic_block:
        pending[key] = (len(connection.run_on_commit) - 1, callback)


def _queue_safely(feed, model, source_id):
    with transaction.atomic():
        _queue(feed, model, source_id)


def _on_delete(feed):
    def handler(sender, instance, **kwargs):
        from ikonnekt.indicators import actions
        from ikonnekt.indicators.models import IndicatorSeries

        series = IndicatorSeries.objects.filter(
            feed=feed.key, source_type=ContentType.objects.get_for_model(sender), source_id=instance.pk
        )
        actions.mark_broken(series, _("The source “%(s)s” was deleted.") % {"s": instance})

    return handler


_HANDLERS = []  # strong references: signal receivers are weak by default


def connect() -> None:
    for feed in feeds.all():
        delete_handler = _on_delete(feed)
        _HANDLERS.append(delete_handler)
        post_delete.connect(delete_handler, sender=feed.model(), dispatch_uid=f"indicators-del-{feed.key}")
        for model_label, source_of in feed.triggers:
            handler = _on_save(feed, source_of)
            _HANDLERS.append(handler)
            post_save.connect(
                handler,
                sender=apps.get_model(model_label),
                dispatch_uid=f"indicators-{feed.key}-{model_label}",
            )
