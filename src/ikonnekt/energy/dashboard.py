"""Dashboard panel: energy alerts of the buildings the user looks after."""

import datetime as dt

from django.db.models import Q

from ikonnekt.core.sharing import user_org_ids
from ikonnekt.energy.alerts import building_alerts
from ikonnekt.energy.loader import preload
from ikonnekt.energy.models import Building

MAX_BUILDINGS = 8


def panels(request):
    user = request.user
    if not user.is_authenticated:
        return []
    orgs = user_org_ids(user)
    buildings = list(
        Building.objects.visible_to(user)
        .filter(Q(caretaker=user) | Q(owner_id__in=orgs))
        .select_related("station")
        .prefetch_related("meters__exchanges")
        .order_by("name")[:MAX_BUILDINGS]
    )
    if not buildings:
        return []
    year = dt.date.today().year
    # the alerts of all buildings from one bulk load (a fixed number of queries, always fresh)
    preload(buildings, [year - 1, year], alerts=True)
    items = []
    for building in buildings:
        for severity, text in building_alerts(building, year):
            if severity in ("danger", "warning"):
                items.append({"building": building, "severity": severity, "text": text})
    return [{"template": "energy/_dashboard_panel.html", "alerts": items[:12], "count": len(items)}]
