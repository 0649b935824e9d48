"""Allocation (HiGHS) against brute force, bad input, Pareto front, transport per trip."""

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ikonnekt.core.geo import haversine_km
from ikonnekt.materials import transport
from ikonnekt.materials.allocation import AllocationError, Options, Plant, Point, optimise, pareto_front


def test_haversine_matches_a_known_distance():
    # Saarlouis (49.3136, 6.7519) – Saarbrücken (49.2402, 6.9969): about 19.3 km great circle.
    assert haversine_km(49.3136, 6.7519, 49.2402, 6.9969) == pytest.approx(19.4, abs=0.3)
    km = transport.distance_matrix([(49.3136, 6.7519)], [(49.2402, 6.9969)], detour=1.3)
    assert km[0, 0] == pytest.approx(1.3 * haversine_km(49.3136, 6.7519, 49.2402, 6.9969))


def test_payload_is_limited_by_volume_for_loose_green_waste():
    v = transport.Vehicle(payload_t=12, payload_m3=36, cost_per_km=2, cost_per_trip=40, kg_co2e_per_km=1)
    # 36 m³ × 0.15 t/m³ = 5.4 t per trip (volume binds); shredded 0.4 t/m³ → 12 t (mass binds)
    assert transport.trips_per_tonne(v, 0.15) == pytest.approx(1 / 5.4)
    assert transport.trips_per_tonne(v, 0.4) == pytest.approx(1 / 12)
    cost, co2 = transport.per_tonne(v, 0.4, 10)
    assert cost == pytest.approx((2 * 10 * 2 + 40) / 12)  # loaded there, empty back
    assert co2 == pytest.approx(2 * 10 * 1 / 12)


def test_distance_csv_names_missing_pairs_and_bad_rows():
    text = "Sammelplatz;Anlage;km\nA;X;4,5\nA;Y;abc\nB;X;3\n"
    with pytest.raises(transport.DistanceCSVError) as exc:
        transport.parse_distance_csv(text, ["A", "B"], ["X", "Y"])
    msg = " ".join(exc.value.messages)
    assert "Zeile 3" in msg and "km" in msg
    assert "A → Y" in msg and "B → Y" in msg
    ok = transport.parse_distance_csv("A;X;4,5\nA;Y;1\nB;X;3\nB;Y;2\n", ["A", "B"], ["X", "Y"])
    assert ok.tolist() == [[4.5, 1.0], [3.0, 2.0]]


def _instance(draw_or_rng, n=3, m=3):
    rng = draw_or_rng
    points = [
        Point(f"p{i}", f"P{i}", f"M{i % 2}", float(rng.integers(10, 100)), bulk_density=0.3) for i in range(n)
    ]
    plants = [
        Plant(
            f"f{j}",
            f"F{j}",
            capacity_t=float(rng.integers(60, 250)),
            gate_fee=float(rng.integers(5, 50)),
            fixed_cost=float(rng.integers(0, 3000)) if j else 0.0,
            candidate=bool(j),
            process_kg_per_t=float(rng.integers(0, 40)),
        )
        for j in range(m)
    ]
    km = rng.uniform(1, 40, size=(n, m))
    return points, plants, km


def _brute_force_single_source(points, plants, km, vehicle):
    best = np.inf
    for assign in itertools.product(range(len(plants)), repeat=len(points)):
        load = np.zeros(len(plants))
        cost = 0.0
        for i, j in enumerate(assign):
            q = points[i].quantity_t
            load[j] += q
            t_cost, _ = transport.per_tonne(vehicle, points[i].bulk_density, km[i, j])
            cost += q * (t_cost + plants[j].gate_fee)
        if (load > np.array([p.capacity_t for p in plants]) + 1e-9).any():
            continue
        cost += sum(p.fixed_cost for j, p in enumerate(plants) if p.candidate and load[j] > 0)
        best = min(best, cost)
    return best


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 10_000))
def test_single_source_facility_location_matches_brute_force(seed):
    points, plants, km = _instance(np.random.default_rng(seed))
    options = Options(single_source=True)
    expected = _brute_force_single_source(points, plants, km, options.vehicle)
    if not np.isfinite(expected):
        with pytest.raises(AllocationError):
            optimise(points, plants, options, km)
        return
    result = optimise(points, plants, options, km)
    assert result["total_cost"] == pytest.approx(expected, rel=1e-6)
    # splitting can only help
    split = optimise(points, plants, Options(single_source=False), km)
    assert split["total_cost"] <= result["total_cost"] + 1e-6


