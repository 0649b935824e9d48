"""The meeting page's lists written in Python (administration/meeting_page.py) give the HTML the
template loops gave, in German and English, for organisers, contributors and readers: agenda items
with and without description and minutes, decisions with and without agenda item, overdue and
done action items, grouped and ungrouped idea cards with votes, members with and without
attendance, markup in every text; so do the working group page's meetings and members."""

import re
from datetime import timedelta

import pytest
from django.db.models import Count
from django.template import engines
from django.test import RequestFactory
from django.utils import timezone, translation

from ikonnekt.administration import group_page, meeting_page
from ikonnekt.administration import models as m
from tests.conftest import make_user

OLD = {
    "agenda": (
        '{% load i18n %}{% for item in agenda %}<li class="list-group-item"><strong>{{ item.title }}</strong>'
        '{% if item.description %}<div class="small text-muted">{{ item.description }}</div>{% endif %}\n'
        '{% if can_edit %}<textarea class="form-control form-control-sm mt-1" name="minutes_{{ item.pk }}" '
        'rows="2" aria-label="{% translate \'minutes\' %}">{{ item.minutes }}</textarea>{% elif item.minutes %}'
        '<div class="small mt-1">{{ item.minutes|linebreaksbr }}</div>{% endif %}</li>{% empty %}'
        '<li class="list-group-item text-muted">{% translate "No agenda yet." %}</li>{% endfor %}'
    ),
    "decisions": (
        '{% for d in decisions %}<li>{% if d.agenda_item %}<span class="text-muted">{{ d.agenda_item.position }}.'
        '</span> {% endif %}{{ d.text }}</li>{% empty %}<li class="text-muted">–</li>{% endfor %}'
    ),
    "actions": (
        '{% load i18n %}{% for a in action_items %}<tr><td>{{ a.title }}</td><td>{{ a.assignee }}</td><td>{{ a.due_on|date:"d.m.Y" }}'
        '{% if a.is_overdue %} <span class="badge text-bg-danger">{% translate "overdue" %}</span>{% endif %}</td>'
        '<td>{{ a.get_status_display }}</td></tr>{% empty %}<tr><td colspan="4" class="text-muted">–</td></tr>'
        "{% endfor %}"
    ),
    "ideas": (
        '{% load i18n %}{% for cluster, cards in clusters.items %}<div class="col-12"><h3 class="h6 mt-2">{{ cluster }}</h3>'
        '<div class="d-flex flex-wrap gap-2">\n{% for card in cards %}<div class="card" style="width: 15rem">'
        '<div class="card-body p-2 small">{{ card.text }}<div class="d-flex justify-content-between '
        'align-items-center mt-2">\n{% if can_contribute %}<form method="post" action="{% url '
        "'administration:idea_vote' card.pk %}\">{% csrf_token %}<button class=\"btn btn-sm {% if card.voted %}"
        'btn-primary{% else %}btn-outline-primary{% endif %}"><i class="bi bi-hand-thumbs-up"></i> '
        '{{ card.n_votes }}</button></form>{% else %}<span><i class="bi bi-hand-thumbs-up"></i> {{ card.n_votes }}'
        '</span>{% endif %}\n{% if can_edit %}<form method="post" action="{% url \'administration:idea_group\' '
        'card.pk %}" class="d-flex">{% csrf_token %}<input name="cluster" class="form-control form-control-sm" '
        'value="{{ card.cluster }}" placeholder="{% translate \'group\' %}" aria-label="{% translate \'group\' %}">'
        "</form>{% endif %}</div></div></div>{% endfor %}\n</div></div>{% endfor %}"
    ),
    "attendance": (
        '{% load i18n %}{% for mem, att in members %}<li class="list-group-item small d-flex justify-content-between '
        'align-items-center"><span>{{ mem.user }}<br><span class="text-muted">{{ mem.organisation }}</span>'
        '</span>\n{% if can_edit %}<select name="u_{{ mem.user_id }}" class="form-select form-select-sm w-auto" '
        "aria-label=\"{% translate 'attendance' %}\">{% for key, label in attendance_choices %}<option "
        'value="{{ key }}" {% if att.status == key %}selected{% endif %}>{{ label }}</option>{% endfor %}'
        '</select>{% else %}<span>{{ att.get_status_display|default:"–" }}</span>{% endif %}</li>{% empty %}'
        '<li class="list-group-item text-muted small">–</li>{% endfor %}'
    ),
}


