"""Each kind of agreement walks through the workflow the state law requires (administration/kgg.py).

GIVEN the test cast: A (owner) and B in cooperation C. A and B get the AGS of their state.
Saarland: § 17, § 18 KGG; Thüringen: §§ 12, 13 ThürKGG; Brandenburg: §§ 1, 8 GKGBbg.
"""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from ikonnekt.administration import actions, kgg
from ikonnekt.administration import models as m
from ikonnekt.core.audit import Actor

pytestmark = pytest.mark.django_db

SAARLAND_AGS, THUERINGEN_AGS, BRANDENBURG_AGS = "10044119", "16051000", "12071372"


def actor(user):
    return Actor(user=user)


def make(cast, kind, owner_role, partner_role, *, ags=(SAARLAND_AGS, SAARLAND_AGS), **fields):
    cast.org_a.ags, cast.org_b.ags = ags
    cast.org_a.save(update_fields=["ags"])
    cast.org_b.save(update_fields=["ags"])
    defaults = {"term_end": date(2029, 12, 31), "notice_period_months": 6}
    defaults.update(fields)
    agreement = m.Agreement(
        owner=cast.org_a,
        cooperation=cast.coop,
        title=f"Vereinbarung {kind}",
        kind=kind,
        task_field="bauhof",
        visibility="cooperation",
        created_by=cast.a_admin,
        **defaults,
    )

    def save():
        agreement.save()
        agreement.shared_with.set([cast.coop])
        return agreement

    return actions.create_agreement(
        actor(cast.a_admin), cast.org_a.pk, save, [(cast.org_b, partner_role)], owner_role=owner_role
    )


def decide_and_sign(cast, agreement, signed_on):
    for org in (cast.org_a, cast.org_b):
        actions.record_council_decision(
            actor(cast.a_admin),
            agreement,
            organisation=org,
            body="Gemeinderat",
            decided_on=signed_on - timedelta(days=5),
            resolution_number=f"{org.pk}/1",
        )
    return actions.change_status(actor(cast.a_admin), agreement, "signed", on=signed_on)


def step(cast, agreement, to, on, reference=""):
    return actions.change_status(actor(cast.a_admin), agreement, to, on=on, reference=reference)


def test_delegating_agreement_needs_approval_and_publication_and_takes_effect_the_day_after(cast):
    """§ 18 Abs. 1 Satz 2 (approval), Satz 5 (publication), Abs. 2 (day after publication) KGG."""
    today = timezone.localdate()
    a = make(cast, "zv_delegating", "taking_over", "delegating")
    assert {p.role for p in a.parties.all()} == {"taking_over", "delegating"}
    decide_and_sign(cast, a, today - timedelta(days=20))
    a.refresh_from_db()
    assert actions.next_statuses(a) == ["approved"]  # neither in force nor notice nor publication yet
    for too_early in ("in_force", "published", "supervisory"):
        with pytest.raises(ValidationError, match="cannot move"):
            step(cast, a, too_early, today)
    with pytest.raises(ValidationError, match="file reference"):
        step(cast, a, "approved", today - timedelta(days=10))
    with pytest.raises(ValidationError, match="before the previous step"):
        step(cast, a, "approved", today - timedelta(days=30), "Az. 15/2026")
    a = step(cast, a, "approved", today - timedelta(days=10), "Az. 15/2026")
    assert actions.next_statuses(a) == ["published"]
    with pytest.raises(ValidationError, match="where the agreement was published"):
        step(cast, a, "published", today - timedelta(days=3))
    step(cast, a, "published", today - timedelta(days=3), "Amtsblatt des Saarlandes 2026 S. 10")
    # publication on today-3: effect on today-2 (the day after); not on the day of publication itself
    with pytest.raises(ValidationError, match="takes effect only on"):
        step(cast, a, "in_force", today - timedelta(days=3))
    a = step(cast, a, "in_force", today)
    assert a.status == "in_force"
    assert a.valid_from == today - timedelta(days=2)
    assert a.approval_reference == "Az. 15/2026"
    assert a.publication_reference.startswith("Amtsblatt")


