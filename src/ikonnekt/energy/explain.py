"""“How is this computed?”: formula, inputs and source behind energy and quarter figures, in words.

The numbers come from the domain modules (``domain/quarter_calc.py``); this module only writes them
out in the user's language, with the formula, the inputs and the source (standard, year).
"""

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from ikonnekt.energy.domain import quarter_calc as qc

VDI = gettext_noop("VDI 2067 Blatt 1 (2012), annuity method")


def n(value, digits=0):
    """A number in the active language, with thousands separators (German: 1.234,56)."""
    if value is None:
        return "–"
    return number_format(round(value, digits), digits, force_grouping=True)


GROUP_LABELS = {
    qc.CAPITAL: gettext_noop("Capital-related costs A_N,K"),
    qc.DEMAND: gettext_noop("Demand-related costs A_N,V"),
    qc.OPERATION: gettext_noop("Operation-related costs A_N,B"),
    qc.OTHER: gettext_noop("Other costs A_N,S"),
    qc.REVENUE: gettext_noop("Revenues A_N,E"),
}

LINE_LABELS = {
    "capital_heat": gettext_noop("Heat supply (investment incl. replacements, less residual value)"),
    "capital_pv": gettext_noop("PV system"),
    "capital_battery": gettext_noop("Battery"),
    "fuel_cost": gettext_noop("Fuel / purchased heat"),
    "heat_pump_cost": gettext_noop("Heat-pump electricity from the grid"),
    "household_electricity_cost": gettext_noop("Household electricity from the grid"),
    "co2_cost": gettext_noop("CO2 price (BEHG) on fossil fuels"),
    "maintenance": gettext_noop("Maintenance and repair, heat supply"),
    "maintenance_pv": gettext_noop("Maintenance PV/battery"),
    "operation_cost": gettext_noop("Operation"),
    "other_cost": gettext_noop("Insurance, administration, fees"),
    "feed_in_revenue": gettext_noop("PV feed-in"),
}


def _capital(line, r, a):
    replacements = line["replacements"]
    if replacements:
        repl = "; ".join(
            _("replacement in year %(year)s: present value %(pv)s €") % {"year": y, "pv": n(pv, 2)}
            for y, pv in replacements
        )
    else:
        repl = _("no replacement within the period")
    return _(
        "A_N,K = (A_0 + Σ A_k − R_W) · a = (%(a0)s € + %(sum)s € − %(rw)s €) · %(af)s = %(ann)s €/a. "
        "Service life T_N = %(tn)s years, observation period T = %(t)s years, interest %(i)s %%/a; "
        "%(repl)s (A_k = A_0 · r^(k·T_N) / q^(k·T_N), investment price change %(rk)s %%/a); "
        "residual value of the last procurement, written off linearly: "
        "R_W = A_0 · r^(n·T_N) · ((n+1)·T_N − T)/T_N / q^T = %(rw)s €. Source: %(src)s."
    ) % {
        "a0": n(line["first_year"], 2),
        "sum": n(sum(pv for _y, pv in replacements), 2),
        "rw": n(line["residual_value"], 2),
        "af": n(r["annuity_factor"], 6),
        "ann": n(line["annuity"], 2),
        "tn": line["lifetime"],
        "t": a.years,
        "i": n(a.interest * 100, 2),
        "repl": repl,
        "rk": n(a.investment_price_increase * 100, 2),
        "src": _(VDI),
    }


def _energy(line, r, a):
    return _(
        "A_N,V = A_V1 · a · b_V = %(q)s kWh · %(p)s ct/kWh = %(a1)s € in the first year · %(ab)s = %(ann)s €/a. "
        "a = %(af)s; b_V = (1 − (r/q)^T)/(q − r) = %(b)s with an energy price change of %(rv)s %%/a. "
        "Source: %(src)s."
    ) % {
        "q": n(line["quantity"]),
        "p": n(line["price"], 2),
        "a1": n(line["first_year"], 2),
        "ab": n(line["factor"], 6),
        "ann": n(line["annuity"], 2),
        "af": n(r["annuity_factor"], 6),
        "b": n(r["b_demand"], 4),
        "rv": n(a.price_increase * 100, 2),
        "src": _(VDI),
    }


