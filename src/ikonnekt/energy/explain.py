"""“How is this computed?”: formula, inputs and source behind energy and quarter figures, in words.

The numbers come from the domain modules (``domain/quarter_calc.py``); this module only writes them
out in the user's language, with the formula, the inputs and the source (standard, year).
"""

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from ikonnekt.core.numformat import number
from ikonnekt.energy.domain import quarter_calc as qc
from ikonnekt.reference.models import Carrier

VDI = gettext_noop("VDI 2067 Blatt 1 (2012), annuity method")


def n(value, digits=0):
    """A number in the active language, with thousands separators (German: 1.234,56)."""
    if value is None:
        return "–"
    return number(value, digits)


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


def _annuity(line) -> dict:
    """The first-year amount, the factor a · b and the annuity of a cost line, formatted."""
    return {
        "a1": n(line["first_year"], 2),
        "ab": n(line["factor"], 6),
        "ann": n(line["annuity"], 2),
    }


def _energy(line, r, a):
    return _(
        "A_N,V = A_V1 · a · b_V = %(q)s kWh · %(p)s ct/kWh = %(a1)s € in the first year · %(ab)s = %(ann)s €/a. "
        "a = %(af)s; b_V = (1 − (r/q)^T)/(q − r) = %(b)s with an energy price change of %(rv)s %%/a. "
        "Source: %(src)s."
    ) % {
        "q": n(line["quantity"]),
        "p": n(line["price"], 2),
        **_annuity(line),
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
        **_annuity(line),
        "b": n(r["b_operation"], 4),
        "rb": n(a.operation_price_increase * 100, 2),
        "src": _(VDI),
    }