def test_splittable_without_binding_capacity_sends_each_point_to_its_cheapest_plant():
    rng = np.random.default_rng(7)
    points, plants, km = _instance(rng, n=4, m=3)
    for p in plants:
        p.capacity_t, p.fixed_cost, p.candidate = 10_000, 0, False
    result = optimise(points, plants, Options(), km)
    v = Options().vehicle
    expected = 0.0
    for i, p in enumerate(points):
        expected += p.quantity_t * min(
            transport.per_tonne(v, 0.3, km[i, j])[0] + plants[j].gate_fee for j in range(3)
        )
    assert result["total_cost"] == pytest.approx(expected)
    assert sum(m["tonnes"] for m in result["municipalities"]) == pytest.approx(
        sum(p.quantity_t for p in points)
    )


def test_total_quantity_above_capacity_says_by_how_much_and_where():
    points = [Point("a", "A", "M", 500, 49.3, 6.7)]
    plants = [
        Plant("x", "Anlage X", 200, lat=49.31, lon=6.71),
        Plant("y", "Anlage Y", 100, lat=49.32, lon=6.72),
    ]
    with pytest.raises(AllocationError) as exc:
        optimise(points, plants)
    msg = exc.value.messages[0]
    assert "500,0" in msg and "300,0" in msg and "200,0" in msg and "Anlage X" in msg


def test_single_source_refuses_a_point_larger_than_every_plant():
    points = [Point("a", "Großer Platz", "M", 150, 49.3, 6.7), Point("b", "B", "M", 10, 49.3, 6.7)]
    plants = [Plant("x", "X", 100, lat=49.31, lon=6.71), Plant("y", "Y", 100, lat=49.32, lon=6.72)]
    with pytest.raises(AllocationError) as exc:
        optimise(points, plants, Options(single_source=True))
    assert "Großer Platz" in exc.value.messages[0]


def test_missing_coordinates_without_distance_table_are_named():
    with pytest.raises(AllocationError) as exc:
        optimise([Point("a", "Ohne Ort", "M", 5)], [Plant("x", "X", 100, lat=49.3, lon=6.7)])
    assert "Ohne Ort" in " ".join(exc.value.messages)


def test_co2_objective_prefers_the_plant_that_replaces_fossil_heat():
    points = [Point("a", "A", "M", 100, 49.30, 6.70)]
    plants = [
        Plant("c", "Kompost nah", 1000, gate_fee=20, process_kg_per_t=40, lat=49.301, lon=6.701),
        Plant(
            "b",
            "Biomasse fern",
            1000,
            gate_fee=60,
            energy_mwh_per_t=2,
            woody_share=0.5,
            heat_ef_kg_per_mwh=240,
            lat=49.40,
            lon=6.80,
        ),
    ]
    assert optimise(points, plants, Options(objective="cost"))["flows"][0]["plant"] == "c"
    result = optimise(points, plants, Options(objective="co2"))
    assert result["flows"][0]["plant"] == "b"
    assert result["energy_mwh"] == pytest.approx(100)
    assert result["co2e_avoided_kg"] == pytest.approx(100 * 240)


def test_pareto_front_trades_cost_against_co2():
    points = [Point(f"p{i}", f"P{i}", "M", 100, 49.30 + i / 100, 6.70) for i in range(3)]
    plants = [
        Plant("c", "Kompost", 200, gate_fee=20, process_kg_per_t=40, lat=49.3, lon=6.7),
        Plant(
            "b",
            "Biomasse",
            200,
            gate_fee=60,
            energy_mwh_per_t=2,
            woody_share=0.5,
            heat_ef_kg_per_mwh=240,
            lat=49.4,
            lon=6.8,
        ),
    ]
    front = pareto_front(points, plants, steps=5)
    assert len(front) >= 2
    costs = [p["cost"] for p in front]
    co2 = [p["co2e_kg"] for p in front]
    assert costs == sorted(costs)
    assert co2 == sorted(co2, reverse=True)


