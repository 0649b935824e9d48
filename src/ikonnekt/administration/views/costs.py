"""Cost sharing pages of an agreement: cost items, advance payments, cost keys, the settlement preview
and issued settlements with their downloads."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ikonnekt.administration import actions, forms
from ikonnekt.administration import models as m
from ikonnekt.administration.costkeys import CostKeyError
from ikonnekt.administration.settlement import preview
from ikonnekt.administration.statements import settlement_pdf, settlement_rows, settlement_xlsx
from ikonnekt.administration.views.agreements import _agreement_child_view
from ikonnekt.administration.views.common import _actor
from ikonnekt.core import actions as core_actions
from ikonnekt.core.crud import (
    SharedDetailView,
)
from ikonnekt.core.forms import add_validation_error
from ikonnekt.core.sharing import get_editable_or_404, get_visible_or_404


def _add_cost_item(request, agreement, form):
    form.instance.agreement = agreement
    core_actions.save_child(_actor(request), agreement, form.instance)


def _add_advance(request, agreement, form):
    d = form.cleaned_data
    actions.set_advance(_actor(request), agreement, d["organisation"], d["year"], d["amount"])


agreement_cost_item = _agreement_child_view(forms.CostItemForm, gettext_lazy("Add cost item"), _add_cost_item)
agreement_advance = _agreement_child_view(forms.AdvanceForm, gettext_lazy("Advance payments"), _add_advance)


@login_required
def agreement_cost_key(request, pk):
    agreement = get_editable_or_404(m.Agreement, request.user, pk=pk)
    form = forms.CostKeyForm(request.POST or None)
    formset = forms.ComponentFormSet(
        request.POST or None, prefix="c", form_kwargs={"agreement": agreement, "user": request.user}
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        rows = [f.cleaned_data for f in formset.forms if f.cleaned_data.get("basis")]
        try:
            actions.save_cost_key(_actor(request), agreement, form.cleaned_data["name"], rows)
        except ValidationError as exc:
            add_validation_error(form, exc)
        else:
            messages.success(request, _("Cost key saved."))
            return redirect(agreement)
    return render(
        request,
        "administration/cost_key_form.html",
        {"form": form, "formset": formset, "agreement": agreement},
    )


@login_required
def agreement_settlement(request, pk):
    """Preview the year's settlement with the calculation, and issue it (freezing the inputs)."""
    agreement = get_visible_or_404(m.Agreement, request.user, pk=pk)
    year_default = timezone.localdate().year - 1
    form = forms.SettlementForm(request.POST or request.GET or None, initial={"year": year_default})
    result = inputs = None
    error = None
    error_links = []
    year = None
    if form.is_valid():
        year = form.cleaned_data["year"]
        if request.method == "POST":
            if not agreement.can_edit(request.user):
                raise PermissionDenied(_("You may read this, but not change it."))
            try:
                settlement = actions.issue_settlement(
                    _actor(request), agreement, year, form.cleaned_data.get("reason", "")
                )
            except ValidationError as exc:
                add_validation_error(form, exc)
            else:
                messages.success(
                    request,
                    _("Settlement %(year)s issued (version %(v)s).")
                    % {"year": year, "v": settlement.version},
                )
                return redirect(settlement)
        try:
            inputs, result = preview(agreement, year)
        except CostKeyError as exc:
            error = str(exc)
            error_links = [(text, url) for text, url in exc.links if url]
    rows = None
    if result:
        fake = m.Settlement(agreement=agreement, year=year, inputs=inputs, result=result)
        rows = settlement_rows(fake)
    return render(
        request,
        "administration/settlement_preview.html",
        {
            "agreement": agreement,
            "form": form,
            "rows": rows,
            "result": result,
            "error": error,
            "error_links": error_links,
            "year": year,
            "can_edit": agreement.can_edit(request.user),
            "issued": agreement.settlements.filter(year=year).order_by("-version") if year else [],
        },
    )


class SettlementDetail(SharedDetailView):
    model = m.Settlement
    template_name = "administration/settlement_detail.html"
    login_required = True
    select_related = ("agreement", "issued_by")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(settlement_rows(self.object))
        ctx["versions"] = m.Settlement.objects.filter(
            agreement_id=self.object.agreement_id, year=self.object.year
        )
        return ctx


def _settlement_download(kind):
    @login_required
    def view(request, pk):
        settlement = get_visible_or_404(m.Settlement.objects.select_related("agreement"), request.user, pk=pk)
        name = f"abrechnung-{settlement.year}-v{settlement.version}"
        if kind == "pdf":
            content = settlement_pdf(settlement, request.build_absolute_uri("/"))
            response = HttpResponse(content, content_type="application/pdf")
            response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
        else:
            content = settlement_xlsx(settlement)
            response = HttpResponse(
                content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            )
            response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        core_actions.record_download(_actor(request), settlement, kind)
        return response

    view.shareable_model = m.Settlement
    return view


settlement_pdf_view = _settlement_download("pdf")
settlement_xlsx_view = _settlement_download("xlsx")


@require_POST
@login_required
def cost_item_delete(request, pk):
    item = get_visible_or_404(m.CostItem.objects.select_related("agreement"), request.user, pk=pk)
    core_actions.delete_child(_actor(request), item.agreement, item)
    messages.success(request, _("Deleted."))
    return redirect(item.agreement)


cost_item_delete.shareable_model = m.CostItem


for _v in (agreement_cost_key, agreement_settlement):
    _v.shareable_model = m.Agreement
