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
        label=_("Update indicator feed: %(t)s") % {"t": series.title},
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
        ids = found if isinstance(found, list | tuple) else [found]
        connection = transaction.get_connection()
        # one check per source and transaction, however many rows an import saves
        block = id(connection.atomic_blocks[0]) if connection.atomic_blocks else None
        for source_id in ids:
            key = (block, feed.key, source_id)
            if source_id is None or key in _PENDING:
                continue
            _PENDING.add(key)
            transaction.on_commit(
                lambda k=key, s=source_id: (_PENDING.discard(k), _queue_safely(feed, model, s))
            )

    return handler


_PENDING: set = set()


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
