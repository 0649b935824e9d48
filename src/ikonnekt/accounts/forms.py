from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

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
    name = forms.CharField(
        label=_("Name of the token"), max_length=100, help_text=_("e.g. “GIS import script”")
    )
