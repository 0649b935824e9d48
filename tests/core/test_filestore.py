"""Issue #20, defect 3: files do not outlive the records that own them.

A rollback leaves no file, deleting an owner (also through a cascade) deletes its files, and
``verify_files`` reports files no row references (what a killed import leaves) and removes them
with ``--remove-orphans``."""

import datetime
import hashlib
import io
import json
import os
import time
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction

from ikonnekt.core import filestore


def stored() -> set[str]:
    try:
        return set(filestore._walk(default_storage))
    except FileNotFoundError:
        return set()


def package_with_a_bad_second_document() -> bytes:
    good, bad = b"Erstes Dokument der Lieferung", b"MZ\x90\x00 kein Dokument"
    rows = []
    files = {}
    for number, (name, content) in enumerate([("a.txt", good), ("b.exe", bad)], start=1):
        path = f"dokumente/{number}/v1_{name}"
        rows.append(
            {
                "document_id": number,
                "version": 1,
                "file_name": name,
                "path": path,
                "sha256": hashlib.sha256(content).hexdigest(),
                "title": name,
                "kind": "other",
            }
        )
        files[path] = content
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("manifest.json", json.dumps({"format": "ikonnekt-dms-export", "documents": rows}))
        for path, content in files.items():
            zf.writestr(path, content)
    return out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_package_import_leaves_no_file(cast, client_for):
    from django.urls import reverse

    from ikonnekt.documents.models import Document

    before = stored()
    client = client_for(cast.a_admin)
    response = client.post(
        reverse("documents:package_import"),
        {"owner": cast.org_a.pk, "upload": SimpleUploadedFile("p.zip", package_with_a_bad_second_document())},
    )
    assert response.status_code == 200 and "b.exe" in response.content.decode()
    assert not Document.objects.exists()
    assert stored() - before == set()


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_action_leaves_no_file_outside_requests(cast):
    from ikonnekt.core.audit import Actor
    from ikonnekt.documents import actions

    before = stored()
    with pytest.raises(RuntimeError), transaction.atomic():
        actions.upload_document(
            Actor(user=cast.a_admin), owner_id=cast.org_a.pk, name="a.txt", data=b"Inhalt", extract=False
        )
        raise RuntimeError("second step fails")
    assert stored() - before  # written inside the transaction ...
    assert filestore.discard_uncommitted() == 1
    assert stored() - before == set()  # ... and gone once the rollback is known


@pytest.mark.django_db(transaction=True)
def test_deleting_a_building_deletes_its_meters_import_files(cast):
    from ikonnekt.energy.models import Building, Meter, ReadingImport

    building = Building.objects.create(
        name="Schule", use_type="school", owner=cast.org_a, created_by=cast.a_admin
    )
    meter = Meter.objects.create(
        building=building, number="Z1", name="Strom", carrier="electricity", unit="kWh"
    )
    upload = ReadingImport(meter=meter, original_name="werte.csv", kind="cumulative")
    upload.file.save("werte.csv", ContentFile(b"Datum;Stand\n"), save=True)
    name = upload.file.name
    assert default_storage.exists(name)
    building.delete()
    assert not default_storage.exists(name)


@pytest.mark.django_db
def test_verify_files_reports_and_removes_orphans(cast, capsys):
    from ikonnekt.core.audit import Actor
    from ikonnekt.documents import actions

    doc = actions.upload_document(
        Actor(user=cast.a_admin), owner_id=cast.org_a.pk, name="a.txt", data=b"Inhalt", extract=False
    )
    kept = doc.versions.get().file.name
    orphan = default_storage.save("documents/2026/01/killed-import.txt", ContentFile(b"halb importiert"))
    fresh = default_storage.save("documents/2026/01/running-import.txt", ContentFile(b"noch im Import"))
    old = time.time() - 3 * 3600
    os.utime(default_storage.path(orphan), (old, old))

    assert orphan in filestore.find_orphans(min_age=datetime.timedelta(hours=1))
    assert fresh not in filestore.find_orphans(min_age=datetime.timedelta(hours=1))
    call_command("verify_files")
    assert f"ORPHAN   {orphan}" in capsys.readouterr().out
    assert default_storage.exists(orphan)

    call_command("verify_files", "--remove-orphans")
    out = capsys.readouterr().out
    assert f"REMOVED  {orphan}" in out
    assert not default_storage.exists(orphan)
    assert default_storage.exists(fresh)  # too young: may belong to an import still running
    assert default_storage.exists(kept)
    default_storage.delete(fresh)
