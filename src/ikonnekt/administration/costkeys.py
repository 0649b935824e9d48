"""Cost keys and the annual settlement as plain functions (no database, no web code).

Amounts are handled in whole cents; shares are exact fractions. Every cost item is split with
the largest-remainder method, so the parties' shares of an item add up to the item exactly and the
parties' totals add up to the total costs exactly (pure cost reimbursement, no margin).

Formulas (docs/administration.md):

* component share ``s_c(p) = q_c(p) / Σ_p q_c(p)`` with ``q`` = 1 (equal), the fixed percentage,
  the inhabitants on the reference date, the usage (hours, km, t), the number of bookings or the
  hours worked;
* key share ``s(p) = Σ_c w_c · s_c(p)`` with the component weights ``w_c`` adding up to 100 %;
* overhead item with a rate ``r``: ``r · (personnel + material)`` of the same year, rounded to cents;
* party costs ``K(p) = Σ_i alloc_i(p)``, balance ``K(p) − advance payments(p)`` (positive: the
  party pays, negative: it gets money back);
* taxable agreements (§ 2b UStG, ``administration.vat``): VAT per party and item
  ``v_i(p) = round_half_up(alloc_i(p) · rate)``, gross ``alloc_i(p) + v_i(p)``; the party's VAT is
  the sum of its item VATs and the balance is ``gross − advance payments``.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.utils.translation import gettext as _

from ikonnekt.administration.vat import vat_cents

CENT = Decimal("0.01")
DIRECT_CATEGORIES = ("personnel", "material")


class CostKeyError(ValueError):
    """A cost key cannot be applied (missing figure, no usage, weights not 100 %).

    ``links``: (text, url) pairs that say where the missing figures are entered."""

    def __init__(self, message, links=()):
        super().__init__(message)
        self.links = list(links)


def to_cents(amount) -> int:
    return int((Decimal(str(amount)) * 100).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def from_cents(cents: int) -> Decimal:
    return (Decimal(cents) / 100).quantize(CENT)


def largest_remainder(total_cents: int, weights: dict) -> dict:
    """Split ``total_cents`` in proportion to ``weights`` (non-negative) into whole cents that
    add up to ``total_cents`` exactly. Ties go to the key that sorts first (reproducible)."""
    if not weights:
        raise CostKeyError(_("There is nobody to share the costs."))
    weights = {k: Fraction(w) for k, w in weights.items()}
    if any(w < 0 for w in weights.values()):
        raise CostKeyError(_("A share is negative."))
    whole = sum(weights.values())
    if whole == 0:
        raise CostKeyError(_("All shares are zero."))
    sign = -1 if total_cents < 0 else 1
    total = abs(total_cents)
    exact = {k: total * w / whole for k, w in weights.items()}
    floors = {k: int(v) for k, v in exact.items()}  # v ≥ 0, so int() is floor
    rest = total - sum(floors.values())
    order = sorted(weights, key=lambda k: (-(exact[k] - floors[k]), str(k)))
    for k in order[:rest]:
        floors[k] += 1
    return {k: sign * v for k, v in floors.items()}


@dataclass(frozen=True)
class Component:
    basis: str
    weight: Decimal  # percent
    values: dict  # party -> quantity (Decimal/int); ignored for "equal"
    label: str = ""
    where: dict | None = None  # party -> url where its figure is entered ("" key: for all parties)


def component_shares(component: Component, parties, names=None) -> dict:
    parties = list(parties)
    if component.basis == "equal":
        return {p: Fraction(1, len(parties)) for p in parties}
    where = component.where or {}
    label = component.label or component.basis
    missing = [p for p in parties if component.values.get(p) is None]
    if missing:
        raise CostKeyError(
            _("%(label)s: no figure for %(parties)s.")
            % {"label": label, "parties": ", ".join(str((names or {}).get(p, p)) for p in missing)},
            [(f"{(names or {}).get(p, p)}: {label}", where.get(p) or where.get("", "")) for p in missing],
        )
    quantities = {p: Fraction(str(component.values[p])) for p in parties}
    if any(q < 0 for q in quantities.values()):
        raise CostKeyError(_("%(label)s: negative figures.") % {"label": component.label or component.basis})
    whole = sum(quantities.values())
    if whole == 0:
        raise CostKeyError(
            _("%(label)s: the figures of all parties are zero, so nothing can be split by them.")
            % {"label": label},
            [(f"{(names or {}).get(p, p)}: {label}", where.get(p) or where.get("", "")) for p in parties],
        )
    return {p: q / whole for p, q in quantities.items()}


def key_shares(components, parties, names=None) -> dict:
    """Exact shares of a key (weighted components) that add up to 1."""
    parties = list(parties)
    if not components:
        raise CostKeyError(_("The cost key has no components."))
    weight_sum = sum(Decimal(str(c.weight)) for c in components)
    if weight_sum != 100:
        raise CostKeyError(
            _("The weights of the cost key add up to %(sum)s %% instead of 100 %%.") % {"sum": weight_sum}
        )
    shares = {p: Fraction(0) for p in parties}
    for component in components:
        weight = Fraction(str(component.weight)) / 100
        for p, s in component_shares(component, parties, names).items():
            shares[p] += weight * s
    return shares


def item_amount_cents(item: dict, items: list) -> int:
    """The item's amount; overhead with a rate is the rate of the same year's direct costs."""
    if item.get("rate") not in (None, ""):
        base = sum(
            to_cents(i["amount"])
            for i in items
            if i["category"] in DIRECT_CATEGORIES and i.get("rate") in (None, "")
        )
        return to_cents(Decimal(base) * Decimal(str(item["rate"])) / 10000)
    return to_cents(item["amount"])


def settle(inputs: dict) -> dict:
    """The settlement of one year from frozen ``inputs`` (see ``settlement.freeze_inputs``).

    Returns JSON-ready data with the calculation behind every figure.
    """
    parties = [str(p["id"]) for p in inputs["parties"]]
    if not inputs["items"]:
        raise CostKeyError(_("There are no cost items for %(year)s.") % {"year": inputs["year"]})
    keys = {}
    for key_id, key in inputs["keys"].items():
        components = [
            Component(
                c["basis"],
                Decimal(str(c["weight"])),
                {str(k): v for k, v in c.get("values", {}).items()},
                c.get("label", ""),
                c.get("where"),
            )
            for c in key["components"]
        ]
        try:
            keys[key_id] = key_shares(
                components, parties, {str(p["id"]): p["name"] for p in inputs["parties"]}
            )
        except CostKeyError as exc:
            raise CostKeyError(
                _("Cost key “%(key)s”: %(error)s") % {"key": key["name"], "error": exc}, exc.links
            ) from None
    vat_info = inputs.get("vat") or {"status": "unclassified"}
    taxable = vat_info.get("status") == "taxable"
    rate = Decimal(str(vat_info.get("rate") or 0)) if taxable else Decimal(0)
    party_costs = {p: 0 for p in parties}
    party_vat = {p: 0 for p in parties}
    item_rows = []
    for item in inputs["items"]:
        cents = item_amount_cents(item, inputs["items"])
        shares = keys[str(item["key"])]
        alloc = largest_remainder(cents, shares)
        split = {}
        for p, c in alloc.items():
            party_costs[p] += c
            split[p] = {"share": f"{float(shares[p]) * 100:.4f}", "amount": str(from_cents(c))}
            if taxable:
                # VAT per party and item on its net share, rounded half up (§ 12 Abs. 1 UStG rate)
                v = vat_cents(c, rate)
                party_vat[p] += v
                split[p].update(vat=str(from_cents(v)), gross=str(from_cents(c + v)))
        item_rows.append(
            {
                "label": item["label"],
                "category": item["category"],
                "rate": item.get("rate"),
                "amount": str(from_cents(cents)),
                "key": inputs["keys"][str(item["key"])]["name"],
                "shares": split,
            }
        )
    total = sum(item_amount_cents(i, inputs["items"]) for i in inputs["items"])
    result_parties = {}
    for p in parties:
        advance = to_cents(inputs.get("advances", {}).get(p, 0) or 0)
        gross = party_costs[p] + party_vat[p]
        result_parties[p] = {
            "costs": str(from_cents(party_costs[p])),
            "advances": str(from_cents(advance)),
            "balance": str(from_cents(gross - advance)),
        }
        if taxable:
            result_parties[p].update(vat=str(from_cents(party_vat[p])), gross=str(from_cents(gross)))
    result = {"items": item_rows, "parties": result_parties, "total": str(from_cents(total))}
    result["vat"] = {
        "status": vat_info.get("status", "unclassified"),
        "reasoning": vat_info.get("reasoning", ""),
    }
    if taxable:
        total_vat = sum(party_vat.values())
        result["vat"].update(
            rate=str(rate),
            total_vat=str(from_cents(total_vat)),
            total_gross=str(from_cents(total + total_vat)),
        )
    return result


def differences(old: dict, new: dict) -> dict:
    """Per party: how the balance changes from one settlement version to the next."""
    result = {}
    for p, row in new["parties"].items():
        before = Decimal(old["parties"].get(p, {}).get("balance", "0"))
        result[p] = str((Decimal(row["balance"]) - before).quantize(CENT))
    return result
