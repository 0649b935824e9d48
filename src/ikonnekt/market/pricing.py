"""Money of the regional market: ``Decimal`` throughout, rounded once per order line.

Prices are gross (incl. VAT) per unit with at most two decimals. For one order line with
quantity *q*, unit price *p*, VAT rate *r* %, deposit *d* per unit and hub fee *f* % :

* goods   = round(p × q)                       (gross value of the goods)
* vat     = round(goods × r / (100 + r))       (VAT contained in the goods)
* net     = goods − vat
* fee     = round(p × q × f / 100)             (hub fee on the unrounded gross value)
* deposit = round(d × q)
* total   = goods + fee + deposit

``round`` is ROUND_HALF_UP to the cent and happens **once per line** — never per unit —
so 3 × 0.333 € of fee is 1.00 €, not 3 × 0.33 € = 0.99 €. Order, producer and hub totals are
plain sums of the rounded line amounts, so every report reconciles to the cent:
Σ order totals = Σ producer payouts (net + VAT + deposit) + Σ hub fees + Σ delivery fees.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
HUNDRED = Decimal(100)


def q2(value: Decimal) -> Decimal:
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class LineAmounts:
    goods: Decimal
    net: Decimal
    vat: Decimal
    fee: Decimal
    deposit: Decimal

    @property
    def total(self) -> Decimal:
        return self.goods + self.fee + self.deposit

    @property
    def producer_payout(self) -> Decimal:
        return self.net + self.vat + self.deposit


def line_amounts(unit_price, quantity, vat_rate, deposit=ZERO, fee_percent=ZERO) -> LineAmounts:
    p, q, r = Decimal(unit_price), Decimal(quantity), Decimal(vat_rate)
    exact_goods = p * q
    goods = q2(exact_goods)
    vat = q2(goods * r / (HUNDRED + r))
    fee = q2(exact_goods * Decimal(fee_percent) / HUNDRED)
    return LineAmounts(goods=goods, net=goods - vat, vat=vat, fee=fee, deposit=q2(Decimal(deposit) * q))


@dataclass
class Totals:
    goods: Decimal = ZERO
    net: Decimal = ZERO
    vat: Decimal = ZERO
    fee: Decimal = ZERO
    deposit: Decimal = ZERO
    delivery: Decimal = ZERO

    def add(self, a: LineAmounts) -> None:
        self.goods += a.goods
        self.net += a.net
        self.vat += a.vat
        self.fee += a.fee
        self.deposit += a.deposit

    @property
    def total(self) -> Decimal:
        return self.goods + self.fee + self.deposit + self.delivery

    @property
    def producer_payout(self) -> Decimal:
        return self.net + self.vat + self.deposit

    def as_dict(self) -> dict:
        return {
            "goods": self.goods,
            "net": self.net,
            "vat": self.vat,
            "fee": self.fee,
            "deposit": self.deposit,
            "delivery": self.delivery,
            "total": self.total,
        }


def order_totals(lines, delivery_fee=ZERO) -> Totals:
    """``lines``: objects/dicts with unit_price, quantity, vat_rate, deposit, fee_percent."""
    totals = Totals(delivery=Decimal(delivery_fee))
    for line in lines:
        get = line.get if isinstance(line, dict) else lambda k, _l=line: getattr(_l, k)
        totals.add(
            line_amounts(
                get("unit_price"), get("quantity"), get("vat_rate"), get("deposit"), get("fee_percent")
            )
        )
    return totals
