"""A quarter's biomass variant taking its fuel from a green-waste scenario (materials).

The variant points to a green-waste scenario; from the scenario's last optimisation it takes

* the **fuel quantity**: the heat (MWh/a) of the biomass plant that receives most of the green
  waste of the quarter's municipality (the quarter owner's collection points), as computed by the
  scenario (woody share × MWh/t × tonnes, at most kW × full-load hours);
* the **fuel price**: the municipality's cost per tonne in the scenario (transport, gate fees and
  its fixed costs ÷ its tonnes) converted with the heating value stated on the variant:

      price (ct/kWh) = cost (€/t) ÷ (heating value (MWh/t) × 1000 kWh/MWh) × 100 ct/€

  e.g. 45 €/t ÷ (0.9 MWh/t × 1000) × 100 = 5 ct/kWh.

When the quarter needs more fuel than the plant supplies, the rest is bought at the quarter's
wood-chips price; the variant's wood price is the mean weighted by quantity:

      price = (min(F, Q) × p_scenario + max(F − Q, 0) × p_quarter) ÷ F

with F the variant's fuel demand (kWh/a, from the VDI 2067-1 calculation, unchanged) and Q the
plant's heat. A link that cannot be followed (scenario deleted, no longer visible to the quarter's
organisation, not optimised, no plant serving the municipality) is reported as a problem and the
variant is not calculated with a guessed price.
"""

import dataclasses
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from ikonnekt.energy.domain import quarter_calc as qc


@dataclass
class FuelLink:
    scenario: object | None
    label: str
    problem: str = ""
    plant: str = ""
    available_mwh: float = 0.0
    cost_per_t: float = 0.0
    heating_value: float = 0.0
    price_ct: float = 0.0
    inputs: dict = field(default_factory=dict)
    # filled once the variant's fuel demand is known
    demand_mwh: float | None = None
    covered_mwh: float | None = None
    blended_price_ct: float | None = None
    quarter_price_ct: float | None = None  # the quarter's wood-chips price for the rest (ct/kWh)
    # whether the scenario is visible to the user reading the page (``links_of(..., user=)``)
    scenario_visible: bool | None = None


def price_ct_per_kwh(cost_per_t: float, heating_value_mwh_per_t: float) -> float:
    """€/t ÷ (MWh/t × 1000 kWh/MWh) × 100 ct/€."""
    return cost_per_t / (heating_value_mwh_per_t * 1000.0) * 100.0


def blended_price(demand_kwh: float, available_kwh: float, scenario_ct: float, quarter_ct: float | None):
    """Quantity-weighted price of the scenario's fuel and the rest bought at the quarter's price."""
    if demand_kwh <= 0:
        return scenario_ct
    covered = min(demand_kwh, available_kwh)
    rest = demand_kwh - covered
    if rest > 0 and quarter_ct is None:
        raise qc.InputError("price_wood", "price missing: wood")
    return (covered * scenario_ct + rest * (quarter_ct or 0.0)) / demand_kwh


def _serving_plant(scenario, points):
    """(plant row of the result, tonnes of the municipality it receives) or (None, 0); ``points``:
    the ids (as text) of the scenario's collection points of the municipality."""
    result = scenario.result or {}
    by_plant = {}
    for flow in result.get("flows", []):
        if str(flow["point"]) in points:
            by_plant[str(flow["plant"])] = by_plant.get(str(flow["plant"]), 0.0) + flow["tonnes"]
    plants = [
        (row, by_plant[str(row["plant"])])
        for row in result.get("plants", [])
        if row.get("energy_mwh", 0) > 0 and by_plant.get(str(row["plant"]), 0) > 0
    ]
    if not plants:
        return None, 0.0
    return max(plants, key=lambda pair: (pair[1], str(pair[0]["plant"])))


def link_of(variant) -> FuelLink | None:
    """The variant's green-waste fuel link with everything taken over, or None without a link."""
    return links_of(variant.quarter, [variant]).get(variant.pk)


