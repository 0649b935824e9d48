"""Bookings count as usage for usage-based cost keys; a settlement that cannot be computed says which
party lacks which figure and links to where it is entered."""

from datetime import date, datetime, time

import pytest
from django.urls import reverse
from django.utils import timezone

from ikonnekt.administration import models as m
from ikonnekt.administration.costkeys import CostKeyError
from ikonnekt.administration.settlement import preview

pytestmark = pytest.mark.django_db


def at(day, hour):
    return timezone.make_aware(datetime.combine(day, time(hour)))


@pytest.fixture
def setup(cast):
    agreement = m.Agreement.objects.create(
        owner=cast.org_a,
        cooperation=cast.coop,
        title="Häcksler",
        kind="nutzungsvereinbarung",
        task_field="gruengut",
        visibility="cooperation",
    )
    agreement.shared_with.set([cast.coop])
    for org in (cast.org_a, cast.org_b):
        m.AgreementParty.objects.create(agreement=agreement, organisation=org)
    resource = m.SharedResource.objects.create(
        owner=cast.org_a, cooperation=cast.coop, name="Häcksler", kind="machine", visibility="cooperation"
    )
    resource.shared_with.set([cast.coop])
    key = m.CostKey.objects.create(agreement=agreement, name="Nutzung")
    m.CostKeyComponent.objects.create(
        cost_key=key, basis="resource_usage", weight_percent=100, resource=resource
    )
    m.CostItem.objects.create(
        agreement=agreement, year=2026, category="material", label="Wartung", amount=1000, cost_key=key
    )
    return agreement, resource


def test_confirmed_bookings_count_as_hours_of_usage(cast, setup):
    """A: bookings 3 h + 2 h (a cancelled 4 h booking does not count) = 5 h; B: 1.5 h booked.
    Shares 5 / 6.5 and 1.5 / 6.5 of 1,000.00 €: A 769.230… → 769.23 €, B 230.769… → 230.77 €."""
    agreement, resource = setup
    day = date(2026, 3, 4)
    for org, start, end, status in (
        (cast.org_a, 8, 11, "confirmed"),
        (cast.org_a, 13, 15, "confirmed"),
        (cast.org_a, 15, 19, "cancelled"),
        (cast.org_b, 11, 12, "confirmed"),
    ):
        m.Booking.objects.create(
            resource=resource, organisation=org, start=at(day, start), end=at(day, end), status=status
        )
    m.Booking.objects.create(
        resource=resource, organisation=cast.org_b, start=at(day, 12), end=at(day, 12).replace(minute=30)
    )
    m.Booking.objects.create(  # another year: not counted
        resource=resource,
        organisation=cast.org_b,
        start=at(date(2025, 3, 4), 8),
        end=at(date(2025, 3, 4), 18),
    )
    inputs, result = preview(agreement, 2026)
    values = inputs["keys"][next(iter(inputs["keys"]))]["components"][0]["values"]
    assert values == {str(cast.org_a.pk): "5.00", str(cast.org_b.pk): "1.50"}
    assert result["parties"][str(cast.org_a.pk)]["costs"] == "769.23"
    assert result["parties"][str(cast.org_b.pk)]["costs"] == "230.77"


def test_recorded_usage_replaces_the_bookings_of_that_party(cast, setup):
    """A recorded 2 h although it booked 3 h: A counts 2 h (never 5 h); B still counts its booked 2 h."""
    agreement, resource = setup
    day = date(2026, 5, 6)
    m.Booking.objects.create(resource=resource, organisation=cast.org_a, start=at(day, 8), end=at(day, 11))
    m.Booking.objects.create(resource=resource, organisation=cast.org_b, start=at(day, 12), end=at(day, 14))
    m.UsageRecord.objects.create(resource=resource, organisation=cast.org_a, date=day, quantity=2)
    inputs, result = preview(agreement, 2026)
    values = inputs["keys"][next(iter(inputs["keys"]))]["components"][0]["values"]
    assert values == {str(cast.org_a.pk): "2.00", str(cast.org_b.pk): "2.00"}
    assert result["parties"][str(cast.org_a.pk)]["costs"] == "500.00"


def test_no_usage_at_all_names_every_party_and_links_to_the_usage_form(cast, setup, client):
    agreement, resource = setup
    with pytest.raises(CostKeyError) as exc:
        preview(agreement, 2026)
    usage_url = reverse("administration:resource_usage", args=[resource.pk])
    assert "zero" in str(exc.value)
    assert [url for _text, url in exc.value.links] == [usage_url, usage_url]
    client.force_login(cast.a_admin)
    page = client.get(reverse("administration:agreement_settlement", args=[agreement.pk]), {"year": 2026})
    html = page.content.decode()
    assert 'id="settlement-error"' in html and f'href="{usage_url}"' in html
    assert cast.org_a.name in html and cast.org_b.name in html


def test_missing_inhabitants_name_the_party_and_link_to_where_they_are_entered(cast, setup):
    agreement, _resource = setup
    key = agreement.cost_keys.get()
    key.components.update(basis="inhabitants", reference_date=date(2025, 12, 31), resource=None)
    from ikonnekt.organizations.models import InhabitantCount

    InhabitantCount.objects.create(
        organisation=cast.org_a, reference_date=date(2025, 6, 30), inhabitants=1000
    )
    with pytest.raises(CostKeyError) as exc:
        preview(agreement, 2026)
    assert cast.org_b.name in str(exc.value) and cast.org_a.name not in str(exc.value)
    ((text, url),) = exc.value.links
    assert text.startswith(cast.org_b.name) and url.endswith(f"?organisation={cast.org_b.pk}")