def _old_context(mt, user):
    """The context the view gave the template loops before."""
    ideas = mt.ideas.annotate(n_votes=Count("votes")).order_by("cluster", "-n_votes", "id")
    voted = set(m.IdeaVote.objects.filter(card__meeting=mt, user=user).values_list("card_id", flat=True))
    clusters = {}
    for idea in ideas:
        idea.voted = idea.pk in voted
        clusters.setdefault(idea.cluster or translation.gettext("(not grouped)"), []).append(idea)
    attendance = {a.user_id: a for a in mt.attendances.all()}
    members = [
        (mem, attendance.get(mem.user_id)) for mem in mt.group.members.select_related("user", "organisation")
    ]
    return {
        "agenda": list(mt.agenda_items.all()),
        "decisions": mt.decisions.select_related("agenda_item"),
        "action_items": mt.action_items.select_related("assignee", "agenda_item"),
        "clusters": clusters,
        "members": members,
        "attendance_choices": m.AttendanceStatus.choices,
    }


def _same(html):
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "CSRF", str(html))


@pytest.fixture
def meeting(cast):
    group = m.WorkingGroup.objects.create(owner=cast.org_a, cooperation=cast.coop, name="AK <Klima> & Co")
    start = timezone.now() + timedelta(days=3)
    mt = m.Meeting.objects.create(
        group=group, title="S", kind="vision", start=start, end=start + timedelta(hours=2)
    )
    first = m.AgendaItem.objects.create(
        meeting=mt,
        position=1,
        title="Bericht <b>",
        description="Zeile & mehr",
        minutes="a\n<script>x</script>",
    )
    m.AgendaItem.objects.create(meeting=mt, position=12, title="Verschiedenes")
    m.Decision.objects.create(meeting=mt, agenda_item=first, text="Beschluss <i>")
    m.Decision.objects.create(meeting=mt, text="Ohne TOP & so")
    named = make_user("named", first_name="Eva", last_name="<Wagner>")
    today = timezone.localdate()
    for title, user, due, status in [
        ("Spät <x>", named, today - timedelta(days=2), "open"),
        ("Erledigt", cast.a_editor, today - timedelta(days=2), "done"),
        ("Bald", cast.b_editor, today + timedelta(days=5), "in_progress"),
    ]:
        m.ActionItem.objects.create(meeting=mt, title=title, assignee=user, due_on=due, status=status)
    m.GroupMember.objects.create(group=group, user=named, organisation=cast.org_b, is_chair=True)
    m.GroupMember.objects.create(group=group, user=cast.b_editor, organisation=cast.org_b)
    m.Attendance.objects.create(meeting=mt, user=named, status="excused")
    cards = [
        m.IdeaCard.objects.create(meeting=mt, text="Repair-Café <&>", cluster='Kreislauf "x"'),
        m.IdeaCard.objects.create(meeting=mt, text="Ohne Gruppe"),
        m.IdeaCard.objects.create(meeting=mt, text="Noch eine", cluster='Kreislauf "x"'),
    ]
    m.IdeaVote.objects.create(card=cards[2], user=named)
    m.IdeaVote.objects.create(card=cards[2], user=cast.b_editor)
    m.IdeaVote.objects.create(card=cards[1], user=named)
    return mt, named


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("can_edit, can_contribute", [(True, True), (False, True), (False, False)])
def test_lists_give_the_template_loops_html(meeting, language, can_edit, can_contribute):
    mt, user = meeting
    request = RequestFactory().get("/")
    request.user = user
    with translation.override(language):
        ctx = _old_context(mt, user) | {
            "can_edit": can_edit,
            "can_contribute": can_contribute,
            "csrf_token": "token",
        }
        members = meeting_page.members(mt)
        clusters = meeting_page.idea_clusters(mt, user)
        new = {
            "agenda": meeting_page.agenda_html(meeting_page.agenda(mt), can_edit),
            "decisions": meeting_page.decisions_html(mt),
            "actions": meeting_page.action_items_html(mt),
            "ideas": meeting_page.ideas_html(request, clusters, can_contribute, can_edit),
            "attendance": meeting_page.attendance_html(members, can_edit),
        }
        for name, template in OLD.items():
            assert _same(new[name]) == _same(engines["django"].from_string(template).render(ctx)), name
    assert list(clusters)[1] == 'Kreislauf "x"' and len(clusters) == 2
    assert "&lt;script&gt;" in new["agenda"] and "&lt;Wagner&gt;" in new["attendance"]
    assert "btn-primary" in new["ideas"] or not can_contribute


