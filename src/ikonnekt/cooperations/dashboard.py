"""Dashboard panels: the acting organisation's cooperations and the partners' announcements."""

from django.utils import timezone

from ikonnekt.cooperations.models import Announcement, Cooperation

DASHBOARD_COOPERATIONS = 10  # the card links to the full list; 200 cooperations made it 106 KB


def panels(request):
    user = request.user
    if not user.is_authenticated:
        return []
    org = getattr(request, "active_organisation", None)
    cooperations = (
        list(
            Cooperation.objects.visible_to(user)
            .filter(participations__organisation=org)
            .prefetch_related("goals")
            .select_related("owner")
            .distinct()[:DASHBOARD_COOPERATIONS]
        )
        if org
        else []
    )
    announcements = list(
        Announcement.objects.visible_to(user)
        .exclude(valid_until__lt=timezone.localdate())
        .select_related("owner")[:6]
    )
    return [
        {
            "template": "cooperations/_dashboard_panel.html",
            "order": 10,
            "cooperations": cooperations,
            "organisation": org,
        },
        {
            "template": "cooperations/_dashboard_announcements.html",
            "order": 30,
            "announcements": announcements,
        },
    ]
