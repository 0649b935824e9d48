"""Read-side queries of the market that pages, API, reports and benchmarks share.

Each function runs a fixed number of queries, independent of the number of products/orders."""

from ikonnekt.market.models import OrderLine, OrderStatus, ProductVariant


def shopfront_variants(cycle, user):
    """Offered, active variants of a cycle that the user may see, with product and producer
    names, as plain dicts (one query; no model instances for 2,000 rows)."""
    return list(
        ProductVariant.objects.visible_to(user)
        .filter(cycles=cycle, is_active=True)
        .order_by("product__category", "product__name", "price")
        .values(
            "id",
            "name",
            "price",
            "vat_rate",
            "deposit",
            "stock",
            "product__name",
            "product__owner__name",
        )
    )


def cycle_rows(cycle_id):
    """Order lines of placed orders of a cycle as plain dicts for :mod:`ikonnekt.market.reports`."""
    rows = (
        OrderLine.objects.filter(order__cycle_id=cycle_id, order__status=OrderStatus.PLACED)
        .values(
            "order_id",
            "order__number",
            "order__customer__username",
            "order__customer__first_name",
            "order__customer__last_name",
            "order__pickup_point__name",
            "order__delivery_fee",
            "order__paid",
            "producer_id",
            "producer__name",
            "variant__product__name",
            "variant__name",
            "variant__unit",
            "quantity",
            "unit_price",
            "vat_rate",
            "deposit",
            "fee_percent",
        )
        .order_by("order_id", "pk")
    )
    out = []
    for r in rows:
        name = f"{r['order__customer__first_name']} {r['order__customer__last_name']}".strip()
        out.append(
            {
                "order_id": r["order_id"],
                "order_number": r["order__number"],
                "customer": name or r["order__customer__username"],
                "pickup": r["order__pickup_point__name"] or "",
                "delivery_fee": r["order__delivery_fee"],
                "paid": r["order__paid"],
                "producer_id": r["producer_id"],
                "producer": r["producer__name"],
                "product": r["variant__product__name"],
                "variant": r["variant__name"],
                "unit": r["variant__unit"],
                "quantity": r["quantity"],
                "unit_price": r["unit_price"],
                "vat_rate": r["vat_rate"],
                "deposit": r["deposit"],
                "fee_percent": r["fee_percent"],
            }
        )
    return out


def regional_rows(cycle_ids):
    """Goods value per line with producer and pickup coordinates (regional value dashboard)."""
    from ikonnekt.market.models import BusinessProfile
    from ikonnekt.market.pricing import line_amounts

    coords = {
        p["owner_id"]: (p["latitude"], p["longitude"])
        for p in BusinessProfile.objects.values("owner_id", "latitude", "longitude")
    }
    rows = []
    for r in OrderLine.objects.filter(order__cycle_id__in=cycle_ids, order__status=OrderStatus.PLACED).values(
        "producer_id",
        "producer__latitude",
        "producer__longitude",
        "quantity",
        "unit_price",
        "vat_rate",
        "order__pickup_point__latitude",
        "order__pickup_point__longitude",
    ):
        lat, lon = coords.get(r["producer_id"], (r["producer__latitude"], r["producer__longitude"]))
        rows.append(
            {
                "goods": line_amounts(r["unit_price"], r["quantity"], r["vat_rate"]).goods,
                "producer_lat": lat,
                "producer_lon": lon,
                "pickup_lat": r["order__pickup_point__latitude"],
                "pickup_lon": r["order__pickup_point__longitude"],
            }
        )
    return rows
