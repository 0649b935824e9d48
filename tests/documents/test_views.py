import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ikonnekt.documents.models import Document
from ikonnekt.documents.pdfgen import make_pdf


@pytest.mark.django_db
def test_batch_upload_keeps_good_files_and_explains_bad_ones(cast, client_for):
    client = client_for(cast.a_editor)
    ok = client.post(
        "/documents/upload/file/",
        {
            "owner": cast.org_a.pk,
            "kind": "letter",
            "upload": SimpleUploadedFile("brief.pdf", make_pdf("Brief", ["Text"])),
        },
    )
    assert ok.status_code == 201
    bad = client.post(
        "/documents/upload/file/",
        {
            "owner": cast.org_a.pk,
            "kind": "letter",
            "upload": SimpleUploadedFile("virus.exe", b"MZ\x00\x00" * 10),
        },
    )
    assert bad.status_code == 400 and bad.json()["error"]
    dup = client.post(
        "/documents/upload/file/",
        {
            "owner": cast.org_a.pk,
            "kind": "letter",
            "upload": SimpleUploadedFile("kopie.pdf", make_pdf("Brief", ["Text"])),
        },
    )
    assert dup.status_code == 409 and dup.json()["duplicate"]
    assert Document.objects.count() == 1


@pytest.mark.django_db
def test_download_is_audited_and_sandboxed(cast, client_for):
    from ikonnekt.core.audit import Actor, AuditLog
    from ikonnekt.documents import actions

    doc = actions.upload_document(
        Actor(user=cast.a_editor), owner_id=cast.org_a.pk, name="a.txt", data=b"Hallo Welt", extract=False
    )
    client = client_for(cast.a_viewer)
    response = client.get(f"/documents/versions/{doc.current_version.pk}/download/")
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"Hallo Welt"
    assert "sandbox" in response["Content-Security-Policy"]
    assert AuditLog.objects.filter(action="download", object_id=str(doc.pk)).exists()
    client.get(f"/documents/{doc.pk}/")
    assert AuditLog.objects.filter(action="view", object_id=str(doc.pk)).exists()


@pytest.mark.django_db
def test_api_upload_multipart(cast, client_for):
    client = client_for(cast.a_editor)
    response = client.post(
        "/api/v1/documents/",
        {"owner": cast.org_a.pk, "title": "API", "upload": SimpleUploadedFile("a.txt", b"Inhalt per API")},
    )
    assert response.status_code == 201, response.content
    empty = client.post(
        "/api/v1/documents/", {"owner": cast.org_a.pk, "upload": SimpleUploadedFile("leer.txt", b"")}
    )
    assert empty.status_code == 400


@pytest.mark.django_db
def test_filing_plan_import_names_row_and_column(cast, client_for):
    client = client_for(cast.a_admin)
    csv = b"code;title\n6;Bauen\n6.1;Umwelt\nx.1;Falsch\n"
    response = client.post(
        "/documents/plan/import/", {"owner": cast.org_a.pk, "upload": SimpleUploadedFile("plan.csv", csv)}
    )
    assert response.status_code == 200 and "4" in response.content.decode()
    from ikonnekt.documents.models import Subject

    assert Subject.objects.count() == 0  # nothing half-imported
    ok = client.post(
        "/documents/plan/import/",
        {"owner": cast.org_a.pk, "upload": SimpleUploadedFile("plan.csv", csv.replace(b"x.1;Falsch\n", b""))},
    )
    assert ok.status_code == 302 and Subject.objects.get(code="6.1").parent.code == "6"


