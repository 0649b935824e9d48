"""Demo: the green-waste system of Landkreis Saarlouis (MFA + joint recycling scenario) and a small quarter.

From the seed (KONNEKT workshop slides): Nalbach and Saarlouis cooperate (a shared post, joint
management of resources) and "gemeinsame Verwertung des kommunalen Grünabfalls" is one of the goals.
Nothing else here comes from the seed. Quantities: inhabitants at 31.12.2023 (organizations
``demo_statistics``) × green waste per inhabitant in the range the Saarland publishes (see
``HOUSEHOLD_KG_PER_INHABITANT``); everything else (costs, plants' sizes, coordinates of points) is a
labelled demo assumption. The material-flow system and the scenario use the same quantities for
Saarlouis and Nalbach in 2025 (:func:`scenario_tonnes`). Idempotent: systems and scenarios are found by
owner and name.
"""

import hashlib

from ikonnekt.core.sharing import Visibility
from ikonnekt.materials import actions, factors
from ikonnekt.materials.greenwaste import optimise_scenario
from ikonnekt.materials.models import (
    CollectionPoint,
    GreenWasteScenario,
    MfaSystem,
    MonthlyQuantity,
    Plant,
)
from ikonnekt.organizations import demo_statistics as stats

COOPERATION = "Gemeinsame Grüngutverwertung Nalbach–Saarlouis"

P_COLLECT = "Sammelplätze"
P_PREP = "Aufbereitung (Häckseln, Sieben)"
P_COMPOST = "Kompostierung"
P_BIOMASS = "Biomasse-Heizwerk Lisdorfer Berg"
P_USE = "Landwirtschaft und Gartenbau"

RESULT_FORMAT = 3  # bump when the stored optimisation result changes shape

# Green waste per inhabitant and year. Published for the Saarland: about 66,000 t of green waste in 2018
# (Umweltministerium, reported by the Saarbrücker Zeitung, August 2020) ≈ 67 kg per inhabitant, and
# 87 kg per inhabitant of biodegradable garden and park waste in 2013 (Statistisches Amt Saarland,
# Abfallbilanz 2013). The demo uses 75 kg for households (inside that range) and assumes 12 kg for
# the municipalities' own green waste from parks, cemeteries and roadsides (no published figure found).
HOUSEHOLD_KG_PER_INHABITANT = 75
MUNICIPAL_KG_PER_INHABITANT = 12
SOURCE_RANGE = (
    "Demo: 75 kg/Einw. Haushalte + 12 kg/Einw. kommunales Grüngut (Annahme); Saarland veröffentlicht "
    "rund 67–87 kg/Einw. (Umweltministerium 2018, Statistisches Amt 2013)"
)
DENSITY_LOOSE = 0.15  # t/m³, the scenario's default (GreenWasteScenario.density_loose)
MFA_YEAR = 2025
MFA_MUNICIPALITIES = ("saarlouis", "nalbach")
WOODY_SHARE = 0.34  # Demo-Annahme
BOILER_KW, BOILER_HOURS = 550, 4000  # Demo-Annahme: 550 kW × 4.000 Volllaststunden = 2.200 MWh/a


def _value(
    flow, year, value, unc, unit="t", layer="goods", source="Demo-Annahme", quality="estimated", tc=None
):
    return {
        "flow": flow,
        "year": year,
        "layer": layer,
        "value": value,
        "unit": unit,
        "uncertainty": unc,
        "uncertainty_is_percent": True,
        "transfer_coefficient": tc,
        "source": source,
        "quality": quality,
    }


