"""Dashboard panels: the acting organisation's cooperations and the partners' announcements."""

from django.utils import timezone

from ikonnekt.cooperations.models import GOAL_COLOURS, Announcement, Cooperation, GoalKey
from ikonnekt.core.links import row_url
from ikonnekt.core.prepared import Rows

DASHBOARD_COOPERATIONS = 10  # the card links to the full list; 200 cooperations made it 106 KB

# the SQL of the panels' queries is built once per connection and reader shape (core.prepared)
_first_cooperations = Rows(
    lambda user, org_id: (
        Cooperation.objects.visible_to(user)
        .filter(participations__organisation_id=org_id)
        .distinct()
        .values_list("pk", "name", "status")[:DASHBOARD_COOPERATIONS]
    )
)
_current_announcements = Rows(
    lambda user, today: (
        Announcement.objects.visible_to(user)
        .exclude(valid_until__lt=today)
        .select_related("owner")
        .only("title", "pinned", "owner__name")[:6]
    )
)


def _cooperations(user, org):
    """The first cooperations of ``org`` as plain rows (url, name, status, [(colour, goal)]):
    one query for them, one for their goals, no model objects."""
    rows = _first_cooperations(user, org.pk)
    if not rows:
        return []
    goals = {pk: [] for pk, _name, _status in rows}
    labels, statuses = dict(GoalKey.choices), dict(Cooperation._meta.get_field("status").flatchoices)
    for cooperation_id, key in (
        Cooperation.goals.through.objects.filter(cooperation_id__in=list(goals))
        .order_by("goal__order", "goal_id")
        .values_list("cooperation_id", "goal__key")
    ):
        goals[cooperation_id].append((GOAL_COLOURS[key], labels.get(key, key)))
    url = row_url("cooperations:detail")
    return [
        {"url": url(pk), "name": name, "status": statuses.get(status, status), "goals": goals[pk]}
        for pk, name, status in rows
    ]


def panels(request):
    user = request.user
    if not user.is_authenticated:
        return []
    org = getattr(request, "active_organisation", None)
    announcements = _current_announcements(user, timezone.localdate())
    return [
        {
            "template": "cooperations/_dashboard_panel.html",
            "order": 10,
            "cooperations": _cooperations(user, org) if org else [],
            "organisation": org,
        },
        {
            "template": "cooperations/_dashboard_announcements.html",
            "order": 30,
            "announcements": announcements,
        },
    ]
