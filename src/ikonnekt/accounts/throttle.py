"""Guessing resistance: one sign-in lock-out key per account, rate-limited password-reset mails.

Sign-in by user name or e-mail (in any case) reaches the same account, so the lock-out must count
failures per *account*, not per typed spelling: :func:`lockout_username` is django-axes'
``AXES_USERNAME_CALLABLE`` and maps every spelling that reaches a user to that user's name.
django-axes then locks the account and, separately, the source address
(``AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]``).
"""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone


def resolve_user(typed: str):
    """The user a sign-in name reaches (user name exactly, or a unique e-mail in any case)."""
    typed = (typed or "").strip()
    if not typed:
        return None
    User = get_user_model()
    user = User.objects.filter(username=typed).first()
    if user is None and "@" in typed:
        matches = list(User.objects.filter(email__iexact=typed)[:2])
        if len(matches) == 1:
            user = matches[0]
    if user is None:  # a user name typed in another case: the same person guessing
        matches = list(User.objects.filter(username__iexact=typed)[:2])
        if len(matches) == 1:
            user = matches[0]
    return user


def lockout_username(request, credentials=None) -> str:
    """The key django-axes counts failures under: the account's user name, whatever spelling
    reached it; unknown names are lower-cased so that case games do not multiply the attempts."""
    typed = ""
    if credentials:
        typed = credentials.get("username") or ""
    elif request is not None and hasattr(request, "POST"):
        typed = request.POST.get("username", "")
    user = resolve_user(typed)
    if user is not None:
        return user.get_username()
    return typed.strip().lower()


def reset_mail_allowed(email: str, ip_address: str | None) -> bool:
    """Record a password-reset request and say whether a mail may be sent: at most
    ``PASSWORD_RESET_PER_ACCOUNT`` per account and ``PASSWORD_RESET_PER_ADDRESS`` per source
    address within ``PASSWORD_RESET_WINDOW_MINUTES``."""
    from ikonnekt.accounts.models import PasswordResetRequest

    account = (email or "").strip().lower()
    now = timezone.now()
    since = now - datetime.timedelta(minutes=settings.PASSWORD_RESET_WINDOW_MINUTES)
    PasswordResetRequest.objects.filter(created_at__lt=since).delete()
    recent = PasswordResetRequest.objects.filter(created_at__gte=since)
    by_account = recent.filter(account=account).count()
    by_address = recent.filter(ip_address=ip_address).count() if ip_address else 0
    PasswordResetRequest.objects.create(account=account, ip_address=ip_address)
    return (
        by_account < settings.PASSWORD_RESET_PER_ACCOUNT and by_address < settings.PASSWORD_RESET_PER_ADDRESS
    )