def green_waste_system():
    flows = [
        (
            "Grüngut-Anlieferung",
            None,
            P_COLLECT,
            {"bulk_density": 0.165, "carbon": 200, "nitrogen": 6, "phosphorus": 1.0},
        ),
        ("Grüngut zur Aufbereitung", P_COLLECT, P_PREP, {"carbon": 200, "nitrogen": 6, "phosphorus": 1.0}),
        (
            "Feinanteil zur Kompostierung",
            P_PREP,
            P_COMPOST,
            {"carbon": 180, "nitrogen": 7, "phosphorus": 1.2},
        ),
        (
            "Holziger Anteil (Hackschnitzel)",
            P_PREP,
            P_BIOMASS,
            {"bulk_density": 0.152, "heating_value": 2.3, "carbon": 260, "nitrogen": 3, "phosphorus": 0.4},
        ),
        ("Störstoffe und Siebreste", P_PREP, None, {}),
        ("Kompost", P_COMPOST, P_USE, {"carbon": 150, "nitrogen": 9, "phosphorus": 2.2}),
        ("Rotteverluste (CO2, Wasser)", P_COMPOST, None, {}),
        ("Asche", P_BIOMASS, None, {"heating_value": 0}),
        ("Wärme ins Nahwärmenetz", P_BIOMASS, None, {}),
        ("Abgas und Wärmeverluste", P_BIOMASS, None, {}),
        ("Kompost verwendet", P_USE, None, {}),
    ]
    values = []
    total = scenario_tonnes(MFA_MUNICIPALITIES)
    for year, k in ((MFA_YEAR - 1, 1 / 1.04), (MFA_YEAR, 1.0)):
        t = total * k
        woody = WOODY_SHARE * t
        impurities = 0.02 * t
        fine = t - woody - impurities
        stock_change = 0 if year < MFA_YEAR else 150
        compost = 0.55 * fine - stock_change
        heat = min(woody * 2.3 * 0.85, BOILER_KW * BOILER_HOURS / 1000)
        values += [
            _value(
                "Grüngut-Anlieferung", year, round(t / 0.165, -1), 15, unit="m3",
                source="Schätzung Containervolumen (Demo, aus den Mengen des Grüngut-Szenarios)",
            ),
            _value("Grüngut zur Aufbereitung", year, round(t), 5, source=SOURCE_RANGE, quality="calculated"),
            _value(
                "Holziger Anteil (Hackschnitzel)", year, round(woody / 0.152, -1), 10, unit="m3",
                source="Demo-Annahme: holziger Anteil 34 %", quality="estimated",
            ),
            _value("Störstoffe und Siebreste", year, round(impurities), 20),
            _value("Kompost", year, round(compost), 10, source="Lieferscheine (Demo)", quality="measured"),
            _value(
                "Rotteverluste (CO2, Wasser)", year, None, None, tc=0.45,
                source="Literatur: 40–50 % Masseverlust bei der Rotte", quality="literature",
            ),
            _value("Asche", year, round(0.05 * woody), 20),
            _value("Wärme ins Nahwärmenetz", year, 0, 0, source="Wärme hat keine Masse", quality="calculated"),
            _value("Kompost verwendet", year, round(compost * 0.97), 10),
            _value(
                "Wärme ins Nahwärmenetz", year, round(heat), 5, unit="MWh", layer="energy",
                source="Demo: min(Hackschnitzel × 2,3 MWh/t × 85 %, 550 kW × 4.000 h)", quality="calculated",
            ),
        ]  # fmt: skip
    return {
        "name": "Grüngut-Stoffstrom Landkreis Saarlouis (Demo)",
        "description": "Grüngut von den Sammelplätzen über Aufbereitung zu Kompost und Hackschnitzeln; "
        "holziger Anteil im Biomasse-Heizwerk Lisdorfer Berg (Leistung 550 kW: Demo-Annahme). Mengen 2025 "
        "wie im Szenario „Gemeinsame Grüngutverwertung 2025 (Demo)“ für Saarlouis und Nalbach.",
        "boundary": "Kreisstadt Saarlouis und Gemeinde Nalbach, Kalenderjahr",
        "first_year": MFA_YEAR - 1,
        "last_year": MFA_YEAR,
        "processes": [
            {"name": P_COLLECT, "parent": None, "has_stock": False, "initial_stock": None},
            {"name": P_PREP, "parent": None, "has_stock": False, "initial_stock": None},
            {"name": P_COMPOST, "parent": None, "has_stock": True, "initial_stock": 1200},
            {"name": P_BIOMASS, "parent": None, "has_stock": False, "initial_stock": None},
            {"name": P_USE, "parent": None, "has_stock": True, "initial_stock": 0},
        ],
        "flows": [
            {
                "name": n,
                "source": s,
                "target": t,
                **{
                    k: f.get(k) for k in ("bulk_density", "heating_value", "carbon", "nitrogen", "phosphorus")
                },
            }
            for n, s, t, f in flows
        ],
        "values": values,
        "stocks": [
            {
                "process": P_COMPOST,
                "year": 2024,
                "layer": "goods",
                "value": 0,
                "uncertainty": 60,
                "source": "Mietenvermessung (Demo)",
            },
            {
                "process": P_COMPOST,
                "year": 2025,
                "layer": "goods",
                "value": 150,
                "uncertainty": 80,
                "source": "Mietenvermessung (Demo)",
            },
        ],
    }