def _operation(line, r, a):
    return _(
        "%(a1)s € in the first year (input of the variant) · a · b = %(ab)s = %(ann)s €/a; "
        "b = %(b)s with a price change of %(rb)s %%/a. Source: %(src)s."
    ) % {
        **_annuity(line),
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
        **_annuity(line),
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


# --- buildings: key figures, normalisation, savings, CO2e ------------------------------------

CARRIER_LABELS = dict(Carrier.choices)


def _normalisation(data, building) -> str:
    w = data.get("weather") or {}
    if data["heat_normalised"] is None:
        return w.get("problem") or _("Not normalised.")
    common = {
        "e": n(data["heat"]),
        "s": n(float(building.heating_share), 2),
        "norm": n(data["heat_normalised"]),
    }
    if w.get("method") == "climate_factor":
        kf = w["climate_factor"]
        return _(
            "E_norm = E · (1 − s) + E · s · KF = %(e)s kWh × (1 − %(s)s) + %(e)s kWh × %(s)s × %(kf)s = %(norm)s kWh. "
            "KF = DWD climate factor of postcode %(pc)s for %(start)s–%(end)s (%(place)s, file %(file)s). Only the "
            "space-heating share s is adjusted. Source: federal rules for energy consumption values of "
            "non-residential buildings (BMWi/BMI, 15 April 2021), section 3.2; DWD climate factors."
        ) % {
            **common,
            "kf": n(kf.factor, 3),
            "pc": w["postcode"],
            "start": date_format(kf.valid_from, "SHORT_DATE_FORMAT"),
            "end": date_format(kf.valid_to, "SHORT_DATE_FORMAT"),
            "place": kf.reference_place or "–",
            "file": kf.source or "–",
        }
    return _(
        "E_norm = E · (1 − s) + E · s · G_long-term / G_year = %(e)s kWh × (1 − %(s)s) + %(e)s kWh × %(s)s × "
        "%(lt)s / %(gy)s = %(norm)s kWh. Degree days G20/15 (indoor 20 °C, heating limit 15 °C) of the weather "
        "station %(station)s in %(year)s; long-term mean %(lt)s K·d/a. Only the space-heating share s is "
        "adjusted. Source: VDI 3807 Blatt 1."
    ) % {
        **common,
        "lt": n(w["long_term_degree_days"]),
        "gy": n(w["degree_days"]),
        "station": w["station"],
        "year": data["year"],
    }


def _key_figure(data, building, kind) -> str:
    value = data["specific_heat"] if kind == "heat" else data["specific_electricity"]
    energy = data["heat_normalised"] if kind == "heat" else data["electricity"]
    if value is None:
        return _("No key figure: the reference area or the (normalised) consumption is missing.")
    ref = data["reference_heat"] if kind == "heat" else data["reference_electricity"]
    bench = data["bench_heat"] if kind == "heat" else data["bench_electricity"]
    if data.get("area_converted") and bench is not None:
        text = _(
            "A_NGF = %(k)s × A_BGF = %(k)s × %(bgf)s m² = %(ngf)s m² (conversion of the federal rules for "
            "non-residential buildings 2021, Nummer 4). "
        ) % {"k": n(0.85, 2), "bgf": n(float(building.reference_area)), "ngf": n(data["area_compared"])}
        text += _("e = E / A_NGF = %(e)s kWh / %(a)s m² = %(v)s kWh/(m²·a) (VDI 3807 Blatt 2).") % {
            "e": n(energy),
            "a": n(data["area_compared"]),
            "v": n(value, 1),
        }
    else:
        text = _("e = E / A = %(e)s kWh / %(a)s m² %(basis)s = %(v)s kWh/(m²·a) (VDI 3807 Blatt 2).") % {
            "e": n(energy),
            "a": n(float(building.reference_area)),
            "basis": building.get_area_kind_display() or _("(area basis unknown)"),
            "v": n(value, 1),
        }
    if ref is None or bench is None:
        return text
    from ikonnekt.reference import nwg_benchmarks

    if ref.size_scaled_part:
        f = nwg_benchmarks.size_factor(data["area_compared"])
        text += " " + _(
            "Comparison value = TEK heating × f + TEK hot water = %(h)s × %(f)s + %(w)s = %(c)s kWh/(m²·a) NGF, "
            "f = size factor for %(a)s m² NGF (1.46 up to 500 m², 0.71 from 50,000 m², otherwise "
            "4.53 · A^−0.215 + 0.27; Nummer 6.3.1)."
        ) % {
            "h": n(ref.size_scaled_part, 1),
            "f": n(f, 3),
            "w": n(ref.guide_value - ref.size_scaled_part, 1),
            "c": n(bench.guide, 1),
            "a": n(data["area_compared"]),
        }
    else:
        text += " " + _("Comparison value %(c)s kWh/(m²·a) NGF.") % {"c": n(bench.guide, 1)}
    text += " " + _("Category: %(table)s (%(use)s); source: %(src)s, %(year)s.") % {
        "table": ref.table or "–",
        "use": ref.get_use_type_display(),
        "src": ref.source,
        "year": ref.source_year or "–",
    }
    if ref.approximate:
        text += " " + _("This value is approximate: see the source note.")
    return text


def _savings(data, building, kind) -> str:
    bench = data["bench_heat"] if kind == "heat" else data["bench_electricity"]
    if bench is None:
        return _("No savings potential without a comparison with reference values.")
    price = data["price_heat"] if kind == "heat" else data["price_electricity"]
    factor = data["heat_factor"] if kind == "heat" else None
    text = _("ΔE = max(0, e − e_comparison) × A = max(0, %(e)s − %(g)s) × %(a)s m² = %(kwh)s kWh/a.") % {
        "e": n(bench.specific, 1),
        "g": n(bench.guide, 1),
        "a": n(data.get("area_compared") or float(building.reference_area)),
        "kwh": n(bench.savings_kwh),
    }
    if price is not None:
        text += " " + _(
            "€ = ΔE × %(p)s €/kWh = %(eur)s €/a; the price is the working price of the %(what)s tariffs of "
            "this building (energy price per kWh Hi, without base prices), never a price blended over heat and "
            "electricity."
        ) % {
            "p": n(price, 4),
            "eur": n(bench.savings_eur),
            "what": _("heat") if kind == "heat" else _("electricity"),
        }
    else:
        text += " " + _("No € value: a meter of this carrier group has no tariff for part of the year.")
    if bench.savings_t_co2 is not None:
        text += " " + _("CO2e = ΔE × %(f)s g/kWh = %(t)s t/a.") % {
            "f": n(factor if factor is not None else bench.savings_t_co2 * 1e6 / bench.savings_kwh, 0)
            if bench.savings_kwh
            else "–",
            "t": n(bench.savings_t_co2, 2),
        }
    return text


def _co2(data, factor_set, factors) -> str:
    if factor_set is None:
        return _("No emission factor set.")
    parts = [
        f"{CARRIER_LABELS.get(c, c)} {n(v)} kWh × {n(factors.get(c, 0))} g/kWh"
        for c, v in sorted(data["carriers"].items())
    ]
    text = _(
        "CO2e = Σ consumption (kWh Hi) × emission factor = %(parts)s = %(t)s t. Factor set %(fs)s (%(method)s); "
        "the source of every factor is listed under reference values."
    ) % {
        "parts": " + ".join(parts) or "0",
        "t": n(data["co2_t"], 2),
        "fs": f"{factor_set.name} {factor_set.year}",
        "method": factor_set.get_method_display(),
    }
    used = [e for e in factor_set.entries.all() if e.carrier in data["carriers"]]

    def listed(entries):
        return "; ".join(
            f"{CARRIER_LABELS.get(e.carrier, e.carrier)} {n(e.grams_per_kwh)} g/kWh ({e.source}"
            + (f", {e.source_year})" if e.source_year else ")")
            for e in entries
        )

    sourced = [e for e in used if not e.approximate]
    approximate = [e for e in used if e.approximate]
    if sourced:
        text += " " + _("Sources of the factors: %(list)s.") % {"list": listed(sourced)}
    if approximate:
        text += " " + _("Approximate values (no published source checked): %(list)s.") % {
            "list": listed(approximate)
        }
    return text


def building_figures(data, building, factor_set, factors: dict) -> dict:
    """German explanations of a building's figures for one year (see ``services.building_year``);
    ``factors``: the {carrier: g/kWh} the figures were computed with (no further query)."""
    return {
        "normalisation": _normalisation(data, building),
        "key_heat": _key_figure(data, building, "heat"),
        "key_electricity": _key_figure(data, building, "electricity"),
        "savings_heat": _savings(data, building, "heat"),
        "savings_electricity": _savings(data, building, "electricity"),
        "co2": _co2(data, factor_set, factors),
    }


def weather_label(data) -> str:
    """Which weather adjustment was used, in a few words (reports, lists)."""
    w = data.get("weather") or {}
    if data.get("heat_normalised") is None:
        return _("not weather-adjusted")
    if w.get("method") == "climate_factor":
        return _("DWD climate factor %(kf)s, postcode %(pc)s") % {
            "kf": n(w["factor"], 3),
            "pc": w["postcode"],
        }
    return _("G20/15 station %(station)s: %(gy)s / %(lt)s K·d") % {
        "station": w["station"],
        "gy": n(w["degree_days"]),
        "lt": n(w["long_term_degree_days"]),
    }


def quarter_co2(result, assumptions) -> str:
    """CO2e and primary energy of a quarter variant, in words."""
    fuel_source = ""
    for line in result["lines"]:
        if line["key"] == "co2_cost" and line.get("carrier"):
            fuel_source = assumptions.factor_sources.get(line["carrier"], "")
    return _(
        "CO2e = fuel %(fuel)s kWh × factor (%(fuel_src)s) + grid electricity %(grid)s kWh × factor (%(el_src)s) = "
        "%(t_fuel)s t + %(t_el)s t = %(t)s t/a. Primary energy (non-renewable) = fuel × f_p + grid electricity × 1.8 "
        "= %(pe)s kWh/a (factors GEG 2024, Anlage 4)."
    ) % {
        "fuel": n(result["fuel_kwh"]),
        "fuel_src": fuel_source or "–",
        "grid": n(result["grid_kwh"]),
        "el_src": assumptions.factor_sources.get("electricity", "–"),
        "t_fuel": n(result["co2_fuel_t"], 1),
        "t_el": n(result["co2_electricity_t"], 1),
        "t": n(result["co2_t"], 1),
        "pe": n(result["primary_energy_kwh"]),
    }


def fuel_link(link) -> str:
    """Where a biomass variant's fuel quantity and price come from (green-waste scenario), in words:
    the same content as the quarter page (``_fuel_link.html``), for the PDF and the XLSX."""
    head = f"{_('fuel from the green-waste scenario')} „{link.label}“"
    head = head[0].upper() + head[1:]
    if link.problem:
        return f"{head}: {_('broken link')} – {link.problem}"
    parts = [
        f"{_('Fuel quantity')}: {n(link.available_mwh, 1)} MWh/a – "
        + _(
            "heat of the plant “%(plant)s”, which receives the municipality's green waste (computed by the scenario's optimisation)"
        )
        % {"plant": link.plant},
        f"{_('Fuel price')}: {n(link.cost_per_t, 2)} €/t ÷ ({n(link.heating_value, 3)} MWh/t × {n(1000)} kWh/MWh)"
        f" × 100 = {n(link.price_ct, 2)} ct/kWh",
    ]
    if link.demand_mwh is not None:
        demand = f"{_('Fuel demand of the variant')}: {n(link.demand_mwh, 1)} MWh/a, " + (
            f"{_('of which from the scenario')} {n(link.covered_mwh, 1)} MWh/a"
        )
        rest = link.demand_mwh - link.covered_mwh
        if rest > 0 and link.blended_price_ct is not None and link.quarter_price_ct is not None:
            weighted = _("the rest at the quarter's wood chips price, weighted price")
            demand += (
                f"; {weighted} = "
                f"({n(link.covered_mwh, 1)} MWh × {n(link.price_ct, 2)} ct/kWh + {n(rest, 1)} MWh × "
                f"{n(link.quarter_price_ct, 2)} ct/kWh) ÷ {n(link.demand_mwh, 1)} MWh = "
                f"{n(link.blended_price_ct, 2)} ct/kWh"
            )
        parts.append(demand)
    return f"{head}: " + ". ".join(parts) + "."
