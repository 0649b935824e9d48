"""The demo agreements are consistent with the KGG: kind, roles, steps and dates agree."""

import pytest
from django.core.management import call_command

from ikonnekt.administration import kgg
from ikonnekt.administration import models as m

pytestmark = pytest.mark.django_db


def test_demo_agreements_follow_their_kind_roles_and_legal_steps():
    call_command("load_demo", "--only", "administration", stdout=open("/dev/null", "w"))
    agreements = list(m.Agreement.objects.filter(is_demo=True).prefetch_related("parties__organisation"))
    assert len(agreements) >= 2
    for a in agreements:
        j = kgg.judge(a)
        assert [s.code for s in j.states] == ["SL"], a.title
        roles = [(p.organisation, p.role) for p in a.parties.all()]
        assert kgg.role_problems(a, roles, j) == [], a.title
        assert not [f for f in j.findings if f.level == "danger"], a.title
        if a.kind in ("zv_delegating", "zv_mandating"):
            assert a.title.startswith("Öffentlich-rechtliche Vereinbarung"), a.title  # § 17 KGG's own word
        if a.status == "in_force":
            for step in kgg.step_overview(a, j):
                assert step["date"], (a.title, step["label"])
            assert a.valid_from >= kgg.effective_date(a, j)
            timeline = list(a.status_changes.values_list("to_status", flat=True))
            assert timeline[-len(j.steps) - 2 :] == ["signed", *j.steps, "in_force"], a.title
    green = next(a for a in agreements if "Grüngut" in a.title)
    assert green.kind == "zv_delegating" and kgg.judge(green).steps == ["approved", "published"]
    assert {p.organisation.slug: p.role for p in green.parties.all()} == {
        "saarlouis": "taking_over",
        "nalbach": "delegating",
    }
    # the inhabitants key names the date of the counts it uses (31.12.2023, organizations.demo_statistics)
    from ikonnekt.organizations.models import InhabitantCount

    key = m.CostKey.objects.get(agreement=green, name__startswith="Einwohner")
    comp = key.components.get(basis="inhabitants")
    assert key.name == "Einwohner (31.12.2023)" and comp.reference_date.isoformat() == "2023-12-31"
    for p in green.parties.all():
        assert InhabitantCount.objects.filter(
            organisation=p.organisation, reference_date=comp.reference_date
        ).exists(), p.organisation
    staff = next(a for a in agreements if "Klimaschutz" in a.title)
    assert staff.kind == "zv_mandating" and kgg.judge(staff).steps == ["supervisory", "published"]
    assert staff.vat_status == "unclassified" and green.vat_status == "not_taxable"
    # the current year's settlement counts the shredder bookings as usage (no usage recorded this year)
    from django.utils import timezone

    from ikonnekt.administration.settlement import preview

    year = timezone.localdate().year
    if m.Booking.objects.filter(resource__is_demo=True, start__year=year, status="confirmed").exists():
        inputs, result = preview(green, year)
        usage = [
            c for k in inputs["keys"].values() for c in k["components"] if c["basis"] == "resource_usage"
        ]
        assert usage and all(float(v) > 0 for v in usage[0]["values"].values())
