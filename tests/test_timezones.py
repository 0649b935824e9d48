"""Times are stored in UTC and shown in Europe/Berlin, the same in every channel, in winter and summer.

GIVEN an order cycle's pickup window, a meeting and a booking created at 09:00–12:00 local time
      on a winter day (UTC+1) and on a summer day (UTC+2)
WHEN  they are shown on the page, mailed, printed to PDF, exported to iCal and read through the API
THEN  every channel says 09:00 and 12:00 local time (and iCal/API carry the right UTC instant).
"""

import datetime as dt
import io
from decimal import Decimal as D
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.core import mail
from django.urls import reverse
from pdfminer.high_level import extract_text

from ikonnekt.administration import models as am
from ikonnekt.administration.notify import send_meeting_invitation
from ikonnekt.administration.statements import minutes_pdf
from ikonnekt.market.models import Order, OrderStatus, PickupPoint
from tests.administration.factories import make_group, make_resource
from tests.conftest import make_user
from tests.market.factories import make_cycle, make_variant

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")
# 09:00 local is 08:00 UTC in winter (CET) and 07:00 UTC in summer (CEST).
SEASONS = {
    "winter": (dt.datetime(2027, 1, 15, 9, 0, tzinfo=BERLIN), "08:00", "+01:00"),
    "summer": (dt.datetime(2027, 7, 15, 9, 0, tzinfo=BERLIN), "07:00", "+02:00"),
}


@pytest.fixture(params=sorted(SEASONS))
def season(request):
    start, utc_hour, offset = SEASONS[request.param]
    return start, start + dt.timedelta(hours=3), utc_hour, offset


def _text(response):
    return response.content.decode()


def test_season_fixture_really_differs_in_utc():
    # guard: the two days are 1 h apart in UTC, so a UTC leak is caught in one of them at least
    winter, summer = SEASONS["winter"][0], SEASONS["summer"][0]
    assert winter.astimezone(dt.UTC).hour == 8 and summer.astimezone(dt.UTC).hour == 7


def test_pickup_window_is_the_same_in_checkout_order_page_mail_and_api(
    season, cast, client_for, django_capture_on_commit_callbacks
):
    start, end, _utc, offset = season
    cycle = make_cycle(cast, owner=cast.org_b, visibility="public", created_by=cast.b_editor)
    cycle.pickup_points.all().delete()
    point = PickupPoint.objects.create(
        cycle=cycle,
        name="Rathaus Nalbach",
        address="Rathausplatz 1",
        municipality="Nalbach",
        pickup_from=start,
        pickup_until=end,
    )
    variant = make_variant(cast, owner=cast.org_a, visibility="public", price=D("4.60"))
    cycle.variants.set([variant])
    customer = make_user("kundin-tz")
    client = client_for(customer)
    client.post(reverse("market:cycle_detail", args=[cycle.pk]), {f"q_{variant.pk}": "1"})
    window = f"{start:%d.%m.} 09:00–12:00"

    checkout = _text(client.get(reverse("market:checkout", args=[cycle.pk])))
    assert window in checkout

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("market:checkout", args=[cycle.pk]), {"pickup_point": point.pk})
    order = Order.objects.get(customer=customer, status=OrderStatus.PLACED)
    assert window in _text(client.get(reverse("market:order_detail", args=[order.pk])))

    body = mail.outbox[-1].body
    assert f"{start:%d.%m.%Y} 09:00 – 12:00" in body

    api = client.get(reverse("api:marketcycle-detail", args=[cycle.pk])).json()
    assert api["pickup_points"][0]["pickup_from"] == f"{start:%Y-%m-%d}T09:00:00{offset}"
    assert api["pickup_points"][0]["pickup_until"] == f"{start:%Y-%m-%d}T12:00:00{offset}"


def test_meeting_time_is_the_same_on_page_mail_pdf_ical_and_api(season, cast, client_for):
    start, end, utc_hour, offset = season
    group = make_group(cast, owner=cast.org_a, created_by=cast.a_editor)
    meeting = am.Meeting.objects.create(group=group, title="Sitzung", kind="vision", start=start, end=end)
    client = client_for(cast.a_editor)

    page = _text(client.get(reverse("administration:meeting_detail", args=[meeting.pk])))
    assert f"{start:%d.%m.%Y} 09:00–12:00" in page

    send_meeting_invitation(meeting, [cast.a_viewer])
    invitation = mail.outbox[-1]
    assert "09:00" in invitation.body and f"{utc_hour}" not in invitation.body.replace("09:00", "")

    pdf = extract_text(io.BytesIO(minutes_pdf(meeting)))
    assert f"{start:%d.%m.%Y} 09:00–12:00" in pdf

    for ics in (
        client.get(reverse("administration:meeting_ics", args=[meeting.pk])).content,
        invitation.attachments[0][1],
    ):
        event = icalendar.Calendar.from_ical(ics).walk("VEVENT")[0]
        assert event.decoded("dtstart").astimezone(BERLIN) == start
        assert event.decoded("dtend").astimezone(BERLIN) == end

    api = client.get(reverse("api:meeting-detail", args=[meeting.pk])).json()
    assert api["start"] == f"{start:%Y-%m-%d}T09:00:00{offset}"


def test_booking_time_is_the_same_on_page_and_api_and_stored_in_utc(season, cast, client_for):
    start, end, utc_hour, offset = season
    resource = make_resource(cast, owner=cast.org_a, created_by=cast.a_editor)
    booking = am.Booking.objects.create(
        resource=resource, organisation=cast.org_a, start=start, end=end, status="confirmed"
    )
    booking.refresh_from_db()
    assert booking.start.astimezone(dt.UTC).strftime("%H:%M") == utc_hour
    client = client_for(cast.a_editor)

    page = _text(client.get(reverse("administration:resource_detail", args=[resource.pk])))
    assert f"{start:%d.%m.%Y} 09:00–12:00" in page

    api = client.get(reverse("api:booking-detail", args=[booking.pk])).json()
    assert api["start"] == f"{start:%Y-%m-%d}T09:00:00{offset}"
    assert api["end"] == f"{start:%Y-%m-%d}T12:00:00{offset}"
