"""Every create, change, delete and visibility change is audited in the same transaction."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from ikonnekt.cooperations.models import Announcement
from ikonnekt.core import actions
from ikonnekt.core.audit import Actor
from ikonnekt.core.models import AuditLog
from tests.cooperations.factories import make_announcement

pytestmark = pytest.mark.django_db


def test_creating_through_the_page_writes_an_audit_row(cast, client_for):
    client = client_for(cast.a_editor)
    response = client.post(
        reverse("cooperations:announcement_create"),
        {
            "title": "Neue Öffnungszeiten",
            "body": "Ab Mai samstags geöffnet.",
            "owner": cast.org_a.pk,
            "visibility": "cooperation",
            "shared_with": [cast.coop.pk],
        },
    )
    assert response.status_code == 302
    note = Announcement.objects.get(title="Neue Öffnungszeiten")
    row = AuditLog.objects.get(action="create", object_id=str(note.pk))
    assert row.actor == cast.a_editor
    assert row.owner_organisation == cast.org_a
    assert row.acting_organisation == cast.org_a
    assert row.changes["title"] == "Neue Öffnungszeiten"
    assert row.changes["shared_with"] == [cast.coop.pk]


def test_change_records_a_field_diff(cast):
    note = make_announcement(cast, owner=cast.org_a, created_by=cast.a_editor)
    note.title = "Geändert"
    actions.update_object(Actor(user=cast.a_editor), note, lambda: (note.save(), note)[1])
    row = AuditLog.objects.filter(action="update", object_id=str(note.pk)).get()
    assert row.changes == {"title": ["Grünschnittplatz geschlossen", "Geändert"]}


def test_visibility_change_is_its_own_audit_row_and_needs_the_right(cast):
    note = make_announcement(cast, owner=cast.org_a, created_by=cast.a_admin)
    with pytest.raises(PermissionDenied):
        actions.change_visibility(Actor(user=cast.a_editor), note, "platform")
    note.refresh_from_db()
    assert note.visibility == "private"
    actions.change_visibility(Actor(user=cast.a_admin), note, "platform")
    row = AuditLog.objects.get(action="visibility", object_id=str(note.pk))
    assert row.changes == {"visibility": ["private", "platform"]}


def test_failed_write_changes_nothing(cast, client_for):
    """Sharing with a cooperation the owner is not in is refused and nothing is stored."""
    from ikonnekt.cooperations.models import Cooperation, Participation

    foreign = Cooperation.objects.create(
        name="B only", form="netzwerk", owner=cast.org_b, visibility="platform"
    )
    Participation.objects.create(cooperation=foreign, organisation=cast.org_b, part="lead")
    Participation.objects.create(cooperation=foreign, organisation=cast.org_z, part="partner")
    client = client_for(cast.b_editor)  # member of B choosing owner A: not allowed → form error
    before = AuditLog.objects.count()
    response = client.post(
        reverse("cooperations:announcement_create"),
        {
            "title": "X",
            "owner": cast.org_a.pk,
            "visibility": "private",
        },
    )
    assert response.status_code == 200
    assert "owner" in response.context["form"].errors
    assert not Announcement.objects.filter(title="X").exists()
    assert AuditLog.objects.count() == before


def test_delete_through_the_page_is_audited(cast, client_for):
    note = make_announcement(cast, owner=cast.org_a, created_by=cast.a_editor)
    response = client_for(cast.a_editor).post(reverse("cooperations:announcement_delete", args=[note.pk]))
    assert response.status_code == 302
    assert not Announcement.objects.filter(pk=note.pk).exists()
    assert AuditLog.objects.filter(action="delete", object_id=str(note.pk), actor=cast.a_editor).exists()


def test_audit_rows_cannot_be_changed_or_deleted(cast):
    row = AuditLog.objects.create(action="other", object_repr="x")
    row.object_repr = "y"
    with pytest.raises(PermissionError):
        row.save()
    with pytest.raises(PermissionError):
        row.delete()
    with pytest.raises(PermissionError):
        AuditLog.objects.all().delete()
    with pytest.raises(PermissionError):
        AuditLog.objects.update(object_repr="z")


def test_audit_page_shows_only_rows_of_administered_organisations(cast, client_for):
    make_announcement(cast, owner=cast.org_a, created_by=cast.a_editor)
    AuditLog.objects.create(action="other", object_repr="Geheim B", owner_organisation=cast.org_b)
    AuditLog.objects.create(action="other", object_repr="Sichtbar A", owner_organisation=cast.org_a)
    response = client_for(cast.a_admin).get(reverse("core:audit"))
    assert response.status_code == 200
    assert b"Sichtbar A" in response.content and b"Geheim B" not in response.content
    assert client_for(cast.a_editor).get(reverse("core:audit")).status_code == 403
    csv_response = client_for(cast.a_admin).get(reverse("core:audit_csv"))
    body = b"".join(csv_response.streaming_content).decode()
    assert "Sichtbar A" in body and "Geheim B" not in body
    api = client_for(cast.a_admin).get("/api/v1/audit-log/")
    assert {r["object_repr"] for r in api.json()["results"]} >= {"Sichtbar A"}
    assert "Geheim B" not in {r["object_repr"] for r in api.json()["results"]}


def test_sign_in_failures_are_audited(cast, client):
    client.post(reverse("accounts:login"), {"username": "a_admin", "password": "wrong"})
    assert AuditLog.objects.filter(action="login_failed", actor_name="a_admin").exists()


def test_audit_log_is_in_the_menu_once_and_only_for_administrators(cast, client_for):
    url = reverse("core:audit")
    admin_page = client_for(cast.a_admin).get(reverse("core:dashboard")).content.decode()
    assert admin_page.count(f'href="{url}"') == 1
    editor_page = client_for(cast.a_editor).get(reverse("core:dashboard")).content.decode()
    assert f'href="{url}"' not in editor_page
