"""Issue #20, defect 6: every field that references a shared object accepts only objects the user
may see (API serializers and forms alike); an invisible object answers 400, never "accepted".

Generated over every related field of every writable serializer: the outsider (z_admin) refers to
a private object of organisation B. A field whose model has no test factory fails the test with
what to do."""

import pytest
from rest_framework import mixins, serializers
from rest_framework.request import Request
from rest_framework.routers import DefaultRouter
from rest_framework.test import APIRequestFactory

from ikonnekt.core.registry import app_modules
from tests.factories import FACTORIES, make


def writable_viewsets():
    router = DefaultRouter()
    for _label, module in app_modules("api"):
        if hasattr(module, "register"):
            module.register(router)
    return {
        basename: viewset
        for _prefix, viewset, basename in router.registry
        if issubclass(viewset, mixins.CreateModelMixin | mixins.UpdateModelMixin)
    }


VIEWSETS = writable_viewsets()


def serializer_for(viewset, user):
    request = Request(APIRequestFactory().post("/"))
    request.user = user
    view = viewset(request=request, format_kwarg=None, action="create", kwargs={})
    cls = view.get_serializer_class()
    return cls(context={"request": request, "view": view, "format": None})


def shared_related_fields(serializer):
    for name, field in serializer.fields.items():
        if field.read_only:
            continue
        relation = field.child_relation if isinstance(field, serializers.ManyRelatedField) else field
        if not isinstance(relation, serializers.RelatedField) or relation.queryset is None:
            continue
        if hasattr(relation.queryset.model._default_manager.all(), "visible_to"):
            yield name, relation


def test_there_are_writable_serializers_with_shared_references(cast):
    found = [
        (basename, name)
        for basename, viewset in VIEWSETS.items()
        for name, _r in shared_related_fields(serializer_for(viewset, cast.z_admin))
    ]
    assert ("energy-report", "cooperation") in found
    assert len(found) >= 10


@pytest.mark.django_db
@pytest.mark.parametrize("basename", sorted(VIEWSETS))
def test_references_to_invisible_objects_are_refused(cast, basename):
    serializer = serializer_for(VIEWSETS[basename], cast.z_admin)
    missing, accepted = [], []
    for name, relation in shared_related_fields(serializer):
        model = relation.queryset.model
        if model not in FACTORIES:
            missing.append(f"{name} → {model.__name__}")
            continue
        foreign = make(
            model, cast, owner=cast.org_b, visibility="private", created_by=cast.b_editor, shared_with=[]
        )
        try:
            relation.to_internal_value(foreign.pk)
        except serializers.ValidationError:
            continue
        accepted.append(f"{name} → {model.__name__} #{foreign.pk}")
    assert not missing, f"register a factory in tests/<app>/factories.py for: {missing}"
    assert not accepted, f"{basename}: an outsider could refer to a private object: {accepted}"


@pytest.mark.django_db
def test_energy_report_with_a_foreign_cooperation_is_a_400(cast, client_for):
    from ikonnekt.energy.models import EmissionFactorSet, EnergyReport

    foreign = make(
        __import__("ikonnekt.cooperations.models", fromlist=["Cooperation"]).Cooperation,
        cast,
        owner=cast.org_b,
        visibility="private",
        created_by=cast.b_editor,
        shared_with=[],
    )
    response = client_for(cast.z_admin).post(
        "/api/v1/energy/reports/",
        {
            "title": "Bericht",
            "year": 2025,
            "factor_set": EmissionFactorSet.objects.get(method="bisko", year=2024).pk,
            "cooperation": foreign.pk,
            "owner": cast.org_z.pk,
        },
        content_type="application/json",
    )
    assert response.status_code == 400 and "cooperation" in response.json()
    assert not EnergyReport.objects.filter(cooperation=foreign).exists()


@pytest.mark.django_db
def test_forms_offer_only_visible_cooperations(cast):
    from ikonnekt.cooperations.models import Cooperation
    from ikonnekt.energy.forms import ReportForm

    foreign = make(
        Cooperation, cast, owner=cast.org_b, visibility="private", created_by=cast.b_editor, shared_with=[]
    )
    form = ReportForm(user=cast.z_admin)
    assert foreign not in form.fields["cooperation"].queryset


def shareable_forms():
    import importlib

    from ikonnekt.core.forms import ShareableForm

    for label, _module in app_modules("api"):
        try:
            importlib.import_module(f"ikonnekt.{label}.forms")
        except ModuleNotFoundError:
            pass

    def walk(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from walk(sub)

    return sorted({f"{c.__module__}.{c.__name__}": c for c in walk(ShareableForm)}.items())


@pytest.mark.django_db
def test_every_shareable_form_offers_only_visible_objects(cast):
    from django import forms

    checked, accepted = 0, []
    for name, form_class in shareable_forms():
        if getattr(form_class, "_meta", None) is None or form_class._meta.model is None:
            continue
        form = form_class(user=cast.z_admin)
        for field_name, field in form.fields.items():
            if field_name in ("owner", "shared_with") or not isinstance(field, forms.ModelChoiceField):
                continue
            model = field.queryset.model
            if not hasattr(model._default_manager.all(), "visible_to") or model not in FACTORIES:
                continue
            foreign = make(
                model, cast, owner=cast.org_b, visibility="private", created_by=cast.b_editor, shared_with=[]
            )
            checked += 1
            if field.queryset.filter(pk=foreign.pk).exists():
                accepted.append(f"{name}.{field_name}")
    assert checked >= 3
    assert not accepted, f"forms offering another organisation's private objects: {accepted}"
