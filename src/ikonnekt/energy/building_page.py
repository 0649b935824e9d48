"""The building page's energy signature and alerts, stored by their inputs.

Both are computed from every reading of the building's meters in the shown year and the year
before, the station's temperatures and, for the silent-meter alert, today's date. They are stored
in Django's cache under the building's fingerprint (:mod:`energy.fingerprint`), the year, the
language and today's date; any change to an input gives another key.
"""

import datetime as dt

from django.core.cache import cache
from django.utils import translation

from ikonnekt.energy import loader, services
from ikonnekt.energy.alerts import building_alerts
from ikonnekt.energy.models import Building

CACHE_SECONDS = 24 * 3600


def signature_and_alerts(building, year, now, before, fingerprint):
    """(signature points of ``year - 1`` and ``year``, every alert of ``year``) of ``building``;
    ``now`` and ``before``: its balances of both years, ``fingerprint``: of at least both years."""
    language = translation.get_language() or ""
    key = f"energy:building-page:{language}:{building.pk}:{year}:{dt.date.today()}:{fingerprint}"
    stored = cache.get(key)
    if stored is not None:
        return stored
    (loaded,) = loader.preload(
        Building.objects.filter(pk=building.pk).select_related("station").prefetch_related("meters"),
        [year - 1, year],
        alerts=True,
        temperature_months=[year - 1, year],
        children=True,
    )
    points = services.signature_points(loaded, [year - 1, year])
    totals = (
        (now["heat_normalised"], now["electricity"]),
        (before["heat_normalised"], before["electricity"]),
    )
    alerts = [
        (severity, str(text))
        for severity, text in building_alerts(loaded, year, totals=totals, points=points)
    ]
    cache.set(key, (points, alerts), CACHE_SECONDS)
    return points, alerts
