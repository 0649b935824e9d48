"""Cost keys and settlement maths, hand-computed (see docs/administration.md for the formulas)."""

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ikonnekt.administration.costkeys import (
    Component,
    CostKeyError,
    differences,
    key_shares,
    largest_remainder,
    settle,
)


def three_municipalities(advances=None):
    """A, B, C: 10,000 / 30,000 / 10,000 inhabitants; 10 / 30 / 60 hours of usage."""
    return {
        "year": 2025,
        "parties": [{"id": 1, "name": "A"}, {"id": 2, "name": "B"}, {"id": 3, "name": "C"}],
        "keys": {
            "10": {
                "name": "20 % Sockel + 80 % Nutzung",
                "components": [
                    {"basis": "equal", "weight": "20", "values": {}},
                    {"basis": "resource_usage", "weight": "80", "values": {"1": "10", "2": "30", "3": "60"}},
                ],
            },
            "20": {
                "name": "Einwohner",
                "components": [
                    {"basis": "inhabitants", "weight": "100", "values": {"1": 10000, "2": 30000, "3": 10000}},
                ],
            },
        },
        "items": [
            {
                "id": 1,
                "label": "Personal",
                "category": "personnel",
                "amount": "30000.00",
                "rate": None,
                "key": "10",
            },
            {
                "id": 2,
                "label": "Material",
                "category": "material",
                "amount": "1000.01",
                "rate": None,
                "key": "20",
            },
            {
                "id": 3,
                "label": "Gemeinkosten",
                "category": "overhead",
                "amount": "0",
                "rate": "10",
                "key": "20",
            },
        ],
        "advances": advances or {"1": "5000.00", "2": "12000.00"},
    }


def test_hand_computed_settlement_for_three_municipalities():
    result = settle(three_municipalities())
    # base + variable: A = 0.2/3 + 0.8·0.1 → 4,400.00 of 30,000; B 9,200.00; C 16,400.00
    personnel = result["items"][0]["shares"]
    assert [personnel[p]["amount"] for p in "123"] == ["4400.00", "9200.00", "16400.00"]
    # inhabitants 20/60/20 % of 1,000.01: the odd cent goes to the largest remainder (B)
    material = result["items"][1]["shares"]
    assert [material[p]["amount"] for p in "123"] == ["200.00", "600.01", "200.00"]
    # overhead: 10 % of (30,000.00 + 1,000.01) = 3,100.00 (rounded), by inhabitants
    assert result["items"][2]["amount"] == "3100.00"
    assert result["parties"]["1"] == {"costs": "5220.00", "advances": "5000.00", "balance": "220.00"}
    assert result["parties"]["2"] == {"costs": "11660.01", "advances": "12000.00", "balance": "-339.99"}
    assert result["parties"]["3"] == {"costs": "17220.00", "advances": "0.00", "balance": "17220.00"}
    assert result["total"] == "34100.01"


def test_differences_between_versions():
    old = settle(three_municipalities())
    new = settle(three_municipalities(advances={"1": "5220.00", "2": "12000.00"}))
    assert differences(old, new) == {"1": "-220.00", "2": "0.00", "3": "0.00"}


def test_missing_inhabitant_figure_names_the_party():
    inputs = three_municipalities()
    inputs["keys"]["20"]["components"][0]["values"]["2"] = None
    with pytest.raises(CostKeyError, match="Einwohner.*B"):
        settle(inputs)


def test_no_cost_items_is_refused():
    inputs = three_municipalities()
    inputs["items"] = []
    with pytest.raises(CostKeyError, match="2025"):
        settle(inputs)


def test_weights_must_add_up_to_100():
    with pytest.raises(CostKeyError, match="90"):
        key_shares([Component("equal", Decimal("90"), {})], ["a", "b"])


def test_usage_key_with_no_usage_at_all_is_refused():
    with pytest.raises(CostKeyError, match="zero"):
        key_shares([Component("resource_usage", Decimal("100"), {"a": 0, "b": 0})], ["a", "b"])


def test_largest_remainder_ties_are_reproducible():
    assert largest_remainder(100, {"a": 1, "b": 1, "c": 1}) == {"a": 34, "b": 33, "c": 33}
    assert largest_remainder(-100, {"a": 1, "b": 1, "c": 1}) == {"a": -34, "b": -33, "c": -33}


weights = st.dictionaries(st.integers(1, 60), st.integers(0, 10**6), min_size=1, max_size=50).filter(
    lambda d: sum(d.values()) > 0
)


@given(total=st.integers(-(10**9), 10**9), weights=weights)
def test_shares_always_add_up_exactly_and_stay_within_one_cent(total, weights):
    alloc = largest_remainder(total, weights)
    assert sum(alloc.values()) == total
    whole = sum(weights.values())
    for key, cents in alloc.items():
        exact = Fraction(total * weights[key], whole)
        assert abs(cents - exact) < 1


@given(
    base=st.integers(0, 100),
    usage=st.lists(st.integers(0, 10_000), min_size=2, max_size=20).filter(lambda u: sum(u) > 0),
    amount=st.integers(1, 10**8),
)
def test_settled_party_costs_add_up_to_the_total(base, usage, amount):
    parties = [{"id": i + 1, "name": f"P{i}"} for i in range(len(usage))]
    inputs = {
        "year": 2025,
        "parties": parties,
        "keys": {
            "1": {
                "name": "k",
                "components": [
                    {"basis": "equal", "weight": str(base), "values": {}},
                    {
                        "basis": "resource_usage",
                        "weight": str(100 - base),
                        "values": {str(i + 1): u for i, u in enumerate(usage)},
                    },
                ],
            }
        },
        "items": [
            {
                "id": 1,
                "label": "x",
                "category": "material",
                "amount": str(Decimal(amount) / 100),
                "rate": None,
                "key": "1",
            }
        ],
        "advances": {},
    }
    result = settle(inputs)
    assert sum(Decimal(p["costs"]) for p in result["parties"].values()) == Decimal(result["total"])


def test_messages_are_translated_to_german():
    from django.utils import translation

    with translation.override("de"), pytest.raises(CostKeyError, match="Kostenpositionen"):
        settle({**three_municipalities(), "items": []})
