"""Reports of a closed order cycle from plain line rows (no web code).

A row is a dict with: order_id, order_number, customer, pickup, producer_id, producer,
product, variant, unit, quantity, unit_price, vat_rate, deposit, fee_percent, delivery_fee
(per order) — as produced by :func:`ikonnekt.market.queries.cycle_rows`.
"""

from collections import defaultdict
from decimal import Decimal

from ikonnekt.market.pricing import ZERO, Totals, line_amounts


def pick_list(rows):
    """Per producer: how much of each variant to prepare (sum over all orders)."""
    result: dict = defaultdict(lambda: defaultdict(lambda: Decimal(0)))
    for r in rows:
        result[r["producer"]][(r["product"], r["variant"], r["unit"])] += Decimal(r["quantity"])
    return {
        producer: [
            {"product": p, "variant": v, "unit": u, "quantity": q} for (p, v, u), q in sorted(items.items())
        ]
        for producer, items in sorted(result.items())
    }


def pickup_list(rows):
    """Per pickup point: each order with its customer, lines and amount due."""
    points: dict = defaultdict(dict)
    for r in rows:
        orders = points[r["pickup"]]
        order = orders.setdefault(
            r["order_id"],
            {
                "number": r["order_number"],
                "customer": r["customer"],
                "paid": r.get("paid", False),
                "lines": [],
                "totals": Totals(delivery=Decimal(r["delivery_fee"])),
            },
        )
        a = line_amounts(r["unit_price"], r["quantity"], r["vat_rate"], r["deposit"], r["fee_percent"])
        order["totals"].add(a)
        order["lines"].append(
            {"product": r["product"], "variant": r["variant"], "quantity": r["quantity"], "total": a.total}
        )
    return {
        point: sorted(orders.values(), key=lambda o: (o["customer"], o["number"]))
        for point, orders in sorted(points.items())
    }


def producer_report(rows):
    """Per producer: goods, net, VAT (by rate), deposit and payout (net + VAT + deposit)."""
    producers: dict = {}
    for r in rows:
        entry = producers.setdefault(
            r["producer"], {"totals": Totals(), "vat_by_rate": defaultdict(lambda: ZERO)}
        )
        a = line_amounts(r["unit_price"], r["quantity"], r["vat_rate"], r["deposit"], r["fee_percent"])
        entry["totals"].add(a)
        entry["vat_by_rate"][Decimal(r["vat_rate"])] += a.vat
    return dict(sorted(producers.items()))


def hub_report(rows):
    """The hub's view: payouts per producer, fees, delivery fees, and the reconciliation."""
    producers = producer_report(rows)
    delivery_by_order = {}
    order_totals: dict = defaultdict(Totals)
    for r in rows:
        delivery_by_order[r["order_id"]] = Decimal(r["delivery_fee"])
        order_totals[r["order_id"]].add(
            line_amounts(r["unit_price"], r["quantity"], r["vat_rate"], r["deposit"], r["fee_percent"])
        )
    for order_id, fee in delivery_by_order.items():
        order_totals[order_id].delivery = fee
    customer_total = sum((t.total for t in order_totals.values()), ZERO)
    payouts = sum((p["totals"].producer_payout for p in producers.values()), ZERO)
    fees = sum((p["totals"].fee for p in producers.values()), ZERO)
    delivery = sum(delivery_by_order.values(), ZERO)
    vat = sum((p["totals"].vat for p in producers.values()), ZERO)
    net = sum((p["totals"].net for p in producers.values()), ZERO)
    deposit = sum((p["totals"].deposit for p in producers.values()), ZERO)
    return {
        "producers": producers,
        "orders": len(order_totals),
        "customer_total": customer_total,
        "net": net,
        "vat": vat,
        "deposit": deposit,
        "payouts": payouts,
        "fees": fees,
        "delivery": delivery,
        "difference": customer_total - (payouts + fees + delivery),
        "reconciles": customer_total == net + vat + deposit + fees + delivery,
    }
