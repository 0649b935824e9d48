"""Pages of joint administration. Views parse input and call action functions; reading goes
through the sharing rule (``visible_to`` / ``get_visible_or_404``)."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch, Q, Sum
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ikonnekt.administration import actions, forms, kgg, vat
from ikonnekt.administration import models as m
from ikonnekt.administration.costkeys import CostKeyError
from ikonnekt.administration.deadlines import agreement_deadlines, open_action_items, upcoming
from ikonnekt.administration.ical import feed, group_for_feed_token, hash_token, meeting_ics
from ikonnekt.administration.settlement import preview
from ikonnekt.administration.statements import minutes_pdf, settlement_pdf, settlement_rows, settlement_xlsx
from ikonnekt.cooperations.models import Cooperation, Participation
from ikonnekt.core import actions as core_actions
from ikonnekt.core.audit import Actor
from ikonnekt.core.crud import (
    SharedCreateView,
    SharedDeleteView,
    SharedDetailView,
    SharedListView,
    SharedUpdateView,
)
from ikonnekt.core.formpages import form_page
from ikonnekt.core.forms import add_validation_error
from ikonnekt.core.sharing import get_editable_or_404, get_visible_or_404, orgs_with_role, user_org_ids
from ikonnekt.organizations.models import Organisation


def _actor(request):
    return Actor.from_request(request)


# --- overview -------------------------------------------------------------------------------------


@login_required
def overview(request):
    user = request.user
    today = timezone.localdate()
    org = request.active_organisation
    org_ids = [org.pk] if org else sorted(user_org_ids(user))
    agreements = (
        m.Agreement.objects.visible_to(user)
        .filter(parties__organisation_id__in=org_ids)
        .select_related("cooperation")
        .distinct()
    )
    return render(
        request,
        "administration/overview.html",
        {
            "agreements": agreements,
            "deadlines": upcoming(user, today, within_days=365, organisation=org),
            "positions": m.SharedPosition.objects.visible_to(user)
            .filter(Q(owner_id__in=org_ids) | Q(shares__organisation_id__in=org_ids))
            .distinct(),
            "resources": m.SharedResource.objects.visible_to(user)
            .filter(cooperation__participations__organisation_id__in=org_ids)
            .distinct(),
            "groups": m.WorkingGroup.objects.visible_to(user)
            .filter(cooperation__participations__organisation_id__in=org_ids)
            .distinct(),
            "action_items": open_action_items(user),
            "organisation": org,
        },
    )


@login_required
def cooperation_overview(request, pk):
    """Everything of one cooperation: agreements, deadlines, positions, resources, costs, groups."""
    cooperation = get_visible_or_404(Cooperation, request.user, pk=pk)
    user = request.user
    today = timezone.localdate()
    agreements = list(m.Agreement.objects.visible_to(user).filter(cooperation=cooperation))
    deadlines = sorted(
        [
            (a, d, (d.date - today).days)
            for a in agreements
            for d in agreement_deadlines(a, today)
            if d.date >= today
        ],
        key=lambda r: r[1].date,
    )
    year = today.year
    costs = (
        m.CostItem.objects.visible_to(user)
        .filter(agreement__cooperation=cooperation, year=year, overhead_rate_percent__isnull=True)
        .aggregate(total=Sum("amount"))["total"]
    )
    groups = m.WorkingGroup.objects.visible_to(user).filter(cooperation=cooperation)
    return render(
        request,
        "administration/cooperation_overview.html",
        {
            "cooperation": cooperation,
            "agreements": agreements,
            "deadlines": deadlines,
            "positions": m.SharedPosition.objects.visible_to(user).filter(cooperation=cooperation),
            "resources": m.SharedResource.objects.visible_to(user).filter(cooperation=cooperation),
            "costs": costs,
            "year": year,
            "groups": groups,
            "action_items": m.ActionItem.objects.visible_to(user)
            .filter(meeting__group__cooperation=cooperation)
            .exclude(status=m.ActionStatus.DONE)
            .select_related("assignee", "meeting"),
        },
    )


cooperation_overview.shareable_model = Cooperation


@login_required
def organisation_overview(request, slug):
    """An organisation's cooperations and obligations (only what the user may see)."""
    organisation = get_object_or_404(Organisation, slug=slug)
    user = request.user
    today = timezone.localdate()
    agreements = list(
        m.Agreement.objects.visible_to(user)
        .filter(parties__organisation=organisation)
        .select_related("cooperation")
        .distinct()
    )
    return render(
        request,
        "administration/organisation_overview.html",
        {
            "organisation": organisation,
            "cooperations": Cooperation.objects.visible_to(user)
            .filter(participations__organisation=organisation)
            .distinct(),
            "agreements": agreements,
            "deadlines": sorted(
                [
                    (a, d, (d.date - today).days)
                    for a in agreements
                    for d in agreement_deadlines(a, today)
                    if d.date >= today
                ],
                key=lambda r: r[1].date,
            ),
            "transfers": m.TaskTransfer.objects.visible_to(user)
            .filter(Q(from_organisation=organisation) | Q(to_organisation=organisation))
            .select_related("agreement", "from_organisation", "to_organisation"),
            "shares": m.PositionShare.objects.visible_to(user)
            .filter(organisation=organisation)
            .select_related("position"),
        },
    )


