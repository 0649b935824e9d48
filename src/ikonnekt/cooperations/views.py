"""Cooperation pages: list, detail, create/edit by the lead's admins, network and goals overview."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from ikonnekt.cooperations import actions, list_rows
from ikonnekt.cooperations.filters import CooperationFilter
from ikonnekt.cooperations.forms import CooperationForm, ParticipationFormSet, style_formset
from ikonnekt.cooperations.models import (
    GOAL_COLOURS,
    HARD_FORMS,
    Cooperation,
    Goal,
    GoalKey,
    Participation,
)
from ikonnekt.cooperations.models import CooperationForm as CooperationFormChoice
from ikonnekt.cooperations.network import network_graph
from ikonnekt.cooperations.sections import sections as cooperation_sections
from ikonnekt.core.audit import Actor
from ikonnekt.core.crud import SharedDetailView, SharedListView
from ikonnekt.core.forms import add_validation_error, style_widget
from ikonnekt.core.links import row_url
from ikonnekt.core.sharing import Role, get_editable_or_404, user_roles
from ikonnekt.organizations.models import OrganisationKind

# what the detail page shows of a cooperation (and the owner for the edit check)
DETAIL_COLUMNS = (
    "id", "owner_id", "visibility", "created_by_id", "name", "form", "status", "start_date", "end_date",
    "description",
)  # fmt: skip


class CooperationList(SharedListView):
    model = Cooperation
    filterset_class = CooperationFilter
    template_name = "cooperations/list.html"

    def get_base_queryset(self):
        # the rows are written by list_rows from the shown columns (goals and participants read there)
        return Cooperation.objects.only(*list_rows.COLUMNS)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        for field in self.filterset.form.fields.values():
            style_widget(field)
        ctx["rows"] = list_rows.rows_html(list(ctx["object_list"]))
        ctx["can_create"] = any(role == Role.ADMIN for role in user_roles(self.request.user).values())
        return ctx


class CooperationDetail(SharedDetailView):
    model = Cooperation
    template_name = "cooperations/detail.html"

    def get_base_queryset(self):
        # what the page shows of the cooperation itself; goals and participants are read as
        # rows below (#18: prefetched model instances and a template loop cost more)
        return Cooperation.objects.only(*DETAIL_COLUMNS)

    def get_context_data(self, **kwargs):
        """Modules add what they do in this cooperation (agreements, visions, reports, …) through
        their ``cooperation_sections.py`` (see ``cooperations.sections``)."""
        ctx = super().get_context_data(**kwargs)
        ctx["goal_items"] = list_rows.goal_items_html(self.object.pk)
        ctx["participant_items"] = list_rows.participant_items_html(self.object.pk)
        ctx["sections"] = cooperation_sections(self.request, self.object)
        return ctx


def _form_page(request, form, formset, title, cancel_url):
    style_formset(formset)
    return render(
        request,
        "cooperations/form.html",
        {"form": form, "formset": formset, "title": title, "cancel_url": cancel_url},
    )


@login_required
def cooperation_create(request):
    if not any(role == Role.ADMIN for role in user_roles(request.user).values()):
        raise PermissionDenied(_("Only administrators of an organisation may start a cooperation."))
    form = CooperationForm(
        request.POST or None, user=request.user, active_organisation=request.active_organisation
    )
    formset = ParticipationFormSet(request.POST or None, prefix="p")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        participants = [
            (f.cleaned_data["organisation"], f.cleaned_data["part"], f.cleaned_data.get("joined_on"))
            for f in formset.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE") and f.cleaned_data.get("organisation")
        ]
        form.instance.created_by = request.user
        try:
            cooperation = actions.create_cooperation(
                Actor.from_request(request), form.cleaned_data["owner"].pk, form.save, participants
            )
        except ValidationError as exc:
            add_validation_error(form, exc)
        else:
            messages.success(request, _("Cooperation “%(name)s” created.") % {"name": cooperation})
            return redirect(cooperation)
    return _form_page(request, form, formset, _("New cooperation"), "/cooperations/")


@login_required
def cooperation_edit(request, pk):
    cooperation = get_editable_or_404(Cooperation, request.user, pk=pk)
    form = CooperationForm(request.POST or None, instance=cooperation, user=request.user)
    formset = ParticipationFormSet(request.POST or None, instance=cooperation, prefix="p")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            with transaction.atomic():
                actions.update_cooperation(Actor.from_request(request), form.instance, form.save, formset)
        except ValidationError as exc:
            add_validation_error(form, exc)
        else:
            messages.success(request, _("Changes saved."))
            return redirect(cooperation)
    return _form_page(
        request, form, formset, _("Edit %(name)s") % {"name": cooperation}, cooperation.get_absolute_url()
    )


def _visible_cooperations(user):
    """The visible cooperations (by name) as plain dicts with their goal keys and participants
    ``(organisation_id, name, kind, slug, part)`` (lead first): three light queries, no model rows."""
    coops = list(Cooperation.objects.visible_to(user).values("pk", "name", "form"))
    by_id = {c["pk"]: {**c, "goals": [], "members": []} for c in coops}
    goal_rows = (
        Cooperation.goals.through.objects.filter(cooperation_id__in=by_id)
        .order_by("goal__order", "goal_id")
        .values_list("cooperation_id", "goal__key")
    )
    for coop_id, key in goal_rows:
        by_id[coop_id]["goals"].append(key)
    member_rows = (
        Participation.objects.filter(cooperation_id__in=by_id)
        .order_by("part", "pk")
        .values_list(
            "cooperation_id",
            "organisation_id",
            "organisation__name",
            "organisation__kind",
            "organisation__slug",
            "part",
        )
    )
    for coop_id, *member in member_rows:
        by_id[coop_id]["members"].append(tuple(member))
    return [by_id[c["pk"]] for c in coops]


@login_required
def network(request):
    goal_labels = dict(GoalKey.choices)
    data = [
        {
            "id": coop["pk"],
            "name": coop["name"],
            "goals": coop["goals"],
            "lead": next((oid for oid, _n, _k, _s, part in coop["members"] if part == "lead"), None),
            "members": [(oid, name, kind) for oid, name, kind, _slug, _part in coop["members"]],
        }
        for coop in _visible_cooperations(request.user)
    ]
    graph = network_graph(data, GOAL_COLOURS, goal_labels)
    categories = [{"name": str(label)} for _key, label in OrganisationKind.choices]
    kind_index = {key: i for i, (key, _label) in enumerate(OrganisationKind.choices)}
    for node in graph["nodes"]:
        node["category"] = kind_index.get(node["category"], 0)
    legend = [{"key": k, "label": str(v), "colour": GOAL_COLOURS[k]} for k, v in GoalKey.choices]
    # The table lists each cooperation once with its members (the graph draws one edge per pair).
    detail_url = row_url("cooperations:detail")
    table = [
        {
            "url": detail_url(c["id"]),
            "name": c["name"],
            "goals": ", ".join(str(goal_labels[g]) for g in c["goals"]),
            "lead": next((name for oid, name, _kind in c["members"] if oid == c["lead"]), "") or "–",
            "members": ", ".join(sorted(name for oid, name, _kind in c["members"] if oid != c["lead"]))
            or "–",
        }
        for c in sorted(data, key=lambda c: c["name"])
    ]
    return render(
        request,
        "cooperations/network.html",
        {"graph": {**graph, "categories": categories}, "legend": legend, "count": len(data), "table": table},
    )


@login_required
def goals_overview(request):
    """Which goal is served by which cooperation and actors (like the seed's goal slides)."""
    form_labels = dict(CooperationFormChoice.choices)
    detail_url = row_url("cooperations:detail")
    cooperations = []
    for coop in _visible_cooperations(request.user):
        cooperations.append(
            {
                "url": detail_url(coop["pk"]),
                "name": coop["name"],
                "form": form_labels.get(coop["form"], coop["form"]),
                "is_hard": coop["form"] in HARD_FORMS,
                "goals": coop["goals"],
                "members": coop["members"],
            }
        )
    goals = []
    for goal in Goal.objects.all():
        coops = [c for c in cooperations if goal.key in c["goals"]]
        actors = {}
        for coop in coops:
            for oid, name, _kind, slug, _part in coop["members"]:
                actors[oid] = (name, slug)
        goals.append(
            {
                "goal": goal,
                "actors": [
                    {"name": name, "url": reverse("organizations:detail", args=[slug])}
                    for name, slug in sorted(actors.values())
                ],
                "hard": [c for c in coops if c["is_hard"]],
                "soft": [c for c in coops if not c["is_hard"]],
            }
        )
    return render(request, "cooperations/goals.html", {"goals": goals})