def test_a_later_date_named_in_the_agreement_postpones_the_effect(cast):
    """§ 18 Abs. 2 KGG: "sofern in ihr nicht ein späterer Zeitpunkt festgesetzt ist"."""
    today = timezone.localdate()
    a = make(
        cast, "zv_delegating", "taking_over", "delegating", effective_from_agreed=today + timedelta(days=30)
    )
    decide_and_sign(cast, a, today - timedelta(days=20))
    step(cast, a, "approved", today - timedelta(days=10), "Az. 1")
    step(cast, a, "published", today - timedelta(days=5), "Amtsbl.")
    a.refresh_from_db()
    assert kgg.effective_date(a, kgg.judge(a)) == today + timedelta(days=30)
    with pytest.raises(ValidationError, match="takes effect only on"):
        step(cast, a, "in_force", today)
    a.refresh_from_db()
    assert a.status == "published" and a.valid_from is None


def test_mandating_agreement_needs_notice_not_approval(cast):
    """§ 18 Abs. 1 Satz 3 KGG: notice (Anzeige) for mandating agreements, then publication."""
    today = timezone.localdate()
    a = make(cast, "zv_mandating", "mandated", "mandating")
    decide_and_sign(cast, a, today - timedelta(days=20))
    a.refresh_from_db()
    assert actions.next_statuses(a) == ["supervisory"]
    with pytest.raises(ValidationError, match="cannot move"):
        step(cast, a, "approved", today, "Az.")
    step(cast, a, "supervisory", today - timedelta(days=15))
    step(cast, a, "published", today - timedelta(days=8), "Amtsbl.")
    a = step(cast, a, "in_force", today)
    assert a.valid_from == today - timedelta(days=7)
    assert a.supervisory_notice_on == today - timedelta(days=15)


def test_special_purpose_association_statute_needs_approval_and_publication(cast):
    today = timezone.localdate()
    a = make(cast, "zweckverband", "member", "member")
    decide_and_sign(cast, a, today - timedelta(days=20))
    a.refresh_from_db()
    assert kgg.judge(a).steps == ["approved", "published"]
    step(cast, a, "approved", today - timedelta(days=10), "Az. ZV")
    step(cast, a, "published", today - timedelta(days=2), "Amtsbl.")
    assert step(cast, a, "in_force", today).valid_from == today - timedelta(days=1)


@pytest.mark.parametrize("kind", ["arbeitsgemeinschaft", "nutzungsvereinbarung", "vertrag"])
def test_working_group_and_contracts_outside_the_kgg_take_effect_on_signature(cast, kind):
    today = timezone.localdate()
    a = make(cast, kind, "equal", "equal")
    decide_and_sign(cast, a, today - timedelta(days=4))
    a.refresh_from_db()
    assert actions.next_statuses(a) == ["in_force"]
    assert step(cast, a, "in_force", today).valid_from == today - timedelta(days=4)


def test_roles_must_fit_the_kind_and_exactly_one_party_takes_the_task_over(cast):
    today = timezone.localdate()
    with pytest.raises(ValidationError, match="does not fit"):
        make(cast, "zv_delegating", "taking_over", "mandating")
    a = make(cast, "zv_delegating", "taking_over", "taking_over")
    with pytest.raises(ValidationError, match="Exactly one party must be the taking-over"):
        decide_and_sign(cast, a, today - timedelta(days=2))
    # the owner corrects B's role; then it can be signed
    actions.add_party(actor(cast.a_admin), a, cast.org_b, "delegating")
    a.refresh_from_db()
    assert a.status == "council"
    assert (
        actions.change_status(actor(cast.a_admin), a, "signed", on=today - timedelta(days=2)).status
        == "signed"
    )
    with pytest.raises(ValidationError, match="amendment"):
        actions.add_party(actor(cast.a_admin), a, cast.org_b, "taking_over")


