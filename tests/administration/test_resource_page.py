"""The resource page's booking calendar written in Python (administration/resource_page.py) gives
the HTML the template loops gave, in German and English: today, weekends, every booking status,
organisations with and without a code, markup in names; so do the bookings table (for the owner's
editor, the booking organisation's editor and a reader) and the usage table."""

import re
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from django.template import engines
from django.test import RequestFactory
from django.utils import timezone, translation

from ikonnekt.administration import models as m
from ikonnekt.administration.resource_page import bookings_html, calendar_html, usage_html
from ikonnekt.administration.views.resources import _week_grid

OLD = (
    '<thead><tr>{% for d in calendar.0 %}<th>{{ d.day|date:"D" }}</th>{% endfor %}</tr></thead><tbody>\n'
    '{% for week in calendar %}<tr>{% for d in week %}<td class="{% if d.is_today %}table-info{% elif d.weekend %}'
    'table-light{% endif %}" style="width: 14%"><div class="text-muted">{{ d.day|date:"d.m." }}</div>'
    "{% for b in d.bookings %}<div class=\"badge {% if b.status == 'confirmed' %}text-bg-primary{% elif b.status "
    "== 'requested' %}text-bg-warning{% else %}text-bg-secondary{% endif %} text-wrap d-block mb-1\">"
    '{{ b.start|time:"H:i" }}–{{ b.end|time:"H:i" }} {{ b.organisation.code|default:b.organisation.name }}'
    "</div>{% endfor %}</td>{% endfor %}</tr>{% endfor %}\n"
)


@pytest.mark.parametrize("language", ["de", "en"])
def test_calendar_gives_the_template_loops_html(cast, language):
    cast.org_b.code, cast.org_b.name = "", "Stadt <B>"
    cast.org_b.save()
    resource = m.SharedResource.objects.create(
        owner=cast.org_a, cooperation=cast.coop, name="Häcksler", kind=m.ResourceKind.MACHINE, cost_rate=45
    )
    today = date(2026, 3, 26)  # a Thursday: the grid starts on Monday 23 March, crosses the clock change
    bookings = []
    for offset, hour, status, org in [
        (0, 7, "confirmed", cast.org_a),
        (0, 23, "requested", cast.org_b),
        (3, 9, "rejected", cast.org_b),
        (6, 0, "cancelled", cast.org_a),
        (12, 14, "confirmed", cast.org_b),
    ]:
        start = timezone.make_aware(
            datetime.combine(today + timedelta(days=offset), datetime.min.time())
        ).replace(hour=hour)
        bookings.append(
            m.Booking.objects.create(
                resource=resource,
                organisation=org,
                start=start,
                end=start + timedelta(minutes=90),
                status=status,
            )
        )
    weeks = _week_grid(bookings, today)
    with translation.override(language):
        head, rows = calendar_html(weeks)
        new = f"<thead><tr>{head}</tr></thead><tbody>\n{rows}\n"
        assert new == engines["django"].from_string(OLD).render({"calendar": weeks})
    assert "Stadt &lt;B&gt;" in new and "table-info" in new and "table-light" in new


OLD_BOOKINGS = (
    '{% load i18n %}{% for b in bookings %}<tr><td>{{ b.start|date:"D d.m.Y H:i" }}–{{ b.end|time:"H:i" }}</td>'
    "<td>{{ b.organisation }}{% if b.booked_by %} ({{ b.booked_by }}){% endif %}</td><td>{{ b.purpose }}</td>"
    '<td>{{ b.get_status_display }}</td>\n<td><form method="post" action="{% url \'administration:booking_status\' '
    'b.pk %}" class="d-flex gap-1">{% csrf_token %}{% if can_edit and b.status == \'requested\' %}<button '
    'class="btn btn-sm btn-outline-success" name="status" value="confirmed">{% translate "approve" %}</button>'
    '<button class="btn btn-sm btn-outline-danger" name="status" value="rejected">{% translate "reject" %}'
    "</button>{% endif %}{% if b.user_can_edit and b.status != 'rejected' %}<button class=\"btn btn-sm "
    'btn-outline-secondary" name="status" value="cancelled">{% translate "cancel" %}</button>{% endif %}</form>'
    '</td></tr>\n{% empty %}<tr><td colspan="5" class="text-muted">{% translate "No bookings." %}</td></tr>'
    "{% endfor %}"
)
OLD_USAGE = (
    '{% for u in usage %}<tr><td>{{ u.date|date:"d.m.Y" }}</td><td>{{ u.organisation }}</td><td class="text-end">'
    '{{ u.quantity }} {{ object.usage_unit }}</td><td>{{ u.note }}</td></tr>{% empty %}<tr><td colspan="4" '
    'class="text-muted">–</td></tr>{% endfor %}'
)


def _csrf(html):
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "CSRF", str(html))


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("username", ["a_editor", "b_editor", "b_viewer"])
def test_bookings_and_usage_give_the_template_loops_html(cast, language, username):
    cast.org_b.name = "Stadt <B> & Co"
    cast.org_b.save()
    resource = m.SharedResource.objects.create(
        owner=cast.org_a, cooperation=cast.coop, name="Häcksler", kind=m.ResourceKind.MACHINE, cost_rate=45
    )
    start = timezone.make_aware(datetime(2026, 3, 28, 22, 30))  # the night of the clock change
    for offset, status, org, booked_by, purpose in [
        (0, "confirmed", cast.org_a, cast.a_editor, "Hecke <schneiden>"),
        (1, "requested", cast.org_b, None, ""),
        (2, "rejected", cast.org_b, cast.b_editor, ""),
        (3, "requested", cast.org_a, None, "&"),
    ]:
        m.Booking.objects.create(
            resource=resource,
            organisation=org,
            booked_by=booked_by,
            start=start + timedelta(days=offset),
            end=start + timedelta(days=offset, hours=3),
            status=status,
            purpose=purpose,
        )
    for i, quantity in enumerate([Decimal("1.5"), Decimal("12"), Decimal("0.25")]):
        m.UsageRecord.objects.create(
            resource=resource,
            organisation=cast.org_b if i else cast.org_a,
            date=date(2026, 4, 1 + i),
            quantity=quantity,
            note="<i>x</i>" if i else "",
        )
    user = getattr(cast, username)
    request = RequestFactory().get("/")
    request.user = user
    can_edit = resource.can_edit(user)
    bookings = list(resource.bookings.select_related("organisation", "booked_by"))
    for b in bookings:
        b.user_can_edit = b.can_edit(user)
    with translation.override(language):
        ctx = {"bookings": bookings, "can_edit": can_edit, "csrf_token": "token"}
        assert _csrf(bookings_html(request, bookings, can_edit)) == _csrf(
            engines["django"].from_string(OLD_BOOKINGS).render(ctx)
        )
        usage = resource.usage_records.select_related("organisation")[:30]
        new_usage = usage_html(resource)
        assert new_usage == engines["django"].from_string(OLD_USAGE).render(
            {"usage": usage, "object": resource}
        )
        assert bookings_html(request, [], can_edit) == engines["django"].from_string(OLD_BOOKINGS).render(
            {"bookings": []}
        )
    assert ("1,50" if language == "de" else "1.50") in new_usage and "&lt;i&gt;" in new_usage