def links_of(quarter, variants, user=None) -> dict:
    """{variant id: FuelLink} of the ``variants`` of ``quarter`` that are linked to a green-waste
    scenario, in at most three queries whatever their number: which of the other organisations'
    scenarios the quarter's organisation still sees (the read rule as ``is_visible_to`` applies it,
    for a stand-in member of that organisation: its cooperations, then the rule) and the scenarios'
    collection points of the quarter's municipality, read once a link needs them (#18: one such set
    per linked variant before). With ``user``, each link's ``scenario_visible`` says whether the
    user may see the scenario when the organisation's rule needed a query: the model's read rule
    for the user, answered by the same query (#18: a query of its own on the quarter page before;
    otherwise None, and the page asks for the links it shows)."""
    from django.db.models import BooleanField, ExpressionWrapper

    from ikonnekt.indicators.actions import OrganisationMember
    from ikonnekt.materials.models import CollectionPoint, GreenWasteScenario

    linked = [v for v in variants if v.fuel_scenario_id is not None or v.fuel_scenario_name]
    scenarios = {v.fuel_scenario.pk: v.fuel_scenario for v in linked if v.fuel_scenario_id is not None}
    visible = set()
    seen_by_user = set()
    others = [pk for pk, s in scenarios.items() if s.owner_id != quarter.owner_id]
    if others and user is None:
        member = OrganisationMember(quarter.owner_id)
        rows = GreenWasteScenario.objects.visible_to(member).filter(pk__in=others)
        visible = set(rows.values_list("pk", flat=True))
    elif others:
        # both rules as columns of one query over the linked scenarios
        member = OrganisationMember(quarter.owner_id)
        columns = {
            "for_user": ExpressionWrapper(GreenWasteScenario.visible_to_q(user), output_field=BooleanField()),
            "for_org": ExpressionWrapper(
                GreenWasteScenario.visible_to_q(member), output_field=BooleanField()
            ),
        }
        rows = GreenWasteScenario.objects.filter(pk__in=list(scenarios)).annotate(**columns)
        for row in rows.values("pk", *columns):
            if row["for_user"]:
                seen_by_user.add(row["pk"])
            if row["for_org"] and row["pk"] in others:
                visible.add(row["pk"])
    loaded = {}

    def points(scenario_id):
        """The ids (as text) of the scenario's collection points of the quarter's municipality: read
        for all the scenarios at once when the first link gets this far."""
        if not loaded:
            loaded[None] = set()
            for sid, pid in CollectionPoint.objects.filter(
                scenario_id__in=list(scenarios), municipality_id=quarter.owner_id
            ).values_list("scenario_id", "pk"):
                loaded.setdefault(sid, set()).add(str(pid))
        return loaded.get(scenario_id, set())

    links = {v.pk: _link(v, quarter, visible, points) for v in linked}
    if user is not None and others:  # else left None: the page asks for the links it shows
        for link in links.values():
            link.scenario_visible = link.scenario is not None and link.scenario.pk in seen_by_user
    return links


def _link(variant, quarter, visible, points) -> FuelLink:
    """One variant's link; ``visible``: ids of other organisations' scenarios the quarter's
    organisation sees; ``points(scenario id)``: see :func:`links_of`."""
    scenario = variant.fuel_scenario
    label = scenario.name if scenario is not None else variant.fuel_scenario_name
    link = FuelLink(scenario=scenario, label=label)
    if scenario is None:
        link.problem = _("The green-waste scenario “%(s)s” was deleted.") % {"s": label}
        return link
    if scenario.owner_id != quarter.owner_id and scenario.pk not in visible:
        link.problem = _("The green-waste scenario is no longer visible to the organisation of this quarter.")
        return link
    if variant.heat_source != "biomass_network":
        link.problem = _("Only a biomass variant takes its fuel from a green-waste scenario.")
        return link
    if not variant.fuel_heating_value:
        link.problem = _("State the heating value (MWh per tonne) to convert the scenario's cost per tonne.")
        return link
    if not (scenario.result or {}).get("plants"):
        link.problem = _("The green-waste scenario has not been optimised yet.")
        return link
    municipality = quarter.owner
    plant, tonnes = _serving_plant(scenario, points(scenario.pk))
    row = next(
        (r for r in scenario.result.get("municipalities", []) if r["municipality"] == municipality.name), None
    )
    if plant is None or row is None or not row.get("tonnes"):
        link.problem = _("No biomass plant of the scenario receives green waste of %(m)s.") % {
            "m": municipality.name
        }
        return link
    link.plant = plant.get("name", "")
    link.available_mwh = float(plant["energy_mwh"])
    link.cost_per_t = float(row["cost"]) / float(row["tonnes"])
    link.heating_value = float(variant.fuel_heating_value)
    link.price_ct = price_ct_per_kwh(link.cost_per_t, link.heating_value)
    link.inputs = {
        "scenario": scenario.name,
        "scenario_id": scenario.pk,
        "optimised_at": scenario.result_at.isoformat() if scenario.result_at else None,
        "plant": link.plant,
        "municipality_t_to_plant": round(tonnes, 3),
        "plant_heat_mwh": round(link.available_mwh, 3),
        "municipality_cost_eur": round(float(row["cost"]), 2),
        "municipality_t": round(float(row["tonnes"]), 3),
    }
    return link


