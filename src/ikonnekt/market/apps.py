from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MarketConfig(AppConfig):
    name = "ikonnekt.market"
    label = "market"
    verbose_name = _("Regional market")

    def ready(self):
        from ikonnekt.core.registry import nav

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
