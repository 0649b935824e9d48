"""Dashboard panel: energy alerts of the buildings the user looks after."""

import datetime as dt

from django.db.models import Q

from ikonnekt.core.prepared import Rows
from ikonnekt.core.sharing import user_org_ids
from ikonnekt.energy.alerts import shown_alerts
from ikonnekt.energy.models import Building

MAX_BUILDINGS = 8

# the buildings the user looks after or whose owner they belong to; SQL built once per reader
# shape (core.prepared)
_looked_after = Rows(
    lambda user: (
        Building.objects.visible_to(user)
        .filter(Q(caretaker_id=user.pk) | Q(owner_id__in=sorted(user_org_ids(user))))
        .only("name", "weather_method", "postcode", "address")
        .order_by("name")[:MAX_BUILDINGS]
    )
)


def panels(request):
    user = request.user
    if not user.is_authenticated:
        return []
    buildings = _looked_after(user)
    if not buildings:
        return []
    # stored per building under a key of the data they come from: one query while nothing changed
    alerts = shown_alerts(buildings, dt.date.today().year)
    items = [
        {"building": building, "severity": severity, "text": text}
        for building in buildings
        for severity, text in alerts[building.pk]
    ]
    return [{"template": "energy/_dashboard_panel.html", "alerts": items[:12], "count": len(items)}]
