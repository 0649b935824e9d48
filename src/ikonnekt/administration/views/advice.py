"""Advice request pages: list, detail, create and answer."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ikonnekt.administration import actions, forms
from ikonnekt.administration import models as m
from ikonnekt.administration.views.common import _actor
from ikonnekt.core.crud import (
    SharedCreateView,
    SharedDetailView,
    SharedListView,
)
from ikonnekt.core.sharing import get_visible_or_404


class AdviceList(SharedListView):
    model = m.AdviceRequest
    template_name = "administration/advice_list.html"
    login_required = True
    select_related = ("owner", "asked_by")

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .annotate(n_answers=Count("answers"))
            .order_by("is_closed", "-created_at")
        )


class AdviceDetail(SharedDetailView):
    model = m.AdviceRequest
    template_name = "administration/advice_detail.html"
    login_required = False
    select_related = ("owner", "asked_by")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["answers"] = self.object.answers.select_related("author", "organisation")
        ctx["answer_form"] = forms.AnswerForm()
        return ctx


class AdviceCreate(SharedCreateView):
    model = m.AdviceRequest
    form_class = forms.AdviceForm
    title = gettext_lazy("Ask the partners")
    cancel_url = reverse_lazy("administration:list")

    def form_valid(self, form):
        form.instance.asked_by = self.request.user
        return super().form_valid(form)


@require_POST
@login_required
def advice_answer(request, pk):
    advice = get_visible_or_404(m.AdviceRequest, request.user, pk=pk)
    form = forms.AnswerForm(request.POST)
    if form.is_valid():
        actions.answer_advice(_actor(request), advice, form.cleaned_data["text"])
        messages.success(request, _("Thank you for your answer."))
    return redirect(advice)


advice_answer.shareable_model = m.AdviceRequest
