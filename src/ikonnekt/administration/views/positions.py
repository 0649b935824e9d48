"""Shared position pages: list, detail, create/edit, time shares, time records and their CSV import."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ikonnekt.administration import actions, forms, position_page
from ikonnekt.administration import models as m
from ikonnekt.administration.views.common import _actor
from ikonnekt.core.crud import (
    SharedCreateView,
    SharedDetailView,
    SharedListView,
    SharedUpdateView,
)
from ikonnekt.core.formpages import form_page
from ikonnekt.core.sharing import get_editable_or_404, get_visible_or_404


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
            records_html=position_page.records_html(p),
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
