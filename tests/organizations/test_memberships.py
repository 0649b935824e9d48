from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from ikonnekt.core.models import AuditLog
from ikonnekt.organizations.models import Invitation, Membership
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def membership(user, org):
    return Membership.objects.get(user=user, organisation=org)


def test_admin_changes_a_role_and_it_is_audited(cast, client_for):
    m = membership(cast.a_viewer, cast.org_a)
    response = client_for(cast.a_admin).post(
        reverse("organizations:membership_role", args=[cast.org_a.slug, m.pk]), {"role": "editor"}
    )
    assert response.status_code == 302
    m.refresh_from_db()
    assert m.role == "editor"
    assert AuditLog.objects.filter(action="membership", owner_organisation=cast.org_a).exists()


def test_editor_cannot_change_roles(cast, client_for):
    m = membership(cast.a_viewer, cast.org_a)
    response = client_for(cast.a_editor).post(
        reverse("organizations:membership_role", args=[cast.org_a.slug, m.pk]), {"role": "admin"}
    )
    assert response.status_code == 403
    m.refresh_from_db()
    assert m.role == "viewer"


def test_the_last_admin_cannot_be_removed_or_demoted(cast, client_for):
    m = membership(cast.a_admin, cast.org_a)
    client = client_for(cast.a_admin)
    client.post(reverse("organizations:membership_end", args=[cast.org_a.slug, m.pk]))
    client.post(reverse("organizations:membership_role", args=[cast.org_a.slug, m.pk]), {"role": "viewer"})
    m.refresh_from_db()
    assert m.role == "admin"
    messages = [
        str(x)
        for x in client.get(reverse("organizations:detail", args=[cast.org_a.slug])).context["messages"]
    ]
    assert any("Administrator" in x or "administrator" in x for x in messages)


def test_memberships_of_other_organisations_answer_404(cast, client_for):
    m = membership(cast.b_viewer, cast.org_b)
    response = client_for(cast.a_admin).post(
        reverse("organizations:membership_end", args=[cast.org_b.slug, m.pk])
    )
    assert response.status_code == 404
    assert client_for(cast.a_admin).get(f"/api/v1/memberships/{m.pk}/").status_code == 404
    assert Membership.objects.filter(pk=m.pk).exists()


def test_members_are_shown_only_to_members(cast, client_for):
    page = client_for(cast.z_admin).get(reverse("organizations:detail", args=[cast.org_a.slug]))
    assert b"a_viewer" not in page.content
    page = client_for(cast.a_viewer).get(reverse("organizations:detail", args=[cast.org_a.slug]))
    assert b"a_admin" in page.content


def test_invitation_is_single_use_and_expires(cast, client_for):
    client = client_for(cast.a_admin)
    client.post(
        reverse("organizations:invite", args=[cast.org_a.slug]),
        {"email": "neu@example.org", "role": "editor"},
    )
    assert len(mail.outbox) == 1
    link = next(line for line in mail.outbox[0].body.splitlines() if "/invitation/" in line).strip()
    path = urlsplit(link).path  # the link goes to SITE_URL, not the host of the inviting request
    newcomer = make_user("neu")
    client = client_for(newcomer)
    assert client.post(path).status_code == 302
    assert membership(newcomer, cast.org_a).role == "editor"
    other = make_user("zweiter")
    client = client_for(other)
    client.post(path)
    assert not Membership.objects.filter(user=other).exists()
    # an expired invitation is refused
    invitation, token = Invitation.issue(cast.org_a, "alt@example.org", "viewer", cast.a_admin)
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now())
    client.post(reverse("organizations:accept", args=[token]))
    assert not Membership.objects.filter(user=other).exists()


def test_switching_the_active_organisation(cast, client_for):
    Membership.objects.create(user=cast.a_editor, organisation=cast.org_b, role="viewer")
    client = client_for(cast.a_editor)
    client.post(reverse("organizations:switch"), {"organisation": cast.org_b.pk, "next": "/"})
    assert client.get("/").context["active_organisation"] == cast.org_b
    # an organisation the user does not belong to cannot be chosen
    client.post(
        reverse("organizations:switch"), {"organisation": cast.org_z.pk, "next": "https://evil.example/"}
    )
    assert client.get("/").context["active_organisation"] == cast.org_b


def test_only_admins_edit_the_organisation(cast, client_for):
    url = reverse("organizations:edit", args=[cast.org_a.slug])
    assert client_for(cast.a_editor).get(url).status_code == 403
    response = client_for(cast.a_admin).post(
        url, {"name": "Gemeinde A", "kind": "municipality", "latitude": "49.3"}
    )
    assert response.status_code == 200
    assert "longitude" in str(response.context["form"].errors) or response.context["form"].non_field_errors()


def test_organisation_list_filters_by_type(cast, client_for):
    from ikonnekt.organizations.models import Organisation

    Organisation.objects.create(name="Firma X", slug="firma-x", kind="company")
    page = client_for(cast.a_viewer).get(reverse("organizations:list"), {"kind": "company"})
    names = [o.name for o in page.context["page_obj"]]
    assert names == ["Firma X"]
