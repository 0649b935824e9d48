"""Advice request forms: the question and an answer."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ikonnekt.administration import models as m
from ikonnekt.core.forms import BootstrapForm, ShareableForm


class AdviceForm(ShareableForm):
    class Meta:
        model = m.AdviceRequest
        fields = ["topic", "question", "owner", "visibility", "shared_with"]


class AnswerForm(BootstrapForm):
    text = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 4}))
