"""The series page's settings form loads its cooperations in one query (#18): same options, same
selection as the form's two ORM queries, and a bound form still validates against the queryset."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from ikonnekt.cooperations.models import Cooperation, Participation
from ikonnekt.core.sharing import user_cooperation_ids
from ikonnekt.indicators import forms
from tests.indicators.factories import make_series


def _orm_form(series, user):
    """The form as it was: initial value and options from the ORM (a bound form takes this path)."""
    form = forms.SettingsForm({}, instance=series, user=user)
    form.is_bound = False
    form.data = {}
    return form


def _other_coops(cast):
    other = Cooperation.objects.create(
        name="Andere Kooperation",
        form="zweckvereinbarung",
        status="active",
        owner=cast.org_z,
        visibility="cooperation",
        created_by=cast.z_admin,
    )
    Participation.objects.create(cooperation=other, organisation=cast.org_z, part="lead")
    offered = Cooperation.objects.create(
        name="Aaa Kooperation",
        form="zweckvereinbarung",
        status="active",
        owner=cast.org_a,
        visibility="cooperation",
        created_by=cast.a_editor,
    )
    Participation.objects.create(cooperation=offered, organisation=cast.org_a, part="lead")
    return other, offered


def test_unbound_form_shows_the_same_options_and_selection(cast):
    other, offered = _other_coops(cast)
    for shared in ([], [cast.coop], [cast.coop, other], [other], [offered]):
        series = make_series(
            cast, owner=cast.org_a, visibility="cooperation", created_by=cast.a_editor, shared_with=shared
        )
        for user in (cast.a_editor, cast.b_editor, cast.z_admin):
            fast = str(forms.SettingsForm(instance=series, user=user))
            assert fast == str(_orm_form(series, user))
            assert "shared_with" not in getattr(series, "_prefetched_objects_cache", {})


def test_unbound_form_loads_the_cooperations_once(cast):
    series = make_series(
        cast, owner=cast.org_a, visibility="cooperation", created_by=cast.a_editor, shared_with=[cast.coop]
    )
    user_cooperation_ids(cast.a_editor)  # the reader's cooperations: read once per request anyway
    with CaptureQueriesContext(connection) as queries:
        html = str(forms.SettingsForm(instance=series, user=cast.a_editor))
    coop_queries = [q for q in queries if "cooperations_cooperation" in q["sql"]]
    assert len(coop_queries) == 1
    assert f'<option value="{cast.coop.pk}" selected>' in html


def test_bound_form_validates_against_the_offered_cooperations(cast):
    other, _offered = _other_coops(cast)
    series = make_series(cast, owner=cast.org_a, visibility="cooperation", created_by=cast.a_editor)
    data = {
        "visibility": "cooperation",
        "licence": series.licence,
        "update_frequency": series.update_frequency,
    }
    form = forms.SettingsForm({**data, "shared_with": [other.pk]}, instance=series, user=cast.a_editor)
    assert not form.is_valid() and "shared_with" in form.errors
    form = forms.SettingsForm({**data, "shared_with": [cast.coop.pk]}, instance=series, user=cast.a_editor)
    assert form.is_valid(), form.errors
    assert list(form.cleaned_data["shared_with"]) == [cast.coop]
