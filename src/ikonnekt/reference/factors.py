"""The platform's emission factors as a small plain-Python API (for energy, quarters, green waste).

    >>> factor("natural_gas", 2024, "bisko").grams_per_kwh
    >>> factor("natural_gas", 2024).kg_per_mwh      # the same number, in kg CO2e/MWh

The set of a year is the set of that method with the greatest year not after it (a balance for
2023 uses the 2022 set when there is no 2023 set); before the first set, the first set.
"""

from dataclasses import dataclass

from django.db.models import FilteredRelation, Q
from django.utils.translation import gettext as _

from ikonnekt.core.prepared import Rows
from ikonnekt.reference.models import EmissionFactorSet, FactorMethod


class FactorMissing(LookupError):
    """No factor for this carrier, year and method; the message is for the user."""


@dataclass(frozen=True)
class Factor:
    carrier: str
    grams_per_kwh: float
    method: str
    set_year: int
    set_name: str
    source: str
    source_year: int | None
    approximate: bool

    @property
    def kg_per_mwh(self) -> float:
        return self.grams_per_kwh  # 1 g/kWh = 1 kg/MWh

    @property
    def label(self) -> str:
        """'BISKO 2022: 250 g/kWh (source, 2016; approximate)' for explanations."""
        parts = [self.source] + ([str(self.source_year)] if self.source_year else [])
        text = f"{self.set_name} {self.set_year}: {self.grams_per_kwh:g} g/kWh ({', '.join(parts)}"
        return text + (f"; {_('approximate value')})" if self.approximate else ")")


def factor_set(year: int, method: str = FactorMethod.BISKO) -> EmissionFactorSet:
    sets = EmissionFactorSet.objects.filter(method=method)
    found = sets.filter(year__lte=year).order_by("-year").first() or sets.order_by("year").first()
    if found is None:
        raise FactorMissing(
            _("There is no emission factor set for the method %(method)s.") % {"method": method}
        )
    return found


def factors(year: int, method: str = FactorMethod.BISKO) -> dict:
    """{carrier: Factor} of the set that applies to ``year``."""
    return factors_of_set(factor_set(year, method))


def factors_of_set(fs: EmissionFactorSet) -> dict:
    """{carrier: Factor} of one given set (e.g. the set a report or quarter was saved with)."""
    return {
        e.carrier: Factor(
            carrier=e.carrier,
            grams_per_kwh=e.grams_per_kwh,
            method=fs.method,
            set_year=fs.year,
            set_name=fs.name,
            source=e.source or fs.source,
            source_year=e.source_year,
            approximate=e.approximate,
        )
        for e in fs.entries.all()
    }


_FACTOR_ROWS = {}


def _factor_rows(carrier: str, method: str) -> Rows:
    """The query of :func:`factor` for one carrier and method, its SQL compiled once per connection
    (core.prepared, #18): it depends on the two code constants only (reference data, no read rule)."""
    rows = _FACTOR_ROWS.get((carrier, method))
    if rows is None:
        rows = _FACTOR_ROWS[(carrier, method)] = Rows(
            lambda: (
                EmissionFactorSet.objects.filter(method=method)
                .annotate(entry=FilteredRelation("entries", condition=Q(entries__carrier=carrier)))
                .values_list(
                    "year",
                    "name",
                    "source",
                    "entry__grams_per_kwh",
                    "entry__source",
                    "entry__source_year",
                    "entry__approximate",
                )
            )
        )
    return rows


def factor(carrier: str, year: int, method: str = FactorMethod.BISKO) -> Factor:
    """The one factor, in one query: every set of the method with its entry for ``carrier`` (or
    none), the set chosen as :func:`factor_set` chooses it (a page asks for one factor; reading the
    set and then all its entries cost two queries and a ``Factor`` per carrier)."""
    rows = _factor_rows(carrier, str(method))()
    if not rows:
        raise FactorMissing(
            _("There is no emission factor set for the method %(method)s.") % {"method": method}
        )
    before = [row for row in rows if row[0] <= year]
    set_year, set_name, set_source, grams, source, source_year, approximate = (
        max(before) if before else min(rows)
    )
    if grams is None:
        raise FactorMissing(
            _("The emission factor set %(method)s %(year)s has no factor for %(carrier)s.")
            % {"method": method, "year": year, "carrier": carrier}
        )
    return Factor(
        carrier=carrier,
        grams_per_kwh=grams,
        method=str(method),
        set_year=set_year,
        set_name=set_name,
        source=source or set_source,
        source_year=source_year,
        approximate=approximate,
    )
