"""Advice requests (“Who has done X?”) and their answers."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ikonnekt.administration.models.common import ChildMixin
from ikonnekt.core.sharing import ChildQuerySet, Shareable


class AdviceRequest(Shareable):
    """“Who has done X?” – a question to the partners."""

    topic = models.CharField(_("topic"), max_length=120)
    question = models.TextField(_("question"))
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("asked by"),
    )
    is_closed = models.BooleanField(_("answered / closed"), default=False)

    class Meta:
        ordering = ["is_closed", "-created_at"]
        verbose_name = _("advice request")
        verbose_name_plural = _("advice requests")

    def __str__(self):
        return self.topic

    def get_absolute_url(self):
        return reverse("administration:advice_detail", args=[self.pk])


class AdviceAnswer(ChildMixin, models.Model):
    request = models.ForeignKey(AdviceRequest, on_delete=models.CASCADE, related_name="answers")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    organisation = models.ForeignKey(
        "organizations.Organisation", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField(_("answer"))
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ChildQuerySet.as_manager()
    sharing_parent = "request"

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self):
        return self.text[:80]

    def audit_owner_id(self):
        return self.request.owner_id