@pytest.mark.django_db
def test_linked_documents_tag_and_attach_view(cast, client_for):
    from django.template import Context, Template
    from django.test import RequestFactory

    from ikonnekt.core.audit import Actor
    from ikonnekt.documents import actions

    doc = actions.upload_document(
        Actor(user=cast.a_editor), owner_id=cast.org_a.pk, name="a.txt", data=b"Anhang", extract=False
    )
    client = client_for(cast.a_editor)
    response = client.post(
        "/documents/attach/",
        {"content_type": "cooperations.cooperation", "object_id": cast.coop.pk, "document": doc.pk},
    )
    assert response.status_code == 302  # a_editor cannot edit the cooperation: refused with a message
    assert not doc.links.exists()
    client = client_for(cast.a_admin)
    client.post(
        "/documents/attach/",
        {"content_type": "cooperations.cooperation", "object_id": cast.coop.pk, "document": doc.pk},
    )
    assert doc.links.count() == 1
    request = RequestFactory().get("/")
    request.user = cast.b_viewer
    html = Template("{% load documents %}{% linked_documents obj %}").render(
        Context({"request": request, "obj": cast.coop})
    )
    assert "a.txt" not in html and "Anhang" not in html  # b_viewer cannot see the private document
    request.user = cast.a_viewer
    html = Template("{% load documents %}{% linked_documents obj %}").render(
        Context({"request": request, "obj": cast.coop})
    )
    assert doc.title in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/documents/",
        "/documents/upload/",
        "/documents/files/",
        "/documents/files/new/",
        "/documents/plan/",
        "/documents/plan/new/",
        "/documents/plan/import/",
        "/documents/import/",
        "/documents/trash/",
        "/documents/disposal/",
    ],
)
def test_pages_render_for_an_editor(cast, client_for, url):
    assert client_for(cast.a_editor).get(url).status_code == 200


@pytest.mark.django_db
def test_file_pages_flow(cast, client_for):
    from ikonnekt.documents.models import File, Subject

    subject = Subject.objects.create(owner=cast.org_a, code="6", title="Bauen", visibility="platform")
    client = client_for(cast.a_editor)
    response = client.post(
        "/documents/files/new/",
        {"owner": cast.org_a.pk, "subject": subject.pk, "title": "Akte", "visibility": "private"},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    file = File.objects.get()
    assert client.get(file.get_absolute_url()).status_code == 200
    assert client.get(f"/documents/files/{file.pk}/edit/").status_code == 200
    client.post(f"/documents/files/{file.pk}/cases/", {"title": "Angebote"})
    assert file.cases.count() == 1
    client.post(f"/documents/files/{file.pk}/close/")
    file.refresh_from_db()
    assert file.is_closed
    export = client.get(f"/documents/files/{file.pk}/export/")
    assert export["Content-Type"] == "application/zip"


@pytest.mark.django_db
def test_custom_metadata_fields_are_edited_and_searchable(cast, client_for):
    from ikonnekt.core.audit import Actor
    from ikonnekt.documents import actions
    from ikonnekt.documents.models import MetadataField
    from ikonnekt.search.engine import search

    MetadataField.objects.create(
        organisation=cast.org_a, key="kostenstelle", label="Kostenstelle", kind="text"
    )
    MetadataField.objects.create(organisation=cast.org_a, key="betrag", label="Betrag", kind="number")
    doc = actions.upload_document(
        Actor(user=cast.a_editor),
        owner_id=cast.org_a.pk,
        name="r.txt",
        data=b"Rechnung Kompost",
        extract=False,
    )
    client = client_for(cast.a_editor)
    form = {
        "title": "Rechnung",
        "kind": "invoice",
        "visibility": "private",
        "meta_kostenstelle": "Gruenflaechenamt",
        "meta_betrag": "zwölf",
    }
    response = client.post(f"/documents/{doc.pk}/edit/", form)
    assert (
        response.status_code == 200 and "meta_betrag" in response.content.decode()
    )  # invalid number explained
    form["meta_betrag"] = "761.60"
    assert client.post(f"/documents/{doc.pk}/edit/", form).status_code == 302
    doc.refresh_from_db()
    assert doc.metadata == {"kostenstelle": "Gruenflaechenamt", "betrag": "761.60"}
    assert search(cast.a_editor, "Grünflächenamt").total == 1
    assert "Kostenstelle" in client.get(f"/documents/{doc.pk}/").content.decode()


@pytest.mark.django_db
def test_a_lost_stored_file_answers_not_found_instead_of_an_error(cast, client_for):
    import os

    from django.urls import reverse

    from ikonnekt.core.audit import Actor
    from ikonnekt.documents import actions

    document = actions.upload_document(
        Actor(user=cast.a_editor), owner_id=cast.org_a.pk, name="weg.txt", data=b"bald weg", extract=False
    )
    version = document.current_version
    os.remove(version.file.path)
    client = client_for(cast.a_editor)
    assert client.get(reverse("documents:version_download", args=[version.pk])).status_code == 404
    assert client.get(reverse("documents:version_view", args=[version.pk])).status_code == 404
