"""Cooperation pages: list, detail, create/edit by the lead's admins, network and goals overview."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Prefetch
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ikonnekt.cooperations import actions
from ikonnekt.cooperations.filters import CooperationFilter
from ikonnekt.cooperations.forms import CooperationForm, ParticipationFormSet, style_formset
from ikonnekt.cooperations.models import GOAL_COLOURS, Cooperation, Goal, GoalKey, Participation
from ikonnekt.cooperations.network import network_graph
from ikonnekt.cooperations.sections import sections as cooperation_sections
from ikonnekt.core.audit import Actor
from ikonnekt.core.crud import SharedDetailView, SharedListView
from ikonnekt.core.forms import add_validation_error, style_widget
from ikonnekt.core.sharing import Role, get_editable_or_404, user_roles
from ikonnekt.organizations.models import OrganisationKind

PARTICIPANTS = Prefetch(
    "participations", queryset=Participation.objects.select_related("organisation").order_by("part")
)


class CooperationList(SharedListView):
    model = Cooperation
    filterset_class = CooperationFilter
    template_name = "cooperations/list.html"

    def get_base_queryset(self):
        return Cooperation.objects.select_related("owner").prefetch_related("goals", PARTICIPANTS)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        for field in self.filterset.form.fields.values():
            style_widget(field)
        ctx["can_create"] = any(role == Role.ADMIN for role in user_roles(self.request.user).values())
        return ctx


class CooperationDetail(SharedDetailView):
    model = Cooperation
    template_name = "cooperations/detail.html"

    def get_base_queryset(self):
        return Cooperation.objects.select_related("owner").prefetch_related("goals", PARTICIPANTS)

    def get_context_data(self, **kwargs):
        """Modules add what they do in this cooperation (agreements, visions, reports, …) through
        their ``cooperation_sections.py`` (see ``cooperations.sections``)."""
        ctx = super().get_context_data(**kwargs)
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
    return Cooperation.objects.visible_to(user).prefetch_related("goals", PARTICIPANTS)


@login_required
def network(request):
    goal_labels = dict(GoalKey.choices)
    data = []
    for coop in _visible_cooperations(request.user):
        parts = list(coop.participations.all())
        data.append(
            {
                "id": coop.pk,
                "name": coop.name,
                "goals": [g.key for g in coop.goals.all()],
                "lead": next((p.organisation_id for p in parts if p.part == "lead"), None),
                "members": [(p.organisation_id, p.organisation.name, p.organisation.kind) for p in parts],
            }
        )
    graph = network_graph(data, GOAL_COLOURS, goal_labels)
    categories = [{"name": str(label)} for _key, label in OrganisationKind.choices]
    kind_index = {key: i for i, (key, _label) in enumerate(OrganisationKind.choices)}
    for node in graph["nodes"]:
        node["category"] = kind_index.get(node["category"], 0)
    legend = [{"key": k, "label": str(v), "colour": GOAL_COLOURS[k]} for k, v in GoalKey.choices]
    # The table lists each cooperation once with its members (the graph draws one edge per pair).
    table = [
        {
            "id": c["id"],
            "name": c["name"],
            "goals": ", ".join(str(goal_labels[g]) for g in c["goals"]),
            "lead": next((name for oid, name, _kind in c["members"] if oid == c["lead"]), ""),
            "members": sorted(name for oid, name, _kind in c["members"] if oid != c["lead"]),
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
    cooperations = list(_visible_cooperations(request.user))
    goals = []
    for goal in Goal.objects.annotate(n=Count("cooperations")):
        coops = [c for c in cooperations if any(g.pk == goal.pk for g in c.goals.all())]
        actors = {}
        for coop in coops:
            for p in coop.participations.all():
                actors[p.organisation_id] = p.organisation
        goals.append(
            {
                "goal": goal,
                "cooperations": coops,
                "actors": sorted(actors.values(), key=lambda o: o.name),
                "hard": [c for c in coops if c.is_hard],
                "soft": [c for c in coops if not c.is_hard],
            }
        )
    return render(request, "cooperations/goals.html", {"goals": goals})
