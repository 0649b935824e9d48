"""Backup and restore of the whole platform: database content as JSON plus stored files.

Portable between SQLite and PostgreSQL (a backup of the embedded demo can be restored into a
PostgreSQL production database). For very large installations prefer the database's own tools
(pg_dump / sqlite3 .backup) plus a copy of the media folder; see docs/operations.md.
"""

import io
import json
import tarfile
import tempfile
from pathlib import Path

from django.core import management
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.dispatch import Signal

# Derived data (the search index) is not backed up: it is rebuilt by the receivers of
# ``restored`` after a restore, so entries written by signals while loading cannot collide.
DERIVED = ["search"]
EXCLUDE = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "admin.logentry",
    "axes",
    *DERIVED,
]
FORMAT = 1

restored = Signal()  # sent inside the restore transaction, after the data is loaded


def _excluded(obj: dict) -> bool:
    """Whether a serialized object belongs to what backups leave out (``EXCLUDE``: app labels or
    app.model labels). Applied on restore too, so older backups with derived data load."""
    label = obj.get("model", "")
    return label in EXCLUDE or label.split(".")[0] in EXCLUDE


def _walk_storage(path=""):
    dirs, files = default_storage.listdir(path)
    for name in files:
        yield f"{path}/{name}" if path else name
    for name in dirs:
        yield from _walk_storage(f"{path}/{name}" if path else name)


def create_backup(target: Path) -> dict:
    """Write ``target`` (.tar.gz) with ``data.json``, ``manifest.json`` and ``media/…``."""
    data = io.StringIO()
    management.call_command(
        "dumpdata", natural_foreign=True, natural_primary=True, exclude=EXCLUDE, stdout=data, verbosity=0
    )
    payload = data.getvalue().encode()
    files = list(_walk_storage()) if _storage_exists() else []
    manifest = {"format": FORMAT, "objects": len(json.loads(payload)), "files": len(files)}
    with tarfile.open(target, "w:gz") as tar:
        _add_bytes(tar, "manifest.json", json.dumps(manifest).encode())
        _add_bytes(tar, "data.json", payload)
        for name in files:
            with default_storage.open(name, "rb") as fh:
                _add_bytes(tar, f"media/{name}", fh.read())
    return manifest


def _storage_exists() -> bool:
    try:
        default_storage.listdir("")
        return True
    except FileNotFoundError:
        return False


def _add_bytes(tar, name, content: bytes):
    info = tarfile.TarInfo(name)
    info.size = len(content)
    tar.addfile(info, io.BytesIO(content))


def restore_backup(source: Path, *, flush: bool = False) -> dict:
    """Restore a backup into the (migrated) database; ``flush`` empties it first."""
    with tarfile.open(source, "r:gz") as tar:
        members = {m.name: m for m in tar.getmembers() if m.isfile()}
        if "manifest.json" not in members or "data.json" not in members:
            raise ValueError("Not an iKonnekt backup: manifest.json or data.json is missing.")
        manifest = json.loads(tar.extractfile(members["manifest.json"]).read())
        if manifest.get("format") != FORMAT:
            raise ValueError(f"Unsupported backup format {manifest.get('format')!r}.")
        objects = [o for o in json.loads(tar.extractfile(members["data.json"]).read()) if not _excluded(o)]
        with tempfile.NamedTemporaryFile(suffix=".json") as tmp:
            tmp.write(json.dumps(objects).encode())
            tmp.flush()
            with transaction.atomic():
                if flush:
                    management.call_command("flush", interactive=False, verbosity=0)
                management.call_command("loaddata", tmp.name, verbosity=0)
                restored.send(sender=restore_backup)
        for name, member in members.items():
            if not name.startswith("media/"):
                continue
            relative = name[len("media/") :]
            if ".." in Path(relative).parts or relative.startswith("/"):
                raise ValueError(f"Unsafe path in backup: {name}")
            if default_storage.exists(relative):
                default_storage.delete(relative)
            default_storage.save(relative, ContentFile(tar.extractfile(member).read()))
    return manifest
