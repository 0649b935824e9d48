"""Factories of joint-administration objects for the generated permission and IDOR tests."""

from datetime import date, datetime, timedelta
from decimal import Decimal

from django.utils import timezone

from ikonnekt.administration import models as m
from tests.factories import factory


def _shared(obj, shared_with):
    if shared_with:
        obj.shared_with.set(shared_with)
    return obj


@factory(m.Agreement)
def make_agreement(cast, *, owner, visibility="private", created_by=None, shared_with=()):
    agreement = m.Agreement.objects.create(
        owner=owner,
        visibility=visibility,
        created_by=created_by,
        cooperation=cast.coop,
        title="Zweckvereinbarung Bauhof",
        kind=m.AgreementKind.ZWECKVEREINBARUNG_MANDATING,
        task_field="bauhof",
    )
    m.AgreementParty.objects.create(agreement=agreement, organisation=owner)
    return _shared(agreement, shared_with)


@factory(m.SharedPosition)
def make_position(cast, *, owner, visibility="private", created_by=None, shared_with=()):
    position = m.SharedPosition.objects.create(
        owner=owner,
        visibility=visibility,
        created_by=created_by,
        cooperation=cast.coop,
        title="Klimaschutzmanager*in",
        annual_personnel_costs=Decimal("65000"),
    )
    return _shared(position, shared_with)


@factory(m.SharedResource)
def make_resource(cast, *, owner, visibility="private", created_by=None, shared_with=()):
    resource = m.SharedResource.objects.create(
        owner=owner,
        visibility=visibility,
        created_by=created_by,
        cooperation=cast.coop,
        name="Häcksler",
        kind=m.ResourceKind.MACHINE,
        cost_rate=Decimal("45"),
    )
    return _shared(resource, shared_with)


@factory(m.WorkingGroup)
def make_group(cast, *, owner, visibility="private", created_by=None, shared_with=()):
    group = m.WorkingGroup.objects.create(
        owner=owner,
        visibility=visibility,
        created_by=created_by,
        cooperation=cast.coop,
        name="AK Klimaschutz",
    )
    return _shared(group, shared_with)


def _agreement_with_costs(cast, **kw):
    agreement = make_agreement(cast, **kw)
    key = m.CostKey.objects.create(agreement=agreement, name="gleich")
    m.CostKeyComponent.objects.create(cost_key=key, basis="equal", weight_percent=100)
    return agreement, key


@factory(m.CostItem)
def make_cost_item(cast, **kw):
    agreement, key = _agreement_with_costs(cast, **kw)
    return m.CostItem.objects.create(
        agreement=agreement,
        year=2025,
        category="material",
        label="Material",
        amount=Decimal("100"),
        cost_key=key,
    )


@factory(m.Settlement)
def make_settlement(cast, **kw):
    agreement, key = _agreement_with_costs(cast, **kw)
    m.CostItem.objects.create(
        agreement=agreement,
        year=2025,
        category="material",
        label="Material",
        amount=Decimal("100"),
        cost_key=key,
    )
    from ikonnekt.administration.costkeys import settle
    from ikonnekt.administration.settlement import freeze_inputs

    inputs = freeze_inputs(agreement, 2025)
    result = settle(inputs)
    return m.Settlement.objects.create(
        agreement=agreement, year=2025, inputs=inputs, result=result, total=Decimal(result["total"])
    )


@factory(m.Booking)
def make_booking(cast, **kw):
    resource = make_resource(cast, **kw)
    start = timezone.make_aware(
        datetime.combine(date.today() + timedelta(days=7), datetime.min.time()).replace(hour=9)
    )
    return m.Booking.objects.create(
        resource=resource, organisation=kw["owner"], start=start, end=start + timedelta(hours=2)
    )


@factory(m.Meeting)
def make_meeting(cast, **kw):
    group = make_group(cast, **kw)
    start = timezone.now() + timedelta(days=3)
    return m.Meeting.objects.create(
        group=group, title="Sitzung", kind="vision", start=start, end=start + timedelta(hours=2)
    )


@factory(m.IdeaCard)
def make_idea(cast, **kw):
    meeting = make_meeting(cast, **kw)
    return m.IdeaCard.objects.create(meeting=meeting, text="Repair-Café")


@factory(m.ActionItem)
def make_action_item(cast, **kw):
    meeting = make_meeting(cast, **kw)
    return m.ActionItem.objects.create(
        meeting=meeting,
        title="Angebot einholen",
        assignee=kw.get("created_by") or cast.a_admin,
        due_on=date.today() + timedelta(days=10),
    )


@factory(m.AgendaItem)
def make_agenda_item(cast, **kw):
    return m.AgendaItem.objects.create(meeting=make_meeting(cast, **kw), title="Haushalt 2026")


@factory(m.CostKey)
def make_cost_key(cast, **kw):
    return m.CostKey.objects.create(agreement=make_agreement(cast, **kw), name="Einwohnerschlüssel")


@factory(m.AgreementParty)
def make_party(cast, **kwargs):
    """The agreement's owner is its first party."""
    return make_agreement(cast, **kwargs).parties.get()
