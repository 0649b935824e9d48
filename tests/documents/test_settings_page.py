"""DMS settings of an organisation: file reference pattern and custom metadata fields."""

import pytest
from django.urls import reverse

from ikonnekt.core.models import AuditLog
from ikonnekt.documents.models import FilingSettings, MetadataField
from tests.factories import make

pytestmark = pytest.mark.django_db
URL = "/documents/settings/"


def test_an_admin_sets_the_reference_pattern_and_sees_an_example(cast, client_for):
    client = client_for(cast.a_admin)
    page = client.get(URL).content.decode()
    assert 'id="pattern-form"' in page and "GA-6.1.3-" in page  # example with the default pattern
    response = client.post(
        URL, {"action": "pattern", "reference_pattern": "{org}/{year}/{seq:03d}"}, follow=True
    )
    assert response.status_code == 200
    assert FilingSettings.objects.get(organisation=cast.org_a).reference_pattern == "{org}/{year}/{seq:03d}"
    assert AuditLog.objects.filter(owner_organisation=cast.org_a, action="update").exists()


def test_a_pattern_without_running_number_is_refused_and_nothing_changes(cast, client_for):
    client = client_for(cast.a_admin)
    response = client.post(URL, {"action": "pattern", "reference_pattern": "{org}-{year}"})
    assert response.status_code == 200
    assert "{seq}" in response.content.decode()  # the message names what is missing
    assert not FilingSettings.objects.filter(
        organisation=cast.org_a, reference_pattern="{org}-{year}"
    ).exists()


def test_an_admin_adds_a_field_that_documents_then_show(cast, client_for):
    from ikonnekt.documents.models import Document

    client = client_for(cast.a_admin)
    response = client.post(URL, {"action": "field", "label": "Förderkennzeichen", "kind": "text", "order": 1})
    assert response.status_code == 302
    field = MetadataField.objects.get(organisation=cast.org_a)
    assert field.key == "forderkennzeichen"
    assert AuditLog.objects.filter(owner_organisation=cast.org_a, action="create").exists()
    document = make(Document, cast, owner=cast.org_a, created_by=cast.a_editor)
    edit = client_for(cast.a_editor).get(reverse("documents:edit", args=[document.pk])).content.decode()
    assert "Förderkennzeichen" in edit and 'name="meta_forderkennzeichen"' in edit


@pytest.mark.parametrize(
    "data, field, message",
    [
        ({"label": "Programm", "kind": "choice", "choices": " , "}, "choices", "mindestens einen Wert"),
        ({"label": "Zweites Feld", "key": "vorhanden", "kind": "text"}, "key", "bereits ein Feld"),
        ({"label": "", "kind": "text"}, "label", "zwingend erforderlich"),
    ],
)
def test_bad_fields_are_refused_with_a_message(cast, client_for, data, field, message):
    MetadataField.objects.create(organisation=cast.org_a, key="vorhanden", label="Vorhanden")
    response = client_for(cast.a_admin).post(URL, {"action": "field", "order": 0, **data})
    assert response.status_code == 200
    assert message in str(response.context["field_form"].errors[field])
    assert MetadataField.objects.filter(organisation=cast.org_a).count() == 1


def test_an_admin_edits_and_removes_a_field(cast, client_for):
    field = MetadataField.objects.create(organisation=cast.org_a, key="programm", label="Programm")
    client = client_for(cast.a_admin)
    url = reverse("documents:metadata_field_edit", args=[field.pk])
    assert (
        client.post(
            url, {"label": "Förderprogramm", "key": "programm", "kind": "text", "order": 0}
        ).status_code
        == 302
    )
    assert MetadataField.objects.get(pk=field.pk).label == "Förderprogramm"
    assert client.post(reverse("documents:metadata_field_delete", args=[field.pk])).status_code == 302
    assert not MetadataField.objects.filter(pk=field.pk).exists()
    assert AuditLog.objects.filter(owner_organisation=cast.org_a, action="delete").exists()


def test_members_read_the_settings_but_only_admins_change_them(cast, client_for):
    field = MetadataField.objects.create(organisation=cast.org_a, key="programm", label="Programm")
    client = client_for(cast.a_editor)
    page = client.get(URL).content.decode()
    assert "Programm" in page and 'id="field-form"' not in page and 'id="pattern-form"' not in page
    assert (
        client.post(URL, {"action": "field", "label": "Neu", "kind": "text", "order": 0}).status_code == 403
    )
    assert client.post(reverse("documents:metadata_field_delete", args=[field.pk])).status_code == 403
    assert client.get(reverse("documents:metadata_field_edit", args=[field.pk])).status_code == 403
    assert MetadataField.objects.filter(organisation=cast.org_a).count() == 1


def test_another_organisations_field_is_not_found(cast, client_for):
    field = MetadataField.objects.create(organisation=cast.org_a, key="programm", label="Programm")
    client = client_for(cast.b_editor)
    assert "Programm" not in client.get(URL).content.decode()
    assert client.get(reverse("documents:metadata_field_edit", args=[field.pk])).status_code == 404
    assert client.post(reverse("documents:metadata_field_delete", args=[field.pk])).status_code == 404
    assert MetadataField.objects.filter(pk=field.pk).exists()


def test_renaming_a_key_moves_the_values_already_entered(cast, client_for):
    from ikonnekt.documents.models import Document

    field = MetadataField.objects.create(organisation=cast.org_a, key="programm", label="Programm")
    document = make(Document, cast, owner=cast.org_a, created_by=cast.a_editor)
    document.metadata = {"programm": "LEADER"}
    document.save()
    url = reverse("documents:metadata_field_edit", args=[field.pk])
    data = {"label": "Förderprogramm", "key": "foerderprogramm", "kind": "text", "order": 0}
    assert client_for(cast.a_admin).post(url, data).status_code == 302
    document.refresh_from_db()
    assert document.metadata == {"foerderprogramm": "LEADER"}
