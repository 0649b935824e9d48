"""Planning pages. Views parse input and call actions / domain modules; reads go through the rule."""

import datetime
import math

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import BooleanField, ExpressionWrapper
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ikonnekt.core import actions as core_actions
from ikonnekt.core.audit import Actor
from ikonnekt.core.crud import (
    SharedCreateView,
    SharedDeleteView,
    SharedDetailView,
    SharedListView,
    SharedUpdateView,
)
from ikonnekt.core.forms import add_validation_error
from ikonnekt.core.prepared import Rows
from ikonnekt.core.sharing import (
    get_editable_or_404,
    get_visible_or_404,
    has_role,
    orgs_with_role,
    user_org_ids,
)
from ikonnekt.indicators.models import IndicatorSeries
from ikonnekt.organizations.models import Organisation
from ikonnekt.planning import actions, charts, forms, goaltree, landbalance, letters, reports, trends
from ikonnekt.planning.decision import summarise
from ikonnekt.planning.models import (
    DecisionCheck,
    Effect,
    GoalNode,
    Horizon,
    IndicatorValue,
    LandTake,
    Measure,
    Megatrend,
    OwnerAnswer,
    QuestionSet,
    Site,
    SiteCategory,
    SiteOwner,
    Topic,
    Vision,
)
from ikonnekt.reference.sdg import target_title

# --- megatrends ---------------------------------------------------------------------------------


class MegatrendList(SharedListView):
    model = Megatrend
    template_name = "planning/megatrend_list.html"


class MegatrendDetail(SharedDetailView):
    model = Megatrend
    template_name = "planning/megatrend_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["ratings"] = self.object.ratings.select_related("municipality")
        if self.request.user.is_authenticated:
            form = forms.RelevanceForm(user=self.request.user)
            ctx["rating_form"] = form if form.fields["municipality"].queryset.exists() else None
        return ctx


@login_required
@require_POST
def megatrend_rate(request, pk):
    megatrend = get_visible_or_404(Megatrend, request.user, pk=pk)
    form = forms.RelevanceForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            actions.rate_megatrend(
                Actor.from_request(request),
                megatrend,
                form.cleaned_data["municipality"],
                form.cleaned_data["relevance"],
                form.cleaned_data["note"],
            )
        except PermissionDenied as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Rating saved."))
    else:
        messages.error(request, _("Please choose your municipality and a relevance from 1 to 5."))
    return redirect(megatrend)


megatrend_rate.shareable_model = Megatrend


class MegatrendCreate(SharedCreateView):
    model = Megatrend
    form_class = forms.MegatrendForm
    title = gettext_lazy("New megatrend")
    cancel_url = reverse_lazy("planning:board")


class MegatrendUpdate(SharedUpdateView):
    model = Megatrend
    form_class = forms.MegatrendForm


class MegatrendDelete(SharedDeleteView):
    model = Megatrend
    success_url = reverse_lazy("planning:megatrend_list")


class VisionDetail(SharedDetailView):
    """Also the public page of a vision when its visibility is public."""

    model = Vision
    template_name = "planning/vision_detail.html"

    def get_base_queryset(self):
        return Vision.objects.select_related("owner", "cooperation").prefetch_related("megatrends")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["goals"] = GoalNode.objects.visible_to(self.request.user).filter(vision=self.object)
        return ctx


class VisionCreate(SharedCreateView):
    model = Vision
    form_class = forms.VisionForm
    title = gettext_lazy("New vision")
    cancel_url = reverse_lazy("planning:board")

    def get_initial(self):
        return {"horizon": self.request.GET.get("horizon") or Horizon.Y2100}


class VisionUpdate(SharedUpdateView):
    model = Vision
    form_class = forms.VisionForm


class VisionDelete(SharedDeleteView):
    model = Vision
    success_url = reverse_lazy("planning:board")


def board(request):
    """Vision board: horizons as columns (anonymous visitors see public visions)."""
    visions = Vision.objects.visible_to(request.user).select_related("owner")
    columns = [(h, [v for v in visions if v.horizon == h.value]) for h in Horizon]
    megatrends = Megatrend.objects.visible_to(request.user)[:12]
    return render(
        request,
        "planning/board.html",
        {"columns": columns, "megatrends": megatrends, "can_create": bool(orgs_with_role(request.user))},
    )


