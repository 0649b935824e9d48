"""Tables of known kinds (core.kinds): every choice has its row, an unknown kind is an error."""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest

from ikonnekt.administration.models import KeyBasis
from ikonnekt.administration.settlement import BASES, _component_values, _where
from ikonnekt.core.kinds import UnknownKind
from ikonnekt.energy.domain.conversion import to_hi, to_hs
from ikonnekt.market.matching import COUNTERPART, Candidate, suggest
from ikonnekt.market.models import ListingKind
from ikonnekt.reference import carriers
from ikonnekt.reference.factor_data import factor_sets
from ikonnekt.reference.models import Carrier

# --- energy carriers ---------------------------------------------------------------------------


def test_every_carrier_choice_has_its_row_and_every_row_a_choice():
    assert set(carriers.CARRIERS) == set(Carrier.values)


def test_every_shipped_factor_set_has_a_factor_for_every_carrier():
    for name, method, year, _source, values in factor_sets():
        assert set(values) == set(Carrier.values), (name, method, year)


def test_heat_carriers_are_the_fuels_and_district_heat():
    assert carriers.HEAT_CARRIERS == {
        "natural_gas",
        "heating_oil",
        "district_heat",
        "wood_chips",
        "wood_pellets",
    }


def test_hs_to_hi_divides_by_the_din_18599_ratio():
    # DIN V 18599-1, Tab. B.1: natural gas Hs/Hi = 1.11 → 111 kWh(Hs) are 100 kWh(Hi)
    assert to_hi(111.0, "natural_gas", "hs") == pytest.approx(100.0)
    assert to_hs(100.0, "heating_oil", "hi") == pytest.approx(106.0)
    assert to_hi(50.0, "electricity", "hs") == 50.0  # no calorific basis: written out as 1.0


def test_an_unknown_carrier_is_an_error_not_a_ratio_of_one():
    with pytest.raises(UnknownKind, match="reference.carriers.CARRIERS"):
        to_hi(100.0, "hydrogen", "hs")


def test_primary_factors_follow_geg_anlage_4_and_refuse_what_it_does_not_list():
    assert carriers.primary_factor("electricity") == 1.8
    assert carriers.primary_factor("wood_pellets") == 0.2  # "Holz" (was missing: silently 1.0)
    with pytest.raises(UnknownKind):
        carriers.primary_factor("water")
    with pytest.raises(UnknownKind):
        carriers.primary_factor("hydrogen")


# --- cost-key bases ----------------------------------------------------------------------------


def test_every_cost_key_basis_has_its_row():
    assert set(BASES) == set(KeyBasis.values)


def test_an_unknown_cost_key_basis_is_an_error_not_position_hours():
    component = SimpleNamespace(basis="floor_area", position_id=None, resource_id=None)
    with pytest.raises(UnknownKind, match="administration.settlement.BASES"):
        _component_values(component, [1, 2], {}, 2024)
    with pytest.raises(UnknownKind):
        _where(component, [1, 2], SimpleNamespace(pk=1))


# --- listing types -----------------------------------------------------------------------------


def test_every_listing_type_has_a_counterpart_that_matches_it_back():
    assert set(COUNTERPART) == set(ListingKind.values)
    assert all(COUNTERPART[COUNTERPART[kind]] == kind for kind in COUNTERPART)


def _listing(pk, kind):
    day = datetime.date(2025, 1, 1)
    return Candidate(
        pk, kind, "170504", Decimal("10"), "t", day, day + datetime.timedelta(days=30), None, None
    )


def test_the_matcher_pairs_offers_with_wanted_listings():
    found = suggest(_listing(1, "offer"), [_listing(2, "offer"), _listing(3, "wanted")])
    assert [s.candidate.id for s in found] == [3]


def test_an_unknown_listing_type_is_an_error_not_an_offer():
    with pytest.raises(UnknownKind, match="market.matching.COUNTERPART"):
        suggest(_listing(1, "swap"), [_listing(3, "wanted")])
