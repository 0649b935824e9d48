from django.utils import timezone

from ikonnekt.administration.deadlines import open_action_items, upcoming


def panels(request):
    if not request.user.is_authenticated:
        return []
    today = timezone.localdate()
    return [
        {
            "template": "administration/_dashboard_panel.html",
            "deadlines": upcoming(
                request.user,
                today,
                within_days=180,
                organisation=getattr(request, "active_organisation", None),
            )[:8],
            "action_items": list(open_action_items(request.user)[:8]),
            "today": today,
        }
    ]
