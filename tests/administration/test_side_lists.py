"""The deadline and action-item lists written in Python (administration/side_lists.py) give the HTML
the included templates gave, in German and English: deadlines in each badge range and none, overdue,
done and later action items with and without a full assignee name and none, markup in every text."""

import re
from datetime import date, timedelta

import pytest
from django.template import engines
from django.test import RequestFactory
from django.utils import timezone, translation

from ikonnekt.administration import models as m
from ikonnekt.administration import side_lists
from ikonnekt.administration.reminders import Deadline
from tests.conftest import make_user

OLD_DEADLINES = (
    '{% load i18n %}<ul class="list-group list-group-flush" id="deadline-list">\n{% for agreement, deadline, left '
    'in deadlines %}<li class="list-group-item small d-flex justify-content-between"><span><strong>{{ deadline.'
    'date|date:"d.m.Y" }}</strong> · {{ deadline.label }}: <a href="{{ agreement.get_absolute_url }}">{{ '
    'agreement.title }}</a></span><span class="badge {% if left <= 30 %}text-bg-danger{% elif left <= 90 %}'
    'text-bg-warning{% else %}text-bg-light{% endif %}">{% blocktranslate count days=left %}in {{ days }} day'
    '{% plural %}in {{ days }} days{% endblocktranslate %}</span></li>\n{% empty %}<li class="list-group-item '
    'text-muted small">{% translate "No deadlines ahead." %}</li>{% endfor %}\n</ul>\n'
)
OLD_ACTIONS = (
    '{% load i18n %}<ul class="list-group list-group-flush" id="action-items">\n{% for item in action_items %}'
    '<li class="list-group-item small d-flex justify-content-between align-items-center"><span>{% if item.'
    'is_overdue %}<span class="badge text-bg-danger">{% translate "overdue" %}</span> {% endif %}<strong>{{ '
    'item.due_on|date:"d.m.Y" }}</strong> · {{ item.title }} <span class="text-muted">({{ item.meeting.group.'
    'name }}{% if item.assignee %}, {{ item.assignee }}{% endif %})</span></span>\n<form method="post" '
    'action="{% url \'administration:action_status\' item.pk %}" class="d-flex gap-1">{% csrf_token %}<input '
    'type="hidden" name="next" value="{{ request.path }}"><button class="btn btn-sm btn-outline-success" '
    'name="status" value="done" title="{% translate \'done\' context \'action item\' %}"><i class="bi '
    'bi-check-lg"></i></button></form></li>\n{% empty %}<li class="list-group-item text-muted small">{% '
    'translate "No open action items." %}</li>{% endfor %}\n</ul>\n'
)


def _render(template, **context):
    return engines["django"].from_string(template).render(context)


@pytest.mark.parametrize("language", ["de", "en"])
def test_deadlines_give_the_template_html(cast, language):
    agreement = m.Agreement.objects.create(
        owner=cast.org_a,
        cooperation=cast.coop,
        title="Bauhof <alt> & Co",
        kind=m.AgreementKind.ZWECKVEREINBARUNG_MANDATING,
    )
    rows = [
        (agreement, Deadline("notice", date(2027, 1, 1), "Kündigung <bis>"), left)
        for left in (0, 1, 30, 31, 90, 91, 365)
    ]
    with translation.override(language):
        for deadlines in (rows, []):
            assert side_lists.deadlines_html(deadlines) == _render(OLD_DEADLINES, deadlines=deadlines)
    assert "Bauhof &lt;alt&gt; &amp; Co" in side_lists.deadlines_html(rows)


@pytest.mark.parametrize("language", ["de", "en"])
def test_action_items_give_the_template_html(cast, language):
    group = m.WorkingGroup.objects.create(owner=cast.org_a, cooperation=cast.coop, name="AK <Klima> & Co")
    start = timezone.now()
    mt = m.Meeting.objects.create(group=group, title="S", start=start, end=start + timedelta(hours=2))
    named = make_user("named", first_name="Eva", last_name="<Wagner>")
    today = timezone.localdate()
    for title, user, due, status in [
        ("Spät <x>", named, today - timedelta(days=2), "open"),
        ("Erledigt", cast.a_editor, today - timedelta(days=2), "done"),
        ("Heute", cast.b_editor, today, "in_progress"),
        ("Bald & mehr", cast.b_editor, today + timedelta(days=5), "open"),
    ]:
        m.ActionItem.objects.create(meeting=mt, title=title, assignee=user, due_on=due, status=status)
    request = RequestFactory().get("/administration/groups/1/?a=<b>")
    request.user = named
    items = m.ActionItem.objects.filter(meeting=mt).order_by("due_on", "title")
    with translation.override(language):
        for queryset in (items, items.none()):
            new = side_lists.action_items_html(request, side_lists.action_item_rows(queryset))
            old = _render(OLD_ACTIONS, action_items=queryset, request=request, csrf_token="token")
            assert re.sub(r'csrfmiddlewaretoken" value="[^"]*"', "", new) == old.replace(
                'csrfmiddlewaretoken" value="token"', ""
            )
    html = side_lists.action_items_html(request, side_lists.action_item_rows(items))
    assert html.count("text-bg-danger") == 1 and "Eva &lt;Wagner&gt;" in html and "AK &lt;Klima&gt;" in html
