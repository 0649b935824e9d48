"""The administration overview's lists (administration/overview_page.py): the deadlines computed from
the agreements read once are those of ``deadlines.upcoming``; the agreements table gives the HTML
the template loop gave, in German and English, with markup in titles and names and without a term
end."""

from datetime import date

import pytest
from django.template import engines
from django.utils import translation

from ikonnekt.administration import models as m
from ikonnekt.administration import overview_page
from ikonnekt.administration.deadlines import deadlines_of, upcoming

OLD = (
    '{% load i18n %}{% for a in agreements %}<tr><td><a href="{{ a.get_absolute_url }}">{{ a.title }}</a></td>'
    '<td class="small"><a href="{% url \'administration:cooperation\' a.cooperation_id %}">{{ a.cooperation }}'
    '</a></td><td class="small">{{ a.get_kind_display }}</td><td><span class="badge text-bg-secondary">'
    '{{ a.get_status_display }}</span></td><td>{{ a.term_end|date:"d.m.Y"|default:"–" }}</td></tr>\n'
    '{% empty %}<tr><td colspan="5" class="text-muted">{% translate "No agreements yet." %}</td></tr>{% endfor %}'
)


@pytest.mark.parametrize("language", ["de", "en"])
def test_agreements_and_deadlines(cast, language):
    cast.coop.name = "Kooperation <A> & B"
    cast.coop.save()
    today = date(2026, 12, 7)
    for title, status, term_end, renewal in [
        ("Bauhof <alt>", "in_force", date(2027, 3, 31), 0),
        ("Bauhof & Co", "in_force", date(2027, 12, 31), 12),
        ("Entwurf", "draft", None, 0),
        ("Gekündigt", "notice_given", date(2027, 1, 31), 0),
        ("Abgelaufen", "in_force", date(2025, 1, 31), 0),
    ]:
        agreement = m.Agreement.objects.create(
            owner=cast.org_a,
            cooperation=cast.coop,
            title=title,
            kind=m.AgreementKind.ZWECKVEREINBARUNG_MANDATING,
            status=status,
            term_end=term_end,
            renewal_months=renewal,
            notice_period_months=6,
        )
        m.AgreementParty.objects.create(agreement=agreement, organisation=cast.org_a)
        m.AgreementParty.objects.create(agreement=agreement, organisation=cast.org_b)
    user, org_ids = cast.a_editor, [cast.org_a.pk, cast.org_b.pk]
    agreements = overview_page.agreements(user, org_ids)
    assert len(agreements) == 5
    with translation.override(language):
        new = deadlines_of(agreements, today)
        old = upcoming(user, today, within_days=365)
        assert [(a.pk, d.kind, d.date, d.label, left) for a, d, left in new] == [
            (a.pk, d.kind, d.date, d.label, left) for a, d, left in old
        ]
        assert new
        html = overview_page.agreements_html(agreements)
        assert html == engines["django"].from_string(OLD).render(
            {"agreements": m.Agreement.objects.filter(pk__in=[a.pk for a in agreements]).order_by("title")}
        )
        assert overview_page.agreements_html([]) == engines["django"].from_string(OLD).render(
            {"agreements": []}
        )
    assert "Bauhof &lt;alt&gt;" in html and "Kooperation &lt;A&gt; &amp; B" in html and "<td>–</td>" in html
