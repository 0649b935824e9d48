from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MarketConfig(AppConfig):
    name = "ikonnekt.market"
    label = "market"
    verbose_name = _("Regional market")

    def ready(self):
        from ikonnekt.core import files
        from ikonnekt.core.registry import nav
        from ikonnekt.market import models as m
        from ikonnekt.market.moderation import is_moderator

        files.register(m.Label, "logo", public_catalogue=True)
        files.register(m.BusinessProfile, "photo")
        files.register(m.Product, "photo")
        files.register(m.Listing, "photo")
        # Evidence is for the lister and the moderators (like the exact address), never the public.
        files.register(
            m.Listing, "evidence", check=lambda obj, user: obj.shows_address_to(user), inline=False
        )
        files.register(
            m.LabelClaim,
            "evidence",
            check=lambda obj, user: is_moderator(user) or obj.profile.can_edit(user),
            inline=False,
        )

        nav.register(
            "market:home", _("Regional market"), icon="basket", order=60, section="economy", public=True
        )
        nav.register(
            "market:profile_list", _("Businesses"), icon="shop", order=61, section="economy", public=True
        )
        nav.register(
            "market:cycle_list", _("Order cycles"), icon="cart3", order=62, section="economy", public=True
        )
        nav.register(
            "market:event_list",
            _("Market events"),
            icon="calendar-event",
            order=63,
            section="economy",
            public=True,
        )
        nav.register(
            "market:listing_list",
            _("Secondary materials"),
            icon="recycle",
            order=64,
            section="economy",
            public=True,
        )
        nav.register("market:dashboard", _("Regional value"), icon="graph-up", order=65, section="economy")
