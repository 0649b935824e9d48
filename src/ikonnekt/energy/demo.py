"""Demo: municipal buildings of Nalbach and Saarlouis with meters, readings, interval data,
a sample weather series, a joint annual report and a quarter concept. Everything is
invented ("Demo"), reproducible (seeded) and idempotent."""

import datetime as dt
import math
import random
from decimal import Decimal
from zoneinfo import ZoneInfo

from ikonnekt.core.sharing import Visibility
from ikonnekt.energy.domain.degree_days import degree_day
from ikonnekt.energy.models import (
    Building,
    BuildingGroup,
    DailyTemperature,
    EmissionFactorSet,
    EnergyReport,
    IntervalReading,
    Measure,
    Meter,
    MeterExchange,
    Quarter,
    QuarterBuilding,
    Reading,
    SelfCheckAnswer,
    Tariff,
    Variant,
    WeatherStation,
)

BERLIN = ZoneInfo("Europe/Berlin")
COOPERATION = "Gemeinsame Personalstelle Klimaschutz Nalbach–Saarlouis"
START = dt.date(2023, 1, 1)

# org, name, property, use, area m², year, address, lat, lon, heat carrier, heat MWh/a, electricity MWh/a
BUILDINGS = [
    (
        "nalbach",
        "Rathaus Nalbach (Demo)",
        "Rathaus",
        "administration",
        1450,
        1974,
        "Rathausplatz 1, 66809 Nalbach",
        49.3795,
        6.7806,
        "natural_gas",
        160,
        38,
    ),
    (
        "nalbach",
        "Grundschule Piesbach (Demo)",
        "Schulzentrum Piesbach",
        "school",
        2300,
        1968,
        "Schulstraße 5, 66809 Nalbach-Piesbach",
        49.3715,
        6.7643,
        "natural_gas",
        290,
        30,
    ),
    (
        "nalbach",
        "Kita Körprich (Demo)",
        "Kita Körprich",
        "kita",
        650,
        1992,
        "Kirchstraße 12, 66809 Nalbach-Körprich",
        49.3902,
        6.7738,
        "heating_oil",
        78,
        11,
    ),
    (
        "nalbach",
        "Sporthalle Nalbach (Demo)",
        "Schulzentrum Piesbach",
        "sports_hall",
        1200,
        1979,
        "Am Sportplatz 2, 66809 Nalbach",
        49.3751,
        6.7781,
        "natural_gas",
        165,
        26,
    ),
    (
        "nalbach",
        "Feuerwehrgerätehaus Bilsdorf (Demo)",
        "Feuerwehr Bilsdorf",
        "fire_station",
        480,
        1985,
        "Hauptstraße 40, 66809 Nalbach-Bilsdorf",
        49.3851,
        6.7953,
        "natural_gas",
        58,
        9,
    ),
    (
        "saarlouis",
        "Rathaus Saarlouis (Demo)",
        "Rathaus",
        "administration",
        6200,
        1957,
        "Großer Markt 1, 66740 Saarlouis",
        49.3139,
        6.7516,
        "district_heat",
        540,
        330,
    ),
    (
        "saarlouis",
        "Grundschule Roden (Demo)",
        "Grundschule Roden",
        "school",
        3100,
        1964,
        "Schulstraße 20, 66740 Saarlouis-Roden",
        49.3331,
        6.7489,
        "natural_gas",
        360,
        42,
    ),
    (
        "saarlouis",
        "Kita Lisdorf (Demo)",
        "Kita Lisdorf",
        "kita",
        820,
        2011,
        "Lisdorfer Straße 8, 66740 Saarlouis-Lisdorf",
        49.2989,
        6.7536,
        "wood_pellets",
        62,
        14,
    ),
    (
        "saarlouis",
        "Bauhof Saarlouis (Demo)",
        "Betriebshof",
        "bauhof",
        1900,
        1981,
        "Lisdorfer Berg 3, 66740 Saarlouis",
        49.2941,
        6.7701,
        "natural_gas",
        250,
        64,
    ),
]


def _temperature(day: dt.date, rng) -> float:
    """Synthetic daily mean: seasonal cosine (Saar valley climate order of magnitude) + noise;
    2024 a little warmer, 2023 a little colder, so normalisation has something to do."""
    doy = day.timetuple().tm_yday
    shift = {2023: -0.4, 2024: 0.6}.get(day.year, 0.2)
    return round(10.2 + shift - 8.6 * math.cos(2 * math.pi * (doy - 18) / 365) + rng.gauss(0, 2.6), 1)