def calculate(variant, inputs, demand, a, link, flows=None):
    """The VDI 2067-1 calculation of a linked variant with its wood price taken from the scenario.

    ``flows`` is the hourly simulation shared with the sensitivity run (prices do not change it).
    Returns ``(result, assumptions used)``; raises ``qc.InputError`` for a broken link."""
    if link.problem:
        raise qc.InputError("fuel_scenario", link.problem)
    first = dataclasses.replace(a, prices={**a.prices, "wood": link.price_ct})
    result = qc.calculate_variant(inputs, demand, first, flows)
    demand_kwh = float(result["fuel_kwh"])
    available_kwh = link.available_mwh * 1000.0
    price = blended_price(demand_kwh, available_kwh, link.price_ct, a.prices.get("wood"))
    link.demand_mwh = demand_kwh / 1000.0
    link.covered_mwh = min(demand_kwh, available_kwh) / 1000.0
    link.blended_price_ct = price
    link.quarter_price_ct = a.prices.get("wood")
    if abs(price - link.price_ct) < 1e-12:
        return result, first
    used = dataclasses.replace(a, prices={**a.prices, "wood": price})
    return qc.calculate_variant(inputs, demand, used, flows), used


def set_link(actor, variant, scenario, heating_value):
    """Let a biomass variant take its fuel from ``scenario`` (None: typed quarter price again)."""
    from decimal import Decimal

    from django.core.exceptions import PermissionDenied, ValidationError
    from django.db import transaction

    from ikonnekt.core import audit
    from ikonnekt.core.audit import AuditAction

    quarter = variant.quarter
    if actor.user is None or not quarter.can_edit(actor.user):
        raise PermissionDenied(_("You may read this, but not change it."))
    if scenario is not None:
        if not scenario.is_visible_to(actor.user):
            raise ValidationError({"scenario": _("Choose a green-waste scenario you may see.")})
        if variant.heat_source != "biomass_network":
            raise ValidationError(
                {"scenario": _("Only a biomass variant takes its fuel from a green-waste scenario.")}
            )
        if heating_value is None or Decimal(heating_value) <= 0:
            raise ValidationError({"heating_value": _("State a heating value above 0 MWh/t.")})
    before = [variant.fuel_scenario_id, str(variant.fuel_heating_value or "")]
    with transaction.atomic():
        variant.fuel_scenario = scenario
        variant.fuel_scenario_name = scenario.name[:200] if scenario is not None else ""
        variant.fuel_heating_value = heating_value if scenario is not None else None
        variant.save(update_fields=["fuel_scenario", "fuel_scenario_name", "fuel_heating_value"])
        audit.record(
            actor,
            AuditAction.UPDATE,
            quarter,
            changes={
                "variant_fuel": {
                    "variant": variant.name,
                    "scenario": [before[0], scenario.pk if scenario else None],
                    "heating_value": [before[1], str(variant.fuel_heating_value or "")],
                }
            },
        )
    return variant
