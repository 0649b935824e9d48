from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions, permissions

from ikonnekt.accounts.models import ApiToken, hash_token


def restrict_to_token(user, token) -> None:
    """The user's rights for this request: only the token's organisation, and only the viewer role
    for a read-only token (the sharing rule reads these cached roles, core.sharing.user_roles)."""
    from ikonnekt.core.sharing import _ROLES_CACHE, Role, forget_user_caches, user_roles

    forget_user_caches(user)
    roles = user_roles(user)
    allowed = {}
    if token.organisation_id in roles:
        allowed[token.organisation_id] = Role.VIEWER if token.read_only else roles[token.organisation_id]
    forget_user_caches(user)
    setattr(user, _ROLES_CACHE, allowed)


class ApiTokenAuthentication(authentication.BaseAuthentication):
    """``Authorization: Bearer ikt_…`` (or ``Token ikt_…``) with a user's named API token."""

    keywords = ("bearer", "token")

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower().decode() not in self.keywords:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Invalid token header."))
        key = header[1].decode(errors="replace")
        token = ApiToken.objects.select_related("user").filter(key_hash=hash_token(key)).first()
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("Invalid or revoked token."))
        if token.is_expired:
            raise exceptions.AuthenticationFailed(
                _("The token has expired; create a new one on your profile page.")
            )
        if token.read_only and request.method not in permissions.SAFE_METHODS:
            raise exceptions.PermissionDenied(_("This token may only read."))
        restrict_to_token(token.user, token)
        now = timezone.now()
        if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user, token

    def authenticate_header(self, request):
        return "Bearer"
