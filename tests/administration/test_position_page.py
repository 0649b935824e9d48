"""The position page's latest time records written in Python (administration/position_page.py) give
the HTML the template loop gave, in German and English: names with markup, users without a full
name, notes with markup, hours with decimals, more records than are shown."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.template import engines
from django.utils import translation

from ikonnekt.administration import models as m
from ikonnekt.administration.position_page import LATEST, records_html
from tests.conftest import make_user

OLD = (
    '{% for r in records %}<tr><td>{{ r.date|date:"d.m.Y" }}</td><td>{{ r.person }}</td><td>{{ r.organisation }}'
    '</td><td class="text-end">{{ r.hours }}</td><td>{{ r.note }}</td></tr>{% empty %}<tr><td colspan="5" '
    'class="text-muted">–</td></tr>{% endfor %}'
)


@pytest.mark.parametrize("language", ["de", "en"])
def test_records_give_the_template_loops_html(cast, language):
    cast.org_b.name = "Stadt <B> & Co"
    cast.org_b.save()
    position = m.SharedPosition.objects.create(
        owner=cast.org_a, cooperation=cast.coop, title="Stelle", annual_personnel_costs=Decimal("65000")
    )
    named = make_user("named", first_name="Eva", last_name="<Wagner>")
    start = date(2026, 1, 5)
    for i in range(LATEST + 5):
        m.TimeRecord.objects.create(
            position=position,
            person=named if i % 2 else cast.a_editor,
            organisation=cast.org_b if i % 3 else cast.org_a,
            date=start + timedelta(days=i // 2),
            hours=[Decimal("7.5"), Decimal("0.25"), Decimal("12"), Decimal("1234")][i % 4]
            / (1 if i % 4 < 3 else 100),
            note="<script>&</script>" if i == LATEST else "",
        )
    with translation.override(language):
        new = records_html(position)
        old = (
            engines["django"]
            .from_string(OLD)
            .render({"records": position.time_records.select_related("person", "organisation")[:50]})
        )
    assert new == old
    assert new.count("<tr>") == LATEST
    assert "&lt;script&gt;&amp;" in new and "Stadt &lt;B&gt; &amp; Co" in new
    assert ("7,50" if language == "de" else "7.50") in new


def test_no_records(cast):
    position = m.SharedPosition.objects.create(
        owner=cast.org_a, cooperation=cast.coop, title="Stelle", annual_personnel_costs=Decimal("65000")
    )
    assert records_html(position) == engines["django"].from_string(OLD).render({"records": []})


def test_the_time_shares_group_thousands_in_german(cast, client_for):
    """Hours of a year pass 1,000: the shares table writes them grouped (German 1.039,6; seen
    ungrouped as "1039,60" in the browser)."""
    position = m.SharedPosition.objects.create(
        owner=cast.org_a, cooperation=cast.coop, title="Stelle", annual_personnel_costs=Decimal("65000"),
        visibility="platform",
    )  # fmt: skip
    m.PositionShare.objects.create(position=position, organisation=cast.org_a, planned_percent=60)
    for i in range(150):
        m.TimeRecord.objects.create(
            position=position, person=cast.a_editor, organisation=cast.org_a,
            date=date(2025, 1, 1) + timedelta(days=i % 100), hours=Decimal("6.93"),
        )  # fmt: skip
    page = (
        client_for(cast.a_editor)
        .get(position.get_absolute_url() + "?year=2025", HTTP_ACCEPT_LANGUAGE="de")
        .content.decode()
    )
    shares = page[page.index('id="time-shares"') :]
    shares = shares[: shares.index("</table>")]
    assert "1.039,50" in shares and "1039" not in shares  # 150 × 6.93 h
