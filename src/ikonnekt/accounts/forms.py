from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from ikonnekt.accounts.models import ApiToken, TokenScope
from ikonnekt.core.forms import BootstrapForm, BootstrapMixin, BootstrapModelForm


class LoginForm(BootstrapMixin, AuthenticationForm):
    username = forms.CharField(
        label=_("User name or e-mail"),
        max_length=254,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )


class SignupForm(BootstrapMixin, UserCreationForm):
    class Meta(UserCreationForm.Meta):
        model = get_user_model()
        fields = ("username", "first_name", "last_name", "email")

    def clean_email(self):
        email = self.cleaned_data.get("email", "")
        if email and get_user_model().objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("An account with this e-mail address exists already."))
        return email


class ProfileForm(BootstrapModelForm):
    class Meta:
        model = get_user_model()
        fields = ("first_name", "last_name", "email", "phone", "show_in_directory", "topics")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Consent must be informed (GDPR Art. 7): say plainly who sees what.
        self.fields["show_in_directory"].help_text = format_html(
            '{} <a href="{}">{}</a>',
            _(
                "Signed-in members of every organisation that shares a cooperation with yours – companies "
                "included – then see your name, organisation, topics, e-mail address and phone number. "
                "You can withdraw this at any time by unticking the box."
            ),
            reverse("legal:page", args=["privacy"]),
            _("Privacy notice"),
        )


class TokenForm(BootstrapForm):
    """A new API token: name, the organisation it acts for, scope and validity."""

    name = forms.CharField(
        label=_("Name of the token"), max_length=100, help_text=_("e.g. “GIS import script”")
    )
    organisation = forms.ChoiceField(label=_("acts for organisation"), required=False)
    scope = forms.ChoiceField(label=_("scope"), choices=TokenScope.choices, required=False)
    days = forms.TypedChoiceField(label=_("valid for"), coerce=int, required=False, initial=90)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        from django.utils.translation import gettext

        from ikonnekt.core.sharing import user_org_ids
        from ikonnekt.organizations.models import Organisation

        self.fields["days"].choices = [(d, gettext("%(n)s days") % {"n": d}) for d in ApiToken.VALIDITY_DAYS]
        orgs = list(Organisation.objects.filter(pk__in=user_org_ids(user)).order_by("name"))
        self.fields["organisation"].choices = [("", _("no organisation (personal data only)"))] + [
            (str(o.pk), o.name) for o in orgs
        ]
        self._orgs = {str(o.pk): o for o in orgs}
        if orgs:
            self.fields["organisation"].initial = str(orgs[0].pk)

    def clean_organisation(self):
        value = self.cleaned_data.get("organisation") or ""
        return self._orgs.get(value)

    def clean_scope(self):
        return self.cleaned_data.get("scope") or TokenScope.READ

    def clean_days(self):
        return self.cleaned_data.get("days") or 90
