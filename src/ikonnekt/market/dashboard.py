"""Dashboard panel: open order cycles, own orders and (for moderators) the moderation queue."""

from django.contrib.auth import get_user_model
from django.db.models import IntegerField, Subquery, Value
from django.utils import timezone

from ikonnekt.core.prepared import Rows
from ikonnekt.market.models import Listing, ListingStatus, Order, OrderCycle, OrderStatus
from ikonnekt.market.moderation import is_moderator


class _Count(Subquery):
    """The number of rows of a queryset, as a column of another query."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) counted)"
    output_field = IntegerField()


def _figures(user, now, moderator: bool):
    """The panel's figures in one query (on the user's own row: one row, whatever the data)."""
    counts = {
        "open_cycles": _Count(
            OrderCycle.objects.visible_to(user).filter(opens_at__lte=now, closes_at__gt=now).values("pk")
        ),
        "my_orders": _Count(
            Order.objects.filter(
                customer_id=user.pk, status=OrderStatus.PLACED, cycle__closes_at__gt=now
            ).values("pk")
        ),
        "pending": _Count(Listing.objects.visible_to(user).filter(status=ListingStatus.PENDING).values("pk"))
        if moderator
        else Value(None, IntegerField()),
    }
    return get_user_model().objects.filter(pk=user.pk).values(**counts)


# the SQL built once per connection and reader shape (core.prepared); the moderators' figures
# are read as they are (their listing rule depends on more than the reader's ids: few users)
_members_figures = Rows(lambda user, now: _figures(user, now, moderator=False))


def panels(request):
    user = request.user
    moderator = is_moderator(user)
    now = timezone.now()
    (figures,) = _figures(user, now, moderator=True) if moderator else _members_figures(user, now)
    panel = {"template": "market/_dashboard_panel.html", "is_moderator": moderator, **figures}
    if not moderator:
        del panel["pending"]
    return [panel]
