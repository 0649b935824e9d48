from django import forms
from django.utils.translation import gettext_lazy as _

from ikonnekt.core.forms import BootstrapForm, BootstrapModelForm
from ikonnekt.legal.models import LegalText


class LegalTextForm(BootstrapModelForm):
    class Meta:
        model = LegalText
        fields = ["body", "reviewed_on"]
        widgets = {"body": forms.Textarea(attrs={"rows": 24})}


class EraseSelfForm(BootstrapForm):
    password = forms.CharField(
        label=_("Your password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("To make sure it is you."),
    )
    confirm = forms.BooleanField(
        label=_("I understand that my account is deleted for good and cannot be restored."),
        required=True,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("The password is not correct."))
        return password


class EraseOtherForm(BootstrapForm):
    confirm = forms.BooleanField(
        label=_("Yes, replace this person's personal data by a pseudonym. This cannot be undone."),
        required=True,
    )
