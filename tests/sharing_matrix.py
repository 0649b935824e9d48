"""Generated permission matrix tests (convention 9, NetBox ViewTestCases style).

A module declares its shared model once:

    from tests.sharing_matrix import permission_matrix
    test_document_permissions = permission_matrix(Document, detail_url="documents:detail",
                                                  api_url="api:document-detail")

and gets role (admin/editor/creator/viewer/partner/outsider/anonymous) × visibility
(private/cooperation/platform/public) × action (read/write/delete/change visibility) tests,
at model level and, when URLs are given, through the pages and the API (404 when invisible).
"""

from functools import cache

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


# --- children: objects that are visible if their parent is (core.sharing.SharedChild) -------------


def shared_child_models():
    """Every concrete model that inherits ``SharedChild``, found by subclass (not a hand list)."""
    from django.apps import apps

    from ikonnekt.core.sharing import SharedChild

    return sorted((m for m in apps.get_models() if issubclass(m, SharedChild)), key=lambda m: m._meta.label)


def _placeholder(field):
    """A valid value for a required field the permission test does not care about."""
    import datetime as dt
    from decimal import Decimal

    from django.db import models as m

    if field.choices:
        return field.choices[0][0]
    if isinstance(field, m.DateTimeField):
        return dt.datetime(2025, 1, 1, 8, tzinfo=dt.UTC)
    if isinstance(field, m.DateField):
        return dt.date(2025, 1, 1)
    if isinstance(field, m.TimeField):
        return dt.time(8)
    if isinstance(field, m.DurationField):
        return dt.timedelta(hours=1)
    if isinstance(field, m.BooleanField):
        return False
    if isinstance(field, m.DecimalField):
        return Decimal("1")
    if isinstance(field, m.FloatField):
        return 1.0
    if isinstance(field, m.IntegerField):
        return 1
    if isinstance(field, m.EmailField):
        return "test@example.org"
    if isinstance(field, m.URLField):
        return "https://example.org/"
    if isinstance(field, m.FileField):
        return "test/placeholder.txt"
    if isinstance(field, m.JSONField):
        return {}
    if isinstance(field, m.CharField | m.TextField):
        return "Test"[: field.max_length or 4]
    raise LookupError(field)


def make_child(model, cast, **kwargs):
    """A saved ``model`` below a parent made with ``kwargs`` (owner, visibility, created_by,
    shared_with): the app's factory if it registered one, else the parent's factory (or, for a
    child of a child, this function) and placeholder values for the other required fields.
    Organisations referred to are the parent's owner, users the parent's creator."""
    from django.conf import settings

    from tests.factories import FACTORIES

    if model in FACTORIES:
        return FACTORIES[model](cast, **kwargs)
    parent_field = model.sharing_parent.split("__")[0]
    if parent_field != model.sharing_parent:
        raise LookupError(f"{model.__name__}: register a factory (sharing_parent is a path)")
    values = {}
    for field in model._meta.concrete_fields:
        if field.primary_key or getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            continue
        related = field.related_model if field.is_relation else None
        people = related is not None and related._meta.label in (
            "organizations.Organisation",
            settings.AUTH_USER_MODEL,
        )
        if (field.has_default() or field.null) and not people:
            continue
        if related is not None:
            if field.name == parent_field or related in FACTORIES or hasattr(related, "sharing_parent"):
                values[field.name] = _make_any(related, cast, **kwargs)
            elif related._meta.label == "organizations.Organisation":
                values[field.name] = kwargs["owner"]
            elif related._meta.label == settings.AUTH_USER_MODEL:
                values[field.name] = kwargs.get("created_by") or cast.a_admin
            else:
                existing = related._default_manager.order_by("pk").first()
                if existing is None:
                    raise LookupError(f"{model.__name__}.{field.name}: register a factory")
                values[field.name] = existing
        else:
            values[field.name] = _placeholder(field)
    return model._base_manager.create(**values)