def quarter_system():
    return {
        "name": "Quartier Am Bahnhof Nalbach – Baustoffe (Demo)",
        "description": "Baustoffe im Gebäudebestand eines kleinen Quartiers als Lager; Abbruch, Recycling und Neubau.",
        "boundary": "Quartier Am Bahnhof, Nalbach (ca. 120 Gebäude), Kalenderjahr",
        "first_year": 2025,
        "last_year": 2025,
        "processes": [
            {"name": "Gebäudebestand", "parent": None, "has_stock": True, "initial_stock": 185000},
            {"name": "Bauschutt-Aufbereitung", "parent": None, "has_stock": False, "initial_stock": None},
        ],
        "flows": [
            # roles for the recycling rate (RR) and the secondary-material share (NS) feeds
            {"name": "Neue Baustoffe", "source": None, "target": "Gebäudebestand", "input_role": "primary"},
            {
                "name": "Abbruch- und Sanierungsmaterial",
                "source": "Gebäudebestand",
                "target": "Bauschutt-Aufbereitung",
                "waste_role": "waste",
            },
            {
                "name": "RC-Baustoffe",
                "source": "Bauschutt-Aufbereitung",
                "target": "Gebäudebestand",
                "waste_role": "recycled",
                "input_role": "secondary",
            },
            {
                "name": "Beseitigung und externe Verwertung",
                "source": "Bauschutt-Aufbereitung",
                "target": None,
            },
        ],
        "values": [
            _value("Neue Baustoffe", 2025, 1200, 10, source="Baugenehmigungen (Demo)"),
            _value("Abbruch- und Sanierungsmaterial", 2025, 400, 15, source="Entsorgungsnachweise (Demo)"),
            _value("RC-Baustoffe", 2025, 250, 15),
            _value("Beseitigung und externe Verwertung", 2025, 160, 20),
        ],
        "stocks": [],
    }


def _t(slug, kg):
    return stats.MUNICIPALITIES[slug][1] * kg / 1000


