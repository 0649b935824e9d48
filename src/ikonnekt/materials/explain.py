"""Texts for the green-waste page: each cost split in one sentence, warnings, "Wie wird das berechnet?".

Plain functions of a stored optimisation result (JSON) and its scenario; views and the PDF only render.
"""

from django.utils.translation import gettext as _

from ikonnekt.core.formats import number
from ikonnekt.materials import factors


def num(value, decimals=0):
    return number(value, decimals)


def split_labels():
    return {
        "tonnage": _("by tonnage"),
        "inhabitants": _("by inhabitants"),
        "shapley": _("Shapley value"),
        "nucleolus": _("Nucleolus"),
    }


def split_sentences():
    """One sentence per split: what it does."""
    return {
        "tonnage": _(
            "The tonnage key divides the joint cost in proportion to the tonnes of own green waste each "
            "municipality delivers."
        ),
        "inhabitants": _(
            "The inhabitant key divides the joint cost in proportion to the inhabitants of each municipality."
        ),
        "shapley": _(
            "The Shapley value charges each municipality the extra cost it causes when it joins, averaged over "
            "every order in which the municipalities could join."
        ),
        "nucleolus": _(
            "The nucleolus makes the largest extra charge of any group of municipalities, compared with going "
            "alone, as small as possible; it lies in the core whenever the core is not empty."
        ),
    }


def over_alone_reasons():
    """Why a split may charge a municipality more than it would pay alone."""
    return {
        "tonnage": _(
            "the key looks only at tonnes, not at what a municipality would pay on its own (for example with "
            "its own plant or a plant close by)."
        ),
        "inhabitants": _(
            "the key looks only at inhabitants, not at the green waste delivered or at what a municipality "
            "would pay on its own."
        ),
        "shapley": _(
            "the Shapley value averages over all orders of joining; where joining the others adds cost, the "
            "average can exceed the stand-alone cost."
        ),
        "nucleolus": _("cooperation costs more in total than every municipality alone."),
    }


def splits(coop):
    """The split columns of the cost-split table with their core check and warnings."""
    labels, sentences, reasons = split_labels(), split_sentences(), over_alone_reasons()
    out = []
    for key in coop.get("splits", ["tonnage", "inhabitants", "shapley"]):
        core = coop["core"].get(key, {})
        over = core.get("over_alone", [])
        groups = [
            _("%(names)s pay %(pays)s €/a together but %(alone)s €/a on their own (%(excess)s €/a more)")
            % {
                "names": " + ".join(v.get("names", [])),
                "pays": num(v["pays"]),
                "alone": num(v["alone"]),
                "excess": num(v["excess"]),
            }
            for v in core.get("violations", [])
        ]
        out.append(
            {
                "key": key,
                "label": labels[key],
                "sentence": sentences[key],
                "in_core": core.get("in_core"),
                "count": core.get("count", len(groups)),
                "groups": groups,
                "over_alone": over,
                "over_text": (
                    _("Under this split %(names)s pay more than alone, because %(reason)s")
                    % {"names": ", ".join(over), "reason": reasons[key]}
                    if over
                    else ""
                ),
            }
        )
    return out


def core_message(coop):
    """(level, text) about the core: empty, not empty, or no split without losers."""
    if coop.get("nucleolus_error"):
        return "warning", _(
            "Together the municipalities pay more than each of them alone (%(joint)s €/a vs %(alone)s €/a): "
            "no split can leave everybody at most at their stand-alone cost, so cooperation does not pay here."
        ) % {"joint": num(coop["joint"]), "alone": num(coop["alone_total"])}
    if coop.get("core_empty"):
        return "warning", _(
            "The core is empty: whatever the split, some group of municipalities would pay more together "
            "than on its own. The nucleolus keeps that extra charge as small as possible: no group pays more "
            "than %(eps)s €/a above its stand-alone cost, and no single municipality pays more than alone."
        ) % {"eps": num(coop["least_core_eps"])}
    if coop.get("core_empty") is False:
        return "success", _(
            "The core is not empty: the nucleolus is a split in which no municipality and no group of "
            "municipalities pays more than on its own."
        )
    return "info", _(
        "With this many municipalities the Shapley value is estimated from random orders and the core is "
        "checked for groups of 1, 2, n−2 and n−1 municipalities only; no nucleolus is computed."
    )


def _energy_line(plant):
    values = {
        "plant": plant["name"],
        "t": num(plant["tonnes"]),
        "per_t": num(plant["energy_potential_mwh"] / plant["tonnes"], 2) if plant["tonnes"] else "0",
        "pot": num(plant["energy_potential_mwh"]),
        "e": num(plant["energy_mwh"]),
    }
    if plant.get("energy_cap_mwh") is None:
        return (
            _(
                "%(plant)s: %(t)s t × %(per_t)s MWh/t = %(e)s MWh/a credited (no rated output entered, no limit)."
            )
            % values
        )
    values["cap"] = num(plant["energy_cap_mwh"])
    return (
        _(
            "%(plant)s: %(t)s t × %(per_t)s MWh/t = %(pot)s MWh/a possible, capacity limit "
            "%(cap)s MWh/a → %(e)s MWh/a credited."
        )
        % values
    )


