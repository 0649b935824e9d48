"""Pages of the assessment module: catalogues, areas, assessments, comparison and district overview."""

from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import BooleanField, ExpressionWrapper
from django.http import Http404
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ikonnekt.assessment import actions, catalogue_io, charts, report, results, tablerows
from ikonnekt.assessment.filters import AreaFilter, CatalogueFilter
from ikonnekt.assessment.forms import (
    AreaForm,
    AssessmentForm,
    CatalogueForm,
    CatalogueImportForm,
    CommentForm,
    NodeForm,
    RatingsImportForm,
    VariantForm,
)
from ikonnekt.assessment.models import (
    Area,
    Assessment,
    Catalogue,
    CatalogueNode,
    NodeKind,
    RatingStatus,
)
from ikonnekt.core import actions as core_actions
from ikonnekt.core.audit import Actor
from ikonnekt.core.crud import (
    SharedCreateView,
    SharedDeleteView,
    SharedDetailView,
    SharedListView,
    SharedUpdateView,
)
from ikonnekt.core.files import download_response
from ikonnekt.core.formpages import form_page
from ikonnekt.core.forms import style_widget
from ikonnekt.core.links import row_url
from ikonnekt.core.sharing import get_editable_or_404, get_visible_or_404, orgs_with_role
from ikonnekt.organizations.models import Organisation

# what scoring reads of an assessment's catalogue (results.score_many), for ``only()``
CATALOGUE_SCORING_FIELDS = (
    "catalogue__version",
    "catalogue__aggregation",
    "catalogue__threshold_basic",
    "catalogue__threshold_advanced",
    "catalogue__threshold_ambitious",
)


def _style_filters(ctx):
    if ctx.get("filterset"):
        for field in ctx["filterset"].form.fields.values():
            style_widget(field)
    return ctx


# --- catalogues ---------------------------------------------------------------------------------


class CatalogueList(SharedListView):
    model = Catalogue
    filterset_class = CatalogueFilter
    template_name = "assessment/catalogue_list.html"

    def get_context_data(self, **kwargs):
        return _style_filters(super().get_context_data(**kwargs))


class CatalogueDetail(SharedDetailView):
    model = Catalogue
    template_name = "assessment/catalogue_detail.html"

    def get_base_queryset(self):
        # of the owner only the name the header shows, not every column of the organisation (#18)
        return Catalogue.objects.select_related("owner").only(
            *(f.name for f in Catalogue._meta.concrete_fields), "owner__name"
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        # ordered by the entries' own columns: the default order starts with the catalogue and joins it
        nodes = list(self.object.nodes.order_by("order", "id"))
        ctx["rows"] = results.tree_rows(nodes)
        ctx["can_edit_content"] = self.object.can_edit_content(self.request.user)
        ctx["rows_html"] = tablerows.catalogue_rows_html(
            ctx["rows"],
            catalogue_pk=self.object.pk,
            can_edit_content=ctx["can_edit_content"],
            csrf_token=get_token(self.request) if ctx["can_edit_content"] else "",
        )
        ctx["can_derive"] = bool(orgs_with_role(self.request.user))
        ctx["versions"] = (
            Catalogue.objects.visible_to(self.request.user)
            .filter(family=self.object.family)
            .only("pk", "version", "status")
        )
        ctx["measure_count"] = sum(1 for n in nodes if n.is_measure)
        return ctx


class CatalogueCreate(SharedCreateView):
    model = Catalogue
    form_class = CatalogueForm
    title = gettext_lazy("New criteria catalogue")


class CatalogueEdit(SharedUpdateView):
    model = Catalogue
    form_class = CatalogueForm

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if not self.object.is_draft:  # scoring rules are frozen with the version
            for name in (
                "aggregation",
                "threshold_basic",
                "threshold_advanced",
                "threshold_ambitious",
                "kind",
            ):
                form.fields[name].disabled = True
        return form


class CatalogueDelete(SharedDeleteView):
    model = Catalogue

    def get_success_url(self):
        return reverse("assessment:catalogue_list")

    def form_valid(self, form):
        if self.object.assessments.exists():
            messages.error(self.request, _("This version is used by assessments and cannot be deleted."))
            return redirect(self.object)
        return super().form_valid(form)


@login_required
@require_POST
def catalogue_publish(request, pk):
    catalogue = get_editable_or_404(Catalogue, request.user, pk=pk)
    try:
        actions.publish_catalogue(Actor.from_request(request), catalogue)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("Version %(version)s is published and frozen.") % {"version": catalogue.version}
        )
    return redirect(catalogue)