def _points():
    """(name, municipality slug, lat, lon, m³/a, t/a, method, opening hours, whose waste)."""
    h, m = HOUSEHOLD_KG_PER_INHABITANT, MUNICIPAL_KG_PER_INHABITANT
    sls = _t("saarlouis", h)
    return [
        ("Grüngutplatz Lisdorfer Berg", "saarlouis", 49.2985, 6.7265, None, round(0.6 * sls, -1),
         "weighbridge", "Mo–Sa 8–17 Uhr", "evs"),
        ("Grünschnittannahme Roden", "saarlouis", 49.3240, 6.7330, round(0.4 * sls / DENSITY_LOOSE, -1), None,
         "estimate", "Fr 13–18, Sa 9–14 Uhr", "evs"),
        ("Baubetriebshof Saarlouis (Grünflächen, Friedhöfe)", "saarlouis", 49.3050, 6.7420, None,
         round(_t("saarlouis", m), -1), "weighbridge", "Mo–Fr 7–15 Uhr", "municipal"),
        ("Grüngutsammelplatz Nalbach Am Bahnhof", "nalbach", 49.3790, 6.7800,
         round(_t("nalbach", h) / DENSITY_LOOSE, -1), None, "estimate", "Mi 14–18, Sa 9–14 Uhr", "evs"),
        ("Bauhof Nalbach", "nalbach", 49.3830, 6.7850, None, round(_t("nalbach", m), -1), "weighbridge",
         "Mo–Fr 7–15 Uhr", "municipal"),
        ("Grünschnittplatz Saarwellingen", "saarwellingen", 49.3540, 6.8080,
         round(_t("saarwellingen", h) / DENSITY_LOOSE, -1), None, "estimate", "Di, Do 14–18, Sa 9–14 Uhr", "evs"),
        ("Bauhof Saarwellingen", "saarwellingen", 49.3580, 6.8120, None, round(_t("saarwellingen", m), -1),
         "weighbridge", "Mo–Fr 7–15 Uhr", "municipal"),
        ("Grünschnittannahme Diefflen", "dillingen", 49.3750, 6.7480,
         round(_t("dillingen", h) / DENSITY_LOOSE, -1), None, "estimate", "Sa 9–13 Uhr", "evs"),
        ("Bauhof Dillingen", "dillingen", 49.3560, 6.7260, None, round(_t("dillingen", m), -1), "weighbridge",
         "Mo–Fr 7–16 Uhr", "municipal"),
    ]  # fmt: skip


POINTS = _points()


def scenario_tonnes(slugs):
    """Tonnes per year of the scenario's collection points of these municipalities (m³ × 0.15 t/m³)."""
    return sum(
        t if t is not None else m3 * DENSITY_LOOSE
        for _n, slug, _la, _lo, m3, t, *_rest in POINTS
        if slug in slugs
    )


# name, kind, candidate, operator slug (None = third party), lat, lon, capacity t/a, gate fee or variable
# cost €/t, fixed €/a, process kg CO2e/t, MWh/t of the woody fraction, woody share, kW, full-load h/a
PLANTS = [
    ("Aufbereitung und Biomasse-Heizwerk Lisdorfer Berg (Demo)", "biomass", False, "saarlouis", 49.2960, 6.7220,
     4500, 22, 60000, 15, round(2.3 * 0.85, 3), WOODY_SHARE, BOILER_KW, BOILER_HOURS),
    ("Kompostierungsanlage EVS (Demo)", "composting", False, "evs", 49.2600, 6.8900,
     25000, 48, 0, 45, 0, 0, None, None),
    ("Häckselplatz Nalbach – gemeinsamer Kandidat (Demo)", "shredding", True, None, 49.3850, 6.7900,
     2000, 14, 38000, 8, round(2.3 * 0.85, 3), 0.30, None, None),
    ("Umschlagplatz Saarwellingen – Kandidat (Demo)", "transfer", True, "saarwellingen", 49.3600, 6.8200,
     6000, 36, 30000, 4, 0, 0, None, None),
]  # fmt: skip


