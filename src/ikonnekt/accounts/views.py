"""Sign-in, sign-up, profile and personal API tokens."""

import logging

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm, PasswordResetForm, SetPasswordForm
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ikonnekt.accounts.forms import LoginForm, ProfileForm, SignupForm, TokenForm
from ikonnekt.accounts.models import ApiToken
from ikonnekt.core import audit
from ikonnekt.core.audit import Actor, AuditAction
from ikonnekt.core.forms import BootstrapMixin

logger = logging.getLogger(__name__)


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class BootstrapPasswordChangeForm(BootstrapMixin, PasswordChangeForm):
    pass


class BootstrapPasswordResetForm(BootstrapMixin, PasswordResetForm):
    """Sends the reset mail only within the rate limit per account and address; the page answers
    the same either way, so it reveals neither the limit nor whether the account exists."""

    def save(self, *args, request=None, **kwargs):
        from ikonnekt.accounts import throttle
        from ikonnekt.core.audit import client_ip

        ip = client_ip(request) if request is not None else None
        if not throttle.reset_mail_allowed(self.cleaned_data["email"], ip):
            logger.warning("password-reset mail not sent: rate limit reached (address %s)", ip)
            return
        return super().save(*args, request=request, **kwargs)


class BootstrapSetPasswordForm(BootstrapMixin, SetPasswordForm):
    pass


def signup(request):
    """Self-service account (e.g. regional-market customers, invited members)."""
    if request.user.is_authenticated:
        return redirect("core:dashboard")
    form = SignupForm(request.POST or None)
    next_url = request.GET.get("next") or request.POST.get("next") or ""
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            user = form.save()
            audit.record(
                Actor(user=user, ip=audit.client_ip(request)),
                AuditAction.CREATE,
                user,
                object_repr=user.username,
                owner_organisation=None,
            )
        login(request, user, backend="ikonnekt.accounts.backends.UsernameOrEmailBackend")
        messages.success(request, _("Welcome, your account has been created."))
        if next_url and url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
            return redirect(next_url)
        return redirect("core:dashboard")
    return render(request, "accounts/signup.html", {"form": form, "next": next_url})


@login_required
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Profile saved."))
        return redirect("accounts:profile")
    tokens = request.user.api_tokens.select_related("organisation")
    new_key = request.session.pop("new_api_token", None)
    return render(
        request,
        "accounts/profile.html",
        {"form": form, "tokens": tokens, "token_form": TokenForm(user=request.user), "new_key": new_key},
    )


@login_required
@require_POST
def token_create(request):
    form = TokenForm(request.POST, user=request.user)
    if form.is_valid():
        token, key = ApiToken.create_for(
            request.user,
            form.cleaned_data["name"],
            organisation=form.cleaned_data["organisation"],
            scope=form.cleaned_data["scope"],
            days=form.cleaned_data["days"],
        )
        request.session["new_api_token"] = key
        messages.success(request, _("Token created. Copy it now: it is shown only once."))
    else:
        messages.error(request, _("Please give the token a name."))
    return redirect("accounts:profile")


@login_required
@require_POST
def token_revoke(request, pk):
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    token.delete()
    messages.success(request, _("Token “%(name)s” revoked.") % {"name": token.name})
    return redirect("accounts:profile")
