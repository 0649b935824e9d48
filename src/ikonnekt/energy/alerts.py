"""Anomalies of buildings, for the dashboard card, the building page and the caretakers' mail.

The alerts need a building's heat (weather-normalised) and electricity of two years, its meters'
readings, the base load of its interval meters and its energy signature; not the costs,
benchmarks and emissions of :func:`services.building_year`, which they used to be computed from.
Callers load the data of all their buildings first with
``loader.preload(buildings, [year - 1, year], alerts=True)`` (a fixed number of queries, the
buildings with ``prefetch_related("meters__exchanges")`` and ``select_related("station")``);
without it every figure is queried per meter (slower, never different).
"""

import datetime as dt

from django.core.cache import cache
from django.utils import translation
from django.utils.translation import gettext as _

from ikonnekt.energy import loader
from ikonnekt.energy.domain import analysis
from ikonnekt.energy.fingerprint import fingerprints
from ikonnekt.energy.models import (
    Building,
    MeterKind,
)
from ikonnekt.energy.services import (
    building_consumption,
    interval_samples,
    meter_series,
    signature_points,
)

CHANGE = 0.15  # a change against the previous year above 15 % is an alert
SILENT_DAYS = 45  # a cumulative meter without a reading for longer is an alert
IDLE = 0.5  # base load at night and weekends above half the working-hours load


def heat_and_electricity(building, year):
    """(weather-normalised heat or None, electricity) in kWh Hi, as ``services.building_year``."""
    figures = building_consumption(building, year)
    return figures["heat_normalised"], figures["electricity"]


def _recent_samples(meter):
    """The last four weeks of an interval meter as [(local time, kW)] (for the base-load alert)."""
    samples = loader.loaded_recent_intervals(meter)
    if samples is not None:
        return samples
    last = meter.intervals.order_by("-start").first()
    if last is None:
        return []
    return interval_samples(
        meter,
        last.start - dt.timedelta(days=loader.INTERVAL_ALERT_DAYS),
        last.start + dt.timedelta(hours=1),
    )


def building_alerts(building, year, *, totals=None, points=None):
    """Anomalies of a building: [(severity, message)], severity "danger", "warning" or "info".

    A caller that has the figures already passes them, so nothing is computed twice (the building
    page): ``totals`` = ((heat normalised, electricity) of ``year``, the same of ``year - 1``) as
    ``services.building_year`` gives them, ``points`` = ``signature_points(building, [year - 1, year])``.
    """
    alerts = []
    now, before = totals or (heat_and_electricity(building, year), heat_and_electricity(building, year - 1))
    for label, a, b in (
        (_("Heat (normalised)"), now[0], before[0]),
        (_("Electricity"), now[1] or None, before[1] or None),
    ):
        change = analysis.deviation(a, b)
        if change is not None and abs(change) > CHANGE:
            alerts.append(
                (
                    "warning",
                    _("%(what)s %(change)+.0f %% compared with the previous year.")
                    % {"what": label, "change": change * 100},
                )
            )
    for meter in building.meters.all():
        if meter.kind == MeterKind.CUMULATIVE and meter.active:
            loaded = loader.loaded_readings(meter)
            if loaded is not None:
                last_time = loaded[-1][0] if loaded else None
            else:
                last = meter.readings.order_by("-timestamp").first()
                last_time = last.timestamp if last else None
            if last_time and (dt.datetime.now(dt.UTC) - last_time).days > SILENT_DAYS:
                alerts.append(
                    (
                        "info",
                        _("Meter %(m)s: no reading for %(d)s days.")
                        % {"m": meter.number, "d": (dt.datetime.now(dt.UTC) - last_time).days},
                    )
                )
            for _time, _msg in meter_series(meter).problems[:1]:
                alerts.append(
                    (
                        "danger",
                        _("Meter %(m)s: a reading goes backwards without a meter exchange.")
                        % {"m": meter.number},
                    )
                )
        if meter.kind == MeterKind.INTERVAL:
            ratio = analysis.base_load_ratio(_recent_samples(meter))
            if ratio and ratio["idle"] > IDLE:
                alerts.append(
                    (
                        "warning",
                        _("Meter %(m)s: base load at night/weekends is %(r).0f %% of the working-hours load.")
                        % {"m": meter.number, "r": ratio["idle"] * 100},
                    )
                )
    if points is None:
        points = signature_points(building, [year - 1, year])
    if len(points) >= 6:
        try:
            sig = analysis.fit_signature([p["t"] for p in points], [p["kwh_per_day"] for p in points])
        except ValueError:
            sig = None
        if sig:
            for i in sig.outliers:
                p = points[i]
                alerts.append(
                    (
                        "warning",
                        _(
                            "Heat in %(m)02d/%(y)s deviates from the energy signature by more than two standard deviations."
                        )
                        % {"m": p["month"], "y": p["year"]},
                    )
                )
    return alerts


# --- the dashboard's alerts, stored per building ----------------------------------------------

SHOWN = ("danger", "warning")  # the dashboard card shows these; "info" (a silent meter) depends on the clock
CACHE_SECONDS = 7 * 24 * 3600  # a changed building gets a new key; old entries just expire


def shown_alerts(buildings, year):
    """{building id: its "danger" and "warning" alerts of ``year``} as :func:`building_alerts`
    gives them, stored per building under a key of the figures they are computed from
    (:func:`energy.fingerprint.fingerprints`): a page that shows them costs one query while nothing changed; only
    buildings with new data (a reading, an import, an edited meter, building or station) are
    computed again, with the bulk loader. ``buildings`` need only their id and, for the climate
    factor, ``weather_method``, ``postcode`` and ``address``."""
    if not buildings:
        return {}
    language = translation.get_language() or ""
    keys = {
        pk: f"energy:alerts:{language}:{year}:{pk}:{fingerprint}"
        for pk, fingerprint in fingerprints(buildings, [year - 1, year]).items()
    }
    stored = cache.get_many(keys.values())
    result = {pk: stored[key] for pk, key in keys.items() if key in stored}
    missing = [pk for pk in keys if pk not in result]
    if missing:
        loaded = loader.preload(
            Building.objects.filter(pk__in=missing)
            .select_related("station")
            .prefetch_related("meters__exchanges"),
            [year - 1, year],
            alerts=True,
        )
        fresh = {
            b.pk: [(severity, str(text)) for severity, text in building_alerts(b, year) if severity in SHOWN]
            for b in loaded
        }
        cache.set_many({keys[pk]: alerts for pk, alerts in fresh.items()}, CACHE_SECONDS)
        result.update(fresh)
    return result
