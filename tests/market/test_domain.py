import datetime as dt
from decimal import Decimal as D

import pytest

from ikonnekt.core.geo import haversine_km
from ikonnekt.market.hours import HoursError, is_open, parse_hours
from ikonnekt.market.matching import Candidate, code_level, suggest, transport_co2e_kg
from ikonnekt.market.regional import regional_value

TODAY = dt.date(2026, 6, 1)


def cand(id, kind, code, qty=D("100"), unit="t", lat=49.38, lon=6.78, until=30):
    return Candidate(id, kind, code, qty, unit, TODAY, TODAY + dt.timedelta(days=until), lat, lon)


def test_code_levels():
    assert code_level("200201", "200201") == 3
    assert code_level("200201", "200203") == 2
    assert code_level("200201", "200138") == 1
    assert code_level("200201", "170504") == 0


def test_suggestions_rank_code_then_quantity_then_distance():
    offer = cand(1, "offer", "200201")
    candidates = [
        cand(2, "wanted", "200203", qty=D("100")),  # same group
        cand(3, "wanted", "200201", qty=D("10")),  # exact, small quantity
        cand(4, "wanted", "200201", qty=D("100"), lat=49.9, lon=7.5),  # exact, same qty, far
        cand(5, "wanted", "200201", qty=D("100")),  # exact, same qty, near
        cand(6, "wanted", "170504"),  # other chapter: no match
        cand(7, "offer", "200201"),  # same kind: no match
    ]
    ranked = [s.candidate.id for s in suggest(offer, candidates)]
    assert ranked == [5, 4, 3, 2]


def test_suggestions_need_overlapping_time_windows():
    offer = cand(1, "offer", "200201")
    late = Candidate(
        2,
        "wanted",
        "200201",
        D("5"),
        "t",
        TODAY + dt.timedelta(days=60),
        TODAY + dt.timedelta(days=90),
        49.38,
        6.78,
    )
    assert suggest(offer, [late]) == []


def test_transport_co2e_uses_documented_factor():
    # 10 t over 20 km at 0.111 kg/tkm = 22.2 kg
    assert transport_co2e_kg(D("10"), 20.0) == D("22.2")


def test_haversine_nalbach_saarlouis_is_about_9_km():
    assert 8 < haversine_km(49.3833, 6.7833, 49.3139, 6.7522) < 9


def test_opening_hours():
    hours = "Mo-Fr 08:00-18:00\nSa 08:00-12:00, 14:00-16:00"
    assert is_open(hours, dt.datetime(2026, 6, 1, 9, 0))  # Monday
    assert not is_open(hours, dt.datetime(2026, 6, 6, 13, 0))  # Saturday lunch
    assert is_open(hours, dt.datetime(2026, 6, 6, 15, 0))
    assert not is_open(hours, dt.datetime(2026, 6, 7, 10, 0))  # Sunday
    with pytest.raises(HoursError) as exc:
        parse_hours("Mo-Fr 8-18")
    assert exc.value.line_no == 1


def test_regional_share():
    rows = [
        {
            "goods": D("60"),
            "producer_lat": 49.38,
            "producer_lon": 6.78,
            "pickup_lat": 49.38,
            "pickup_lon": 6.78,
        },
        {
            "goods": D("40"),
            "producer_lat": 48.0,
            "producer_lon": 9.0,
            "pickup_lat": 49.38,
            "pickup_lon": 6.78,
        },
    ]
    value = regional_value(rows)
    assert value["share"] == D("0.6")