# --- goal tree ----------------------------------------------------------------------------------


@login_required
def tree(request):
    flat = goaltree.build_tree(request.user)
    return render(
        request,
        "planning/tree.html",
        {"flat": flat, "can_create": bool(orgs_with_role(request.user))},
    )


def _deferred(relation, model, kept):
    return [f"{relation}__{f.name}" for f in model._meta.concrete_fields if f.name not in kept]


_DETAIL_DEFERRED = (
    *_deferred("owner", Organisation, ("id", "name")),
    *_deferred("responsible", Organisation, ("id", "name")),
    *_deferred("parent", GoalNode, ("id", "title")),
    *_deferred("vision", Vision, ("id", "title", "horizon")),
)

# A node's SDG targets (reference rows below the node already read through its rule), in the
# targets' order (SDGTarget.Meta.ordering), the SQL compiled once (core.prepared, #18).
_sdg_targets = Rows(
    lambda node_id: (
        GoalNode.sdg_targets.through.objects.filter(goalnode_id=node_id)
        .order_by("sdgtarget__sdg__number", "sdgtarget__order")
        .values_list("sdgtarget__code", "sdgtarget__source")
    )
)


class NodeDetail(SharedDetailView):
    model = GoalNode
    template_name = "planning/node_detail.html"

    def get_base_queryset(self):
        # the page shows the owner's and the responsible organisation's name, the parent's title
        # and link, the vision's title and horizon: their other columns are not read (#18).
        # The vision and the followed series are named only to readers their own rule lets see
        # them (the parent: below, from the visible nodes).
        user = self.request.user
        return (
            GoalNode.objects.select_related("owner", "responsible", "parent", "vision", "feed__region")
            .defer(*_DETAIL_DEFERRED)
            .annotate(
                vision_readable=ExpressionWrapper(Vision.visible_to_q(user, "vision__"), BooleanField()),
                feed_readable=ExpressionWrapper(IndicatorSeries.visible_to_q(user, "feed__"), BooleanField()),
            )
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        node = self.object
        progress, nodes = goaltree.progress_map(user, goaltree.progress_nodes(user))
        ctx["progress"] = progress.get(node.pk)
        ctx["children"] = [(n, progress.get(n.pk)) for n in nodes if n.parent_id == node.pk]
        ctx["parent_readable"] = node.parent_id is not None and any(n.pk == node.parent_id for n in nodes)
        # the columns the list shows; ordered by title alone, as every measure has this target
        # (the model's ordering by target would join the goal nodes for nothing)
        ctx["measures"] = (
            Measure.objects.visible_to(user)
            .filter(target=node)
            .order_by("title")
            .only("id", "title", "status", "progress")
        )
        # Ordered as the model orders them (the node is fixed, so without joining the nodes for
        # it). The municipality's name is all the table, chart and explanations read of it.
        values = list(
            IndicatorValue.objects.visible_to(user)
            .filter(node=node)
            .order_by("municipality", "year")
            .select_related("municipality")
            .only("node_id", "year", "value", "municipality_id", "municipality__name")
        )
        ctx["values"] = values
        ctx["sdg_targets"] = [
            {"code": code, "source": source, "wording": target_title(code)}
            for code, source in _sdg_targets(node.pk)
        ]
        series = {}
        for v in values:
            series.setdefault(v.municipality, []).append((v.year, v.value))
        rows = []
        for muni, points in series.items():
            row = {"municipality": muni, "points": points, "latest": points[-1]}
            if node.has_indicator:
                row["trend"] = trends.classify(points, node.direction)
                row["distance"] = trends.distance_to_target(
                    points, node.baseline_value, node.target_value, node.target_year, node.direction
                )
            rows.append(row)
        ctx["series_rows"] = rows
        ctx["chart"] = charts.indicator_chart(node, series) if node.has_indicator else None
        ctx.update(_explanations(node, nodes, progress, series, rows))
        if user.is_authenticated and node.indicator:  # the forms are shown with the indicator only
            ctx["value_form"] = forms.IndicatorValueForm(node=node, user=user)
            ctx["csv_form"] = forms.CsvImportForm()
            ctx["can_enter_values"] = node.can_edit(user) or bool(orgs_with_role(user))
        return ctx


def _explanations(node, nodes, progress, series, rows):
    """“How is this computed?” for the node's progress and each series' trend; the feed link."""
    from ikonnekt.planning import explain
    from ikonnekt.planning import feeds as planning_feeds

    reference = planning_feeds.reference_municipality_id(node)
    points = next((pts for muni, pts in series.items() if muni.pk == reference), None)
    children = [(n, progress.get(n.pk)) for n in nodes if n.parent_id == node.pk]
    measure_avg = None
    if not children and not points:
        measure_avg = progress.get(node.pk)
    for row in rows:
        if node.has_indicator:
            row["trend_text"] = explain.trend_text(row["points"], node.direction)
    return {
        "progress_text": explain.progress_text(
            node,
            progress.get(node.pk),
            latest=sorted(points)[-1] if points else None,
            measure_avg=measure_avg,
            children=children,
        ),
        "feed_problem": _feed_problem(node) if node.feed_id else "",
    }


def _feed_problem(node) -> str:
    """The feed link's problem; a broken series' own text names its source, so a reader who may
    not see the series learns only that it is broken."""
    from ikonnekt.planning import feeds as planning_feeds

    if node.feed.is_broken and not node.feed_readable:
        return _("The feed's source is no longer available.")
    return planning_feeds.link_problem(node)


class NodeCreate(SharedCreateView):
    model = GoalNode
    form_class = forms.GoalNodeForm
    title = gettext_lazy("New goal or target")
    cancel_url = reverse_lazy("planning:board")

    def get_initial(self):
        initial = {}
        if self.request.GET.get("parent", "").isdigit():
            initial["parent"] = int(self.request.GET["parent"])
            initial["kind"] = "target"
        return initial


class NodeUpdate(SharedUpdateView):
    model = GoalNode
    form_class = forms.GoalNodeForm


class NodeDelete(SharedDeleteView):
    model = GoalNode
    success_url = reverse_lazy("planning:tree")


@login_required
def node_add_value(request, pk):
    node = get_visible_or_404(GoalNode, request.user, pk=pk)
    if request.method != "POST":
        return redirect(node)
    form = forms.IndicatorValueForm(request.POST, node=node, user=request.user)
    if form.is_valid():
        try:
            actions.set_indicator_value(
                Actor.from_request(request),
                node,
                form.cleaned_data["municipality"],
                form.cleaned_data["year"],
                form.cleaned_data["value"],
                form.cleaned_data["source"],
            )
        except PermissionDenied as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Value saved."))
    else:
        for field, errs in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            messages.error(request, f"{label}: {' '.join(errs)}")
    return redirect(node)


node_add_value.shareable_model = GoalNode


@login_required
def node_import_values(request, pk):
    node = get_visible_or_404(GoalNode, request.user, pk=pk)
    if request.method != "POST":
        return redirect(node)
    form = forms.CsvImportForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            n = actions.import_indicator_csv(
                Actor.from_request(request),
                node,
                form.cleaned_data["file"].read(),
                getattr(request, "active_organisation", None),
            )
        except ValidationError as exc:
            for msg in exc.messages[:20]:
                messages.error(request, msg)
            messages.error(request, _("Nothing was imported."))
        else:
            messages.success(request, _("%(n)s values imported.") % {"n": n})
    else:
        for errs in form.errors.values():
            messages.error(request, " ".join(errs))
    return redirect(node)


node_import_values.shareable_model = GoalNode


def node_compare(request, pk):
    """One indicator across municipalities: bar chart of the latest values and a map."""
    node = get_visible_or_404(GoalNode, request.user, pk=pk)
    year = request.GET.get("year")
    values = IndicatorValue.objects.visible_to(request.user).filter(node=node).select_related("municipality")
    latest = {}
    for v in values:
        if year and str(v.year) != year:
            continue
        if v.municipality_id not in latest or v.year > latest[v.municipality_id].year:
            latest[v.municipality_id] = v
    rows = sorted(latest.values(), key=lambda v: v.value, reverse=node.direction == "increase")
    years = sorted({v.year for v in values})
    return render(
        request,
        "planning/compare.html",
        {
            "node": node,
            "rows": rows,
            "years": years,
            "year": year,
            "bar": charts.comparison_bar(node, rows),
            "map": charts.comparison_map(node, rows),
        },
    )


node_compare.shareable_model = GoalNode


class MeasureDetail(SharedDetailView):
    model = Measure
    template_name = "planning/measure_detail.html"


class MeasureCreate(SharedCreateView):
    model = Measure
    form_class = forms.MeasureForm
    title = gettext_lazy("New measure")
    cancel_url = reverse_lazy("planning:board")

    def get_initial(self):
        target = self.request.GET.get("target", "")
        return {"target": int(target)} if target.isdigit() else {}


class MeasureUpdate(SharedUpdateView):
    model = Measure
    form_class = forms.MeasureForm


class MeasureDelete(SharedDeleteView):
    model = Measure
    success_url = reverse_lazy("planning:tree")


@login_required
def report(request):
    """Annual progress report of the visible goal tree as PDF or XLSX."""
    year = int(request.GET.get("year") or datetime.date.today().year)
    fmt = request.GET.get("format", "pdf")
    flat = goaltree.build_tree(request.user)
    if fmt == "xlsx":
        data = reports.progress_xlsx(flat, year)
        response = HttpResponse(
            data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        response["Content-Disposition"] = f'attachment; filename="fortschrittsbericht-{year}.xlsx"'
        return response
    data = reports.progress_pdf(flat, year)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="fortschrittsbericht-{year}.pdf"'
    return response


# --- land management ----------------------------------------------------------------------------


class SiteList(SharedListView):
    model = Site
    template_name = "planning/site_list.html"
    paginate_by = 50

    def get_queryset(self):
        qs = super().get_queryset()
        cat = self.request.GET.get("category")
        if cat in SiteCategory.values:
            qs = qs.filter(category=cat)
        org = self.request.GET.get("owner", "")
        if org.isdigit():
            qs = qs.filter(owner_id=int(org))
        return qs

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["categories"] = SiteCategory.choices
        ctx["map_cfg"] = {"center": [49.36, 6.78], "zoom": 11, "geojson": None, "fit": False}
        ctx["geojson_url"] = reverse("planning:sites_geojson") + "?" + ctx["querystring"]
        return ctx


class SiteDetail(SharedDetailView):
    model = Site
    template_name = "planning/site_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        site = self.object
        user = self.request.user
        ctx["map_cfg"] = {
            "center": [site.centroid_lat, site.centroid_lon],
            "zoom": 17,
            "geojson": charts.site_feature(site),
        }
        # Owner records: only members of the owning municipality (personal data).
        ctx["show_owners"] = site.owner_id in user_org_ids(user)
        if ctx["show_owners"]:
            ctx["owners"] = SiteOwner.objects.visible_to(user).filter(site=site)
            ctx["owner_form"] = forms.SiteOwnerForm()
            ctx["answer_form"] = forms.AnswerForm()
            ctx["can_manage_owners"] = has_role(user, site.owner_id)
            # Export and erasure of an owner's personal data: administrators (ikonnekt.legal).
            ctx["can_erase_owners"] = has_role(user, site.owner_id, roles={"admin"})
        return ctx


class SiteCreate(SharedCreateView):
    model = Site
    form_class = forms.SiteForm
    template_name = "planning/site_form.html"
    title = gettext_lazy("New site")
    cancel_url = reverse_lazy("planning:board")

    def get_initial(self):
        cat = self.request.GET.get("category")
        return {"category": cat} if cat in SiteCategory.values else {}

    def get_success_url(self):
        return self.object.get_absolute_url()


class SiteUpdate(SharedUpdateView):
    model = Site
    form_class = forms.SiteForm
    template_name = "planning/site_form.html"
    title = gettext_lazy("Edit site")


class SiteDelete(SharedDeleteView):
    model = Site
    success_url = reverse_lazy("planning:site_list")


PAGE_SIZE = 1000


def sites_geojson(request):
    """Visible sites as GeoJSON, paged (``?page=``) and optionally cut to ``?bbox=w,s,e,n``."""
    qs = Site.objects.visible_to(request.user).select_related("owner").order_by("pk")
    bbox = request.GET.get("bbox")
    if bbox:
        try:
            w, s, e, n = (float(x) for x in bbox.split(","))
        except ValueError:
            return JsonResponse({"error": _("bbox must be west,south,east,north")}, status=400)
        qs = qs.filter(centroid_lon__gte=w, centroid_lon__lte=e, centroid_lat__gte=s, centroid_lat__lte=n)
    cat = request.GET.get("category")
    if cat in SiteCategory.values:
        qs = qs.filter(category=cat)
    org = request.GET.get("owner", "")
    if org.isdigit():
        qs = qs.filter(owner_id=int(org))
    page = Paginator(qs.only(*charts.SITE_FEATURE_FIELDS), PAGE_SIZE).get_page(request.GET.get("page"))
    data = {
        "type": "FeatureCollection",
        "features": charts.sites_collection(page.object_list)["features"],
        "page": page.number,
        "pages": page.paginator.num_pages,
        "count": page.paginator.count,
        "next": page.next_page_number() if page.has_next() else None,
    }
    return JsonResponse(data)


def _owner_for(request, pk):
    owner = (
        SiteOwner.objects.visible_to(request.user).select_related("site", "site__owner").filter(pk=pk).first()
    )
    if owner is None:
        raise Http404
    return owner


@login_required
def site_owner_add(request, pk):
    site = get_visible_or_404(Site, request.user, pk=pk)
    if site.owner_id not in user_org_ids(request.user):
        raise Http404
    if not has_role(request.user, site.owner_id):
        raise PermissionDenied(_("Only editors of the municipality that owns the site may manage owners."))
    form = forms.SiteOwnerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.instance.site = site
        actions.save_site_owner(Actor.from_request(request), site, form.save)
        messages.success(request, _("Owner saved."))
        return redirect(site)
    return render(
        request,
        "core/form.html",
        {"form": form, "title": _("Add owner"), "cancel_url": site.get_absolute_url()},
    )


site_owner_add.shareable_model = Site


@login_required
def site_owner_edit(request, pk):
    owner = _owner_for(request, pk)
    if not has_role(request.user, owner.site.owner_id):
        raise PermissionDenied(_("Only editors of the municipality that owns the site may manage owners."))
    form = forms.SiteOwnerForm(request.POST or None, instance=owner)
    if request.method == "POST" and form.is_valid():
        actions.save_site_owner(Actor.from_request(request), owner.site, form.save)
        messages.success(request, _("Owner saved."))
        return redirect(owner.site)
    return render(
        request,
        "core/form.html",
        {"form": form, "title": _("Edit owner"), "cancel_url": owner.site.get_absolute_url()},
    )


site_owner_edit.shareable_model = SiteOwner


@login_required
@require_POST
def site_owner_answer(request, pk):
    owner = _owner_for(request, pk)
    form = forms.AnswerForm(request.POST)
    if form.is_valid():
        try:
            actions.record_answer(
                Actor.from_request(request),
                owner,
                form.cleaned_data["answer"],
                form.cleaned_data["answered_on"],
                form.cleaned_data["note"],
            )
        except PermissionDenied as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Answer recorded."))
    else:
        messages.error(request, _("Please choose an answer and a date."))
    return redirect(owner.site)


site_owner_answer.shareable_model = SiteOwner


@login_required
@require_POST
def site_owner_delete(request, pk):
    owner = _owner_for(request, pk)
    site = owner.site
    actions.delete_site_owner(Actor.from_request(request), owner)
    messages.success(request, _("Owner deleted."))
    return redirect(site)


site_owner_delete.shareable_model = SiteOwner


@login_required
def site_letters(request, pk):
    """Mail merge: contact letters to all owners of a site (DOCX or PDF)."""
    site = get_visible_or_404(Site, request.user, pk=pk)
    if site.owner_id not in user_org_ids(request.user):
        raise Http404
    if not has_role(request.user, site.owner_id):
        raise PermissionDenied(_("Only editors of the municipality that owns the site may manage owners."))
    owners = list(SiteOwner.objects.visible_to(request.user).filter(site=site))
    form = forms.LetterForm(
        request.POST or None, initial={"template": letters.DEFAULT_TEMPLATE, "format": "docx"}
    )
    if request.method == "POST" and form.is_valid():
        if not owners:
            messages.error(request, _("This site has no owners yet."))
            return redirect(site)
        text = form.cleaned_data["template"]
        actor = Actor.from_request(request)
        if form.cleaned_data["mark_sent"]:
            actions.mark_letters_sent(actor, site, owners, datetime.date.today())
        else:
            core_actions.record_download(actor, site, "contact letters")
        if form.cleaned_data["format"] == "pdf":
            response = HttpResponse(letters.letters_pdf(text, site, owners), content_type="application/pdf")
            response["Content-Disposition"] = f'attachment; filename="anschreiben-{site.pk}.pdf"'
        else:
            response = HttpResponse(
                letters.letters_docx(text, site, owners),
                content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            )
            response["Content-Disposition"] = f'attachment; filename="anschreiben-{site.pk}.docx"'
        return response
    return render(request, "planning/letters.html", {"form": form, "site": site, "owners": owners})


site_letters.shareable_model = Site


def exchange(request):
    """Site exchange: visible sites offered by their municipality, without any personal data."""
    sites = list(
        Site.objects.visible_to(request.user)
        .filter(in_exchange=True)
        .select_related("owner")
        .order_by("owner__name", "name")
    )
    map_cfg = {"center": [49.36, 6.78], "zoom": 11, "geojson": charts.sites_collection(sites)}
    return render(request, "planning/exchange.html", {"sites": sites, "map_cfg": map_cfg})


def _assumptions_from(request):
    defaults = landbalance.HousingAssumptions()
    values, errors = {}, []
    labels = reports.ASSUMPTION_LABELS
    for name, default in defaults.__dict__.items():
        raw = request.GET.get(name, "")
        if raw == "":
            values[name] = default
            continue
        try:
            val = type(default)(actions.parse_number(raw))
            if not math.isfinite(val) or abs(val) > 1_000_000:  # 1e308, nan: no plausible assumption
                raise ValueError
            if name == "population_change_pct" and val <= -100:
                raise ValueError
            if (
                name in ("years", "household_size_now", "household_size_future", "dwellings_per_ha")
                and val <= 0
            ):
                raise ValueError
            values[name] = val
        except ValueError:
            errors.append(
                _("%(field)s: “%(value)s” is not a valid number.") % {"field": labels[name], "value": raw}
            )
            values[name] = default
    return landbalance.HousingAssumptions(**values), errors


@login_required
def balance(request):
    """Housing-land demand vs potential per municipality and for the district."""
    assumptions, errors = _assumptions_from(request)
    rows = reports.balance_rows(request.user, assumptions)
    total_demand = sum(r["demand"].hectares for r in rows)
    total_pot = landbalance.Potential()
    for r in rows:
        total_pot.gross_ha += r["potential"].gross_ha
        total_pot.mobilisable_ha += r["potential"].mobilisable_ha
    total = landbalance.balance(total_demand, total_pot)
    return render(
        request,
        "planning/balance.html",
        {
            "rows": rows,
            "total": total,
            "assumptions": assumptions,
            "fields": [(k, reports.ASSUMPTION_LABELS[k], v) for k, v in assumptions.__dict__.items()],
            "errors": errors,
            "mobilisation": [
                (str(dict(OwnerAnswer.choices)[k]), v) for k, v in landbalance.MOBILISATION.items()
            ],
            "chart": charts.balance_chart(rows),
        },
    )


@login_required
def pool(request):
    """Inter-municipal commercial-area pool: reserves offered per municipality and the pool key."""
    sites = list(
        Site.objects.visible_to(request.user)
        .filter(category=SiteCategory.COMMERCIAL, in_commercial_pool=True)
        .select_related("owner")
    )
    contributions = {}
    for s in sites:
        contributions[s.owner] = contributions.get(s.owner, 0.0) + s.area_ha
    shares = landbalance.pool_shares(contributions)
    demand = {org: landbalance.commercial_demand(org.inhabitants or 0) for org in contributions}
    rows = [
        {"org": org, "ha": ha, "share": shares[org] * 100, "demand": demand[org]}
        for org, ha in sorted(contributions.items(), key=lambda kv: -kv[1])
    ]
    map_cfg = {"center": [49.36, 6.78], "zoom": 11, "geojson": charts.sites_collection(sites)}
    return render(
        request,
        "planning/pool.html",
        {"rows": rows, "sites": sites, "map_cfg": map_cfg, "total": sum(contributions.values())},
    )


def _target_from(request):
    defaults = landbalance.LandTakeTarget()
    values, errors = {}, []
    for name in (
        "national_ha_per_day",
        "national_inhabitants",
        "target_year",
        "start_year",
        "start_ha_per_day",
    ):
        default = getattr(defaults, name)
        raw = request.GET.get(name, "")
        if raw == "":
            values[name] = default
            continue
        try:
            values[name] = type(default)(actions.parse_number(raw))
            if values[name] <= 0:
                raise ValueError
        except ValueError:
            errors.append(_("%(field)s: “%(value)s” is not a valid number.") % {"field": name, "value": raw})
            values[name] = default
    return landbalance.LandTakeTarget(**values), errors


@login_required
def landtake(request):
    """Land-take monitoring against the target path (30 ha/day broken down by inhabitants)."""
    target, errors = _target_from(request)
    form = forms.LandTakeForm(request.POST or None, user=request.user)
    if request.method == "POST":
        if form.is_valid():
            try:
                actions.set_land_take(
                    Actor.from_request(request),
                    form.cleaned_data["municipality"],
                    form.cleaned_data["year"],
                    form.cleaned_data["hectares"],
                    form.cleaned_data["source"],
                )
            except PermissionDenied as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, _("Value saved."))
                return redirect(request.get_full_path())
    org_id = request.GET.get("municipality", "")
    municipalities = forms.municipalities().filter(kind="municipality").exclude(inhabitants=None)
    selected = municipalities.filter(pk=int(org_id)).first() if org_id.isdigit() else None
    selected = selected or getattr(request, "active_organisation", None) or municipalities.first()
    records = list(LandTake.objects.filter(municipality=selected).order_by("year")) if selected else []
    rows = [
        {
            "year": r.year,
            "hectares": r.hectares,
            "allowance": landbalance.municipal_allowance_ha(r.year, selected.inhabitants or 0, target),
            "source": r.source,
        }
        for r in records
    ]
    for r in rows:
        r["over"] = r["hectares"] > r["allowance"]
    return render(
        request,
        "planning/landtake.html",
        {
            "form": form,
            "target": target,
            "errors": errors,
            "selected": selected,
            "municipalities": municipalities,
            "rows": rows,
            "chart": charts.landtake_chart(rows) if rows else None,
        },
    )


# --- decision check -----------------------------------------------------------------------------


class QuestionSetList(SharedListView):
    model = QuestionSet
    template_name = "planning/questionset_list.html"


class QuestionSetDetail(SharedDetailView):
    model = QuestionSet
    template_name = "planning/questionset_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        qs = list(self.object.questions.all())
        ctx["topics"] = [(label, [q for q in qs if q.topic == key]) for key, label in Topic.choices]
        return ctx


class QuestionSetCreate(SharedCreateView):
    model = QuestionSet
    form_class = forms.QuestionSetForm
    title = gettext_lazy("New question set")
    cancel_url = reverse_lazy("planning:board")


class QuestionSetUpdate(SharedUpdateView):
    model = QuestionSet
    form_class = forms.QuestionSetForm


@login_required
@require_POST
def questionset_new_version(request, pk):
    qs = get_editable_or_404(QuestionSet, request.user, pk=pk)
    copy = actions.new_question_set_version(Actor.from_request(request), qs)
    messages.success(
        request, _("Version %(v)s created; existing checks keep their version.") % {"v": copy.version}
    )
    return redirect(copy)


questionset_new_version.shareable_model = QuestionSet


class CheckList(SharedListView):
    model = DecisionCheck
    template_name = "planning/check_list.html"

    def get_base_queryset(self):
        return DecisionCheck.objects.select_related("owner", "question_set")


class CheckCreate(SharedCreateView):
    model = DecisionCheck
    form_class = forms.DecisionCheckForm
    title = gettext_lazy("New decision check")
    cancel_url = reverse_lazy("planning:board")

    def get_success_url(self):
        return reverse("planning:check_answer", args=[self.object.pk])


class CheckUpdate(SharedUpdateView):
    model = DecisionCheck
    form_class = forms.DecisionCheckForm


class CheckDelete(SharedDeleteView):
    model = DecisionCheck
    success_url = reverse_lazy("planning:check_list")


def _check_result(check):
    questions = list(check.question_set.questions.all())
    answers = {a.question_id: a for a in check.answers.all()}
    qmap = {q.pk: q for q in questions}
    items = [(qmap[qid].topic, a.effect, qmap[qid].suggestion) for qid, a in answers.items() if qid in qmap]
    topics, overall, empty = summarise(items, Topic.values)
    labels = dict(Topic.choices)
    for t in topics:
        t.label = labels.get(t.topic, t.topic)
    effects = dict(Effect.choices)
    rows = [(q, answers.get(q.pk)) for q in questions]
    # the page's answer table: (question, answer, topic label, effect label), labels looked up once
    answer_rows = [
        (q, a, labels.get(q.topic, q.topic), effects.get(a.effect, a.effect) if a else None) for q, a in rows
    ]
    return {
        "topics": topics,
        "overall": overall,
        "unanswered": len(questions) - len(answers),
        "rows": rows,
        "answer_rows": answer_rows,
    }


class CheckDetail(SharedDetailView):
    model = DecisionCheck
    template_name = "planning/check_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(_check_result(self.object))
        ctx["chart"] = charts.check_chart(ctx["topics"])
        # Comparable across municipalities: other visible checks with the same question set family.
        ctx["others"] = (
            DecisionCheck.objects.visible_to(self.request.user)
            .filter(question_set__name=self.object.question_set.name)
            .exclude(pk=self.object.pk)
            .select_related("owner", "question_set")[:20]
        )
        return ctx


@login_required
def check_answer(request, pk):
    check = get_editable_or_404(DecisionCheck.objects.select_related("question_set"), request.user, pk=pk)
    questions = check.question_set.questions.all()
    existing = {a.question_id: a for a in check.answers.all()}
    form = forms.CheckAnswersForm(request.POST or None, questions=questions, existing=existing)
    if request.method == "POST" and form.is_valid():
        try:
            actions.save_check_answers(Actor.from_request(request), check, form.answers())
        except ValidationError as exc:
            add_validation_error(form, exc)
        else:
            messages.success(request, _("Answers saved."))
            return redirect(check)
    grouped = []
    labels = dict(Topic.choices)
    for key in Topic.values:
        items = [(form[f"effect_{q.pk}"], form[f"why_{q.pk}"]) for q in form.questions if q.topic == key]
        if items:
            grouped.append((labels[key], items))
    return render(request, "planning/check_answer.html", {"check": check, "form": form, "grouped": grouped})


check_answer.shareable_model = DecisionCheck


def check_pdf(request, pk):
    check = get_visible_or_404(
        DecisionCheck.objects.select_related("question_set", "owner"), request.user, pk=pk
    )
    data = reports.check_pdf(check, _check_result(check))
    if request.user.is_authenticated:
        core_actions.record_download(Actor.from_request(request), check, "decision check PDF")
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="entscheidungscheck-{check.pk}.pdf"'
    return response


check_pdf.shareable_model = DecisionCheck


@login_required
def questionset_questions(request, pk):
    """Edit the questions of a set; once checks use the set, a new version is needed instead."""
    from django.forms import inlineformset_factory

    from ikonnekt.cooperations.forms import style_formset
    from ikonnekt.planning.models import Question

    qset = get_editable_or_404(QuestionSet, request.user, pk=pk)
    if qset.checks.exists():
        messages.error(
            request, _("Checks already use this version. Create a new version to change its questions.")
        )
        return redirect(qset)
    formset_class = inlineformset_factory(
        QuestionSet,
        Question,
        fields=["topic", "text", "help", "suggestion", "order"],
        extra=3,
        can_delete=True,
    )
    formset = formset_class(request.POST or None, instance=qset, prefix="q")
    if request.method == "POST" and formset.is_valid():
        with transaction.atomic():
            core_actions.update_object(Actor.from_request(request), qset, lambda: (formset.save(), qset)[1])
        messages.success(request, _("Questions saved."))
        return redirect(qset)
    style_formset(formset)
    return render(request, "planning/questions_form.html", {"formset": formset, "qset": qset})


questionset_questions.shareable_model = QuestionSet
