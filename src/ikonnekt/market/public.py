"""Public objects of the market for the start page of anonymous visitors."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ikonnekt.market.models import Listing, ListingStatus, OrderCycle


def sections(user):
    now = timezone.now()
    cycles = OrderCycle.objects.visible_to(user).filter(closes_at__gte=now).order_by("closes_at")[:4]
    listings = (
        Listing.objects.visible_to(user).filter(status=ListingStatus.APPROVED).order_by("-created_at")[:4]
    )
    return [
        {
            "order": 10,
            "icon": "basket",
            "title": _("Regional market"),
            "url": reverse("market:home"),
            "items": [(c.name, c.get_absolute_url(), c.owner.name) for c in cycles],
        },
        {
            "order": 20,
            "icon": "recycle",
            "title": _("Secondary materials"),
            "url": reverse("market:listing_list"),
            "items": [(str(x.title), x.get_absolute_url(), x.municipality.name) for x in listings],
        },
    ]
