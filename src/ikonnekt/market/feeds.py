"""Indicator feeds of the market module: secondary-materials exchange and regional sales.

Source is the organisation: deals recorded on its listings (listings matched = deals, tonnes
exchanged = Σ tonnes of the deals) and the regional market sales of its products (Σ line
amounts incl. VAT of placed orders, by order year).
"""

from collections import defaultdict
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from ikonnekt.core.sharing import has_role, orgs_with_role
from ikonnekt.indicators.registry import Feed, Point, feeds


def _deals(organisation):
    from ikonnekt.market.models import Deal

    by_year = defaultdict(lambda: {"deals": 0, "tonnes": Decimal(0), "listings": set()})
    for listing_id, tonnes, day in Deal.objects.filter(listing__owner=organisation).values_list(
        "listing_id", "tonnes", "date"
    ):
        entry = by_year[day.year]
        entry["deals"] += 1
        entry["tonnes"] += tonnes
        entry["listings"].add(listing_id)
    return dict(sorted(by_year.items()))


def matched_points(organisation):
    return [
        Point(year, float(e["deals"]), inputs={"listings": len(e["listings"]), "deals": e["deals"]})
        for year, e in _deals(organisation).items()
    ]


def tonnes_points(organisation):
    return [
        Point(year, float(e["tonnes"]), inputs={"deals": e["deals"], "listings": len(e["listings"])})
        for year, e in _deals(organisation).items()
    ]


def sales_points(organisation):
    from ikonnekt.market.models import OrderLine

    by_year = defaultdict(lambda: [Decimal(0), 0])
    lines = (
        OrderLine.objects.filter(producer=organisation, order__placed_at__isnull=False)
        .exclude(order__status__in=["cart", "cancelled"])
        .select_related("order")
    )
    for line in lines:
        entry = by_year[line.order.placed_at.year]
        entry[0] += line.quantity * line.unit_price
        entry[1] += 1
    return [
        Point(year, float(round(total, 2)), inputs={"order_lines": count})
        for year, (total, count) in sorted(by_year.items())
    ]


def _may_publish(user, organisation):
    return has_role(user, organisation.pk)


def _organisations(user):
    from ikonnekt.organizations.models import Organisation

    return Organisation.objects.filter(pk__in=orgs_with_role(user))


def _org_of_deal(deal):
    return deal.listing.owner_id


def _producers_of_order(order):
    """Placing, confirming or cancelling an order changes the sales of each producer in it."""
    if order.status == "cart":
        return []
    return list(order.lines.values_list("producer_id", flat=True).distinct())


ORG = "organizations.Organisation"
COMMON = dict(source_model=ORG, version="1", can_publish=_may_publish, sources_for=_organisations)

feeds.register(
    Feed(
        key="market.exchange_matched",
        title=_("Listings matched in the secondary-materials exchange"),
        unit=_("deals/a"),
        calculation=_("number of deals recorded on the organisation's listings, by deal year"),
        compute=matched_points,
        description=_("How often a listing of the organisation led to material actually moving."),
        triggers=(("market.Deal", _org_of_deal),),
        **COMMON,
    )
)
feeds.register(
    Feed(
        key="market.exchange_tonnes",
        title=_("Tonnes exchanged in the secondary-materials exchange"),
        unit="t/a",
        calculation=_("Σ tonnes of the deals recorded on the organisation's listings, by deal year"),
        compute=tonnes_points,
        description=_("Secondary materials moved thanks to the organisation's listings."),
        triggers=(("market.Deal", _org_of_deal),),
        **COMMON,
    )
)
feeds.register(
    Feed(
        key="market.regional_sales_eur",
        title=_("Regional market sales"),
        unit="€/a",
        calculation=_(
            "Σ quantity × unit price incl. VAT of the producer's order lines in placed orders, by order year"
        ),
        compute=sales_points,
        description=_("Sales of the producer through the regional market."),
        triggers=(("market.Order", _producers_of_order),),
        **COMMON,
    )
)
