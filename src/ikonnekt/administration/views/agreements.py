"""Agreement pages: list, detail, create/edit/delete, status, council decisions, parties, task
transfers, the VAT classification and the attachment."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ikonnekt.administration import actions, agreement_page, forms, kgg, vat
from ikonnekt.administration import models as m
from ikonnekt.administration.deadlines import agreement_deadlines
from ikonnekt.administration.views.common import _actor
from ikonnekt.core import actions as core_actions
from ikonnekt.core.crud import (
    SharedCreateView,
    SharedDeleteView,
    SharedDetailView,
    SharedListView,
    SharedUpdateView,
)
from ikonnekt.core.formpages import form_page
from ikonnekt.core.sharing import get_editable_or_404, get_visible_or_404, orgs_with_role


class AgreementList(SharedListView):
    model = m.Agreement
    template_name = "administration/agreement_list.html"
    login_required = True

    def get_base_queryset(self):
        qs = m.Agreement.objects.select_related("owner", "cooperation").prefetch_related(
            "parties__organisation"
        )
        status = self.request.GET.get("status")
        if status in m.AgreementStatus.values:
            qs = qs.filter(status=status)
        return qs

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["statuses"] = m.AgreementStatus.choices
        return ctx


class AgreementDetail(SharedDetailView):
    model = m.Agreement
    template_name = "administration/agreement_detail.html"
    login_required = False
    select_related = ("owner", "cooperation")  # read by id with the SQL kept (SharedDetailView)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        a = self.object
        user = self.request.user
        today = timezone.localdate()
        # The parties with their organisations once (a plain query is cheaper than a prefetch): the
        # legal judgement, the list and the decision right.
        parties = list(a.parties.select_related("organisation"))
        judgement = kgg.judge(a, [p.organisation for p in parties])
        ctx.update(
            judgement=judgement,
            legal_steps=kgg.step_overview(a, judgement),
            unverified_notes=kgg.unverified_notes(judgement),
            vat_checklist=[
                {"letter": c.letter, "text": c.text, "ticked": getattr(a, c.field)} for c in vat.CONDITIONS
            ],
            vat_transition=vat.transition_notice(today),
            effective_on=kgg.effective_date(a, judgement),
            deadlines=[(d, (d.date - today).days) for d in agreement_deadlines(a, today)],
            next_statuses=actions.next_statuses(a, judgement),
            can_record_decision=a.can_edit(user)
            or bool({p.organisation_id for p in parties} & orgs_with_role(user)),
            status_form=forms.StatusForm(agreement=a, judgement=judgement) if ctx["can_edit"] else None,
            urls=agreement_page.links(a),
            **agreement_page.lists(self.request, a, parties, ctx["can_edit"]),
        )
        return ctx


class AgreementCreate(SharedCreateView):
    model = m.Agreement
    form_class = forms.AgreementForm
    title = gettext_lazy("New agreement")
    cancel_url = reverse_lazy("administration:list")

    def form_valid(self, form):
        form.instance.created_by = self.request.user
        partners = form.cleaned_data.get("partners") or []
        role = form.cleaned_data.get("partner_role")
        if not role:  # not chosen: the first role the kind allows (equal partner outside the KGG)
            role = kgg.judge(form.instance, [form.cleaned_data["owner"], *partners]).roles[-1]
        parties = [(org, role) for org in partners]
        response = self.run_action(
            form,
            lambda: actions.create_agreement(
                _actor(self.request),
                form.cleaned_data["owner"].pk,
                form.save,
                parties,
                owner_role=form.cleaned_data.get("owner_role"),
            ),
        )
        return response


class AgreementUpdate(SharedUpdateView):
    model = m.Agreement
    form_class = forms.AgreementForm


class AgreementDelete(SharedDeleteView):
    model = m.Agreement
    success_url = reverse_lazy("administration:agreement_list")

    def form_valid(self, form):
        if self.object.settlements.exists():
            raise PermissionDenied(
                _("Agreements with issued settlements cannot be deleted; end them instead.")
            )
        return super().form_valid(form)


@login_required
def agreement_status(request, pk):
    agreement = get_editable_or_404(m.Agreement, request.user, pk=pk)
    form = forms.StatusForm(request.POST or None, agreement=agreement)
    return form_page(
        request,
        form,
        title=_("Change status of %(title)s") % {"title": agreement},
        cancel_url=agreement.get_absolute_url(),
        on_valid=lambda: actions.change_status(
            _actor(request),
            agreement,
            form.cleaned_data["to_status"],
            on=form.cleaned_data.get("on"),
            note=form.cleaned_data.get("note", ""),
            reference=form.cleaned_data.get("reference", ""),
        ).get_absolute_url(),
        success=_("Status changed."),
    )


@login_required
def agreement_decision(request, pk):
    agreement = get_visible_or_404(m.Agreement, request.user, pk=pk)
    form = forms.CouncilDecisionForm(request.POST or None, agreement=agreement)
    if not agreement.can_edit(request.user):
        form.fields["organisation"].queryset = form.fields["organisation"].queryset.filter(
            pk__in=orgs_with_role(request.user)
        )
        if not form.fields["organisation"].queryset.exists():
            raise PermissionDenied(
                _("Only the agreement's owner or the party itself records its council decision.")
            )

    def save():
        data = form.cleaned_data
        actions.record_council_decision(
            _actor(request),
            agreement,
            organisation=data["organisation"],
            body=data["body"],
            decided_on=data["decided_on"],
            resolution_number=data["resolution_number"],
            approved=data["approved"],
            note=data["note"],
        )
        return agreement.get_absolute_url()

    return form_page(
        request,
        form,
        title=_("Record council decision"),
        cancel_url=agreement.get_absolute_url(),
        on_valid=save,
        success=_("Council decision recorded."),
    )


def _agreement_child_view(form_class, title, build):
    @login_required
    def view(request, pk):
        agreement = get_editable_or_404(m.Agreement, request.user, pk=pk)
        form = form_class(request.POST or None, agreement=agreement)

        def save():
            build(request, agreement, form)
            return agreement.get_absolute_url()

        return form_page(
            request, form=form, title=title, cancel_url=agreement.get_absolute_url(), on_valid=save
        )

    view.shareable_model = m.Agreement
    return view


def _add_party(request, agreement, form):
    d = form.cleaned_data
    actions.add_party(
        _actor(request),
        agreement,
        d["organisation"],
        d["role"],
        d.get("fixed_share_percent"),
        d.get("council_decision_required", True),
    )


def _add_transfer(request, agreement, form):
    form.instance.agreement = agreement
    core_actions.save_child(_actor(request), agreement, form.instance)


agreement_party = _agreement_child_view(
    forms.PartyForm, gettext_lazy("Add a party or change its role"), _add_party
)
agreement_transfer = _agreement_child_view(
    forms.TaskTransferForm, gettext_lazy("Add task transfer"), _add_transfer
)


@login_required
def agreement_vat(request, pk):
    """§ 2b UStG: the Kämmerei's checklist, classification and reasoning (audited)."""
    agreement = get_editable_or_404(m.Agreement, request.user, pk=pk)
    form = forms.VatForm(request.POST or None, instance=agreement)
    conditions = _(
        "Not taxable (§ 2b Abs. 3 Nr. 2 UStG) if the cooperation is determined by common specific public "
        "interests, which is regularly the case if all four conditions a) to d) hold. Tick what applies, then "
        "classify and give the reasoning."
    )

    def save():
        data = {f: form.cleaned_data.get(f) for f in actions.VAT_FIELDS}
        return actions.classify_vat(_actor(request), m.Agreement(pk=agreement.pk), data).get_absolute_url()

    return form_page(
        request,
        form,
        title=_("VAT classification (§ 2b UStG) of %(title)s") % {"title": agreement},
        cancel_url=agreement.get_absolute_url(),
        on_valid=save,
        intro=conditions,
        success=_("VAT classification saved."),
    )


agreement_vat.shareable_model = m.Agreement


def agreement_attachment(request, pk):
    """The attachment, only for those who may see the agreement (never a public media URL)."""
    from ikonnekt.core.files import serve

    agreement = get_visible_or_404(m.Agreement, request.user, pk=pk)
    if not agreement.attachment:
        raise Http404
    return serve(agreement.attachment, as_attachment=True)


agreement_attachment.shareable_model = m.Agreement


for _v in (agreement_status, agreement_decision):
    _v.shareable_model = m.Agreement
