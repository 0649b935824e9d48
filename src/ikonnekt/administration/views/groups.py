"""Working group and meeting pages (agenda, attendance, minutes, decisions, action items, idea cards)
and the iCal feeds."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ikonnekt.administration import actions, forms, group_page, meeting_page, side_lists
from ikonnekt.administration import models as m
from ikonnekt.administration.deadlines import open_action_items, upcoming
from ikonnekt.administration.ical import feed, group_for_feed_token, hash_token, meeting_ics
from ikonnekt.administration.statements import minutes_pdf
from ikonnekt.administration.views.common import _actor
from ikonnekt.core import actions as core_actions
from ikonnekt.core.crud import (
    SharedCreateView,
    SharedDetailView,
    SharedListView,
    SharedUpdateView,
)
from ikonnekt.core.formpages import form_page
from ikonnekt.core.sharing import get_editable_or_404, get_visible_or_404


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
            members_html=group_page.members_html(g),
            meetings_html=group_page.meetings_html(g),
            action_items_html=side_lists.action_items_html(
                self.request,
                side_lists.action_item_rows(
                    m.ActionItem.objects.filter(meeting__group=g).exclude(status=m.ActionStatus.DONE)
                ),
            ),
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
        mt, request, can_edit = self.object, self.request, ctx["can_edit"]
        agenda = meeting_page.agenda(mt)
        clusters = meeting_page.idea_clusters(mt, request.user)
        members = meeting_page.members(mt)
        can_contribute = actions.can_contribute(request.user, mt, {row[0] for row in members})
        ctx.update(
            agenda_html=meeting_page.agenda_html(agenda, can_edit),
            decisions_html=meeting_page.decisions_html(mt),
            action_items_html=meeting_page.action_items_html(mt),
            clusters=clusters,
            ideas_html=meeting_page.ideas_html(request, clusters, can_contribute, can_edit),
            attendance_html=meeting_page.attendance_html(members, can_edit),
            can_contribute=can_contribute,
            urls=meeting_page.links(mt),
        )
        if can_edit:  # the forms are shown to the organisers only, the idea form to contributors
            ctx.update(
                decision_form=forms.DecisionForm(meeting=mt, prefix="d"),
                action_form=forms.ActionItemForm(meeting=mt, prefix="a"),
                agenda_form=forms.AgendaItemForm(prefix="g", initial={"position": len(agenda) + 1}),
            )
        if can_contribute:
            ctx["idea_form"] = forms.IdeaForm(prefix="i")
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
    items = side_lists.action_items_html(
        request, side_lists.action_item_rows(open_action_items(request.user))
    )
    return render(request, "administration/my_actions.html", {"action_items_html": items})


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