def test_long_term_without_termination_right_is_flagged_and_cannot_be_signed(cast):
    """§ 17 Abs. 3 KGG: over ten years or open-ended needs termination rights."""
    today = timezone.localdate()
    a = make(cast, "zv_mandating", "mandated", "mandating", term_end=None)
    findings = kgg.judge(a).findings
    assert [f.paragraph for f in findings if f.level == "danger"] == ["§ 17 Abs. 3 KGG"]
    with pytest.raises(ValidationError, match="termination right"):
        decide_and_sign(cast, a, today - timedelta(days=2))
    m.Agreement.objects.filter(pk=a.pk).update(termination_right=True)
    a.refresh_from_db()
    assert not [f for f in kgg.judge(a).findings if f.level == "danger"]
    assert (
        actions.change_status(actor(cast.a_admin), a, "signed", on=today - timedelta(days=2)).status
        == "signed"
    )


def test_ten_year_limit_counts_from_the_start_and_automatic_renewal_is_open_ended(cast):
    a = make(cast, "zv_mandating", "mandated", "mandating", effective_from_agreed=date(2027, 1, 1))
    a.term_end = date(2036, 12, 31)  # 10 years exactly: not more than ten
    assert not kgg.is_long_term(a, 10)
    a.term_end = date(2037, 1, 2)
    assert kgg.is_long_term(a, 10)
    a.term_end, a.renewal_months = date(2028, 12, 31), 12
    assert kgg.is_long_term(a, 10)


def test_thuringian_mandate_takes_effect_on_signature_after_notice_and_allows_twenty_years(cast):
    """§ 12 Abs. 2 ThürKGG (effect once signed), § 13 Abs. 3 ThürKGG (20 years)."""
    today = timezone.localdate()
    a = make(
        cast,
        "zv_mandating",
        "mandated",
        "mandating",
        ags=(THUERINGEN_AGS, THUERINGEN_AGS),
        effective_from_agreed=date(2020, 1, 1),
        term_end=date(2035, 12, 31),  # 15 years: fine in Thuringia, too long in Saarland
    )
    j = kgg.judge(a)
    assert [s.code for s in j.states] == ["TH"] and not j.findings
    assert j.steps == ["supervisory"]
    decide_and_sign(cast, a, today - timedelta(days=6))
    step(cast, a, "supervisory", today - timedelta(days=1))
    assert step(cast, a, "in_force", today).valid_from == today - timedelta(days=6)


def test_brandenburg_publication_by_the_parties_and_cross_state_warning(cast):
    a = make(cast, "zv_mandating", "mandated", "mandating", ags=(BRANDENBURG_AGS, BRANDENBURG_AGS))
    j = kgg.judge(a)
    assert j.steps == ["supervisory", "published"]
    assert "§ 8 Abs. 1 GKGBbg" in j.paragraphs("published")
    mixed = make(cast, "zv_delegating", "taking_over", "delegating", ags=(SAARLAND_AGS, BRANDENBURG_AGS))
    j = kgg.judge(mixed)
    assert j.cross_state and {s.code for s in j.states} == {"SL", "BB"}
    warning = next(f for f in j.findings if f.level == "warning")
    assert "state treaty" in warning.text and "§ 1 Abs. 4 GKGBbg" in warning.paragraph
    # the requirements of both states apply: approval (Saarland), notice (Brandenburg), publication
    assert j.steps == ["approved", "supervisory", "published"]


def test_without_any_ags_the_home_state_is_assumed_and_said(cast):
    a = make(cast, "zv_delegating", "taking_over", "delegating", ags=("", ""))
    j = kgg.judge(a)
    assert j.assumed_state and j.states[0].code == "SL"
    assert any("assumed" in f.text for f in j.findings)


def test_detail_page_names_the_steps_with_their_paragraphs(cast, client):
    today = timezone.localdate()
    a = make(cast, "zv_delegating", "taking_over", "delegating")
    decide_and_sign(cast, a, today - timedelta(days=20))
    step(cast, a, "approved", today - timedelta(days=10), "Az. 15/2026")
    client.force_login(cast.a_admin)
    page = client.get(reverse("administration:agreement_detail", args=[a.pk])).content.decode()
    assert "§ 18 Abs. 1 Satz 2 KGG" in page and "§ 18 Abs. 2 KGG" in page and "Az. 15/2026" in page
    assert 'value="published"' in page and 'value="in_force"' not in page
    assert "StateLaw(" not in page and "(Saarland)" in page
