"""Dashboard panel: energy alerts of the buildings the user looks after."""

import datetime as dt

from django.db.models import Q

from ikonnekt.core.sharing import user_org_ids
from ikonnekt.energy.loader import preload
from ikonnekt.energy.models import Building, EmissionFactorSet
from ikonnekt.energy.services import _reference_values, building_alerts

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
        .prefetch_related("meters__tariffs", "meters__exchanges")
        .order_by("name")[:MAX_BUILDINGS]
    )
    if not buildings:
        return []
    year = dt.date.today().year
    # the alerts of all buildings from one bulk load (a fixed number of queries, always fresh)
    preload(buildings, [year - 1, year], alerts=True)
    factor_set = EmissionFactorSet.objects.filter(method="bisko", year__lte=year).order_by("-year").first()
    factors = factor_set.factors() if factor_set else {}
    refs = _reference_values()
    items = []
    for building in buildings:
        for severity, text in building_alerts(building, year, factors, refs):
            if severity in ("danger", "warning"):
                items.append({"building": building, "severity": severity, "text": text})
    return [{"template": "energy/_dashboard_panel.html", "alerts": items[:12], "count": len(items)}]