def _station(ctx, today):
    station, _ = WeatherStation.objects.update_or_create(
        name="Saarlouis (Beispielreihe, Demo)",
        defaults=dict(
            owner=ctx.org("landkreis-saarlouis"),
            visibility=Visibility.PUBLIC,
            station_id="DEMO-SLS",
            latitude=49.31,
            longitude=6.75,
            long_term_degree_days=3280,
            reference_period="1991–2020 (Beispielwert)",
            is_sample=True,
            source="Synthetische Beispielreihe für die Demo (keine Messwerte); Größenordnung des Saartals",
            created_by=ctx.user("landkreis-saarlouis-admin"),
        ),
    )
    rng = random.Random(4711)
    existing = set(DailyTemperature.objects.filter(station=station).values_list("date", flat=True))
    rows = []
    day = START
    while day < today:
        t = _temperature(day, rng)
        if day not in existing:
            rows.append(DailyTemperature(station=station, date=day, mean_temperature=t))
        day += dt.timedelta(days=1)
    DailyTemperature.objects.bulk_create(rows, batch_size=2000)
    return station


def _monthly_readings(meter, temps, annual_kwh, heating, rng, per_unit, today, anomaly=None):
    """Monthly readings (1st of each month, 08:00 local) from the daily temperatures."""
    if meter.readings.exists():
        return
    base_share = 0.15 if heating else 1.0
    year_dd = sum(degree_day(t) for d, t in temps.items() if d.year == 2024) or 1
    value = 10000.0 + rng.randint(0, 5000)
    month = dt.date(START.year, START.month, 1)
    readings = []
    while month <= today:
        stamp = dt.datetime.combine(month, dt.time(8, 0), tzinfo=BERLIN)
        readings.append(Reading(meter=meter, timestamp=stamp, value=round(value, 1), source="import"))
        nxt = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
        days = [month + dt.timedelta(days=i) for i in range((nxt - month).days)]
        if heating:
            dd = sum(degree_day(temps[d]) for d in days if d in temps)
            kwh = annual_kwh * (base_share * len(days) / 365 + (1 - base_share) * dd / year_dd)
        else:
            school_break = 0.75 if month.month in (7, 8) else 1.0
            kwh = annual_kwh * len(days) / 365 * school_break
        kwh *= rng.uniform(0.96, 1.04)
        if anomaly and (month.year, month.month) == anomaly:
            kwh *= 1.8
        value += kwh / per_unit
        month = nxt
    Reading.objects.bulk_create(readings)


def _interval_data(meter, today, rng):
    """15-minute load profile of the last 8 weeks (kWh per quarter hour)."""
    if meter.intervals.exists():
        return
    end = dt.datetime.combine(today, dt.time(0, 0), tzinfo=BERLIN).astimezone(dt.UTC)
    start = end - dt.timedelta(days=56)
    rows = []
    t = start
    while t < end:
        local = t.astimezone(BERLIN)
        hour = local.hour + local.minute / 60
        working = local.weekday() < 5 and 7 <= hour < 17
        kw = 28.0 + (45.0 * math.sin(math.pi * (hour - 7) / 10) if working else 0.0) + rng.gauss(0, 2.5)
        rows.append(IntervalReading(meter=meter, start=t, minutes=15, value=round(max(kw, 3) / 4, 3)))
        t += dt.timedelta(minutes=15)
    IntervalReading.objects.bulk_create(rows, batch_size=5000)


