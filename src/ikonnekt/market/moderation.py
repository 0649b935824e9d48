"""Who moderates the market: editors and administrators of a district (Landkreis)."""

from ikonnekt.core.sharing import WRITE_ROLES, user_memberships

_CACHE = "_market_moderator"


def is_moderator(user) -> bool:
    if user is None or not user.is_authenticated:
        return False
    cached = getattr(user, _CACHE, None)
    if cached is None:
        # the memberships come with their organisations, loaded once per request: no query here
        cached = any(
            m.role in WRITE_ROLES and m.organisation.kind == "district" for m in user_memberships(user)
        )
        setattr(user, _CACHE, cached)
    return cached
