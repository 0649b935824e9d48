"""The yearly balances of many buildings (:func:`services.building_year`), stored by their inputs.

A building's balance of a year is computed from every reading of its meters, its tariffs, the
temperatures of its station or the DWD climate factors, the emission factors and the reference
values. The energy list, building groups and the annual report show these balances for every
building and two or three years; computing them means reading and converting every reading on
every view. So the balances are stored in Django's cache under a key made of

- the building's fingerprint (:func:`energy.fingerprint.fingerprints`: every column of the
  building and its meters, the readings, interval values, exchanges, tariffs, temperatures and
  climate factors),
- a digest of the emission factors and reference values the caller passes,
- the years and the language (the problem texts are translated).

A changed input gives another key, so a stored balance is never stale (old entries just expire).
Only buildings without a stored balance are loaded with :func:`loader.preload` and computed.
"""

import hashlib

from django.core.cache import cache
from django.utils import translation

from ikonnekt.energy import loader, services
from ikonnekt.energy.fingerprint import fingerprints
from ikonnekt.energy.models import Building, WeatherMethod

CACHE_SECONDS = 7 * 24 * 3600
_OBJECTS = ("building", "reference_heat", "reference_electricity")


def _inputs_digest(years, factors, references):
    refs = sorted(
        (key, tuple(getattr(ref, f.attname) for f in ref._meta.concrete_fields))
        for key, ref in references.items()
    )
    text = repr((sorted(years), sorted((str(k), v) for k, v in factors.items()), refs))
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def _to_store(row):
    """The row without model instances: the building and its station are the caller's, the
    reference values are taken from the caller's ``references`` again."""
    stored = {k: v for k, v in row.items() if k not in _OBJECTS}
    stored["weather"] = {k: v for k, v in row["weather"].items() if k != "station"}
    stored["_references"] = (row["reference_heat"] is not None, row["reference_electricity"] is not None)
    return stored


def _from_store(stored, building, references):
    row = dict(stored)
    heat, electricity = row.pop("_references")
    row["building"] = building
    row["reference_heat"] = references.get((building.use_type, "heat")) if heat else None
    row["reference_electricity"] = references.get((building.use_type, "electricity")) if electricity else None
    row["weather"] = dict(stored["weather"])
    if row["weather"]["method"] == WeatherMethod.DEGREE_DAYS:
        row["weather"]["station"] = building.station
    return row


def building_years(buildings, years, factors, references, *, prints=None):
    """{building id: {year: the building's :func:`services.building_year` of that year}} for
    ``buildings`` (with ``select_related("station")``; their meters are not needed).

    The rows are the same as computed directly, with ``row["building"]`` the caller's object.
    ``prints``: the buildings' fingerprints of these or more years, if the caller has them."""
    buildings = list(buildings)
    if not buildings:
        return {}
    years = sorted(set(years))
    language = translation.get_language() or ""
    digest = _inputs_digest(years, factors, references)
    keys = {
        pk: f"energy:years:{language}:{pk}:{fingerprint}:{digest}"
        for pk, fingerprint in (prints or fingerprints(buildings, years)).items()
    }
    stored = cache.get_many(keys.values())
    missing = [pk for pk, key in keys.items() if key not in stored]
    if missing:
        loaded = loader.preload(
            Building.objects.filter(pk__in=missing).select_related("station").prefetch_related("meters"),
            years,
            children=True,
        )
        fresh = {
            keys[b.pk]: {y: _to_store(services.building_year(b, y, factors, references)) for y in years}
            for b in loaded
        }
        cache.set_many(fresh, CACHE_SECONDS)
        stored.update(fresh)
    return {
        b.pk: {y: _from_store(row, b, references) for y, row in stored[keys[b.pk]].items()} for b in buildings
    }
