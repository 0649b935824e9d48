from django.conf import settings

from ikonnekt.core import boundaries
from ikonnekt.core.registry import nav


def platform(request):
    user = getattr(request, "user", None)
    authenticated = bool(user and user.is_authenticated)
    return {
        # rendered once per language and per outcome of the entries' visibility rules
        "nav_menu": lambda: nav.menu_html(authenticated, user),
        "active_organisation": getattr(request, "active_organisation", None),
        "my_memberships": getattr(request, "memberships", []),
        "demo_mode": getattr(settings, "DEMO_MODE", False),
        "map_tiles_url": settings.MAP_TILES_URL,
        "map_tiles_attribution": settings.MAP_TILES_ATTRIBUTION,
        # Without a tile server every map draws the shipped boundaries (core/boundaries.py).
        "map_boundaries_url": "" if settings.MAP_TILES_URL else boundaries.url(),
        "map_boundaries_attribution": "" if settings.MAP_TILES_URL else boundaries.attribution_html(),
    }