def test_empty_lists(cast):
    group = m.WorkingGroup.objects.create(owner=cast.org_a, cooperation=cast.coop, name="AK")
    start = timezone.now()
    mt = m.Meeting.objects.create(group=group, title="S", start=start, end=start + timedelta(hours=1))
    ctx = _old_context(mt, cast.a_editor) | {"can_edit": True, "can_contribute": True}
    assert meeting_page.agenda_html(meeting_page.agenda(mt), True) == engines["django"].from_string(
        OLD["agenda"]
    ).render(ctx)
    assert meeting_page.decisions_html(mt) == '<li class="text-muted">–</li>'
    assert meeting_page.action_items_html(mt) == '<tr><td colspan="4" class="text-muted">–</td></tr>'
    assert meeting_page.idea_clusters(mt, cast.a_editor) == {}
    assert meeting_page.attendance_html(meeting_page.members(mt), True) == (
        '<li class="list-group-item text-muted small">–</li>'
    )


OLD_GROUP = (
    '{% load i18n %}<ul>{% for mt in meetings %}<li class="list-group-item"><a href="{{ mt.get_absolute_url }}">'
    '{{ mt.title }}</a> <span class="text-muted small">{{ mt.start|date:"d.m.Y H:i" }} · {{ mt.get_kind_display }}'
    '{% if mt.place %} · {{ mt.place }}{% endif %}</span></li>{% empty %}<li class="list-group-item text-muted">–'
    '</li>{% endfor %}</ul><ul>{% for mem in members %}<li class="list-group-item small">{{ mem.user }} · '
    '{{ mem.organisation }}{% if mem.is_chair %} <span class="badge text-bg-secondary">{% translate "chair" %}'
    '</span>{% endif %}</li>{% empty %}<li class="list-group-item text-muted small">–</li>{% endfor %}</ul>'
)


@pytest.mark.parametrize("language", ["de", "en"])
def test_group_meetings_and_members(meeting, language):
    mt, _user = meeting
    group = mt.group
    m.Meeting.objects.create(
        group=group,
        title="Zweite <Sitzung>",
        place="Raum & 2",
        start=mt.start - timedelta(days=30),
        end=mt.end,
    )
    empty = m.WorkingGroup.objects.create(owner=group.owner, cooperation=group.cooperation, name="Leer")
    with translation.override(language):
        for g in (group, empty):
            new = f"<ul>{group_page.meetings_html(g)}</ul><ul>{group_page.members_html(g)}</ul>"
            ctx = {"meetings": g.meetings.all(), "members": g.members.select_related("user", "organisation")}
            assert new == engines["django"].from_string(OLD_GROUP).render(ctx)
        html = group_page.meetings_html(group)
    assert "Raum &amp; 2" in html and "Zweite &lt;Sitzung&gt;" in html