def _co2(line, r, a):
    if not line["quantity"]:
        return _("No CO2 price: the BEHG covers fossil heating fuels; electricity and wood carry none here.")
    return _(
        "%(t)s t CO2e from fuel (%(fuel)s kWh × emission factor %(factor)s) × %(price)s €/t "
        "(annuity of the declared CO2 price path %(path)s, discounted at %(i)s %%/a) = %(ann)s €/a. "
        "Source: BEHG price path as entered; %(src)s."
    ) % {
        "t": n(line["quantity"], 2),
        "fuel": n(r["fuel_kwh"]),
        "factor": a.factor_sources.get(line.get("carrier")) or r["factor_set"],
        "price": n(line["factor"], 2),
        "path": ", ".join(f"{y}: {n(p)}" for y, p in sorted(a.co2_path.items())),
        "i": n(a.interest * 100, 2),
        "ann": n(line["annuity"], 2),
        "src": _(VDI),
    }


def _maintenance(line, r, a):
    return _(
        "A_N,B = A_IN · a · b_B = %(pct)s %% × %(basis)s € investment = %(a1)s € in the first year · %(ab)s "
        "= %(ann)s €/a. b_B = %(b)s with a price change of %(rb)s %%/a for operation and maintenance. "
        "Source: %(src)s."
    ) % {
        "pct": n(line["percent"], 2),
        "basis": n(line["basis"]),
        "a1": n(line["first_year"], 2),
        "ab": n(line["factor"], 6),
        "ann": n(line["annuity"], 2),
        "b": n(r["b_operation"], 4),
        "rb": n(a.operation_price_increase * 100, 2),
        "src": _(VDI),
    }


def _operation(line, r, a):
    return _(
        "%(a1)s € in the first year (input of the variant) · a · b = %(ab)s = %(ann)s €/a; "
        "b = %(b)s with a price change of %(rb)s %%/a. Source: %(src)s."
    ) % {
        "a1": n(line["first_year"], 2),
        "ab": n(line["factor"], 6),
        "ann": n(line["annuity"], 2),
        "b": n(r["b_operation"], 4),
        "rb": n(a.operation_price_increase * 100, 2),
        "src": _(VDI),
    }


def _revenue(line, r, a):
    return _(
        "A_N,E = E_1 · a · b_E = %(q)s kWh · %(p)s ct/kWh = %(a1)s € · %(ab)s = %(ann)s €/a; the feed-in tariff "
        "is fixed (EEG), so b_E uses a price change of 0 and a · b_E = 1. Source: %(src)s."
    ) % {
        "q": n(line["quantity"]),
        "p": n(line["price"], 2),
        "a1": n(line["first_year"], 2),
        "ab": n(line["factor"], 6),
        "ann": n(line["annuity"], 2),
        "src": _(VDI),
    }


EXPLAINERS = {
    "capital_heat": _capital,
    "capital_pv": _capital,
    "capital_battery": _capital,
    "fuel_cost": _energy,
    "heat_pump_cost": _energy,
    "household_electricity_cost": _energy,
    "co2_cost": _co2,
    "maintenance": _maintenance,
    "maintenance_pv": _maintenance,
    "operation_cost": _operation,
    "other_cost": _operation,
    "feed_in_revenue": _revenue,
}


def quarter_line(line, result, assumptions) -> str:
    """The computation of one annuity line of one variant, in words."""
    return EXPLAINERS[line["key"]](line, result, assumptions)


def heat_price(result) -> str:
    heat_lines = [line for line in result["lines"] if line["heat"]]
    return _(
        "Heat price = annuity of the heat-related lines (%(lines)s) / heat demand = %(cost)s €/a / %(mwh)s MWh/a "
        "= %(price)s €/MWh. Household electricity, PV, battery and feed-in are not part of the heat price; "
        "subsidies are shown separately (subsidy × a)."
    ) % {
        "lines": ", ".join(_(LINE_LABELS[line["key"]]) for line in heat_lines),
        "cost": n(result["heat_cost"], 2),
        "mwh": n(result["heat_demand_kwh"] / 1000, 1),
        "price": n(result["heat_price_eur_mwh"], 2),
    }


def total(result) -> str:
    g = result["group_sums"]
    return _(
        "A_N = A_N,K + A_N,V + A_N,B + A_N,S − A_N,E = %(k)s + %(v)s + %(b)s + %(s)s − %(e)s = %(total)s €/a "
        "(%(src)s)."
    ) % {
        "k": n(g[qc.CAPITAL], 2),
        "v": n(g[qc.DEMAND], 2),
        "b": n(g[qc.OPERATION], 2),
        "s": n(g[qc.OTHER], 2),
        "e": n(g[qc.REVENUE], 2),
        "total": n(result["total_annual_cost"], 2),
        "src": _(VDI),
    }