def load(ctx):
    saarlouis = ctx.org("saarlouis")
    actor = ctx.actor("saarlouis-editor")
    coop = ctx.cooperations.get(COOPERATION)

    for data, owner_slug, user in (
        (green_waste_system(), "saarlouis", "saarlouis-editor"),
        (quarter_system(), "nalbach", "nalbach-editor"),
    ):
        owner = ctx.org(owner_slug)
        existing = MfaSystem.objects.filter(owner=owner, name=data["name"]).first()
        system = actions.import_system(
            ctx.actor(user),
            owner.pk,
            data,
            visibility=Visibility.COOPERATION if coop else Visibility.PLATFORM,
            system=existing,
        )
        if coop and system.visibility == Visibility.COOPERATION:
            system.shared_with.set([coop])

    scenario, _created = GreenWasteScenario.objects.update_or_create(
        owner=saarlouis,
        name="Gemeinsame Grüngutverwertung 2025 (Demo)",
        defaults={
            "description": "Sammelplätze und Bauhöfe von Saarlouis, Nalbach, Saarwellingen und Dillingen; "
            "Grüngut privater Haushalte in Zuständigkeit des EVS, kommunales Grüngut der Gemeinden. Bestehende "
            "Anlagen Lisdorfer Berg (Saarlouis) und EVS-Kompostierung, zwei mögliche neue Standorte. Mengen: "
            "Einwohner 31.12.2023 × 75 kg (Haushalte) bzw. 12 kg (kommunal) je Einwohner (Demo-Annahmen).",
            "year": 2025,
            "visibility": Visibility.COOPERATION if coop else Visibility.PLATFORM,
            "created_by": ctx.user("saarlouis-editor"),
        },
    )
    if coop:
        scenario.shared_with.set([coop])
    # Points of earlier demo versions that no longer exist are removed (their months go with them).
    CollectionPoint.objects.filter(scenario=scenario).exclude(
        name__in=[f"{p[0]} (Demo)" for p in POINTS]
    ).delete()
    Plant.objects.filter(scenario=scenario).exclude(name__in=[p[0] for p in PLANTS]).delete()
    points = {}
    for name, slug, lat, lon, m3, t, method, opening, whose in POINTS:
        points[name], _ = CollectionPoint.objects.update_or_create(
            scenario=scenario,
            name=f"{name} (Demo)",
            defaults={
                "municipality": ctx.org(slug),
                "latitude": lat,
                "longitude": lon,
                "quantity_m3": m3,
                "quantity_t": t,
                "method": method,
                "opening_hours": opening,
                "responsibility": whose,
            },
        )
    for name, kind, cand, operator, lat, lon, cap, fee, fixed, proc, mwh, woody, kw, hours in PLANTS:
        Plant.objects.update_or_create(
            scenario=scenario,
            name=name,
            defaults={
                "kind": kind, "candidate": cand, "operator": ctx.org(operator) if operator else None,
                "latitude": lat, "longitude": lon, "capacity_t": cap, "gate_fee": fee, "fixed_cost": fixed,
                "process_co2": proc, "energy_yield": mwh, "woody_share": woody, "thermal_kw": kw,
                "full_load_hours": hours, "heat_ef": factors.default_heat_ef(),
            },
        )  # fmt: skip
    # Monthly reported vs delivered: estimated points report systematically too much (the EVS lesson).
    season = [0.3, 0.3, 0.8, 1.3, 1.5, 1.3, 1.1, 1.0, 1.2, 1.4, 1.2, 0.6]
    total_season = sum(season)
    for point in points.values():
        annual = point.tonnes()
        over = 1.0 if point.method == "weighbridge" else 1.25 + 0.2 * ctx.rng.random()
        for month, weight in enumerate(season, start=1):
            delivered = annual * weight / total_season * (0.9 + 0.2 * ctx.rng.random())
            MonthlyQuantity.objects.update_or_create(
                point=point,
                year=2025,
                month=month,
                defaults={
                    "delivered_t": round(delivered, 1),
                    "reported_t": round(delivered * over * (0.95 + 0.1 * ctx.rng.random()), 1),
                },
            )
    # Re-optimise only when the demo inputs changed (keeps reloading quick and idempotent).
    fingerprint = hashlib.sha256(repr((RESULT_FORMAT, POINTS, PLANTS)).encode()).hexdigest()[:16]
    if scenario.result.get("demo_inputs") != fingerprint:
        result = optimise_scenario(scenario)
        result["demo_inputs"] = fingerprint
        actions.save_optimisation(actor, scenario, result)
    ctx.log("  materials: 2 MFA systems, 1 green-waste scenario (optimised)")
