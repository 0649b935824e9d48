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


def _model(relation):
    """The related model, also of a field that builds its queryset per request (``get_queryset``)."""
    queryset = relation.queryset if relation.queryset is not None else relation.get_queryset()
    return queryset.model


def shared_related_fields(serializer):
    for name, field in serializer.fields.items():
        if field.read_only:
            continue
        relation = field.child_relation if isinstance(field, serializers.ManyRelatedField) else field
        if not isinstance(relation, serializers.RelatedField):
            continue
        if relation.queryset is None and type(relation).get_queryset is serializers.RelatedField.get_queryset:
            continue  # no queryset of its own and none built per request
        if hasattr(_model(relation)._default_manager.all(), "visible_to"):
            yield name, relation


def test_there_are_writable_serializers_with_shared_references(cast):
    found = [
        (basename, name)
        for basename, viewset in VIEWSETS.items()
        for name, _r in shared_related_fields(serializer_for(viewset, cast.z_admin))
    ]
    assert ("energy-report", "cooperation") in found
    assert len(found) >= 10


def _assert_refuses_foreign_private_objects(serializer, cast, label):
    """Every writable related field of ``serializer`` refuses a private object of another organisation."""
    missing, accepted = [], []
    for field_name, relation in shared_related_fields(serializer):
        model = _model(relation)
        if model not in FACTORIES:
            missing.append(f"{field_name} → {model.__name__}")
            continue
        foreign = make(
            model, cast, owner=cast.org_b, visibility="private", created_by=cast.b_editor, shared_with=[]
        )
        try:
            relation.to_internal_value(foreign.pk)
        except serializers.ValidationError:
            continue
        accepted.append(f"{field_name} → {model.__name__} #{foreign.pk}")
    assert not missing, f"register a factory in tests/<app>/factories.py for: {missing}"
    assert not accepted, f"{label}: an outsider could refer to a private object: {accepted}"


@pytest.mark.django_db
@pytest.mark.parametrize("basename", sorted(VIEWSETS))
def test_references_to_invisible_objects_are_refused(cast, basename):
    serializer = serializer_for(VIEWSETS[basename], cast.z_admin)
    _assert_refuses_foreign_private_objects(serializer, cast, basename)


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


def defined_in(cls, module) -> bool:
    """The class is the module's own: defined in it or, for a package, in one of its modules."""
    return cls.__module__ == module.__name__ or cls.__module__.startswith(module.__name__ + ".")


def api_model_serializers():
    """Every ModelSerializer defined in an app's ``api.py``: the router's and those that custom
    actions build themselves (e.g. ``assessments/{id}/rate/``)."""
    found = {}
    for label, module in app_modules("api"):
        for name, cls in vars(module).items():
            if (
                isinstance(cls, type)
                and issubclass(cls, serializers.ModelSerializer)
                and defined_in(cls, module)
                and hasattr(cls, "Meta")  # not the abstract bases
            ):
                found[f"{label}.{name}"] = cls
    return sorted(found.items())


API_SERIALIZERS = api_model_serializers()


@pytest.mark.django_db
@pytest.mark.parametrize("name", [name for name, _cls in API_SERIALIZERS])
def test_every_api_serializer_refuses_invisible_references(cast, name):
    """Not only the router's serializers: every ModelSerializer of the API, built with the request's
    context as a view builds it, refuses a private object of another organisation in every
    writable related field."""
    request = Request(APIRequestFactory().post("/"))
    request.user = cast.z_admin
    serializer = dict(API_SERIALIZERS)[name](context={"request": request, "view": None, "format": None})
    _assert_refuses_foreign_private_objects(serializer, cast, name)


@pytest.mark.django_db
def test_a_serializer_without_request_context_refuses_every_shared_reference(cast):
    from ikonnekt.assessment.api import RatingSerializer

    serializer = RatingSerializer()  # as `rate` built it before: no request, nobody to see for
    field = serializer.fields["measure"]
    own = make(
        field.queryset.model,
        cast,
        owner=cast.org_a,
        visibility="public",
        created_by=cast.a_admin,
        shared_with=[],
    )
    with pytest.raises(serializers.ValidationError):
        field.to_internal_value(own.pk)
    request = Request(APIRequestFactory().post("/"))
    request.user = cast.a_admin
    with_request = RatingSerializer(context={"request": request})
    assert with_request.fields["measure"].to_internal_value(own.pk) == own


