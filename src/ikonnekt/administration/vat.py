"""VAT of inter-municipal services under § 2b UStG, as plain rules and arithmetic.

§ 2b Abs. 3 Nr. 2 UStG: services of one public-law body to another do not distort competition (and are
not taxable) where the cooperation is determined by common specific public interests; that is
regularly the case where, cumulatively,

a) the services rest on a long-term public-law agreement,
b) they serve the preservation of public infrastructure and the performance of a public task
   incumbent on all parties,
c) they are paid only by reimbursement of costs, and
d) the provider performs similar services essentially for public-law bodies.

The Federal Ministry of Finance regards agreements of five years or more, and open-ended ones, as
long-term (as reported in Schwarz/Widmann/Radeisen, UStG § 2b Rz. 53). The transition option of
§ 27 Abs. 22a UStG (keeping the old law, § 2 Abs. 3 UStG a. F.) ends on 31 December 2026. The
standard rate is 19 % (§ 12 Abs. 1 UStG).

The checklist is the Kämmerei's record, not a decision of the platform: ``suggestion`` only says
what the ticked conditions imply; the classification and its reasoning are entered by a person.
"""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy as _

TRANSITION_ENDS = date(2026, 12, 31)  # § 27 Abs. 22a UStG
STANDARD_RATE = Decimal("19")  # § 12 Abs. 1 UStG
LONG_TERM_YEARS = 5  # BMF view of "langfristig" (§ 2b Abs. 3 Nr. 2 Buchst. a UStG)


@dataclass(frozen=True)
class Condition:
    field: str
    letter: str
    text: str


CONDITIONS = (
    Condition(
        "vat_long_term", "a", _("long-term public-law agreement (BMF: five years or more, or open-ended)")
    ),
    Condition(
        "vat_public_task",
        "b",
        _("serves the preservation of public infrastructure and a public task incumbent on all parties"),
    ),
    Condition("vat_cost_reimbursement", "c", _("paid only by reimbursement of costs (no profit margin)")),
    Condition(
        "vat_public_bodies",
        "d",
        _("the provider performs similar services essentially for public-law bodies"),
    ),
)


def suggestion(ticked: dict) -> str:
    """ "not_taxable" if all four conditions of § 2b Abs. 3 Nr. 2 UStG are ticked, else "taxable"."""
    return "not_taxable" if all(ticked.get(c.field) for c in CONDITIONS) else "taxable"


def vat_cents(net_cents: int, rate) -> int:
    """VAT of a net amount in cents, rounded half up to the cent."""
    exact = Decimal(net_cents) * Decimal(str(rate)) / 100
    return int(exact.quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def transition_notice(today: date) -> str:
    if today <= TRANSITION_ENDS:
        return _(
            "The transition option of § 27 Abs. 22a UStG ends on 31 December 2026: from 1 January 2027 every "
            "agreement between public bodies is judged under § 2b UStG."
        )
    return _(
        "The transition option of § 27 Abs. 22a UStG ended on 31 December 2026: every agreement between public "
        "bodies is judged under § 2b UStG."
    )
