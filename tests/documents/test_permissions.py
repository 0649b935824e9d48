import pytest
from django.urls import reverse

from ikonnekt.documents.models import Document, File, Subject, Tag
from tests.factories import make
from tests.sharing_matrix import ROLES, VISIBILITIES, default_rules, permission_matrix

# Documents: DELETE through the API moves to the trash (tested below), so the API part of the
# generated matrix (which expects the row to vanish) is replaced by test_document_api_matrix.
test_document_permission_matrix = permission_matrix(Document, detail_url="documents:detail")
test_file_permission_matrix = permission_matrix(
    File, detail_url="documents:file_detail", api_url="api:file-detail"
)


def no_cooperation_sharing(role, visibility, action):
    """Filing plan subjects and tags cannot be shared with cooperations (no shared_with)."""
    if action == "read" and visibility == "cooperation":
        return role.startswith("a_")
    return default_rules(role, visibility, action)


test_subject_permission_matrix = permission_matrix(
    Subject, detail_url="documents:subject_detail", api_url="api:subject-detail", rules=no_cooperation_sharing
)
test_tag_permission_matrix = permission_matrix(Tag, api_url="api:tag-detail", rules=no_cooperation_sharing)


@pytest.mark.django_db
@pytest.mark.parametrize("visibility", VISIBILITIES)
@pytest.mark.parametrize("role", ROLES)
def test_document_api_matrix(cast, client_for, role, visibility):
    creator = cast.a_editor if role == "a_creator" else cast.a_admin
    doc = make(
        Document,
        cast,
        owner=cast.org_a,
        visibility=visibility,
        created_by=creator,
        shared_with=[cast.coop] if visibility == "cooperation" else [],
    )
    user = cast.a_editor if role == "a_creator" else cast.user(role)
    client = client_for(user)
    url = reverse("api:document-detail", kwargs={"pk": doc.pk})
    can_read = default_rules(role, visibility, "read")
    assert client.get(url).status_code == (200 if can_read else 404)
    if user.is_authenticated and can_read:
        response = client.delete(url)
        doc.refresh_from_db()
        if default_rules(role, visibility, "delete"):
            assert response.status_code == 204
            assert doc.deleted_at is not None  # in the trash, restorable
            assert client.get(url).status_code == 404
        else:
            assert response.status_code == 403
            assert doc.deleted_at is None
