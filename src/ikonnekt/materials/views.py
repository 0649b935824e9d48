"""Pages of the materials app: MFA systems and green-waste scenarios (thin; maths in domain modules)."""

import io
import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.formats import localize
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ikonnekt.core import actions as core_actions
from ikonnekt.core import tabular
from ikonnekt.core.audit import Actor
from ikonnekt.core.crud import (
    SharedCreateView,
    SharedDeleteView,
    SharedDetailView,
    SharedListView,
    SharedUpdateView,
)
from ikonnekt.core.formpages import child_form_page
from ikonnekt.core.jobs import enqueue
from ikonnekt.core.numformat import floatformat
from ikonnekt.core.prepared import Rows
from ikonnekt.core.sharing import get_editable_or_404, get_visible_or_404
from ikonnekt.materials import actions, explain, mfa, mfa_io, reports, scenario_rows, system_rows
from ikonnekt.materials.allocation import AllocationError
from ikonnekt.materials.forms import (
    AnalysisForm,
    DistanceUploadForm,
    ImportSystemForm,
    MonthForm,
    PlantForm,
    PointForm,
    ScenarioForm,
    SystemForm,
    UploadForm,
    ValueFormSet,
)
from ikonnekt.materials.greenwaste import optimise_scenario
from ikonnekt.materials.models import (
    CollectionPoint,
    FlowValue,
    GreenWasteScenario,
    Layer,
    MfaSystem,
    Plant,
)
from ikonnekt.materials.reconciliation import ReconciliationError
from ikonnekt.materials.transport import DistanceCSVError

# Above this many point–plant pairs the optimisation runs as a background job.
JOB_THRESHOLD = 2000
JOB_MUNICIPALITIES = 8
LAYER_UNITS = {"goods": "t/a", "C": "t C/a", "N": "t N/a", "P": "t P/a", "energy": "MWh/a"}


