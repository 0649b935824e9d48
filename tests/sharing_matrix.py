"""Generated permission matrix tests (convention 9, NetBox ViewTestCases style).

A module declares its shared model once:

    from tests.sharing_matrix import permission_matrix
    test_document_permissions = permission_matrix(Document, detail_url="documents:detail",
                                                  api_url="api:document-detail")

and gets role (admin/editor/creator/viewer/partner/outsider/anonymous) × visibility
(private/cooperation/platform/public) × action (read/write/delete/change visibility) tests,
at model level and, when URLs are given, through the pages and the API (404 when invisible).
"""

import pytest
from django.urls import reverse

from tests.factories import make

VISIBILITIES = ["private", "cooperation", "platform", "public"]
ROLES = ["a_admin", "a_editor", "a_creator", "a_viewer", "b_editor", "b_viewer", "z_admin", "anonymous"]


def default_rules(role, visibility, action):
    """The platform's sharing rule, written out independently of the implementation."""
    if action == "read":
        if role.startswith("a_"):
            return True
        if role.startswith("b_"):
            return visibility in ("cooperation", "platform", "public")
        if role == "z_admin":
            return visibility in ("platform", "public")
        return visibility == "public"
    if action == "write":
        return role in ("a_admin", "a_editor", "a_creator")
    # delete and change visibility: owner's admins and the editor who created it
    return role in ("a_admin", "a_creator")


def _subject(cast, model, role, visibility):
    creator = cast.a_editor if role == "a_creator" else cast.a_admin
    shared = [cast.coop] if visibility == "cooperation" else []
    obj = make(model, cast, owner=cast.org_a, visibility=visibility, created_by=creator, shared_with=shared)
    user = cast.a_editor if role == "a_creator" else cast.user(role)
    return obj, user


def permission_matrix(model, *, detail_url=None, api_url=None, rules=default_rules, url_kwargs=None):
    url_kwargs = url_kwargs or (lambda obj: {"pk": obj.pk})

    @pytest.mark.django_db
    @pytest.mark.parametrize("visibility", VISIBILITIES)
    @pytest.mark.parametrize("role", ROLES)
    def test_matrix(cast, client_for, role, visibility):
        obj, user = _subject(cast, model, role, visibility)
        can_read = rules(role, visibility, "read")
        assert model.objects.visible_to(user).filter(pk=obj.pk).exists() is can_read, "read"
        if user.is_authenticated:
            assert obj.can_edit(user) is rules(role, visibility, "write"), "write"
            assert obj.can_delete(user) is rules(role, visibility, "delete"), "delete"
            assert obj.can_change_visibility(user) is rules(role, visibility, "change_visibility"), (
                "visibility"
            )
        client = client_for(user)
        if detail_url:
            response = client.get(reverse(detail_url, kwargs=url_kwargs(obj)))
            if can_read:
                assert response.status_code == 200
            elif user.is_authenticated:
                assert response.status_code == 404
            else:
                assert response.status_code in (302, 404)
        if api_url:
            response = client.get(reverse(api_url, kwargs={"pk": obj.pk}))
            assert response.status_code == (200 if can_read else 404)
            if user.is_authenticated and can_read:
                response = client.delete(reverse(api_url, kwargs={"pk": obj.pk}))
                if rules(role, visibility, "delete"):
                    assert response.status_code == 204
                    assert not model.objects.filter(pk=obj.pk).exists()
                else:
                    assert response.status_code in (403, 405)
                    assert model.objects.filter(pk=obj.pk).exists()

    test_matrix.__name__ = f"test_{model._meta.model_name}_permission_matrix"
    return test_matrix