def all_forms():
    """Every form class defined in an app's ``forms.py`` that declares a model choice (declared
    fields and those a ModelForm derives from its model's relations)."""
    import importlib
    import inspect

    from django import forms
    from django.apps import apps

    found = {}
    for config in apps.get_app_configs():
        if not config.name.startswith("ikonnekt."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.forms")
        except ModuleNotFoundError:
            continue
        for name, cls in vars(module).items():
            if not (inspect.isclass(cls) and issubclass(cls, forms.BaseForm) and defined_in(cls, module)):
                continue
            if issubclass(cls, forms.BaseModelForm) and cls._meta.model is None:
                continue  # an abstract base of other forms
            if any(isinstance(field, forms.ModelChoiceField) for field in cls.base_fields.values()):
                found[f"{config.label}.{name}"] = cls
    return sorted(found.items())


FORMS = all_forms()


def form_context(form_class, cast, user):
    """Keyword arguments a form's ``__init__`` requires, built generically: the user, their
    organisation, and context objects (agreement, meeting …) made by the test factories for
    organisation A. Anything else fails with what to teach this function."""
    import inspect

    from ikonnekt.administration import models as adm
    from ikonnekt.indicators.registry import feeds
    from ikonnekt.organizations.models import Organisation

    by_name = {model.__name__.lower(): model for model in FACTORIES}
    aliases = {
        "position": adm.SharedPosition,
        "resource": adm.SharedResource,
        "group": adm.WorkingGroup,
        "scenario": by_name.get("greenwastescenario"),
        "cycle": by_name.get("ordercycle"),
        "node": by_name.get("goalnode"),
    }
    parameters = {}
    for klass in reversed(form_class.__mro__):  # the keyword arguments of every __init__ on the way
        if "__init__" in vars(klass) and klass.__module__.startswith("ikonnekt."):
            parameters.update(inspect.signature(klass.__init__).parameters)
    kwargs = {}
    for name, parameter in parameters.items():
        if parameter.kind != parameter.KEYWORD_ONLY:
            continue
        if name == "user":
            kwargs[name] = user
        elif name in ("active_organisation", "organisation"):
            kwargs[name] = cast.org_a
        elif name == "owners":
            kwargs[name] = Organisation.objects.filter(pk=cast.org_a.pk)
        elif name == "feed":
            kwargs[name] = feeds.all()[0]
        elif (model := aliases.get(name) or by_name.get(name)) is not None:
            kwargs[name] = make(
                model, cast, owner=cast.org_a, visibility="private", created_by=cast.a_admin, shared_with=[]
            )
        elif parameter.default is not parameter.empty:
            continue
        else:
            raise AssertionError(f"{form_class.__name__}: teach form_context to build {name!r}")
    return kwargs


def invisible_choices_accepted(form_class, cast, user):
    """``(missing factories, accepted references)``: for every model choice of a shared model in
    ``form_class``, a private object of organisation B submitted by ``user``."""
    from django import forms

    context = form_context(form_class, cast, user)
    form = form_class(**context)
    missing, accepted = [], []
    for field_name, field in form.fields.items():
        if not isinstance(field, forms.ModelChoiceField) or field.queryset is None:
            continue
        model = field.queryset.model
        if not hasattr(model._default_manager.all(), "visible_to"):
            continue
        if model not in FACTORIES:
            missing.append(f"{field_name} → {model.__name__}")
            continue
        foreign = make(
            model, cast, owner=cast.org_b, visibility="private", created_by=cast.b_editor, shared_with=[]
        )
        value = [foreign.pk] if isinstance(field, forms.ModelMultipleChoiceField) else foreign.pk
        bound = form_class(data={field_name: value}, **context)
        bound.is_valid()
        if field_name not in bound.errors or bound.fields[field_name].queryset.filter(pk=foreign.pk).exists():
            accepted.append(f"{field_name} → {model.__name__} #{foreign.pk}")
    return missing, accepted


@pytest.mark.django_db
@pytest.mark.parametrize("name", [name for name, _cls in FORMS])
def test_every_form_refuses_invisible_references(cast, name):
    """Every model choice of every form (ModelForms and plain forms, owner and shared_with
    included) refuses a private object of organisation B when a member of organisation A submits
    it: the field answers with an error, the object is not offered."""
    missing, accepted = invisible_choices_accepted(dict(FORMS)[name], cast, cast.a_admin)
    assert not missing, f"register a factory in tests/<app>/factories.py for: {missing}"
    assert not accepted, f"{name}: a private object of another organisation is accepted: {accepted}"


@pytest.mark.django_db
def test_the_form_check_catches_an_unrestricted_choice(cast):
    """The check above can fail: a plain ModelForm offering every cooperation is caught."""
    from ikonnekt.core.forms import BootstrapModelForm
    from ikonnekt.energy.models import EnergyReport

    class Unrestricted(BootstrapModelForm):
        class Meta:
            model = EnergyReport
            fields = ["cooperation"]

    assert invisible_choices_accepted(Unrestricted, cast, cast.a_admin)[1]


def test_the_form_walk_finds_the_forms_with_shared_choices():
    names = dict(FORMS)
    assert {"energy.ReportForm", "administration.ActionItemForm", "market.CheckoutForm"} <= set(names)
    assert len(names) >= 50