def load(ctx):
    today = dt.date.today()
    coop = ctx.cooperations.get(COOPERATION)
    if coop is None:
        from ikonnekt.cooperations.models import Cooperation

        coop = Cooperation.objects.get(name=COOPERATION)
    station = _station(ctx, today)
    temps = dict(DailyTemperature.objects.filter(station=station).values_list("date", "mean_temperature"))
    rng = random.Random(2026)
    group, _ = BuildingGroup.objects.update_or_create(
        name="Schulen und Kitas Nalbach (Demo)",
        defaults=dict(
            owner=ctx.org("nalbach"),
            visibility=Visibility.PLATFORM,
            created_by=ctx.user("nalbach-admin"),
            description="Gruppe für den Bericht an den Bildungsausschuss.",
        ),
    )
    buildings = {}
    for org, name, prop, use, area, year, address, lat, lon, carrier, heat_mwh, el_mwh in BUILDINGS:
        building, _ = Building.objects.update_or_create(
            name=name,
            owner=ctx.org(org),
            defaults=dict(
                property_name=prop,
                use_type=use,
                reference_area=area,
                area_kind="ngf",
                year_built=year,
                address=address,
                latitude=lat,
                longitude=lon,
                station=station,
                caretaker=ctx.user(f"{org}-editor"),
                heating_share=0.85 if use != "kita" else 0.8,
                visibility=Visibility.COOPERATION,
                created_by=ctx.user(f"{org}-admin"),
            ),
        )
        building.shared_with.set([coop])
        if org == "nalbach" and use in ("school", "kita"):
            building.groups.add(group)
        buildings[name] = building
        # electricity main meter
        interval = name.startswith("Rathaus Saarlouis")
        el, _ = Meter.objects.update_or_create(
            building=building,
            number="S1",
            defaults=dict(
                name="Strom Hauptzähler",
                carrier="electricity",
                unit="kWh",
                kind="interval" if interval else "cumulative",
                digits=6,
            ),
        )
        if interval:
            _interval_data(el, today, rng)
        else:
            _monthly_readings(el, temps, el_mwh * 1000, False, rng, 1.0, today)
        Tariff.objects.update_or_create(
            meter=el,
            valid_from=dt.date(2023, 1, 1),
            defaults=dict(
                valid_to=dt.date(2024, 12, 31),
                energy_price=34.5,
                base_price=180,
                supplier="Stadtwerke (Demo)",
            ),
        )
        Tariff.objects.update_or_create(
            meter=el,
            valid_from=dt.date(2025, 1, 1),
            defaults=dict(valid_to=None, energy_price=29.8, base_price=180, supplier="Stadtwerke (Demo)"),
        )
        # heat meter
        if carrier == "natural_gas":
            heat_defaults = dict(
                name="Gas",
                carrier=carrier,
                unit="m3",
                state_number=0.9626,
                calorific_value=11.2,
                calorific_basis="hs",
                digits=5,
            )
            per_unit = 0.9626 * 11.2 / 1.11  # readings in m³; annual demand given on Hi
            price = 11.9
        elif carrier == "heating_oil":
            heat_defaults = dict(
                name="Heizöl", carrier=carrier, unit="l", conversion_factor=10.0, calorific_basis="hi"
            )
            per_unit, price = 10.0, 10.5
        elif carrier == "wood_pellets":
            heat_defaults = dict(
                name="Pellets", carrier=carrier, unit="kg", conversion_factor=4.9, calorific_basis="hi"
            )
            per_unit, price = 4.9, 7.2
        else:
            heat_defaults = dict(name="Fernwärme", carrier=carrier, unit="MWh", calorific_basis="hi")
            per_unit, price = 1000.0, 13.4
        heat, _ = Meter.objects.update_or_create(building=building, number="W1", defaults=heat_defaults)
        anomaly = (2025, 1) if name.startswith("Kita Körprich") else None
        _monthly_readings(heat, temps, heat_mwh * 1000, True, rng, per_unit, today, anomaly)
        Tariff.objects.update_or_create(
            meter=heat,
            valid_from=dt.date(2023, 1, 1),
            defaults=dict(
                valid_to=None, energy_price=price, base_price=240, supplier="Regionalversorger (Demo)"
            ),
        )
    # a sub-meter and a virtual meter in the Rathaus Nalbach
    rathaus = buildings["Rathaus Nalbach (Demo)"]
    main = rathaus.meters.get(number="S1")
    sub, _ = Meter.objects.update_or_create(
        building=rathaus,
        number="S2",
        defaults=dict(name="Strom Serverraum", carrier="electricity", unit="kWh", parent=main),
    )
    _monthly_readings(sub, temps, 7000, False, rng, 1.0, today)
    Meter.objects.update_or_create(
        building=rathaus,
        number="S3",
        defaults=dict(
            name="Strom Verwaltung ohne Serverraum",
            carrier="electricity",
            unit="kWh",
            kind="virtual",
            formula="S1 - S2",
        ),
    )
    # a meter exchange of the school's gas meter in June 2024
    school_gas = buildings["Grundschule Piesbach (Demo)"].meters.get(number="W1")
    when = dt.datetime(2024, 6, 14, 10, 0, tzinfo=BERLIN)
    if not school_gas.exchanges.exists():
        before = school_gas.readings.filter(timestamp__lt=when).order_by("-timestamp").first()
        after_rows = list(school_gas.readings.filter(timestamp__gt=when).order_by("timestamp"))
        old_final = float(before.value) + 180
        offset = old_final - 0.0  # the new meter starts at 0
        for r in after_rows:
            r.value = round(float(r.value) - offset, 1)
        Reading.objects.bulk_update(after_rows, ["value"])
        MeterExchange.objects.create(
            meter=school_gas,
            timestamp=when,
            old_final_reading=old_final,
            new_initial_reading=0,
            new_number="W1",
            note="Eichfristablauf (Demo)",
        )
    # measures
    Measure.objects.update_or_create(
        building=buildings["Grundschule Piesbach (Demo)"],
        title="LED-Beleuchtung Klassenräume (Demo)",
        defaults=dict(
            status="done",
            carrier="electricity",
            cost=48000,
            expected_savings_kwh=9000,
            baseline_year=2023,
            done_on=dt.date(2024, 8, 30),
        ),
    )
    Measure.objects.update_or_create(
        building=rathaus,
        title="Hocheffizienzpumpen und hydraulischer Abgleich (Demo)",
        defaults=dict(
            status="planned",
            carrier="natural_gas",
            cost=18500,
            expected_savings_kwh=14000,
            baseline_year=2025,
        ),
    )
    Measure.objects.update_or_create(
        building=buildings["Rathaus Saarlouis (Demo)"],
        title="Abschaltung Lüftung nachts und am Wochenende (Demo)",
        defaults=dict(
            status="in_progress",
            carrier="electricity",
            cost=3500,
            expected_savings_kwh=40000,
            baseline_year=2025,
        ),
    )
    # joint annual report with self-check
    factor_set = (
        EmissionFactorSet.objects.filter(method="bisko", year__lte=today.year - 1).order_by("-year").first()
    )
    report, _ = EnergyReport.objects.update_or_create(
        title=f"Gemeinsamer Energiebericht {today.year - 1} Nalbach–Saarlouis (Demo)",
        defaults=dict(
            owner=ctx.org("nalbach"),
            year=today.year - 1,
            cooperation=coop,
            factor_set=factor_set,
            visibility=Visibility.PLATFORM,
            created_by=ctx.user("nalbach-admin"),
            summary="Gemeinsamer Bericht der Personalstelle Klimaschutz für die kommunalen Gebäude beider Kommunen.",
        ),
    )
    for key, status, note in [
        ("responsibility", "met", "Gemeinsame Personalstelle seit 04/2024"),
        ("meter_register", "met", "Alle Hauptzähler erfasst"),
        ("readings_monthly", "partly", "Monatlich in Nalbach, Saarlouis teilweise quartalsweise"),
        ("annual_report", "met", "Dieser Bericht"),
        ("key_figures", "met", ""),
        ("weather_normalised", "met", "Beispielreihe, DWD-Daten folgen"),
        ("tariffs", "partly", ""),
        ("measures", "partly", ""),
        ("interval_data", "partly", "Rathaus Saarlouis mit Lastgang"),
    ]:
        SelfCheckAnswer.objects.update_or_create(
            report=report, requirement=key, defaults={"status": status, "note": note}
        )
    # quarter concept
    quarter, _ = Quarter.objects.update_or_create(
        name="Wohngebiet Am Litermont, Nalbach (Demo)",
        defaults=dict(
            owner=ctx.org("nalbach"),
            visibility=Visibility.COOPERATION,
            created_by=ctx.user("nalbach-admin"),
            description="Bestandsquartier mit Ein- und Mehrfamilienhäusern; Varianten für die künftige Wärmeversorgung, "
            "u. a. Nahwärme aus dem holzigen Anteil des Grünguts.",
            assessed_area="Kriterienkatalog: Wohngebiet Am Litermont (Demo)",
            station=station,
            factor_set=factor_set,
            interest_rate=3,
            period_years=20,
            price_electricity=32,
            price_heat_pump=26,
            price_gas=11,
            price_wood=4.5,
            price_district_heat=13,
            feed_in_tariff=7.9,
            price_increase=2,
            co2_price_path="2026:55, 2027:65, 2030:100, 2035:150, 2045:200",
        ),
    )
    quarter.shared_with.set([coop])
    for name, count, area, heat, dhw, el in [
        ("Einfamilienhaus Bestand 1970er", 40, 140, 140, 12, 3500),
        ("Reihenhaus Neubau 2015", 20, 110, 45, 12, 2800),
        ("Mehrfamilienhaus 1960er (6 WE)", 6, 600, 110, 15, 12000),
    ]:
        QuarterBuilding.objects.update_or_create(
            quarter=quarter,
            name=name,
            defaults=dict(count=count, area=area, heat_demand=heat, dhw_demand=dhw, electricity=el),
        )
    for name, source, eff, loss, capex, life, maint, pv, battery, st_share, st_capex, subsidy, notes in [
        (
            "Gas-Brennwert je Gebäude",
            "gas_boiler",
            0.95,
            0,
            66 * 11000,
            20,
            2.0,
            0,
            0,
            0,
            0,
            0,
            "Referenz: Ersatz der Kessel 1:1.",
        ),
        (
            "Luft-Wärmepumpe je Gebäude + PV",
            "air_heat_pump",
            3.4,
            0,
            66 * 28000,
            18,
            1.5,
            400,
            0,
            0,
            0,
            66 * 9000,
            "BEG-Förderung pauschal 30 % angesetzt.",
        ),
        (
            "Erdwärmepumpe je Gebäude",
            "ground_heat_pump",
            4.3,
            0,
            66 * 38000,
            20,
            1.5,
            0,
            0,
            0,
            0,
            66 * 12000,
            "Sonden 2 × 80 m je EFH.",
        ),
        (
            "Nahwärme Biomasse (Grüngut holzig)",
            "biomass_network",
            0.85,
            15,
            3_400_000,
            20,
            3.0,
            0,
            0,
            0,
            0,
            1_360_000,
            "BEW-Förderung 40 %; Brennstoffmenge und -preis aus dem Szenario der gemeinsamen Grüngutverwertung "
            "(Heizwert 0,782 MWh je t Grüngut = 34 % holzig × 2,3 MWh/t). Bedienung 25.000 €/a, "
            "Versicherung/Verwaltung 0,5 % der Investition je Jahr: Annahmen (Demo).",
        ),
        (
            "Nahwärme Biomasse + PV + Speicher",
            "biomass_network",
            0.85,
            15,
            3_400_000,
            20,
            3.0,
            600,
            400,
            0,
            0,
            1_360_000,
            "Wie Nahwärme, zusätzlich PV auf Dächern mit Quartiersspeicher. Bedienung und Versicherung "
            "wie Nahwärme (Annahmen, Demo).",
        ),
    ]:
        Variant.objects.update_or_create(
            quarter=quarter,
            name=name,
            defaults=dict(
                heat_source=source,
                efficiency=eff,
                network_loss=loss,
                capex=capex,
                lifetime=life,
                maintenance_pct=maint,
                pv_kwp=pv,
                battery_kwh=battery,
                solar_thermal_share=st_share,
                solar_thermal_capex=st_capex,
                subsidy=subsidy,
                # network variants: staff for operating the heating plant and fuel logistics, insurance
                # and administration of the network (demo assumptions, not from a source)
                operation_cost=25_000 if source == "biomass_network" else 0,
                other_cost=0.005 * capex if source == "biomass_network" else 0,
                notes=notes,
            ),
        )
    fuel = _biomass_fuel_from_green_waste(ctx, quarter)
    ctx.log(f"  energy: {len(buildings)} buildings, weather station, report, quarter with 5 variants{fuel}")


