"""Shared resource pages: list, detail with the week grid, create/edit, booking and usage."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Sum
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ikonnekt.administration import actions, forms, resource_page
from ikonnekt.administration import models as m
from ikonnekt.administration.views.common import _actor
from ikonnekt.core.crud import (
    SharedCreateView,
    SharedDetailView,
    SharedListView,
    SharedUpdateView,
)
from ikonnekt.core.formpages import form_page
from ikonnekt.core.sharing import get_visible_or_404


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
        year = timezone.localdate().year
        calendar_head, calendar_rows = resource_page.calendar_html(_week_grid(bookings, timezone.localdate()))
        ctx.update(
            bookings_html=resource_page.bookings_html(self.request, bookings, ctx["can_edit"]),
            can_book=r.can_book(self.request.user),
            usage_html=resource_page.usage_html(r),
            usage_totals=r.usage_records.filter(date__year=year)
            .values("organisation__name")
            .annotate(q=Sum("quantity"))
            .order_by("organisation__name"),
            year=year,
            calendar_head=calendar_head,
            calendar_rows=calendar_rows,
        )
        return ctx


def _week_grid(bookings, today, weeks=3):
    """Days of the next weeks with their bookings (a simple calendar without JavaScript)."""
    start = today - timedelta(days=today.weekday())
    by_day = {}
    for b in bookings:  # each booking's local day once, not once per day of the grid
        by_day.setdefault(timezone.localtime(b.start).date(), []).append(b)
    days = []
    for offset in range(weeks * 7):
        day = start + timedelta(days=offset)
        items = by_day.get(day, [])
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
