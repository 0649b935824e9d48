"""Dashboard panel: open order cycles, own orders and (for moderators) the moderation queue."""

from django.utils import timezone

from ikonnekt.market.models import Listing, ListingStatus, Order, OrderCycle, OrderStatus
from ikonnekt.market.moderation import is_moderator


def panels(request):
    user = request.user
    now = timezone.now()
    panel = {
        "template": "market/_dashboard_panel.html",
        "open_cycles": OrderCycle.objects.visible_to(user)
        .filter(opens_at__lte=now, closes_at__gt=now)
        .count(),
        "my_orders": Order.objects.filter(
            customer=user, status=OrderStatus.PLACED, cycle__closes_at__gt=now
        ).count(),
        "is_moderator": is_moderator(user),
    }
    if panel["is_moderator"]:
        panel["pending"] = Listing.objects.visible_to(user).filter(status=ListingStatus.PENDING).count()
    return [panel]