def test_energy_credit_is_capped_by_kw_times_full_load_hours():
    """550 kW × 2,000 h/a = 1,100 MWh/a; 1 MWh/t (woody share 0.5 × 2.0 MWh/t).

    3,000 t delivered: potential 3,000 MWh, credited 1,100 MWh, avoided 1,100 × 240 = 264,000 kg;
    process 3,000 × 10 = 30,000 kg, no transport emissions (0 km) → net 30,000 − 264,000 = −234,000 kg.
    500 t delivered: 500 MWh (below the cap), avoided 120,000 kg.
    """
    boiler = Plant(
        "b", "Heizwerk", 5000, process_kg_per_t=10, energy_mwh_per_t=2.0, woody_share=0.5,
        heat_ef_kg_per_mwh=240, thermal_kw=550, full_load_hours=2000,
    )  # fmt: skip
    assert boiler.energy_cap_mwh == pytest.approx(1100)
    result = optimise([Point("a", "A", "M", 3000)], [boiler], Options(), km=np.zeros((1, 1)))
    plant = result["plants"][0]
    assert plant["energy_potential_mwh"] == pytest.approx(3000)
    assert plant["energy_mwh"] == pytest.approx(1100)
    assert plant["energy_capped"]
    assert result["co2e_avoided_kg"] == pytest.approx(264_000)
    assert result["total_co2e_kg"] == pytest.approx(-234_000)
    small = optimise([Point("a", "A", "M", 500)], [boiler], Options(), km=np.zeros((1, 1)))
    assert small["energy_mwh"] == pytest.approx(500)
    assert not small["plants"][0]["energy_capped"]
    assert small["co2e_avoided_kg"] == pytest.approx(120_000)


def test_lowest_co2e_sends_only_what_the_boiler_can_burn_to_the_boiler():
    """Boiler as above (cap 1,100 MWh = 1,100 t), composting 5 kg/t, 3,000 t, 0 km.

    Boiler: 10 − 240 = −230 kg/t up to 1,100 t, beyond that +10 kg/t (no credit) > 5 kg/t composting.
    Optimum: 1,100 t to the boiler, 1,900 t to composting:
    11,000 + 9,500 − 264,000 = −243,500 kg (uncapped it would have been 30,000 − 720,000 = −690,000).
    """
    boiler = Plant(
        "b", "Heizwerk", 5000, process_kg_per_t=10, energy_mwh_per_t=2.0, woody_share=0.5,
        heat_ef_kg_per_mwh=240, thermal_kw=550, full_load_hours=2000,
    )  # fmt: skip
    compost = Plant("k", "Kompost", 5000, process_kg_per_t=5)
    result = optimise(
        [Point("a", "A", "M", 3000)], [boiler, compost], Options(objective="co2"), km=np.zeros((1, 2))
    )
    tonnes = {p["plant"]: p["tonnes"] for p in result["plants"]}
    assert tonnes == pytest.approx({"b": 1100, "k": 1900})
    assert result["total_co2e_kg"] == pytest.approx(-243_500)


def test_fixed_cost_of_an_own_plant_is_charged_to_its_owner_even_unused():
    """Own plant of M2 (fixed 5,000 €/a, 100 €/t) is not used; M1 delivers 10 t to a 40 €/t plant, 0 km.

    Transport per t at 0 km = trips/t × cost per trip = 45 € / min(12 t, 36 m³ × 0.15 t/m³ = 5.4 t) = 8.33 €/t.
    M1 pays 10 × (40 + 8.33) = 483.33 €; M2 pays 5,000 €; total 5,483.33 €.
    """
    plants = [
        Plant("t", "Dritte", 100, gate_fee=40),
        Plant("o", "Eigen", 100, gate_fee=100, fixed_cost=5000, owner="M2"),
    ]
    result = optimise([Point("a", "A", "M1", 10)], plants, Options(), km=np.zeros((1, 2)))
    rows = {r["municipality"]: r for r in result["municipalities"]}
    assert rows["M1"]["cost"] == pytest.approx(10 * (40 + 45 / 5.4))
    assert rows["M2"]["cost"] == pytest.approx(5000)
    assert result["total_cost"] == pytest.approx(5000 + 10 * (40 + 45 / 5.4))