GREEN_WASTE_SCENARIO = "Gemeinsame Grüngutverwertung 2025 (Demo)"
# MWh per tonne of green waste: woody share 34 % × 2.3 MWh/t of the wood chips (as in the
# materials demo's scenario and material-flow system)
GREEN_WASTE_HEATING_VALUE = Decimal("0.782")


def _biomass_fuel_from_green_waste(ctx, quarter):
    """The biomass variant takes fuel quantity and price from the joint green-waste scenario."""
    from django.core.exceptions import ValidationError

    from ikonnekt.energy import greenwaste_fuel
    from ikonnekt.materials.models import GreenWasteScenario

    scenario = GreenWasteScenario.objects.filter(
        name=GREEN_WASTE_SCENARIO, owner=ctx.org("saarlouis")
    ).first()
    variant = Variant.objects.get(quarter=quarter, name="Nahwärme Biomasse (Grüngut holzig)")
    if scenario is None:
        return " (green-waste link skipped: materials demo not loaded)"
    try:
        greenwaste_fuel.set_link(ctx.actor("nalbach-admin"), variant, scenario, GREEN_WASTE_HEATING_VALUE)
    except ValidationError as exc:
        return f" (green-waste link not set: {'; '.join(exc.messages)})"
    return ", biomass variant fuelled from the green-waste scenario"