def _read_upload(form):
    raw = form.cleaned_data["file"].read()
    if form.kind == "json":
        try:
            return json.loads(raw.decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise mfa_io.ImportError_([_("The JSON file cannot be read: %(e)s") % {"e": exc}]) from exc
    return mfa_io.from_xlsx(raw)


# --- MFA systems ------------------------------------------------------------------------------


class SystemList(SharedListView):
    model = MfaSystem
    template_name = "materials/system_list.html"


class SystemCreate(SharedCreateView):
    model = MfaSystem
    form_class = SystemForm
    title = gettext_lazy("New material-flow system")


class SystemUpdate(SharedUpdateView):
    model = MfaSystem
    form_class = SystemForm


class SystemDelete(SharedDeleteView):
    model = MfaSystem
    success_url = reverse_lazy("materials:system_list")


class SystemDetail(SharedDetailView):
    model = MfaSystem
    template_name = "materials/system_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        system = self.object
        data = mfa_io.system_to_dict(system)
        years = system.years
        form = AnalysisForm(
            self.request.GET or None, initial={"year": years[-1] if years else None, "layer": "goods"}
        )
        year, layer = (years[-1] if years else None), "goods"
        if not years:  # no periods yet (last before first, e.g. from the API): say so, no 500
            ctx.update(
                data=data,
                form=form,
                year=None,
                layer=layer,
                layer_label=dict(Layer.choices)[layer],
                unit=LAYER_UNITS[layer],
                errors=[_("The system has no periods yet: set its first and last period.")],
                analysis=None,
                comparison=_comparison_table([]),
                stocks=None,
                diagram=_diagram(data),
                process_rows=_process_rows(data),
                flow_definitions=_flow_definitions(data),
            )
            return _with_html(ctx)
        if form.is_valid():
            year, layer = form.cleaned_data["year"], form.cleaned_data["layer"]
        ctx.update(
            data=data,
            form=form,
            year=year,
            layer=layer,
            layer_label=dict(Layer.choices)[layer],
            unit=LAYER_UNITS[layer],
        )

        def analyse(y):
            try:
                return mfa.analyse(data, y, layer), None
            except ReconciliationError as exc:
                return None, exc

        # every period is reconciled once: the chosen one is also a column of the comparison
        outcomes = {y: analyse(y) for y in years}
        analysis, error = outcomes[year] if year in outcomes else analyse(year)
        if error is not None:
            ctx["errors"] = error.messages
        ctx["analysis"] = analysis
        if analysis:
            ctx["sankey"] = mfa.sankey_option(analysis, LAYER_UNITS[layer])
            ctx["flow_rows"] = _flow_rows(analysis)
            ctx["balance_rows"] = _balance_rows(analysis)
        comparison = [result for result, failure in outcomes.values() if result is not None]
        ctx["comparison"] = _comparison_table(comparison)
        ctx["stocks"] = _stock_rows(mfa.stock_series(data, comparison)) if layer == "goods" else None
        ctx["diagram"] = _diagram(data)
        ctx["process_rows"] = _process_rows(data)
        ctx["flow_definitions"] = _flow_definitions(data)
        return _with_html(ctx)


def _with_html(ctx):
    """The system page's tables as HTML (``system_rows``) from the rows made below."""
    if ctx.get("flow_rows") is not None:
        ctx["flow_rows_html"] = system_rows.flow_rows(ctx["flow_rows"])
    if ctx.get("balance_rows") is not None:
        ctx["balance_rows_html"] = system_rows.balance_rows(ctx["balance_rows"])
    ctx["comparison_heads"] = system_rows.comparison_heads(ctx["comparison"])
    ctx["comparison_rows"] = system_rows.comparison_rows(ctx["comparison"])
    if ctx.get("stocks") is not None:
        ctx["stock_rows"] = system_rows.stock_rows(ctx["stocks"])
    ctx["process_rows_html"] = system_rows.process_rows(ctx["process_rows"])
    ctx["flow_definitions_html"] = system_rows.flow_definitions(ctx["flow_definitions"])
    return ctx


# The tables of the system page get their cells as text made here once (a template filter per
# cell was most of the page's time); the text is what ``floatformat``/``default`` rendered.


def _measured(value, sigma):
    """("1234,5", " ± 12,0") or ("", "") for no value."""
    if value is None:
        return "", ""
    return floatformat(value, 1), (f" ± {floatformat(sigma, 1)}" if sigma else "")


def _flow_rows(analysis):
    import_label, export_label = _("Import (boundary)"), _("Export (boundary)")
    statistic, adjusted = _("test statistic"), _("significant adjustment")
    rows = []
    for r in analysis["flows"]:
        measured, measured_sigma = _measured(r["measured"], r["measured_sigma"])
        value, sigma = _measured(r["value"], r["sigma"])
        rows.append(
            {
                "id": r["id"],
                "flagged": r["flagged"],
                "source": "–" if r["is_stock"] else (r["source"] or import_label),
                "target": r["process"] if r["is_stock"] else (r["target"] or export_label),
                "measured": measured + measured_sigma,
                "value": value,
                "sigma": sigma,
                "status_label": r["status_label"],
                "flag_title": f"{statistic} {floatformat(r['test_statistic'], 2)}" if r["flagged"] else "",
                "flag_label": adjusted,
            }
        )
    return rows


def _balance_rows(analysis):
    return [
        {
            "process": b["process"],
            "inflow": floatformat(b["inflow"], 1),
            "outflow": floatformat(b["outflow"], 1),
            "stock_change": floatformat(b["stock_change"], 1),
            "raw_residual": None if b["raw_residual"] is None else floatformat(b["raw_residual"], 1),
            "residual": "–" if b["residual"] is None else floatformat(b["residual"], 3),
        }
        for b in analysis["balances"]
    ]


def _stock_rows(stocks):
    """The rows of the stock table; None when no process holds a stock (no table)."""
    if not stocks:
        return None
    return [
        {
            "process": name,
            "year": s["year"],
            "change": floatformat(s["change"], 1),
            "stock": floatformat(s["stock"], 1),
        }
        for name, series in stocks.items()
        for s in series
    ]


def _process_rows(data):
    yes = _("yes")
    rows = []
    for p in data["processes"]:
        stock = ""
        if p["has_stock"]:
            stock = yes
            if p["initial_stock"] is not None:
                stock += f" ({floatformat(p['initial_stock'], 0)} t)"
        rows.append({"name": p["name"], "parent": p["parent"] or "", "stock": stock})
    return rows


def _flow_definitions(data):
    def text(value, empty):
        return empty if value is None else localize(value)

    waste = {"waste": _("Waste generated"), "recycled": _("Waste recycled")}
    inputs = {"primary": _("Primary raw material input"), "secondary": _("Secondary raw material input")}
    rows = []
    for f in data["flows"]:
        roles = waste.get(f["waste_role"], "")
        if f["waste_role"] and f["input_role"]:
            roles += " · "
        roles += inputs.get(f["input_role"], "")
        rows.append(
            {
                "name": f["name"],
                "bulk_density": text(f["bulk_density"], ""),
                "heating_value": text(f["heating_value"], ""),
                "cnp": " / ".join(text(f[k], "–") for k in ("carbon", "nitrogen", "phosphorus")),
                "roles": roles,
            }
        )
    return rows


def _comparison_table(analyses):
    years = [a["year"] for a in analyses]
    flows = {}
    for a in analyses:
        for row in a["flows"]:
            value, sigma = _measured(row["value"], row["sigma"])
            flows.setdefault(row["id"], {})[a["year"]] = {"value": value, "sigma": sigma[1:]}
    empty = {"value": "", "sigma": ""}
    return {
        "years": years,
        "rows": [{"id": k, "cells": [v.get(y, empty) for y in years]} for k, v in flows.items()],
    }


def _diagram(data):
    """A static ECharts graph of processes and flows (the system's structure)."""
    nodes = [{"name": p["name"], "symbolSize": 34 if p["has_stock"] else 26} for p in data["processes"]]
    boundary = [_("Import (boundary)"), _("Export (boundary)")]
    links = []
    used = set()
    for f in data["flows"]:
        src = f["source"] or boundary[0]
        tgt = f["target"] or boundary[1]
        used.update({src, tgt})
        links.append({"source": src, "target": tgt, "name": f["name"]})
    nodes += [{"name": b, "symbolSize": 18, "itemStyle": {"color": "#adb5bd"}} for b in boundary if b in used]
    return {
        "series": [
            {
                "type": "graph",
                "layout": "force",
                "force": {"repulsion": 700, "edgeLength": [90, 170]},
                "roam": True,
                "label": {"show": True},
                "edgeSymbol": ["none", "arrow"],
                "edgeLabel": {"show": False},
                "emphasis": {"focus": "adjacency", "edgeLabel": {"show": True, "formatter": "{b}"}},
                "data": nodes,
                "links": links,
            }
        ]
    }


@login_required
def system_import(request):
    form = ImportSystemForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            data = _read_upload(form)
            system = actions.import_system(Actor.from_request(request), form.cleaned_data["owner"].pk, data)
        except mfa_io.ImportError_ as exc:
            for msg in exc.messages[:30]:
                form.add_error(None, msg)
        else:
            messages.success(request, _("System “%(n)s” imported.") % {"n": system})
            return redirect(system)
    return render(
        request,
        "core/form.html",
        {
            "form": form,
            "title": _("Import a material-flow system"),
            "cancel_url": reverse("materials:system_list"),
        },
    )


@login_required
def system_replace(request, pk):
    system = get_editable_or_404(MfaSystem, request.user, pk=pk)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.import_system(
                Actor.from_request(request), system.owner_id, _read_upload(form), system=system
            )
        except mfa_io.ImportError_ as exc:
            for msg in exc.messages[:30]:
                form.add_error(None, msg)
        else:
            messages.success(request, _("Data replaced."))
            return redirect(system)
    return render(
        request,
        "core/form.html",
        {
            "form": form,
            "title": _("Replace the data of %(n)s") % {"n": system},
            "intro": _(
                "Processes, flows, values and stocks are replaced by the file's content (all or nothing)."
            ),
            "cancel_url": system.get_absolute_url(),
        },
    )


system_replace.shareable_model = MfaSystem


def system_export(request, pk, fmt):
    system = get_visible_or_404(MfaSystem, request.user, pk=pk)
    data = mfa_io.system_to_dict(system)
    name = slugify(system.name) or "system"
    if request.user.is_authenticated:
        core_actions.record_download(Actor.from_request(request), system, fmt)
    if fmt == "json":
        response = HttpResponse(
            json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.json"'
        return response
    if fmt == "xlsx":
        response = HttpResponse(
            mfa_io.to_xlsx(data),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response
    # CSV of the results of every period in the chosen layer
    layer = request.GET.get("layer", "goods")
    if layer not in LAYER_UNITS:
        layer = "goods"
    buf = io.StringIO()
    writer = tabular.CsvWriter(buf)  # language-aware separators, formulas neutralised
    writer.writerow(
        ["period", "layer", "flow", "from", "to", "measured", "reconciled", "sigma", "status", "flagged"]
    )
    for year in system.years:
        try:
            analysis = mfa.analyse(data, year, layer)
        except ReconciliationError:
            continue
        for row in analysis["flows"]:
            writer.writerow(
                [
                    year,
                    layer,
                    row["id"],
                    row["source"] or "",
                    row["target"] or row["process"] or "",
                    row["measured"],
                    row["value"],
                    row["sigma"],
                    row["status"],
                    int(row["flagged"]),
                ]
            )
    response = HttpResponse(buf.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}-{layer}.csv"'
    return response


system_export.shareable_model = MfaSystem


# --- green-waste scenarios ---------------------------------------------------------------------


class ScenarioList(SharedListView):
    model = GreenWasteScenario
    template_name = "materials/scenario_list.html"


class ScenarioCreate(SharedCreateView):
    model = GreenWasteScenario
    form_class = ScenarioForm
    title = gettext_lazy("New green-waste scenario")


class ScenarioUpdate(SharedUpdateView):
    model = GreenWasteScenario
    form_class = ScenarioForm


class ScenarioDelete(SharedDeleteView):
    model = GreenWasteScenario
    success_url = reverse_lazy("materials:scenario_list")


# What the scenario page reads of its collection points and plants.
POINT_FIELDS = (
    "scenario",
    "name",
    "municipality",
    "latitude",
    "longitude",
    "opening_hours",
    "quantity_m3",
    "quantity_t",
    "method",
    "responsibility",
)
PLANT_FIELDS = (
    "scenario",
    "name",
    "kind",
    "candidate",
    "latitude",
    "longitude",
    "operator",
    "capacity_t",
    "gate_fee",
    "fixed_cost",
    "thermal_kw",
    "full_load_hours",
    "energy_yield",
    "woody_share",
)


def _children_rows(model, fields, relation):
    """(attnames in model order, Rows) of a scenario's children with the name of ``relation``:
    the columns ``.only(*fields, f"{relation}__name")`` reads, the SQL compiled once (#18)."""
    attnames = [f.attname for f in model._meta.concrete_fields if f.primary_key or f.name in fields]
    rows = Rows(
        lambda scenario_id: model.objects.filter(scenario_id=scenario_id).values_list(
            *attnames, f"{relation}__name"
        )
    )
    return attnames, rows


_POINT_COLUMNS, _point_rows = _children_rows(CollectionPoint, POINT_FIELDS, "municipality")
_PLANT_COLUMNS, _plant_rows = _children_rows(Plant, PLANT_FIELDS, "operator")


def _children(scenario, model, columns, rows, relation):
    """The scenario's points or plants as models (only the read columns loaded, as ``.only``
    loads them) with the scenario and the related organisation (id and name) attached, as
    ``scenario.points.select_related(relation).only(...)`` gives them, in the model's order."""
    db = scenario._state.db
    relation_field = model._meta.get_field(relation)
    scenario_field = model._meta.get_field("scenario")
    organisation = relation_field.related_model
    out = []
    for *values, name in rows(scenario.pk):
        obj = model.from_db(db, columns, values)
        related_id = getattr(obj, relation_field.attname)
        related = None if related_id is None else organisation.from_db(db, ["id", "name"], (related_id, name))
        relation_field.set_cached_value(obj, related)
        scenario_field.set_cached_value(obj, scenario)
        out.append(obj)
    return out


class ScenarioDetail(SharedDetailView):
    model = GreenWasteScenario
    template_name = "materials/scenario_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        scenario = self.object
        # the page shows only the name of a point's municipality and of a plant's operator
        points = _children(scenario, CollectionPoint, _POINT_COLUMNS, _point_rows, "municipality")
        plants = _children(scenario, Plant, _PLANT_COLUMNS, _plant_rows, "operator")
        ctx.update(points=points, plants=plants, result=scenario.result or None)
        ctx["map"] = reports.map_config(scenario, points, plants, scenario.result)
        if scenario.result:
            ctx["pareto_chart"] = reports.pareto_chart(scenario.result)
            ctx["utilisation_chart"] = reports.utilisation_chart(scenario.result)
            names = {str(p.pk): p.name for p in points}
            plant_names = {str(p.pk): p.name for p in plants}
            ctx["flows"] = [
                {
                    **f,
                    "point_name": names.get(f["point"], f["point"]),
                    "plant_name": plant_names.get(f["plant"], f["plant"]),
                }
                for f in scenario.result.get("flows", [])
            ]
            coop = scenario.result.get("cooperation")
            if coop and not coop.get("error") and "core" in coop:
                ctx["splits"] = explain.splits(coop)
                ctx["split_rows"] = explain.split_rows(coop, ctx["splits"])
                ctx["core_level"], ctx["core_message"] = explain.core_message(coop)
                ctx["split_rows_html"] = scenario_rows.split_rows(ctx["split_rows"])
                ctx["split_heads"] = scenario_rows.split_heads(ctx["splits"])
                ctx["core_cells"] = scenario_rows.core_cells(ctx["splits"])
                ctx["split_explanations"] = scenario_rows.split_explanations(ctx["splits"])
            ctx["how_computed"] = explain.how_computed(scenario, scenario.result)
            ctx["how_computed_html"] = scenario_rows.how_computed(ctx["how_computed"])
            ctx["capped_plants"] = [p for p in scenario.result.get("plants", []) if p.get("energy_capped")]
            ctx["flow_rows"] = scenario_rows.flow_rows(ctx["flows"])
            ctx["municipality_rows"] = scenario_rows.municipality_rows(
                scenario.result.get("municipalities", [])
            )
        ctx["point_rows"] = scenario_rows.point_rows(self.request, scenario, points, ctx["can_edit"])
        ctx["plant_rows"] = scenario_rows.plant_rows(self.request, scenario, plants, ctx["can_edit"])
        ctx["total_t"] = sum(p.tonnes() for p in points)
        ctx["total_capacity"] = sum(p.capacity_t for p in plants)
        return ctx


@login_required
@require_POST
def scenario_optimise(request, pk):
    scenario = get_editable_or_404(GreenWasteScenario, request.user, pk=pk)
    actor = Actor.from_request(request)
    pairs = scenario.points.count() * scenario.plants.count()
    municipalities = scenario.points.values("municipality").distinct().count()
    # The alone-vs-together game needs 2ⁿ optimisations: many municipalities go to the background too.
    if pairs > JOB_THRESHOLD or municipalities > JOB_MUNICIPALITIES:
        job = enqueue(
            "materials.optimise",
            actor=actor,
            label=_("Optimise %(n)s") % {"n": scenario},
            scenario_id=scenario.pk,
            user_id=request.user.pk,
        )
        return redirect("core:job_detail", job.pk)
    try:
        result = optimise_scenario(scenario)
    except AllocationError as exc:
        for msg in exc.messages:
            messages.error(request, msg)
        return redirect(scenario)
    actions.save_optimisation(actor, scenario, result)
    messages.success(request, _("Optimisation finished."))
    return redirect(scenario)


scenario_optimise.shareable_model = GreenWasteScenario


def _child_form_page(request, pk, form_class, title):
    scenario = get_editable_or_404(GreenWasteScenario, request.user, pk=pk)
    form = form_class(request.POST or None)
    form.instance.scenario = scenario
    return child_form_page(request, scenario, form, title=title)


@login_required
def point_create(request, pk):
    return _child_form_page(request, pk, PointForm, _("New collection point"))


@login_required
def plant_create(request, pk):
    return _child_form_page(request, pk, PlantForm, _("New plant or candidate site"))


point_create.shareable_model = GreenWasteScenario
plant_create.shareable_model = GreenWasteScenario


def _delete_child(request, pk, model, child_id):
    scenario = get_editable_or_404(GreenWasteScenario, request.user, pk=pk)
    obj = get_visible_or_404(model.objects.filter(scenario=scenario), request.user, pk=child_id)
    core_actions.delete_child(Actor.from_request(request), scenario, obj)
    messages.success(request, _("Deleted."))
    return redirect(scenario)


@login_required
@require_POST
def point_delete(request, pk, child_id):
    return _delete_child(request, pk, CollectionPoint, child_id)


@login_required
@require_POST
def plant_delete(request, pk, child_id):
    return _delete_child(request, pk, Plant, child_id)


point_delete.shareable_model = GreenWasteScenario
plant_delete.shareable_model = GreenWasteScenario


@login_required
def distances_import(request, pk):
    scenario = get_editable_or_404(GreenWasteScenario, request.user, pk=pk)
    form = DistanceUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.import_distances(Actor.from_request(request), scenario, form.text)
        except DistanceCSVError as exc:
            for msg in exc.messages[:30]:
                form.add_error(None, msg)
        else:
            messages.success(request, _("Road distances imported; the optimisation now uses them."))
            return redirect(scenario)
    return render(
        request,
        "core/form.html",
        {"form": form, "title": _("Import road distances"), "cancel_url": scenario.get_absolute_url()},
    )


distances_import.shareable_model = GreenWasteScenario


def monitoring_page(request, pk):
    scenario = get_visible_or_404(GreenWasteScenario, request.user, pk=pk)
    form = None
    if scenario.can_edit(request.user):
        form = MonthForm(request.POST or None, scenario=scenario, initial={"year": scenario.year})
        if request.method == "POST" and form.is_valid():
            d = form.cleaned_data
            actions.record_month(
                Actor.from_request(request),
                d["point"],
                d["year"],
                d["month"],
                d["reported_t"],
                d["delivered_t"],
            )
            messages.success(request, _("Saved."))
            return redirect("materials:monitoring", scenario.pk)
    rows, totals = reports.monitoring_rows(scenario)
    return render(
        request,
        "materials/monitoring.html",
        {
            "object": scenario,
            "rows": rows,
            "totals": totals,
            "form": form,
            "chart": reports.monitoring_chart(totals),
        },
    )


monitoring_page.shareable_model = GreenWasteScenario


def scenario_report(request, pk, fmt):
    scenario = get_visible_or_404(GreenWasteScenario, request.user, pk=pk)
    if request.user.is_authenticated:
        core_actions.record_download(Actor.from_request(request), scenario, fmt)
    name = slugify(scenario.name) or "scenario"
    if fmt == "pdf":
        response = HttpResponse(
            reports.annual_report_pdf(scenario, request.build_absolute_uri("/")),
            content_type="application/pdf",
        )
    else:
        response = HttpResponse(
            reports.annual_report_xlsx(scenario),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{name}-{scenario.year}.{fmt}"'
    return response


scenario_report.shareable_model = GreenWasteScenario


@login_required
def system_values(request, pk):
    """Table editor: the data of every flow for one period and layer."""
    system = get_editable_or_404(MfaSystem, request.user, pk=pk)
    try:
        year = int(request.GET.get("year") or system.last_year)
    except ValueError:
        year = system.last_year
    year = min(max(year, 1900), 2200)
    layer = request.GET.get("layer") if request.GET.get("layer") in LAYER_UNITS else "goods"
    flows = list(system.flows.select_related("source", "target"))
    existing = {v.flow_id: v for v in FlowValue.objects.filter(flow__system=system, year=year, layer=layer)}
    initial = []
    for f in flows:
        v = existing.get(f.pk)
        initial.append(
            {
                "flow_id": f.pk,
                "value": v.value if v else None,
                "unit": v.unit if v else ("MWh" if layer == "energy" else "t"),
                "uncertainty": v.uncertainty if v else None,
                "uncertainty_is_percent": v.uncertainty_is_percent if v else True,
                "transfer_coefficient": v.transfer_coefficient if v else None,
                "source": v.source if v else "",
                "quality": v.quality if v else "measured",
            }
        )
    formset = ValueFormSet(request.POST or None, initial=initial, prefix="v")
    if request.method == "POST" and formset.is_valid():
        actions.save_period_values(
            Actor.from_request(request), system, year, layer, [f.cleaned_data for f in formset.forms]
        )
        messages.success(request, _("Saved."))
        return redirect(f"{system.get_absolute_url()}?year={year}&layer={layer}")
    rows = list(zip(flows, formset.forms, strict=True)) if len(formset.forms) == len(flows) else []
    return render(
        request,
        "materials/system_values.html",
        {
            "object": system,
            "formset": formset,
            "rows": rows,
            "year": year,
            "layer": layer,
            "layers": Layer.choices,
        },
    )


system_values.shareable_model = MfaSystem


@login_required
def system_roles(request, pk):
    """Which flows count for the recycling rate (RR) and the secondary-material share (NS)."""
    from ikonnekt.materials.models import InputRole, WasteRole

    system = get_editable_or_404(MfaSystem, request.user, pk=pk)
    flows = list(system.flows.select_related("source", "target"))
    if request.method == "POST":
        roles = {
            f.pk: (request.POST.get(f"waste-{f.pk}", ""), request.POST.get(f"input-{f.pk}", ""))
            for f in flows
        }
        try:
            actions.save_flow_roles(Actor.from_request(request), system, roles)
        except ValidationError as exc:
            messages.error(request, "; ".join(exc.messages))
        else:
            messages.success(request, _("Saved."))
            return redirect(system.get_absolute_url())
    return render(
        request,
        "materials/system_roles.html",
        {
            "object": system,
            "flows": flows,
            "waste_roles": WasteRole.choices,
            "input_roles": InputRole.choices,
        },
    )


system_roles.shareable_model = MfaSystem