@login_required
@require_POST
def catalogue_derive(request, pk):
    """New version (own catalogue) or an own copy (someone else's catalogue)."""
    catalogue = get_visible_or_404(Catalogue, request.user, pk=pk)
    editable = orgs_with_role(request.user)
    if catalogue.owner_id in editable:
        owner_id = catalogue.owner_id
    elif request.active_organisation and request.active_organisation.pk in editable:
        owner_id = request.active_organisation.pk
    elif editable:
        owner_id = min(editable)
    else:
        raise PermissionDenied(_("You need the editor role in an organisation to create this."))
    new = actions.derive_catalogue(Actor.from_request(request), catalogue, owner_id)
    messages.success(request, _("Draft version %(version)s created.") % {"version": new.version})
    return redirect(new)


def catalogue_export(request, pk, fmt):
    catalogue = get_visible_or_404(Catalogue, request.user, pk=pk)
    nodes = list(catalogue.nodes.all())
    name = f"{slugify(catalogue.title)}-v{catalogue.version}"
    if fmt == "json":
        return download_response(
            catalogue_io.export_json(catalogue, nodes), f"{name}.json", "application/json"
        )
    return download_response(
        catalogue_io.export_xlsx(catalogue, nodes),
        f"{name}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


@login_required
def catalogue_import(request):
    owners = Organisation.objects.filter(pk__in=orgs_with_role(request.user))
    if not owners:
        raise PermissionDenied(_("You need the editor role in an organisation to create this."))
    form = CatalogueImportForm(request.POST or None, request.FILES or None, owners=owners)
    problems = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        content = upload.read()
        try:
            if upload.name.lower().endswith(".json"):
                data = catalogue_io.parse_json(content)
            else:
                data = catalogue_io.parse_xlsx(content)
            catalogue = actions.import_catalogue(
                Actor.from_request(request), form.cleaned_data["owner"].pk, data
            )
        except catalogue_io.ImportFailed as exc:
            problems = [str(p) for p in exc.problems]
        else:
            messages.success(
                request, _("Imported as draft with %(count)s entries.") % {"count": len(data.nodes)}
            )
            return redirect(catalogue)
    return render(request, "assessment/catalogue_import.html", {"form": form, "problems": problems})


@login_required
def node_create(request, pk):
    catalogue = get_editable_or_404(Catalogue, request.user, pk=pk)
    if not catalogue.is_draft:
        raise PermissionDenied(_("This version is published and frozen. Create a new version to change it."))
    form = NodeForm(request.POST or None, catalogue=catalogue, initial={"parent": request.GET.get("parent")})
    return form_page(
        request,
        form,
        title=_("New entry in %(catalogue)s") % {"catalogue": catalogue},
        cancel_url=catalogue.get_absolute_url(),
        on_valid=lambda: actions.save_node(
            Actor.from_request(request), form.instance, form.save
        ).get_absolute_url(),
    )


@login_required
def node_edit(request, pk):
    node = get_visible_or_404(CatalogueNode.objects.select_related("catalogue"), request.user, pk=pk)
    if not node.catalogue.can_edit_content(request.user):
        raise PermissionDenied(_("This version is published and frozen. Create a new version to change it."))
    form = NodeForm(request.POST or None, instance=node, catalogue=node.catalogue)
    return form_page(
        request,
        form,
        title=_("Edit %(name)s") % {"name": node},
        cancel_url=node.catalogue.get_absolute_url(),
        on_valid=lambda: actions.save_node(
            Actor.from_request(request), form.instance, form.save
        ).get_absolute_url(),
        success=_("Changes saved."),
    )


@login_required
@require_POST
def node_delete(request, pk):
    node = get_visible_or_404(CatalogueNode.objects.select_related("catalogue"), request.user, pk=pk)
    if not node.catalogue.can_edit_content(request.user):
        raise PermissionDenied(_("This version is published and frozen. Create a new version to change it."))
    actions.delete_node(Actor.from_request(request), node)
    messages.success(request, _("Deleted."))
    return redirect(node.catalogue)


# --- areas --------------------------------------------------------------------------------------


def _area_feature(area, info=""):
    return {
        "type": "Feature",
        "geometry": area.geometry,
        "properties": {"name": area.name, "url": area.get_absolute_url(), "info": info},
    }


class AreaList(SharedListView):
    model = Area
    filterset_class = AreaFilter
    template_name = "assessment/area_list.html"
    select_related = ("owner", "municipality")

    def get_context_data(self, **kwargs):
        ctx = _style_filters(super().get_context_data(**kwargs))
        features = [_area_feature(a, str(a.municipality or "")) for a in ctx["object_list"] if a.geometry]
        ctx["map_data"] = {"geojson": {"type": "FeatureCollection", "features": features}, "zoom": 11}
        return ctx


class AreaDetail(SharedDetailView):
    model = Area
    template_name = "assessment/area_detail.html"

    def get_base_queryset(self):
        # the page shows the municipality's name, not the owner (#18: fewer columns compiled and read)
        return Area.objects.select_related("municipality").only(
            *(f.name for f in Area._meta.concrete_fields), "municipality__name"
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        area = self.object
        # the columns the table and the scoring read (catalogue title, version, method, thresholds)
        assessments = list(
            Assessment.objects.visible_to(self.request.user)
            .filter(area=area)
            .select_related("catalogue")
            .only("catalogue", "scenario", "assessed_on", *CATALOGUE_SCORING_FIELDS, "catalogue__title")
            .order_by("assessed_on", "scenario")
        )
        scores = results.score_many(assessments)
        ctx["assessments"] = [(a, scores[a.pk], report.label_text(scores[a.pk].label)) for a in assessments]
        ctx["map_data"] = {
            "geojson": {
                "type": "FeatureCollection",
                "features": [_area_feature(area)] if area.geometry else [],
            },
            "zoom": 14,
        }
        # history: total per scenario over time
        by_scenario = defaultdict(dict)
        for a in assessments:
            by_scenario[a.scenario][a.assessed_on.isoformat()] = scores[a.pk].total.percent
        dates = sorted({a.assessed_on.isoformat() for a in assessments})
        ctx["history"] = charts.line_option(
            dates, [(name, [values.get(d) for d in dates]) for name, values in by_scenario.items()]
        )
        ctx["can_assess"] = bool(orgs_with_role(self.request.user))
        return ctx


class AreaCreate(SharedCreateView):
    model = Area
    form_class = AreaForm
    template_name = "assessment/area_form.html"
    title = gettext_lazy("New area")


class AreaEdit(SharedUpdateView):
    model = Area
    form_class = AreaForm
    template_name = "assessment/area_form.html"


class AreaDelete(SharedDeleteView):
    model = Area

    def get_success_url(self):
        return reverse("assessment:area_list")

    def form_valid(self, form):
        # Assessments (possibly of other organisations) must not vanish with the area.
        if self.object.assessments.exists():
            messages.error(self.request, _("This area has assessments; delete them first."))
            return redirect(self.object)
        return super().form_valid(form)


# --- assessments --------------------------------------------------------------------------------


@login_required
def assessment_create(request):
    if not orgs_with_role(request.user):
        raise PermissionDenied(_("You need the editor role in an organisation to create this."))
    initial = {"area": request.GET.get("area"), "catalogue": request.GET.get("catalogue")}
    form = AssessmentForm(
        request.POST or None,
        user=request.user,
        active_organisation=request.active_organisation,
        initial=initial,
    )

    def create():
        form.instance.created_by = request.user
        assessment = actions.create_assessment(
            Actor.from_request(request), form.cleaned_data["owner"].pk, form.save
        )
        return reverse("assessment:assessment_fill", args=[assessment.pk])

    return form_page(
        request,
        form,
        title=_("New assessment"),
        cancel_url="/assessment/",
        on_valid=create,
        success=_("Assessment created. Rate the measures now."),
    )


class AssessmentEdit(SharedUpdateView):
    model = Assessment
    form_class = AssessmentForm


class AssessmentDelete(SharedDeleteView):
    model = Assessment

    def get_success_url(self):
        return self.object.area.get_absolute_url()


def _assessment(request, pk):
    return get_visible_or_404(
        Assessment.objects.select_related("area", "catalogue", "owner", "area__municipality"),
        request.user,
        pk=pk,
    )


def _feed_link(request, assessment, row):
    """A rating following an indicator feed: link to the series (provenance) or why it is broken."""
    from ikonnekt.assessment import feeds as assessment_feeds

    rating = row.rating
    row.feed_problem, row.feed_visible = "", False
    if rating is None or rating.feed is None:
        return
    rating.assessment = assessment
    rating.measure = row.node  # the row's catalogue entry is the rated measure (no query per rating)
    row.feed_visible = bool(rating.feed.readable)
    if rating.feed.is_broken and not row.feed_visible:
        # the series' own problem text names its source; a reader who may not see the series
        # learns only that it is broken
        row.feed_problem = _("The feed's source is no longer available.")
    else:
        row.feed_problem = assessment_feeds.link_problem(rating)


def assessment_detail(request, pk):
    from ikonnekt.indicators.models import IndicatorSeries

    # Only the columns the page shows of the area, catalogue and owner (the header, the scoring
    # method and thresholds); the compiled join of every column of four tables cost more than
    # the ratings (#18).
    assessment = get_visible_or_404(
        Assessment.objects.select_related("area", "catalogue", "owner").only(
            *(f.name for f in Assessment._meta.concrete_fields),
            "area__name",
            "catalogue__title",
            "catalogue__version",
            "catalogue__aggregation",
            "catalogue__threshold_basic",
            "catalogue__threshold_advanced",
            "catalogue__threshold_ambitious",
            "owner__name",
        ),
        request.user,
        pk=pk,
    )
    # The entries and ratings as plain rows of the listed columns, their SQL compiled once
    # (results.entries / rating_rows; both below the assessment just read through its rule, #18).
    ratings = results.rating_rows(assessment.pk)
    # The followed series in a query of their own, with the read rule on the series' own table
    # (one condition) deciding whether the reader may see each; none when no rating follows a
    # feed (most). Across the ratings' relation (an annotation of every rating) the rule cost
    # more than the ratings themselves (#18).
    feed_ids = {r.feed_id for r in ratings if r.feed_id is not None}
    if feed_ids:
        # every followed series is read (its link state shows whoever reads the assessment); the
        # read rule is the ``readable`` column, and only readers it admits see the series' name,
        # link and problem text (_feed_link)
        series = IndicatorSeries.objects.filter(pk__in=feed_ids).annotate(  # (noqa: sharing) rule as column
            readable=ExpressionWrapper(
                IndicatorSeries.visible_to_q(request.user), output_field=BooleanField()
            )
        )
        by_id = {s.pk: s for s in series}
        for r in ratings:
            r.feed = by_id.get(r.feed_id)
    data = report.build(assessment, nodes=results.entries(assessment.catalogue_id), ratings=ratings)
    comments = defaultdict(list)
    for c in assessment.comments.select_related("author", "author_organisation"):
        comments[c.measure_id].append(c)
    for row in data["rows"]:
        row.comments = comments.get(row.node.pk, [])
        _feed_link(request, assessment, row)
    can_comment = actions.can_comment(request.user, assessment)
    # the page's links from one kept reverse per route (core.links.row_url), not a reverse each
    pk = assessment.pk
    urls = {
        name: row_url(f"assessment:assessment_{name}")(pk)
        for name in ("fill", "pdf", "xlsx", "import", "edit", "delete", "variant", "comment")
    }
    urls["area"] = row_url("assessment:area_detail")(assessment.area_id)
    urls["catalogue"] = row_url("assessment:catalogue_detail")(assessment.catalogue_id)
    # one masked token for the page's forms, the rows' and the template's (as one render shares it)
    csrf_token = get_token(request)
    data.update(
        {
            "csrf_token": csrf_token,
            "urls": urls,
            "rows_html": tablerows.rows_html(
                data["rows"],
                comment_url=urls["comment"],
                csrf_token=csrf_token if can_comment else "",
                can_comment=can_comment,
            ),
            "charts": report.chart_options(data),
            "can_edit": assessment.can_edit(request.user),
            "can_delete": assessment.can_delete(request.user),
            "can_comment": can_comment,
            "can_create": bool(orgs_with_role(request.user)),
            "general_comments": comments.get(None, []),
            "comment_form": CommentForm(),
            "siblings": Assessment.objects.visible_to(request.user)
            .filter(area=assessment.area)
            .exclude(pk=assessment.pk)
            .order_by("assessed_on")
            .only("pk", "scenario", "assessed_on"),
        }
    )
    return render(request, "assessment/assessment_detail.html", data)


def _fill_context(request, assessment, section_id=None):
    data = report.build(assessment)
    categories = data["categories"]
    section = next(
        (r for r in categories if str(r.node.pk) == str(section_id)), categories[0] if categories else None
    )
    rows = []
    if section is not None:
        inside = False
        for row in data["rows"]:
            if row.node.pk == section.node.pk:
                inside = True
            elif row.depth == 0:
                inside = False
            if inside:
                rows.append(row)
    data.update(
        {
            "section": section,
            "section_rows": rows,
            "levels": [0, 1, 2, 3],
            "statuses": RatingStatus.choices,
        }
    )
    return data


@login_required
def assessment_fill(request, pk):
    assessment = get_editable_or_404(
        Assessment.objects.select_related("area", "catalogue", "owner"), request.user, pk=pk
    )
    return render(
        request,
        "assessment/assessment_fill.html",
        _fill_context(request, assessment, request.GET.get("section")),
    )


@login_required
@require_POST
def assessment_rate(request, pk):
    """htmx autosave of one measure; answers the running score panel and the row's state."""
    assessment = get_editable_or_404(
        Assessment.objects.select_related("catalogue", "area"), request.user, pk=pk
    )
    error = ""
    measure = None
    try:
        measure_id = int(request.POST.get("measure", ""))
        measure = get_visible_or_404(CatalogueNode, request.user, pk=measure_id)
    except (ValueError, Http404):
        error = _("Unknown measure.")
    if measure is not None:
        raw = request.POST.get("level", "")
        not_applicable = raw == "na"
        level = None
        if raw not in ("", "na"):
            try:
                level = int(raw)
            except ValueError:
                level = -1
        values = {
            "level": level,
            "not_applicable": not_applicable,
            "reason": request.POST.get("reason", "").strip(),
            "status": request.POST.get("status", ""),
            "evidence": request.POST.get("evidence", "").strip(),
            "documents": request.POST.get("documents", "").strip(),
        }
        if values["status"] not in RatingStatus.values + [""]:
            values["status"] = ""
        if level == -1 or (level is not None and not 0 <= level <= 3):
            error = _("The level must be 0, 1, 2 or 3.")
        else:
            try:
                actions.rate(Actor.from_request(request), assessment, measure, **values)
            except ValidationError as exc:
                error = " ".join(exc.messages)
    data = _fill_context(request, assessment, request.POST.get("section"))
    data.update({"error": error, "measure_id": measure.pk if measure else None, "oob": True})
    return render(request, "assessment/_score_panel.html", data, status=200)


@login_required
@require_POST
def assessment_variant(request, pk):
    source = _assessment(request, pk)
    form = VariantForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Name the scenario."))
        return redirect(source)
    editable = orgs_with_role(request.user)
    owner_id = (
        source.owner_id if source.owner_id in editable else (min(editable) if editable else source.owner_id)
    )
    copy = actions.copy_assessment(
        Actor.from_request(request), source, form.cleaned_data["scenario"], owner_id
    )
    messages.success(
        request,
        _("Scenario “%(name)s” created from “%(source)s”.")
        % {"name": copy.scenario, "source": source.scenario},
    )
    return redirect("assessment:assessment_fill", pk=copy.pk)


@login_required
@require_POST
def assessment_comment(request, pk):
    assessment = _assessment(request, pk)
    form = CommentForm(request.POST)
    measure = None
    if request.POST.get("measure"):
        measure = get_visible_or_404(CatalogueNode, request.user, pk=request.POST["measure"])
    if form.is_valid():
        try:
            actions.add_comment(Actor.from_request(request), assessment, measure, form.cleaned_data["text"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Comment added."))
    else:
        messages.error(request, _("Write a comment."))
    return redirect(assessment.get_absolute_url() + (f"#node-{measure.pk}" if measure else "#comments"))


def assessment_pdf(request, pk):
    assessment = _assessment(request, pk)
    data = report.build(assessment)
    data["svg"] = report.svg_charts(data)
    html = render_to_string("assessment/assessment_pdf.html", data, request=request)
    content = report.pdf(data, html, request.build_absolute_uri("/"))
    if request.user.is_authenticated:
        core_actions.record_download(Actor.from_request(request), assessment, "pdf")
    return download_response(
        content,
        f"bewertung-{slugify(assessment.area.name)}-{slugify(assessment.scenario)}.pdf",
        "application/pdf",
    )


def assessment_xlsx(request, pk):
    assessment = _assessment(request, pk)
    content = report.xlsx(report.build(assessment))
    if request.user.is_authenticated:
        core_actions.record_download(Actor.from_request(request), assessment, "xlsx")
    return download_response(
        content,
        f"bewertung-{slugify(assessment.area.name)}-{slugify(assessment.scenario)}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


@login_required
def assessment_import(request, pk):
    assessment = get_editable_or_404(
        Assessment.objects.select_related("catalogue", "area"), request.user, pk=pk
    )
    form = RatingsImportForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        codes = assessment.catalogue.nodes.filter(kind=NodeKind.MEASURE).values_list("code", flat=True)
        try:
            rows = catalogue_io.parse_ratings_xlsx(form.cleaned_data["file"].read(), codes)
            count = actions.import_ratings(Actor.from_request(request), assessment, rows)
        except catalogue_io.ImportFailed as exc:
            problems = [str(p) for p in exc.problems]
        except ValidationError as exc:
            problems = exc.messages
        else:
            messages.success(request, _("%(count)s ratings imported.") % {"count": count})
            return redirect(assessment)
    return render(
        request,
        "assessment/catalogue_import.html",
        {"form": form, "problems": problems, "assessment": assessment},
    )


# --- comparison and district overview ------------------------------------------------------------


@login_required
def compare(request):
    """Scenarios side by side: the table by measure code, grouped bars and the difference to the first."""
    ids = [int(i) for i in request.GET.getlist("ids") if i.isdigit()][:6]
    assessments = list(
        Assessment.objects.visible_to(request.user).filter(pk__in=ids).select_related("area", "catalogue")
    )
    assessments.sort(key=lambda a: ids.index(a.pk))
    if len(assessments) < 2:
        messages.info(request, _("Choose at least two assessments to compare."))
        area_id = request.GET.get("area")
        return redirect(
            reverse("assessment:area_detail", args=[area_id])
            if area_id and area_id.isdigit()
            else reverse("assessment:area_list")
        )
    reports = [report.build(a) for a in assessments]
    base = reports[0]
    # match entries by code across versions
    lookup = [{row.node.code: row for row in r["rows"]} for r in reports]
    table = []
    for row in base["rows"]:
        cells = [lk.get(row.node.code) for lk in lookup]
        values = [c.score.percent if c else None for c in cells]
        cols = []
        for i, cell in enumerate(cells):
            diff = None
            if i and values[i] is not None and values[0] is not None:
                delta = values[i] - values[0]
                if row.is_measure:
                    delta = delta * 3 / 100  # levels
                rounded = round(delta)
                diff = f"+{rounded}" if rounded > 0 else str(rounded)
            cols.append({"cell": cell, "diff": diff, "first": i == 0})
        table.append({"row": row, "cols": cols})
    categories = [r.node for r in base["categories"]]
    series = [
        (
            a.scenario,
            [lookup[i].get(c.code).score.percent if lookup[i].get(c.code) else None for c in categories],
        )
        for i, a in enumerate(assessments)
    ]
    bars = charts.grouped_bars_option(
        [c.title for c in categories] + [_("Total")],
        [(name, values + [reports[i]["total"].percent]) for i, (name, values) in enumerate(series)],
    )
    return render(
        request,
        "assessment/compare.html",
        {
            "assessments": assessments,
            "reports": reports,
            "table": table,
            "bars": bars,
            "area": assessments[0].area,
        },
    )


@login_required
def district_overview(request):
    """All visible assessments of all municipalities, compared by total and category (constant queries)."""
    catalogues = list(
        Catalogue.objects.visible_to(request.user)
        .filter(status="published")
        .order_by("title", "version")
        .only("family", "title")
    )
    families = [str(c.family) for c in catalogues]
    family = request.GET.get("family") or (families[0] if families else "")
    if family not in families:  # a catalogue that is gone, not visible or no id at all (not a 500)
        if request.GET.get("family"):
            messages.warning(request, _("This catalogue cannot be shown; showing the first one instead."))
        family = families[0] if families else ""
    qs = Assessment.objects.visible_to(request.user)
    # only the columns the table, map and scoring read (#18)
    assessments = list(
        (qs.filter(catalogue__family=family) if family else qs.none())
        .select_related("area", "area__municipality", "catalogue", "owner")
        .only(
            "area",
            "catalogue",
            "owner",
            "scenario",
            "assessed_on",
            "area__name",
            "area__geometry",
            "area__municipality",
            "area__municipality__name",
            *CATALOGUE_SCORING_FIELDS,
            "owner__name",
        )
        .order_by("area__municipality__name", "area__name", "assessed_on")
    )
    nodes = results.catalogue_nodes({a.catalogue_id for a in assessments}, results.SCORING_FIELDS)
    scores = results.score_many(assessments, nodes)
    category_titles = []
    for a in assessments:
        for n in nodes[a.catalogue_id]:
            if n.parent_id is None and n.title not in category_titles:
                category_titles.append(n.title)
    rows = []
    for a in assessments:
        by_title = {
            n.title: scores[a.pk].nodes[n.pk].percent for n in nodes[a.catalogue_id] if n.parent_id is None
        }
        rows.append(
            {
                "assessment": a,
                "total": scores[a.pk].total.percent,
                "label": report.label_text(scores[a.pk].label),
                "gates_failed": bool(scores[a.pk].failures),
                "categories": [by_title.get(t) for t in category_titles],
            }
        )
    latest = {}
    for row in rows:  # the latest assessment per area and scenario for the chart
        latest[(row["assessment"].area_id, row["assessment"].scenario)] = row
    chart_rows = list(latest.values())[:40]
    bars = charts.grouped_bars_option(
        [f"{r['assessment'].area.name} – {r['assessment'].scenario}" for r in chart_rows],
        [(_("Total"), [r["total"] for r in chart_rows])],
    )
    features = []
    seen = set()
    for row in rows:
        area = row["assessment"].area
        if area.geometry and area.pk not in seen:
            seen.add(area.pk)
            features.append(_area_feature(area, str(area.municipality or "")))
    return render(
        request,
        "assessment/district.html",
        {
            "catalogues": catalogues,
            "family": family,
            "rows": rows,
            "category_titles": category_titles,
            "bars": bars,
            "map_data": {"geojson": {"type": "FeatureCollection", "features": features}, "zoom": 10},
        },
    )


# The IDOR walker (tests/test_idor.py) learns the model behind each id from these.
for _view, _model in [
    (catalogue_publish, Catalogue),
    (catalogue_derive, Catalogue),
    (catalogue_export, Catalogue),
    (node_create, Catalogue),
    (node_edit, CatalogueNode),
    (node_delete, CatalogueNode),
    (assessment_detail, Assessment),
    (assessment_fill, Assessment),
    (assessment_rate, Assessment),
    (assessment_variant, Assessment),
    (assessment_comment, Assessment),
    (assessment_pdf, Assessment),
    (assessment_xlsx, Assessment),
    (assessment_import, Assessment),
]:
    _view.shareable_model = _model
