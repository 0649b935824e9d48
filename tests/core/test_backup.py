import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command

from ikonnekt.cooperations.models import Announcement, Cooperation
from ikonnekt.core.models import AuditLog
from tests.cooperations.factories import make_announcement

pytestmark = pytest.mark.django_db(transaction=True)


def test_backup_and_restore_round_trip(cast, tmp_path):
    make_announcement(cast, owner=cast.org_a, visibility="cooperation", shared_with=[cast.coop])
    AuditLog.objects.create(action="other", object_repr="vorher", owner_organisation=cast.org_a)
    stored = default_storage.save("backup-test/hinweis.txt", ContentFile(b"Gruenschnitt"))
    target = tmp_path / "backup.tar.gz"
    call_command("backup", str(target), verbosity=0)

    Announcement.objects.all().delete()
    default_storage.delete(stored)
    call_command("restore", str(target), "--flush", verbosity=0)

    note = Announcement.objects.get()
    assert list(note.shared_with.all()) == [Cooperation.objects.get(name=cast.coop.name)]
    assert AuditLog.objects.filter(object_repr="vorher").exists()
    with default_storage.open(stored) as fh:
        assert fh.read() == b"Gruenschnitt"
    default_storage.delete(stored)
    # the search index is derived data: not in the backup, rebuilt after the restore
    from ikonnekt.search.models import SearchEntry

    assert SearchEntry.objects.filter(object_id=note.pk, title=note.title).count() == 1


def test_backup_leaves_out_the_search_index(cast, tmp_path):
    import json
    import tarfile

    make_announcement(cast, owner=cast.org_a)
    target = tmp_path / "backup.tar.gz"
    call_command("backup", str(target), verbosity=0)
    with tarfile.open(target) as tar:
        models = {o["model"] for o in json.loads(tar.extractfile("data.json").read())}
    assert "cooperations.announcement" in models
    assert not any(m.startswith("search.") for m in models)


def test_restore_refuses_a_foreign_file(tmp_path):
    bogus = tmp_path / "x.tar.gz"
    bogus.write_bytes(b"not a tarball")
    with pytest.raises(CommandError):
        call_command("restore", str(bogus))


def test_an_older_backup_with_search_rows_restores(cast, tmp_path):
    """Backups made before the search index was left out still restore (its rows are skipped)."""
    import io
    import json
    import tarfile

    from ikonnekt.search.models import SearchEntry

    note = make_announcement(cast, owner=cast.org_a, visibility="cooperation", shared_with=[cast.coop])
    target = tmp_path / "backup.tar.gz"
    call_command("backup", str(target), verbosity=0)
    with tarfile.open(target) as tar:
        members = {m.name: tar.extractfile(m).read() for m in tar.getmembers() if m.isfile()}
    objects = json.loads(members["data.json"])
    objects.append(
        {
            "model": "search.searchentry",
            "pk": 99999,
            "fields": {
                "content_type": ["cooperations", "announcement"],
                "object_id": note.pk,
                "title": "alt",
                "rule": "shared",
                "updated_at": "2026-01-01T00:00:00Z",
            },
        }
    )
    members["data.json"] = json.dumps(objects).encode()
    old = tmp_path / "old.tar.gz"
    with tarfile.open(old, "w:gz") as tar:
        for name, content in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(content)
            tar.addfile(info, io.BytesIO(content))
    call_command("restore", str(old), "--flush", verbosity=0)
    restored = Announcement.objects.get()
    assert SearchEntry.objects.filter(object_id=restored.pk, title=restored.title).count() == 1
    assert not SearchEntry.objects.filter(pk=99999).exists()
