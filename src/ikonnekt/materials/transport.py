"""Transport distances and per-trip costs and emissions of green-waste haulage (plain functions).

Distances: great-circle (haversine) × a detour factor (default 1.3, an estimate; road distances
are typically 1.2–1.4 × the straight line in rural Germany) or real road distances imported
as CSV. Costs and emissions are counted per vehicle trip, loaded there and empty back, with the
payload limited by both volume and mass.
"""

import csv
import io
from dataclasses import dataclass

import numpy as np
from django.utils.translation import gettext as _

from ikonnekt.core.geo import DETOUR_FACTOR, haversine_km

DEFAULT_DETOUR = DETOUR_FACTOR


@dataclass(frozen=True)
class Vehicle:
    """A roll-off container truck (defaults: 3-axle truck with a 36 m³ container).

    Defaults (documented in docs/materials.md): payload 12 t / 36 m³; 1.60 €/km (fuel, wear,
    tolls) and 45 € per trip (driver time for loading/unloading and container handling);
    0.95 kg CO2e/km (HBEFA 4.2 order of magnitude for a 26 t diesel truck, well-to-wheel).
    """

    payload_t: float = 12.0
    payload_m3: float = 36.0
    cost_per_km: float = 1.60
    cost_per_trip: float = 45.0
    kg_co2e_per_km: float = 0.95


def distance_matrix(origins, destinations, detour=DEFAULT_DETOUR):
    """Road-distance estimate (km) between ``origins`` [(lat, lon)] and ``destinations``."""
    if detour < 1:
        raise ValueError(_("The detour factor must be at least 1."))
    o = np.asarray(origins, dtype=float).reshape(-1, 2)
    d = np.asarray(destinations, dtype=float).reshape(-1, 2)
    return detour * haversine_km(o[:, None, 0], o[:, None, 1], d[None, :, 0], d[None, :, 1])


def trips_per_tonne(vehicle: Vehicle, bulk_density_t_m3: float) -> float:
    """Trips needed per tonne: the payload is limited by mass or by volume, whichever binds first."""
    if bulk_density_t_m3 <= 0:
        raise ValueError(_("The bulk density must be positive."))
    tonnes_per_trip = min(vehicle.payload_t, vehicle.payload_m3 * bulk_density_t_m3)
    return 1.0 / tonnes_per_trip


def per_tonne(vehicle: Vehicle, bulk_density_t_m3: float, km):
    """(€/t, kg CO2e/t) of hauling one tonne ``km`` one way (trip there loaded, back empty)."""
    trips = trips_per_tonne(vehicle, bulk_density_t_m3)
    km = np.asarray(km, dtype=float)
    cost = trips * (2 * km * vehicle.cost_per_km + vehicle.cost_per_trip)
    co2 = trips * 2 * km * vehicle.kg_co2e_per_km
    return cost, co2


class DistanceCSVError(ValueError):
    def __init__(self, messages):
        self.messages = list(messages)
        super().__init__("; ".join(self.messages))


def parse_distance_csv(text: str, point_names, plant_names):
    """Parse ``collection point;plant;km`` rows (comma or semicolon, German decimal comma allowed).

    Returns a ``len(points) × len(plants)`` matrix; every pair must be present, else the missing
    pairs are named.
    """
    points = {name.strip().casefold(): i for i, name in enumerate(point_names)}
    plants = {name.strip().casefold(): j for j, name in enumerate(plant_names)}
    sample = text[:2048]
    delimiter = ";" if sample.count(";") >= sample.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    matrix = np.full((len(point_names), len(plant_names)), np.nan)
    errors = []
    for lineno, row in enumerate(reader, start=1):
        if not row or all(not c.strip() for c in row):
            continue
        if len(row) < 3:
            errors.append(
                _("Row %(n)s: expected three columns (collection point, plant, km).") % {"n": lineno}
            )
            continue
        a, b, km_text = (c.strip() for c in row[:3])
        try:
            km = float(km_text.replace(",", ".")) if delimiter == ";" else float(km_text)
        except ValueError:
            if lineno == 1:
                continue  # header
            errors.append(_("Row %(n)s, column km: “%(v)s” is not a number.") % {"n": lineno, "v": km_text})
            continue
        if km < 0:
            errors.append(_("Row %(n)s, column km: distances must not be negative.") % {"n": lineno})
            continue
        i, j = points.get(a.casefold()), plants.get(b.casefold())
        if i is None:
            errors.append(_("Row %(n)s: unknown collection point “%(v)s”.") % {"n": lineno, "v": a})
            continue
        if j is None:
            errors.append(_("Row %(n)s: unknown plant “%(v)s”.") % {"n": lineno, "v": b})
            continue
        matrix[i, j] = km
    missing = [
        f"{point_names[i]} → {plant_names[j]}" for i, j in zip(*np.nonzero(np.isnan(matrix)), strict=True)
    ]
    if missing:
        shown = ", ".join(missing[:10]) + (" …" if len(missing) > 10 else "")
        errors.append(_("%(n)s pairs have no distance: %(pairs)s") % {"n": len(missing), "pairs": shown})
    if errors:
        raise DistanceCSVError(errors)
    return matrix