def how_computed(scenario, result):
    """Sections of "Wie wird das berechnet?" for the green-waste page: (title, [lines])."""
    ef = factors.replaced_heat_emission_factor(scenario.year)
    sections = [
        (
            _("Allocation cost"),
            [
                _(
                    "Total cost = Σ tonnes × (transport €/t + gate fee €/t) + fixed costs of own plants "
                    "(always, charged to the owner) + fixed costs of candidate sites that are opened."
                ),
                _(
                    "Transport €/t = trips per tonne × (2 × km × %(cpk)s €/km + %(cpt)s € per trip); trips per "
                    "tonne = 1 / min(%(pt)s t, %(pm)s m³ × %(d)s t/m³)."
                )
                % {
                    "cpk": num(scenario.cost_per_km, 2),
                    "cpt": num(scenario.cost_per_trip, 2),
                    "pt": num(scenario.payload_t, 1),
                    "pm": num(scenario.payload_m3, 1),
                    "d": num(scenario.density_loose, 2),
                },
                (
                    _("Distances: imported road distances.")
                    if scenario.use_imported_distances
                    else _("Distances: straight line × detour factor %(f)s (an estimate).")
                    % {"f": num(scenario.detour_factor, 2)}
                ),
                _(
                    "Solved with HiGHS (scipy.optimize.milp); result: %(cost)s €/a, of which transport %(t)s €/a."
                )
                % {"cost": num(result.get("total_cost", 0)), "t": num(result.get("transport_cost", 0))},
            ],
        ),
        (
            _("Energy"),
            [
                _(
                    "Heat per plant = min(tonnes × woody share × MWh/t, rated output kW × full-load hours / "
                    "1,000): a boiler cannot deliver more heat than its capacity allows."
                ),
                *[_energy_line(p) for p in result.get("plants", []) if p.get("energy_potential_mwh")],
            ],
        ),
        (
            _("CO2e"),
            [
                _(
                    "CO2e = transport (trips × 2 × km × %(kgkm)s kg CO2e/km, empty return) + process emissions "
                    "kg/t × tonnes − credited heat MWh × emission factor of the replaced heat."
                )
                % {"kgkm": num(scenario.co2_per_km, 2)},
                _("Emission factor of the replaced heat: %(ef)s kg CO2e/MWh (%(carrier)s, %(source)s).")
                % {"ef": num(ef["kg_per_mwh"]), "carrier": ef["carrier"], "source": ef["source"]},
                _("Result: %(net)s t CO2e/a net, of which %(avoided)s t CO2e/a avoided by heat.")
                % {
                    "net": num(result.get("total_co2e_kg", 0) / 1000, 1),
                    "avoided": num(result.get("co2e_avoided_kg", 0) / 1000, 1),
                },
            ],
        ),
    ]
    coop = result.get("cooperation")
    if coop and not coop.get("error"):
        sections.append(
            (
                _("Alone vs together and the splits"),
                [
                    _(
                        "v(S) = cost of a group S of municipalities handling its own green waste alone: its "
                        "members' plants, third-party plants (EVS, private operators) at their gate fees, "
                        "candidate sites it may open, plus the fixed costs of its members' existing plants."
                    ),
                    _(
                        "Household green waste (EVS responsible for recycling, § 5 SAWG, § 18 EVSG) is not "
                        "part of v(S); the plant capacity it takes in the overall optimum (%(t)s t/a) is not "
                        "available to the groups."
                    )
                    % {"t": num(coop.get("evs_reserved_t", 0))},
                    _(
                        "Shapley value φ_i = Σ over groups S without i of |S|! (n − |S| − 1)! / n! × "
                        "(v(S ∪ {i}) − v(S)) (Shapley 1953); exact over all %(k)s groups."
                    )
                    % {"k": num(2 ** len(coop["rows"]) - 1)}
                    if coop.get("shapley_exact")
                    else _(
                        "Shapley value estimated from random orders of joining (Castro, Gómez & Tejada 2009)."
                    ),
                    _(
                        "Core: a split is in the core when every group S pays at most v(S). Least core: the "
                        "smallest ε with Σ_{i∈S} x_i ≤ v(S) + ε for every group; ε ≤ 0 means the core is not "
                        "empty. Nucleolus (Schmeidler 1969): sequential linear programs (HiGHS) that minimise "
                        "the largest excess, then the next largest, with nobody paying more than alone."
                    ),
                    *split_sentences().values(),
                ],
            )
        )
    return sections


def split_rows(coop, columns):
    """Table rows: municipality, tonnes, inhabitants, alone, then per split column (value, saving, over)."""
    rows = []
    for r in coop["rows"]:
        rows.append(
            {
                "name": r["name"],
                "tonnes": r.get("tonnes"),
                "population": r.get("population"),
                "own_fixed_cost": r.get("own_fixed_cost", 0.0),
                "alone": r["alone"],
                "cells": [
                    {
                        "value": r[c["key"]],
                        "saving": r.get(f"saving_{c['key']}", r["alone"] - r[c["key"]]),
                        "over": r.get(f"over_{c['key']}", False),
                    }
                    for c in columns
                ],
            }
        )
    return rows
