"""Account signals (wired in AccountsConfig.ready)."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from ikonnekt.organizations.middleware import SESSION_KEY


@receiver(user_logged_in)
def accept_pending_invitation(sender, request, user, **kwargs):
    """After sign-in, an invitation opened before signing in is accepted on its page."""
    if request is not None and request.session.get("pending_invitation"):
        request.session.pop(SESSION_KEY, None)
