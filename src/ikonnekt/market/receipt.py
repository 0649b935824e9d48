"""The one way an order's amounts are shown: cart, checkout, order page, mail and pickup list.

Every line shows its goods value (price × quantity incl. VAT); below the lines the same rows add up to
the total: goods + deposit + hub fee + delivery fee = total (see :mod:`ikonnekt.market.pricing`).
The hub fee is never folded into a line and then added again.
"""

from django.utils.translation import gettext as _

from ikonnekt.core.formats import money
from ikonnekt.market.pricing import Totals


def summary_rows(totals: Totals, *, delivery_known: bool = True) -> list[tuple[str, object, bool]]:
    """``[(label, amount, is_total)]`` in the order they add up; zero rows are left out."""
    rows = [(_("Goods incl. VAT"), totals.goods, False)]
    if totals.deposit:
        rows.append((_("Deposit"), totals.deposit, False))
    if totals.fee:
        rows.append((_("Hub fee"), totals.fee, False))
    if totals.delivery:
        rows.append((_("Delivery fee"), totals.delivery, False))
    label = _("Total") if delivery_known else _("Total (plus delivery fee of the pickup point, if any)")
    rows.append((label, totals.total, True))
    return rows


def summary_text(totals: Totals) -> list[str]:
    """The same rows for a plain-text mail, amounts in the reader's language."""
    return [f"{label}: {money(amount)}" for label, amount, _total in summary_rows(totals)] + [
        _("of which VAT: %(vat)s") % {"vat": money(totals.vat)}
    ]
