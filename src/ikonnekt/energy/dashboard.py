"""Dashboard panel: energy alerts of the buildings the user looks after."""

import datetime as dt

from django.core.cache import cache
from django.db.models import Q
from django.utils.translation import get_language

from ikonnekt.core.sharing import user_org_ids
from ikonnekt.energy.models import Building, EmissionFactorSet
from ikonnekt.energy.services import _reference_values, building_alerts

MAX_BUILDINGS = 8
# Alerts need each building's consumption series (dozens of queries per building); the dashboard
# shows them at most this many seconds old. The building page always computes them fresh.
ALERT_CACHE_SECONDS = 600


def panels(request):
    user = request.user
    if not user.is_authenticated:
        return []
    orgs = user_org_ids(user)
    buildings = list(
        Building.objects.visible_to(user)
        .filter(Q(caretaker=user) | Q(owner_id__in=orgs))
        .select_related("station")
        .prefetch_related("meters")
        .order_by("name")[:MAX_BUILDINGS]
    )
    if not buildings:
        return []
    year = dt.date.today().year
    factor_set = EmissionFactorSet.objects.filter(method="bisko", year__lte=year).order_by("-year").first()
    factors = factor_set.factors() if factor_set else {}
    refs = _reference_values()
    items = []
    for building in buildings:
        key = (
            f"energy:dashboard-alerts:{get_language()}:{building.pk}:{year}:{building.updated_at.timestamp()}"
        )
        alerts = cache.get(key)
        if alerts is None:
            alerts = [
                (severity, str(text)) for severity, text in building_alerts(building, year, factors, refs)
            ]
            cache.set(key, alerts, ALERT_CACHE_SECONDS)
        for severity, text in alerts:
            if severity in ("danger", "warning"):
                items.append({"building": building, "severity": severity, "text": text})
    return [{"template": "energy/_dashboard_panel.html", "alerts": items[:12], "count": len(items)}]
