"""The resource page's booking calendar written in Python (administration/resource_page.py) gives
the HTML the template loops gave, in German and English: today, weekends, every booking status,
organisations with and without a code, markup in names."""

from datetime import date, datetime, timedelta

import pytest
from django.template import engines
from django.utils import timezone, translation

from ikonnekt.administration import models as m
from ikonnekt.administration.resource_page import calendar_html
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
