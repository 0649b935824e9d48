import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from ikonnekt.core.audit import Actor, AuditLog
from ikonnekt.documents import actions, export
from ikonnekt.documents.models import Document, File, Subject, Version
from ikonnekt.documents.pdfgen import make_pdf

PDF = make_pdf("Niederschrift Grüngut", ["Der Arbeitskreis beschließt die gemeinsame Grüngutverwertung."])


@pytest.fixture
def file(cast):
    subject = Subject.objects.create(
        owner=cast.org_a, code="6.1.3", title="Grünflächen", visibility="platform"
    )
    return actions.create_file(
        Actor(user=cast.a_editor),
        File(owner=cast.org_a, subject=subject, title="Grüngut", created_by=cast.a_editor),
    )


@pytest.mark.django_db
def test_file_reference_follows_the_pattern(cast, file):
    year = timezone.localdate().year
    assert file.reference == f"GA-6.1.3-{year}-0001"
    second = actions.create_file(
        Actor(user=cast.a_editor), File(owner=cast.org_a, subject=file.subject, title="Zweite")
    )
    assert second.reference.endswith("-0002")


@pytest.mark.django_db
def test_upload_stores_version_with_checksum_and_audit(cast, file, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        doc = actions.upload_document(
            Actor(user=cast.a_editor), owner_id=cast.org_a.pk, name="p.pdf", data=PDF, file=file
        )
    version = doc.versions.get()
    import hashlib

    assert version.sha256 == hashlib.sha256(PDF).hexdigest()
    doc.refresh_from_db()
    assert "Grüngutverwertung" in doc.content and doc.extraction == "done"
    assert AuditLog.objects.filter(object_id=str(doc.pk), action="create").exists()


@pytest.mark.django_db
def test_duplicate_upload_offers_the_existing_document(cast, file):
    doc = actions.upload_document(
        Actor(user=cast.a_editor), owner_id=cast.org_a.pk, name="p.pdf", data=PDF, extract=False
    )
    with pytest.raises(actions.DuplicateDocument) as exc:
        actions.upload_document(
            Actor(user=cast.a_editor), owner_id=cast.org_a.pk, name="kopie.pdf", data=PDF, extract=False
        )
    assert exc.value.existing == doc
    assert Document.objects.count() == 1 and Version.objects.count() == 1


@pytest.mark.django_db
def test_closed_file_refuses_new_documents_and_versions_until_reopened(cast, file):
    doc = actions.upload_document(
        Actor(user=cast.a_editor), owner_id=cast.org_a.pk, name="p.pdf", data=PDF, file=file, extract=False
    )
    actions.close_file(Actor(user=cast.a_editor), file)
    with pytest.raises(ValidationError, match="closed|geschlossen"):
        actions.add_version(Actor(user=cast.a_editor), doc, "v2.txt", b"neuer Text", extract=False)
    with pytest.raises(ValidationError):
        actions.upload_document(
            Actor(user=cast.a_editor),
            owner_id=cast.org_a.pk,
            name="n.txt",
            data=b"x y",
            file=file,
            extract=False,
        )
    with pytest.raises(PermissionDenied):
        actions.reopen_file(Actor(user=cast.a_editor), file)
    actions.reopen_file(Actor(user=cast.a_admin), file)
    version = actions.add_version(Actor(user=cast.a_editor), doc, "v2.txt", b"neuer Text", extract=False)
    assert version.number == 2 and doc.versions.count() == 2
    assert Document.objects.count() == 1


@pytest.mark.django_db
def test_trash_restore_purge_and_legal_hold(cast):
    actor = Actor(user=cast.a_admin)
    doc = actions.upload_document(actor, owner_id=cast.org_a.pk, name="p.pdf", data=PDF, extract=False)
    actions.set_legal_hold(actor, doc, True)
    with pytest.raises(ValidationError):
        actions.trash_document(actor, doc)
    actions.set_legal_hold(actor, doc, False)
    actions.trash_document(actor, doc)
    actions.restore_document(actor, doc)
    actions.trash_document(actor, doc)
    Document.objects.filter(pk=doc.pk).update(deleted_at=timezone.now() - datetime.timedelta(days=31))
    assert actions.purge_expired_trash() == 1
    assert not Document.objects.filter(pk=doc.pk).exists()
    assert AuditLog.objects.filter(object_id=str(doc.pk), changes__purged=True).exists()


@pytest.mark.django_db
def test_outsider_cannot_upload_for_another_organisation(cast):
    with pytest.raises(PermissionDenied):
        actions.upload_document(Actor(user=cast.z_admin), owner_id=cast.org_a.pk, name="p.pdf", data=PDF)


@pytest.mark.django_db
def test_export_zip_round_trips(cast, file):
    actor = Actor(user=cast.a_admin)
    doc = actions.upload_document(
        actor, owner_id=cast.org_a.pk, name="p.pdf", data=PDF, file=file, extract=False, title="Protokoll"
    )
    actions.add_version(actor, doc, "p2.txt", b"Zweite Fassung", comment="korrigiert", extract=False)
    actions.create_case(actor, file, "Angebote")
    data = export.build_package(Document.objects.filter(file=file), file=file)
    import io
    import zipfile  # noqa: E401

    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert {"manifest.csv", "manifest.json", "xdomea.xml"} <= set(names)
    new_file, docs = export.import_package(actor, data, owner_id=cast.org_a.pk)
    assert new_file.pk != file.pk and new_file.cases.count() == 1
    assert [v.sha256 for v in docs[0].versions.order_by("number")] == [
        v.sha256 for v in doc.versions.order_by("number")
    ]


@pytest.mark.django_db
def test_tampered_package_is_refused(cast, file):
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr(
            "manifest.json",
            '{"format": "ikonnekt-dms-export", "documents": [{"document_id": 1, "version": 1,'
            ' "file_name": "x.txt", "path": "x", "sha256": "0"}]}',
        )
        zf.writestr("x", "verändert")
    with pytest.raises(export.PackageError, match="Prüfsumme von x"):
        export.read_package(buf.getvalue())


@pytest.mark.django_db
@pytest.mark.filterwarnings("ignore:Duplicate name:UserWarning")  # zipfile warns while we build the bad ZIP
def test_a_package_with_a_name_twice_is_refused(cast, file):
    import io
    import zipfile

    data = export.build_package([], file=file)
    buf = io.BytesIO(data)
    with zipfile.ZipFile(buf, "a") as zf:
        zf.writestr("manifest.json", '{"format": "ikonnekt-dms-export", "documents": []}')
    with pytest.raises(export.PackageError, match="manifest.json mehr als einmal"):
        export.read_package(buf.getvalue())


@pytest.mark.django_db
def test_verify_files_reports_altered_and_missing(cast):
    from ikonnekt.documents.integrity import verify_all

    actor = Actor(user=cast.a_admin)
    a = actions.upload_document(actor, owner_id=cast.org_a.pk, name="a.txt", data=b"eins zwei", extract=False)
    b = actions.upload_document(actor, owner_id=cast.org_a.pk, name="b.txt", data=b"drei vier", extract=False)
    with open(a.current_version.file.path, "wb") as fh:
        fh.write(b"manipuliert")
    import os

    os.remove(b.current_version.file.path)
    report = verify_all()
    assert len(report.altered) == 1 and len(report.missing) == 1
