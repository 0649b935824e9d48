"""Who moderates the market: editors and administrators of a district (Landkreis)."""

from ikonnekt.core.sharing import WRITE_ROLES, user_roles

_CACHE = "_market_moderator"


def is_moderator(user) -> bool:
    if user is None or not user.is_authenticated:
        return False
    cached = getattr(user, _CACHE, None)
    if cached is None:
        from ikonnekt.organizations.models import Organisation

        org_ids = [org_id for org_id, role in user_roles(user).items() if role in WRITE_ROLES]
        cached = Organisation.objects.filter(pk__in=org_ids, kind="district").exists()
        setattr(user, _CACHE, cached)
    return cached