# --- agreements -------------------------------------------------------------------------------------


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

    def get_base_queryset(self):
        return m.Agreement.objects.select_related("owner", "cooperation")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        a = self.object
        user = self.request.user
        today = timezone.localdate()
        judgement = kgg.judge(a)
        ctx.update(
            judgement=judgement,
            legal_steps=kgg.step_overview(a, judgement),
            unverified_notes=kgg.unverified_notes(judgement),
            vat_checklist=[
                {"letter": c.letter, "text": c.text, "ticked": getattr(a, c.field)} for c in vat.CONDITIONS
            ],
            vat_transition=vat.transition_notice(today),
            effective_on=kgg.effective_date(a, judgement),
            parties=a.parties.select_related("organisation"),
            decisions=a.council_decisions.select_related("organisation"),
            timeline=a.status_changes.select_related("changed_by"),
            transfers=a.task_transfers.select_related("from_organisation", "to_organisation"),
            cost_keys=a.cost_keys.prefetch_related("components__resource", "components__position"),
            cost_items=a.cost_items.select_related("cost_key"),
            advances=a.advance_payments.select_related("organisation"),
            settlements=a.settlements.order_by("-year", "-version"),
            deadlines=[(d, (d.date - today).days) for d in agreement_deadlines(a, today)],
            next_statuses=actions.next_statuses(a, judgement),
            can_record_decision=a.can_edit(user)
            or a.parties.filter(organisation_id__in=orgs_with_role(user)).exists(),
            status_form=forms.StatusForm(agreement=a) if ctx["can_edit"] else None,
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


def _add_cost_item(request, agreement, form):
    form.instance.agreement = agreement
    core_actions.save_child(_actor(request), agreement, form.instance)


def _add_advance(request, agreement, form):
    d = form.cleaned_data
    actions.set_advance(_actor(request), agreement, d["organisation"], d["year"], d["amount"])


agreement_party = _agreement_child_view(
    forms.PartyForm, gettext_lazy("Add a party or change its role"), _add_party
)
agreement_transfer = _agreement_child_view(
    forms.TaskTransferForm, gettext_lazy("Add task transfer"), _add_transfer
)
agreement_cost_item = _agreement_child_view(forms.CostItemForm, gettext_lazy("Add cost item"), _add_cost_item)
agreement_advance = _agreement_child_view(forms.AdvanceForm, gettext_lazy("Advance payments"), _add_advance)


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


def agreement_attachment(request, pk):
    """The attachment, only for those who may see the agreement (never a public media URL)."""
    from ikonnekt.core.files import serve

    agreement = get_visible_or_404(m.Agreement, request.user, pk=pk)
    if not agreement.attachment:
        raise Http404
    return serve(agreement.attachment, as_attachment=True)


agreement_attachment.shareable_model = m.Agreement


@require_POST
@login_required
def cost_item_delete(request, pk):
    item = get_visible_or_404(m.CostItem.objects.select_related("agreement"), request.user, pk=pk)
    core_actions.delete_child(_actor(request), item.agreement, item)
    messages.success(request, _("Deleted."))
    return redirect(item.agreement)


cost_item_delete.shareable_model = m.CostItem


# --- positions ----------------------------------------------------------------------------------------


class PositionList(SharedListView):
    model = m.SharedPosition
    template_name = "administration/position_list.html"
    login_required = True
    select_related = ("owner", "cooperation", "holder")


class PositionDetail(SharedDetailView):
    model = m.SharedPosition
    template_name = "administration/position_detail.html"
    login_required = False
    select_related = ("owner", "cooperation", "holder", "agreement")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        p = self.object
        year = int(self.request.GET.get("year") or timezone.localdate().year)
        hours = actions.actual_hours(p, year)
        total = sum(hours.values()) or 0
        shares = []
        for s in p.shares.select_related("organisation"):
            h = hours.get(s.organisation_id) or 0
            shares.append({"share": s, "hours": h, "actual_percent": (h / total * 100) if total else None})
        ctx.update(
            year=year,
            shares=shares,
            total_hours=total,
            records=p.time_records.select_related("person", "organisation")[:50],
            annual_costs=p.annual_personnel_costs * (1 + p.overhead_rate_percent / 100),
            can_record=actions.can_record_time(self.request.user, p),
        )
        return ctx


class PositionCreate(SharedCreateView):
    model = m.SharedPosition
    form_class = forms.PositionForm
    title = gettext_lazy("New shared position")
    cancel_url = reverse_lazy("administration:list")


class PositionUpdate(SharedUpdateView):
    model = m.SharedPosition
    form_class = forms.PositionForm


@login_required
def position_shares(request, pk):
    position = get_editable_or_404(m.SharedPosition, request.user, pk=pk)
    form = forms.SharesForm(request.POST or None, position=position)
    return form_page(
        request,
        form,
        title=_("Time shares of %(title)s") % {"title": position},
        intro=_("Planned percentages per partner; together exactly 100 %."),
        cancel_url=position.get_absolute_url(),
        on_valid=lambda: actions.set_position_shares(_actor(request), position, form.shares()),
    )


@login_required
def position_time(request, pk):
    position = get_visible_or_404(m.SharedPosition, request.user, pk=pk)
    if not actions.can_record_time(request.user, position):
        raise PermissionDenied(_("Only the position holder and the employer's editors record time."))
    form = forms.TimeRecordForm(request.POST or None, position=position)

    def save():
        d = form.cleaned_data
        person = (
            position.holder
            if position.holder_id
            and request.user.pk != position.holder_id
            and position.can_edit(request.user)
            else request.user
        )
        actions.add_time_record(
            _actor(request),
            position,
            person=person,
            organisation=d["organisation"],
            day=d["date"],
            hours=d["hours"],
            note=d["note"],
        )

    return form_page(
        request, form=form, title=_("Record time"), cancel_url=position.get_absolute_url(), on_valid=save
    )


@login_required
def position_import(request, pk):
    position = get_editable_or_404(m.SharedPosition, request.user, pk=pk)
    form = forms.CsvImportForm(request.POST or None, request.FILES or None)

    def save():
        upload = form.cleaned_data["file"]
        if upload.size > actions.MAX_CSV_BYTES:
            raise ValidationError({"file": _("The file is larger than 2 MB.")})
        count = actions.import_time_records(_actor(request), position, upload.read())
        messages.info(request, _("%(n)s time records imported.") % {"n": count})

    return form_page(
        request,
        form,
        title=_("Import time records (CSV)"),
        cancel_url=position.get_absolute_url(),
        on_valid=save,
        intro=_(
            "One row per day and partner: datum;person;partner;stunden;notiz – e.g. 03.02.2025;nalbach-editor;saarlouis;7,5. "
            "Person: user name or e-mail; partner: short name, abbreviation or name. All rows or none are saved."
        ),
    )


for _v in (position_shares, position_time, position_import):
    _v.shareable_model = m.SharedPosition


# --- resources -------------------------------------------------------------------------------------------


class ResourceList(SharedListView):
    model = m.SharedResource
    template_name = "administration/resource_list.html"
    login_required = True
    select_related = ("owner", "cooperation")


class ResourceDetail(SharedDetailView):
    model = m.SharedResource
    template_name = "administration/resource_detail.html"
    login_required = False
    select_related = ("owner", "cooperation")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        r = self.object
        now = timezone.now()
        bookings = list(
            r.bookings.filter(
                end__gte=now - timedelta(days=7), status__in=m.ACTIVE_BOOKING + (m.BookingStatus.REJECTED,)
            ).select_related("organisation", "booked_by")[:100]
        )
        for b in bookings:
            b.user_can_edit = b.can_edit(self.request.user)
        year = timezone.localdate().year
        ctx.update(
            bookings=bookings,
            can_book=r.can_book(self.request.user),
            usage=r.usage_records.select_related("organisation")[:30],
            usage_totals=r.usage_records.filter(date__year=year)
            .values("organisation__name")
            .annotate(q=Sum("quantity"))
            .order_by("organisation__name"),
            year=year,
            calendar=_week_grid(bookings, timezone.localdate()),
        )
        return ctx


def _week_grid(bookings, today, weeks=3):
    """Days of the next weeks with their bookings (a simple calendar without JavaScript)."""
    start = today - timedelta(days=today.weekday())
    days = []
    for offset in range(weeks * 7):
        day = start + timedelta(days=offset)
        items = [b for b in bookings if timezone.localtime(b.start).date() == day]
        days.append({"day": day, "bookings": items, "is_today": day == today, "weekend": day.weekday() >= 5})
    return [days[i : i + 7] for i in range(0, len(days), 7)]


class ResourceCreate(SharedCreateView):
    model = m.SharedResource
    form_class = forms.ResourceForm
    title = gettext_lazy("New shared resource")
    cancel_url = reverse_lazy("administration:list")


class ResourceUpdate(SharedUpdateView):
    model = m.SharedResource
    form_class = forms.ResourceForm


@login_required
def resource_book(request, pk):
    resource = get_visible_or_404(m.SharedResource, request.user, pk=pk)
    if not resource.can_book(request.user):
        raise PermissionDenied(_("You may only book for partners of the cooperation you edit for."))
    form = forms.BookingForm(request.POST or None, resource=resource, user=request.user)

    def save():
        d = form.cleaned_data
        booking = actions.book_resource(
            _actor(request),
            resource,
            organisation=d["organisation"],
            start=d["start"],
            end=d["end"],
            purpose=d["purpose"],
        )
        if booking.status == m.BookingStatus.REQUESTED:
            messages.info(request, _("The booking is requested and waits for the owner's approval."))
        return resource.get_absolute_url()

    return form_page(
        request,
        form,
        title=_("Book %(name)s") % {"name": resource},
        cancel_url=resource.get_absolute_url(),
        on_valid=save,
        success=_("Booked."),
        intro=_("Bookable %(days)s from %(start)s to %(end)s, %(min)s to %(max)s hours.")
        % {
            "days": _("Monday to Friday") if resource.weekdays_only else _("every day"),
            "start": resource.available_from.strftime("%H:%M"),
            "end": resource.available_until.strftime("%H:%M"),
            "min": resource.min_hours,
            "max": resource.max_hours,
        },
    )


@login_required
def resource_usage(request, pk):
    resource = get_visible_or_404(m.SharedResource, request.user, pk=pk)
    if not (resource.can_edit(request.user) or resource.can_book(request.user)):
        raise PermissionDenied(_("Only the owner and the using partner record usage."))
    form = forms.UsageForm(request.POST or None, resource=resource, user=request.user)

    def save():
        d = form.cleaned_data
        actions.record_usage(
            _actor(request),
            resource,
            organisation=d["organisation"],
            day=d["date"],
            quantity=d["quantity"],
            note=d["note"],
        )
        return resource.get_absolute_url()

    return form_page(
        request,
        form,
        title=_("Record usage"),
        cancel_url=resource.get_absolute_url(),
        on_valid=save,
        intro=_(
            "Usage is the basis of usage-based cost keys. A partner that records no usage in a year is "
            "counted with the hours of its confirmed bookings (resources counted in hours)."
        ),
    )


resource_book.shareable_model = m.SharedResource
resource_usage.shareable_model = m.SharedResource


@require_POST
@login_required
def booking_status(request, pk):
    booking = get_visible_or_404(m.Booking.objects.select_related("resource"), request.user, pk=pk)
    try:
        actions.set_booking_status(_actor(request), booking, request.POST.get("status", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Booking updated."))
    return redirect(booking.resource)


booking_status.shareable_model = m.Booking


# --- working groups and meetings ---------------------------------------------------------------------------


class GroupList(SharedListView):
    model = m.WorkingGroup
    template_name = "administration/group_list.html"
    login_required = True
    select_related = ("owner", "cooperation")

    def get_base_queryset(self):
        return (
            super().get_base_queryset().annotate(n_members=Count("members", distinct=True)).order_by("name")
        )


class GroupDetail(SharedDetailView):
    model = m.WorkingGroup
    template_name = "administration/group_detail.html"
    login_required = False
    select_related = ("owner", "cooperation")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        g = self.object
        ctx.update(
            members=g.members.select_related("user", "organisation"),
            meetings=g.meetings.all(),
            open_items=m.ActionItem.objects.filter(meeting__group=g)
            .exclude(status=m.ActionStatus.DONE)
            .select_related("assignee", "meeting"),
            feed_token=self.request.session.pop(f"group_feed_{g.pk}", None),
        )
        return ctx


class GroupCreate(SharedCreateView):
    model = m.WorkingGroup
    form_class = forms.GroupForm
    title = gettext_lazy("New working group")
    cancel_url = reverse_lazy("administration:list")


class GroupUpdate(SharedUpdateView):
    model = m.WorkingGroup
    form_class = forms.GroupForm


@login_required
def group_member(request, pk):
    group = get_editable_or_404(m.WorkingGroup, request.user, pk=pk)
    form = forms.MemberForm(request.POST or None, group=group)
    return form_page(
        request,
        form,
        title=_("Add member"),
        cancel_url=group.get_absolute_url(),
        on_valid=lambda: (
            actions.add_member(
                _actor(request),
                group,
                form.cleaned_data["user"],
                form.cleaned_data["organisation"],
                form.cleaned_data["is_chair"],
            )
            and None
        ),
    )


@login_required
def group_meeting(request, pk):
    group = get_editable_or_404(m.WorkingGroup, request.user, pk=pk)
    form = forms.MeetingForm(request.POST or None)

    def save():
        form.instance.group = group
        return core_actions.save_child(_actor(request), group, form.instance).get_absolute_url()

    return form_page(
        request, form=form, title=_("New meeting"), cancel_url=group.get_absolute_url(), on_valid=save
    )


@require_POST
@login_required
def group_feed(request, pk):
    group = get_editable_or_404(m.WorkingGroup, request.user, pk=pk)
    request.session[f"group_feed_{group.pk}"] = actions.new_group_feed_token(_actor(request), group)
    return redirect(group)


for _v in (group_member, group_meeting, group_feed):
    _v.shareable_model = m.WorkingGroup


class MeetingDetail(SharedDetailView):
    model = m.Meeting
    template_name = "administration/meeting_detail.html"
    login_required = True
    select_related = ("group", "group__owner")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        mt = self.object
        user = self.request.user
        ideas = mt.ideas.annotate(n_votes=Count("votes")).order_by("cluster", "-n_votes", "id")
        voted = set(m.IdeaVote.objects.filter(card__meeting=mt, user=user).values_list("card_id", flat=True))
        clusters = {}
        for idea in ideas:
            idea.voted = idea.pk in voted
            clusters.setdefault(idea.cluster or _("(not grouped)"), []).append(idea)
        attendance = {a.user_id: a for a in mt.attendances.all()}
        members = [
            (mem, attendance.get(mem.user_id))
            for mem in mt.group.members.select_related("user", "organisation")
        ]
        ctx.update(
            agenda=mt.agenda_items.all(),
            decisions=mt.decisions.select_related("agenda_item"),
            action_items=mt.action_items.select_related("assignee", "agenda_item"),
            clusters=clusters,
            members=members,
            attendance_choices=m.AttendanceStatus.choices,
            can_contribute=actions.can_contribute(user, mt),
            decision_form=forms.DecisionForm(meeting=mt, prefix="d"),
            action_form=forms.ActionItemForm(meeting=mt, prefix="a"),
            agenda_form=forms.AgendaItemForm(prefix="g", initial={"position": mt.agenda_items.count() + 1}),
            idea_form=forms.IdeaForm(prefix="i"),
        )
        return ctx


@login_required
def meeting_edit(request, pk):
    meeting = get_editable_or_404(m.Meeting.objects.select_related("group"), request.user, pk=pk)
    form = forms.MeetingForm(request.POST or None, instance=meeting)
    return form_page(
        request,
        form,
        title=_("Edit meeting"),
        cancel_url=meeting.get_absolute_url(),
        on_valid=lambda: core_actions.save_child(_actor(request), meeting, form.instance).get_absolute_url(),
    )


def _meeting_post(form_class, prefix, build):
    @require_POST
    @login_required
    def view(request, pk):
        meeting = get_visible_or_404(m.Meeting.objects.select_related("group"), request.user, pk=pk)
        kwargs = {"meeting": meeting} if form_class in (forms.DecisionForm, forms.ActionItemForm) else {}
        form = form_class(request.POST, prefix=prefix, **kwargs)
        if form.is_valid():
            try:
                build(request, meeting, form)
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, _("Saved."))
        else:
            messages.error(
                request,
                "; ".join(
                    f"{form.fields[f].label if f in form.fields else ''}: {' '.join(e)}"
                    for f, e in form.errors.items()
                ),
            )
        return redirect(meeting)

    view.shareable_model = m.Meeting
    return view


def _save_meeting_child(request, meeting, form):
    form.instance.meeting = meeting
    core_actions.save_child(_actor(request), meeting, form.instance)


meeting_agenda = _meeting_post(forms.AgendaItemForm, "g", _save_meeting_child)
meeting_decision = _meeting_post(forms.DecisionForm, "d", _save_meeting_child)
meeting_action = _meeting_post(forms.ActionItemForm, "a", _save_meeting_child)
meeting_idea = _meeting_post(
    forms.IdeaForm,
    "i",
    lambda r, mt, f: actions.add_idea(_actor(r), mt, f.cleaned_data["text"], f.cleaned_data["cluster"]),
)


@require_POST
@login_required
def meeting_invite(request, pk):
    meeting = get_editable_or_404(m.Meeting.objects.select_related("group"), request.user, pk=pk)
    count = actions.send_invitations(_actor(request), meeting)
    messages.success(request, _("Invitations sent to %(n)s members.") % {"n": count})
    return redirect(meeting)


@require_POST
@login_required
def meeting_attendance(request, pk):
    meeting = get_editable_or_404(m.Meeting.objects.select_related("group"), request.user, pk=pk)
    statuses = {}
    for key, value in request.POST.items():
        if key.startswith("u_") and key[2:].isdigit():
            statuses[int(key[2:])] = value
    try:
        actions.set_attendance(_actor(request), meeting, statuses)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Attendance saved."))
    return redirect(meeting)


@require_POST
@login_required
def meeting_minutes(request, pk):
    meeting = get_editable_or_404(m.Meeting.objects.select_related("group"), request.user, pk=pk)
    meeting.minutes = request.POST.get("minutes", "")
    for item in meeting.agenda_items.all():
        key = f"minutes_{item.pk}"
        if key in request.POST:
            item.minutes = request.POST[key]
            core_actions.save_child(_actor(request), meeting, item)
    core_actions.save_child(_actor(request), meeting.group, meeting)
    messages.success(request, _("Minutes saved."))
    return redirect(meeting)


@login_required
def meeting_ics_view(request, pk):
    meeting = get_visible_or_404(m.Meeting.objects.select_related("group"), request.user, pk=pk)
    response = HttpResponse(meeting_ics(meeting), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="termin-{meeting.pk}.ics"'
    return response


@login_required
def meeting_minutes_pdf(request, pk):
    meeting = get_visible_or_404(m.Meeting.objects.select_related("group"), request.user, pk=pk)
    response = HttpResponse(
        minutes_pdf(meeting, request.build_absolute_uri("/")), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="protokoll-{meeting.pk}.pdf"'
    core_actions.record_download(_actor(request), meeting, "minutes.pdf")
    return response


@require_POST
@login_required
def meeting_file_minutes(request, pk):
    meeting = get_visible_or_404(m.Meeting.objects.select_related("group"), request.user, pk=pk)
    try:
        document, created = actions.file_minutes(_actor(request), meeting, request.build_absolute_uri("/"))
    except (PermissionDenied, ValidationError) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
    else:
        text = (
            _("The minutes are filed in the DMS as “%(title)s”.")
            if created
            else _("The minutes were filed again as a new version of “%(title)s”.")
        )
        messages.success(request, text % {"title": document.title})
    return redirect(meeting)


for _v in (
    meeting_file_minutes,
    meeting_edit,
    meeting_invite,
    meeting_attendance,
    meeting_minutes,
    meeting_ics_view,
    meeting_minutes_pdf,
):
    _v.shareable_model = m.Meeting


@require_POST
@login_required
def idea_vote(request, pk):
    card = get_visible_or_404(m.IdeaCard.objects.select_related("meeting__group"), request.user, pk=pk)
    actions.toggle_vote(_actor(request), card)
    return redirect(card.meeting)


@require_POST
@login_required
def idea_group(request, pk):
    card = get_visible_or_404(m.IdeaCard.objects.select_related("meeting__group"), request.user, pk=pk)
    actions.group_idea(_actor(request), card, request.POST.get("cluster", ""))
    return redirect(card.meeting)


idea_vote.shareable_model = m.IdeaCard
idea_group.shareable_model = m.IdeaCard


@require_POST
@login_required
def action_status(request, pk):
    item = get_visible_or_404(m.ActionItem.objects.select_related("meeting__group"), request.user, pk=pk)
    try:
        actions.set_action_status(_actor(request), item, request.POST.get("status", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = item.meeting.get_absolute_url()
    return redirect(target)


action_status.shareable_model = m.ActionItem


@login_required
def my_actions(request):
    return render(request, "administration/my_actions.html", {"items": open_action_items(request.user)})


# --- calendar feeds -------------------------------------------------------------------------------------


@login_required
def calendar(request):
    token = None
    if request.method == "POST":
        token = actions.new_feed_token(_actor(request))
    has_feed = m.CalendarFeed.objects.filter(user=request.user).exists()
    url = request.build_absolute_uri(reverse("administration:user_feed", args=[token])) if token else None
    return render(request, "administration/calendar.html", {"feed_url": url, "has_feed": has_feed})


def _user_feed_content(user):
    today = timezone.localdate()
    meetings = (
        m.Meeting.objects.visible_to(user)
        .filter(group__members__user=user, start__gte=timezone.now() - timedelta(days=90))
        .select_related("group")
        .prefetch_related("agenda_items")
        .distinct()
    )
    deadlines = [(a, d) for a, d, _left in upcoming(user, today, within_days=3650)]
    return feed(
        _("iKonnekt: my dates"), meetings=meetings, deadlines=deadlines, action_items=open_action_items(user)
    )


def user_feed(request, token):
    """Personal iCal feed; the secret in the URL replaces the sign-in (calendar apps cannot sign in)."""
    entry = m.CalendarFeed.objects.filter(token_hash=hash_token(token)).select_related("user").first()
    if entry is None or not entry.user.is_active:
        raise Http404
    return HttpResponse(_user_feed_content(entry.user), content_type="text/calendar; charset=utf-8")


def group_feed_ics(request, token):
    group = group_for_feed_token(token)
    if group is None:
        raise Http404
    meetings = group.meetings.prefetch_related("agenda_items").select_related("group")
    return HttpResponse(feed(group.name, meetings=meetings), content_type="text/calendar; charset=utf-8")


# --- directory -----------------------------------------------------------------------------------


@login_required
def directory(request):
    """People of partner organisations who opted in, by topic (signed-in users only)."""
    own = user_org_ids(request.user)
    coop_ids = Participation.objects.filter(organisation_id__in=own).values("cooperation_id")
    partner_orgs = set(
        Participation.objects.filter(cooperation_id__in=coop_ids).values_list("organisation_id", flat=True)
    ) | set(own)
    q = request.GET.get("q", "").strip()
    people = (
        get_user_model()
        .objects.filter(is_active=True, show_in_directory=True, memberships__organisation_id__in=partner_orgs)
        .prefetch_related(Prefetch("memberships", queryset=_memberships_qs(partner_orgs)))
        .distinct()
        .order_by("last_name", "first_name")
    )
    if q:
        people = people.filter(
            Q(topics__icontains=q) | Q(last_name__icontains=q) | Q(memberships__job_title__icontains=q)
        )
    return render(request, "administration/directory.html", {"people": people, "q": q})


def _memberships_qs(org_ids):
    from ikonnekt.organizations.models import Membership

    return Membership.objects.filter(organisation_id__in=org_ids).select_related("organisation")


for _v in (agreement_status, agreement_decision, agreement_cost_key, agreement_settlement):
    _v.shareable_model = m.Agreement
