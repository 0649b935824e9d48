"""Stored files follow the database: no file outlives a rollback, a crash or its owner.

Django writes an uploaded file to storage when the model is saved (or earlier, on
``field_file.save``), inside the database transaction; when the transaction rolls back, the file
stays. This module, wired for every model with a ``FileField``/``ImageField`` in
``CoreConfig.ready()``:

- remembers every file name a save inside a transaction introduced as *pending*; a commit makes it
  final (``on_commit``), and :func:`discard_uncommitted` (run when a request finishes and after
  every job) deletes the pending files whose transaction rolled back;
- deletes a file on commit when its row is deleted (also rows deleted by a cascade, e.g. a
  building's meters' import files) or when a new file replaced it;
- :func:`find_orphans` lists files in storage that no row references (what a crash, ``kill -9``,
  leaves behind); ``manage.py verify_files --remove-orphans`` removes those older than a grace
  period, so files of transactions still running are never touched.
"""

import datetime
import logging
import threading

from django.apps import apps
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.utils import timezone

log = logging.getLogger(__name__)
_state = threading.local()
SKIP_PREFIXES = ("readyz/",)  # the readiness probe writes and deletes its own file


def file_fields(model) -> list:
    return [f for f in model._meta.concrete_fields if isinstance(f, models.FileField)]


def models_with_files() -> list:
    return [m for m in apps.get_models() if file_fields(m) and not m._meta.proxy]


def _pending() -> set:
    if not hasattr(_state, "pending"):
        _state.pending = set()
    return _state.pending


def _names(instance) -> dict:
    return {f.attname: (getattr(instance, f.attname).name or "") for f in file_fields(type(instance))}


def _storage_for(model, attname):
    return model._meta.get_field(attname).storage


def _delete_if_unreferenced(model, attname: str, name: str) -> None:
    if not name or model._default_manager.filter(**{attname: name}).exists():
        return
    try:
        _storage_for(model, attname).delete(name)
    except Exception:  # a missing file is what we wanted; never break the commit for it
        log.warning("Could not delete stored file %s", name, exc_info=True)


def pre_save(sender, instance, raw=False, **kwargs):
    if raw:
        return
    old = {}
    if instance.pk is not None and not instance._state.adding:
        row = sender._default_manager.filter(pk=instance.pk).values(*[f.attname for f in file_fields(sender)])
        old = next(iter(row), {})
    instance._filestore_old = old


def post_save(sender, instance, raw=False, **kwargs):
    if raw:
        return
    old = getattr(instance, "_filestore_old", {}) or {}
    for attname, name in _names(instance).items():
        before = old.get(attname) or ""
        if not name or name == before:
            continue
        if transaction.get_connection().in_atomic_block:
            key = (sender._meta.label, attname, name)
            _pending().add(key)
            transaction.on_commit(lambda key=key: _pending().discard(key))
        if before:  # a new file replaced the old one: remove the old one once that is final
            transaction.on_commit(lambda a=attname, n=before: _delete_if_unreferenced(sender, a, n))


def post_delete(sender, instance, **kwargs):
    for attname, name in _names(instance).items():
        if name:
            transaction.on_commit(lambda a=attname, n=name: _delete_if_unreferenced(sender, a, n))


def discard_uncommitted(**kwargs) -> int:
    """Delete files whose transaction rolled back (call outside any transaction). Returns how many."""
    if transaction.get_connection().in_atomic_block:
        return 0
    pending = _pending()
    count = 0
    while pending:
        label, attname, name = pending.pop()
        model = apps.get_model(label)
        if model._default_manager.filter(**{attname: name}).exists():
            continue  # committed after all (e.g. autocommit without an atomic block)
        _delete_if_unreferenced(model, attname, name)
        count += 1
    return count


def connect() -> None:
    for model in models_with_files():
        uid = f"filestore-{model._meta.label}"
        models.signals.pre_save.connect(pre_save, sender=model, dispatch_uid=uid + "-pre")
        models.signals.post_save.connect(post_save, sender=model, dispatch_uid=uid + "-post")
        models.signals.post_delete.connect(post_delete, sender=model, dispatch_uid=uid + "-del")


# --- orphans ------------------------------------------------------------------------------------


def referenced_names() -> set[str]:
    names = set()
    for model in models_with_files():
        for field in file_fields(model):
            names.update(
                n
                for n in model._default_manager.exclude(**{field.attname: ""})
                .values_list(field.attname, flat=True)
                .iterator(chunk_size=2000)
                if n
            )
    return names


def _walk(storage, path=""):
    dirs, files = storage.listdir(path)
    for name in files:
        yield f"{path}/{name}" if path else name
    for directory in dirs:
        yield from _walk(storage, f"{path}/{directory}" if path else directory)


def find_orphans(storage=None, *, min_age: datetime.timedelta | None = None) -> list[str]:
    """Stored files no row references; with ``min_age`` only those not changed for that long."""
    storage = storage or default_storage
    try:
        stored = list(_walk(storage))
    except FileNotFoundError:
        return []
    known = referenced_names()
    cutoff = timezone.now() - min_age if min_age else None
    orphans = []
    for name in stored:
        if name in known or name.startswith(SKIP_PREFIXES):
            continue
        if cutoff is not None:
            try:
                if storage.get_modified_time(name) > cutoff:
                    continue
            except (NotImplementedError, OSError):
                continue
        orphans.append(name)
    return sorted(orphans)


def remove_orphans(storage=None, *, min_age: datetime.timedelta) -> list[str]:
    storage = storage or default_storage
    removed = find_orphans(storage, min_age=min_age)
    for name in removed:
        storage.delete(name)
    return removed