def _make_any(model, cast, **kwargs):
    from tests.factories import FACTORIES

    if model in FACTORIES:
        return FACTORIES[model](cast, **kwargs)
    return make_child(model, cast, **kwargs)


@cache
def _api_detail_urls(model):
    """``api:<basename>-detail`` of every API viewset over ``model`` (read and write methods)."""
    from rest_framework.routers import DefaultRouter

    from ikonnekt.core.registry import app_modules

    router = DefaultRouter()
    for _label, module in app_modules("api"):
        if hasattr(module, "register"):
            module.register(router)
    found = []
    for _prefix, viewset, basename in router.registry:
        queryset = getattr(viewset, "queryset", None)
        if queryset is not None and queryset.model is model:
            found.append((basename, viewset))
    return found


def child_permission_matrix(model, cast, client_for, visibility, rules=default_rules):
    """Role × parent visibility for one child model: reading follows the parent (the page and the
    API answer 404 when the parent is invisible), writing needs the right to edit the parent."""
    from django.urls import NoReverseMatch

    shared = [cast.coop] if visibility == "cooperation" else []
    # the parent's creator is an editor: for a child the creator has no right of their own
    obj = make_child(
        model, cast, owner=cast.org_a, visibility=visibility, created_by=cast.a_editor, shared_with=shared
    )
    for role in ROLES:
        user = cast.a_editor if role == "a_creator" else cast.user(role)
        can_read = rules(role, visibility, "read")
        can_write = rules(role, visibility, "write")
        where = f"{model._meta.label} {role} {visibility}"
        assert model.objects.visible_to(user).filter(pk=obj.pk).exists() is can_read, f"read: {where}"
        assert obj.can_view(user) is can_read, f"can_view: {where}"
        assert model.objects.editable_by(user).filter(pk=obj.pk).exists() is can_write, f"editable: {where}"
        if user.is_authenticated:
            assert obj.can_edit(user) is can_write, f"write: {where}"
            if not can_write:
                assert not obj.can_delete(user), f"delete: {where}"
        client = client_for(user)
        url = obj.get_absolute_url()
        response = client.get(url)
        if can_read:  # the page, or a redirect to the parent's page that answers 200
            if response.status_code in (301, 302):
                response = client.get(response["Location"])
            assert response.status_code == 200, f"page {url}: {where}"
        elif user.is_authenticated:
            assert response.status_code == 404, f"page {url}: {where}"
        else:
            assert response.status_code in (302, 404), f"page {url}: {where}"
        for basename, viewset in _api_detail_urls(model):
            try:
                detail = reverse(f"api:{basename}-detail", kwargs={"pk": obj.pk})
            except NoReverseMatch:
                continue
            response = client.get(detail)
            if not user.is_authenticated:  # endpoints for members answer 401/403 to anonymous visitors
                expected = (200, 401, 403) if can_read else (401, 403, 404)
                assert response.status_code in expected, f"api {detail}: {where}"
                continue
            assert response.status_code == (200 if can_read else 404), f"api {detail}: {where}"
            if not can_read:  # lists may narrow further (e.g. my action items), never widen
                listed = client.get(reverse(f"api:{basename}-list"), {"page_size": 1000})
                data = listed.json() if listed.status_code == 200 else []
                rows = data.get("results", []) if isinstance(data, dict) else data
                assert obj.pk not in {row.get("id") for row in rows}, f"api list: {where}"
            if can_write:
                continue
            if "partial_update" in dir(viewset):
                response = client.patch(detail, {}, content_type="application/json")
                assert response.status_code in ((403, 405) if can_read else (404, 405)), f"api patch: {where}"
            if "destroy" in dir(viewset):
                response = client.delete(detail)
                assert response.status_code in ((403, 405) if can_read else (404, 405)), (
                    f"api delete: {where}"
                )
                assert model.objects.filter(pk=obj.pk).exists(), f"api delete: {where}"
