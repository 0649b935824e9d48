from decimal import Decimal as D

from hypothesis import given
from hypothesis import strategies as st

from ikonnekt.market import reports
from ikonnekt.market.pricing import line_amounts, order_totals


def test_fee_is_rounded_once_per_line_not_per_unit():
    # 3 units at 3.33 € with a 10 % fee: exact fee 0.999 € → 1.00 € (per unit it would be 3 × 0.33 = 0.99 €)
    a = line_amounts(D("3.33"), D("3"), D("7"), fee_percent=D("10"))
    assert a.goods == D("9.99")
    assert a.fee == D("1.00")


def test_vat_7_and_19_percent_contained_in_gross_price():
    a7 = line_amounts(D("10.70"), D("1"), D("7"))
    assert (a7.net, a7.vat) == (D("10.00"), D("0.70"))
    a19 = line_amounts(D("2.80"), D("3"), D("19"), deposit=D("0.15"))
    # 8.40 gross; VAT = 8.40 × 19/119 = 1.3411… → 1.34; deposit 0.45
    assert (a19.goods, a19.vat, a19.net, a19.deposit, a19.total) == (
        D("8.40"),
        D("1.34"),
        D("7.06"),
        D("0.45"),
        D("8.85"),
    )


def test_fractional_quantity_rounds_half_up():
    # 0.333 kg at 3.00 €/kg = 0.999 → 1.00
    assert line_amounts(D("3.00"), D("0.333"), D("7")).goods == D("1.00")
    # 0.125 kg at 1.00 € = 0.125 → 0.13 (half up, not banker's rounding)
    assert line_amounts(D("1.00"), D("0.125"), D("7")).goods == D("0.13")


def test_order_total_includes_delivery_fee_once():
    lines = [
        {
            "unit_price": D("0.33"),
            "quantity": D("3"),
            "vat_rate": D("7"),
            "deposit": D("0"),
            "fee_percent": D("5"),
        },
        {
            "unit_price": D("2.80"),
            "quantity": D("2"),
            "vat_rate": D("19"),
            "deposit": D("0.15"),
            "fee_percent": D("5"),
        },
    ]
    t = order_totals(lines, delivery_fee=D("3.50"))
    # goods 0.99 + 5.60; fees 0.0495→0.05 and 0.28; deposit 0.30; delivery 3.50
    assert t.total == D("0.99") + D("5.60") + D("0.05") + D("0.28") + D("0.30") + D("3.50")


money = st.decimals(min_value=D("0.01"), max_value=D("500"), places=2)
qty = st.decimals(min_value=D("0.001"), max_value=D("50"), places=3)
row = st.fixed_dictionaries(
    {
        "order_id": st.integers(1, 20),
        "producer": st.sampled_from(["Hof A", "Hof B", "Laden C"]),
        "unit_price": money,
        "quantity": qty,
        "vat_rate": st.sampled_from([D("7"), D("19"), D("0")]),
        "deposit": st.sampled_from([D("0"), D("0.15"), D("2.40")]),
        "fee_percent": st.sampled_from([D("0"), D("5"), D("10"), D("12.5")]),
    }
)


@given(st.lists(row, min_size=1, max_size=40), st.sampled_from([D("0"), D("3.50")]))
def test_hub_report_always_reconciles(rows, delivery):
    for r in rows:
        r.update(
            order_number=str(r["order_id"]),
            customer="K",
            pickup="P",
            producer_id=1,
            product="x",
            variant="y",
            unit="kg",
            delivery_fee=delivery,
        )
    report = reports.hub_report(rows)
    assert report["reconciles"]
    assert report["difference"] == 0
    # independent check: per-order sums equal the grand total
    per_order = {}
    for r in rows:
        a = line_amounts(r["unit_price"], r["quantity"], r["vat_rate"], r["deposit"], r["fee_percent"])
        per_order[r["order_id"]] = per_order.get(r["order_id"], delivery) + a.total
    assert sum(per_order.values()) == report["customer_total"]
    for r in rows:
        assert line_amounts(r["unit_price"], r["quantity"], r["vat_rate"]).goods.as_tuple().exponent == -2


def test_pick_list_sums_quantities_per_producer_and_variant():
    base = {"unit_price": D("1"), "vat_rate": D("7"), "deposit": D("0"), "fee_percent": D("0"), "unit": "kg"}
    rows = [
        {**base, "producer": "Hof A", "product": "Kartoffeln", "variant": "2,5 kg", "quantity": D("2")},
        {**base, "producer": "Hof A", "product": "Kartoffeln", "variant": "2,5 kg", "quantity": D("3")},
        {**base, "producer": "Hof B", "product": "Eier", "variant": "6", "quantity": D("1")},
    ]
    result = reports.pick_list(rows)
    assert result["Hof A"][0]["quantity"] == D("5")
    assert result["Hof B"][0]["quantity"] == D("1")
