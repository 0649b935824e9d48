"""Energy pages: buildings and meters, readings (entry, import), weather, reports, quarters.

Views stay thin: reading goes through the sharing rule, writing through ``actions``, figures
come from ``services``/``reports``/``concepts``.
"""

import datetime as dt
import functools
from zoneinfo import ZoneInfo

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ikonnekt.core import numformat
from ikonnekt.core.actions import record_download
from ikonnekt.core.audit import Actor
from ikonnekt.core.crud import (
    SharedCreateView,
    SharedDeleteView,
    SharedDetailView,
    SharedListView,
    SharedUpdateView,
)
from ikonnekt.core.files import download_response
from ikonnekt.core.formpages import child_form_page
from ikonnekt.core.forms import add_validation_error
from ikonnekt.core.links import row_url
from ikonnekt.core.sharing import ensure_can_edit, get_editable_or_404, get_visible_or_404, orgs_with_role
from ikonnekt.energy import (
    actions,
    building_page,
    charts,
    concepts,
    display,
    explain,
    loader,
    reports,
    services,
    year_figures,
)
from ikonnekt.energy.domain import analysis
from ikonnekt.energy.filters import BuildingFilter
from ikonnekt.energy.fingerprint import fingerprints
from ikonnekt.energy.forms import (
    BuildingForm,
    ExchangeForm,
    GroupForm,
    ImportForm,
    MeasureForm,
    MeterForm,
    QuarterBuildingForm,
    QuarterForm,
    ReadingForm,
    ReportForm,
    StationForm,
    TariffForm,
    TemperatureImportForm,
    VariantForm,
)
from ikonnekt.energy.loader import loaded_degree_days, preload_stations
from ikonnekt.energy.models import (
    Building,
    BuildingGroup,
    DailyTemperature,
    EmissionFactor,
    EmissionFactorSet,
    EnergyReport,
    Measure,
    Meter,
    MeterKind,
    Quarter,
    QuarterBuilding,
    Reading,
    ReadingImport,
    Variant,
    WeatherStation,
)

BERLIN = ZoneInfo("Europe/Berlin")
PDF = "application/pdf"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _year(request, default_offset=1):
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = dt.date.today().year - default_offset
    return max(2000, min(dt.date.today().year, year))


def _factor_set(request, year):
    """The emission factor set of the page: the one asked for (``?factors=``), else the newest
    BISKO set up to ``year``, else the first set (the sets' order: method, newest year first);
    with its factors (``entries``), both read in one query (#18: the set, then its factors, were
    two; the ORM's conditional ordering cost more to compile than the query saved)."""
    chosen = int(request.GET["factors"]) if request.GET.get("factors", "").isdigit() else 0
    with connection.cursor() as cursor:
        cursor.execute(_factor_set_sql(), [chosen, "bisko", year])
        rows = cursor.fetchall()
    if not rows:
        return None
    set_fields, entry_fields = _factor_set_fields()
    factor_set = EmissionFactorSet.from_db(connection.alias, set_fields, rows[0][: len(set_fields)])
    entries = []
    for row in rows:
        values = list(row[len(set_fields) :])
        if values[0] is None:  # a set without factors (LEFT JOIN)
            continue
        values[-1] = bool(values[-1])  # ``approximate``, as the ORM converts SQLite's 0/1
        entry = EmissionFactor.from_db(connection.alias, entry_fields, values)
        entry.factor_set = factor_set
        entries.append(entry)
    # what ``prefetch_related("entries")`` leaves on the set (Django's prefetch_one_level does the
    # same): ``factor_set.entries.all()`` returns these rows without a query
    cached = factor_set.entries.all()
    cached._result_cache, cached._prefetch_done = entries, True
    factor_set._prefetched_objects_cache = {"entries": cached}
    return factor_set


def _factor_set_fields():
    """The columns :func:`_factor_set_sql` reads: the set's, then its factor's (``approximate`` last)."""
    set_fields = [f.attname for f in EmissionFactorSet._meta.concrete_fields]
    entry_fields = [f.attname for f in EmissionFactor._meta.concrete_fields if f.attname != "approximate"]
    return set_fields, [*entry_fields, "approximate"]


@functools.lru_cache(maxsize=1)
def _factor_set_sql() -> str:
    """:func:`_factor_set`'s query, written once from the models' meta (every value a parameter):
    the chosen set (ranked: asked for, newest BISKO up to the year, the first) with its factors
    in their order (carrier)."""
    qn = connection.ops.quote_name
    sets, factors = qn(EmissionFactorSet._meta.db_table), qn(EmissionFactor._meta.db_table)
    set_fields, entry_fields = _factor_set_fields()
    set_columns = ", ".join(f"s.{qn(EmissionFactorSet._meta.get_field(n).column)}" for n in set_fields)
    entry_columns = ", ".join(f"e.{qn(EmissionFactor._meta.get_field(n).column)}" for n in entry_fields)
    return (
        f"SELECT {set_columns}, {entry_columns} FROM {sets} s "  # noqa: S608 - names from the models' meta
        f"LEFT JOIN {factors} e ON e.{qn('factor_set_id')} = s.{qn('id')} "
        f"WHERE s.{qn('id')} = (SELECT c.{qn('id')} FROM {sets} c ORDER BY CASE WHEN c.{qn('id')} = %s THEN 0 "
        f"WHEN c.{qn('method')} = %s AND c.{qn('year')} <= %s THEN 1 ELSE 2 END, "
        f"c.{qn('method')}, c.{qn('year')} DESC LIMIT 1) "
        f"ORDER BY e.{qn('carrier')}"
    )


def _child(model, user, pk, *related):
    """A child object (meter, measure, …) visible through its parent, else 404 (``related``:
    relations read with it, e.g. the meter's building that its page shows)."""
    qs = model.objects.visible_to(user)
    # no ordering: the model's (e.g. a meter's building name) only adds a join to compile (#18)
    obj = (qs.select_related(*related) if related else qs).filter(pk=pk).order_by().first()
    if obj is None:
        raise Http404
    return obj


def _child_create_view(parent_model, form_class, parent_field, title):
    """Page adding a ``form_class`` object to an editable ``parent_model`` (404 for others);
    back to the parent afterwards."""

    @login_required
    def view(request, pk):
        parent = get_editable_or_404(parent_model, request.user, pk=pk)
        form = form_class(request.POST or None)
        setattr(form.instance, parent_field, parent)
        return child_form_page(request, parent, form, title=title)

    view.shareable_model = parent_model
    return view


def _child_edit_view(model, form_class, parent_field, title):
    """Page editing a ``model`` object whose ``parent_field`` parent the user may edit (404 when
    invisible); back to the parent afterwards."""

    @login_required
    def view(request, pk):
        item = _child(model, request.user, pk)
        parent = getattr(item, parent_field)
        ensure_can_edit(request.user, parent)
        form = form_class(request.POST or None, instance=item)
        return child_form_page(request, parent, form, title=title)

    view.shareable_model = model
    return view


# --- buildings ------------------------------------------------------------------------------


class BuildingList(SharedListView):
    model = Building
    filterset_class = BuildingFilter
    template_name = "energy/building_list.html"
    paginate_by = 50

    def get_base_queryset(self):
        # the groups are a filter of the page, not shown per building; the meters are read by
        # energy.year_figures where it computes a balance
        return Building.objects.select_related("owner", "station")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        year = _year(self.request)
        factor_sets = list(EmissionFactorSet.objects.all())  # the choice and the chosen set: one query
        factor_set = _chosen_factor_set(self.request, year, factor_sets)
        factors = factor_set.factors() if factor_set else {}
        refs = services._reference_values()
        buildings = list(ctx["object_list"])
        figures = year_figures.building_years(buildings, [year], factors, refs)  # stored by their inputs
        rows = [figures[b.pk][year] for b in buildings]
        url = row_url("energy:building_detail")
        seps = numformat.separators()
        for r in rows:
            r["url"] = url(r["building"].pk)
            r["badge"] = display.class_badge(r["bench_heat"])
            # the cells as the filters ``floatformat:"0g"|default:"–"`` wrote them, once here
            r["text"] = {
                "use_type": r["building"].get_use_type_display() or "–",
                "area": numformat.floatformat(r["building"].reference_area, "0g", seps) or "–",
                "specific_heat": numformat.floatformat(r["specific_heat"], "0g", seps) or "–",
                "specific_electricity": numformat.floatformat(r["specific_electricity"], "0g", seps) or "–",
                "co2_t": numformat.floatformat(r["co2_t"], "1g", seps),
            }
        from ikonnekt.core.sharing import Role

        ctx.update(
            is_admin=bool(orgs_with_role(self.request.user, roles={Role.ADMIN})),
            rows=rows,
            year=year,
            years=list(range(dt.date.today().year, dt.date.today().year - 6, -1)),
            factor_set=factor_set,
            # the choice's options, their text once here (not two look-ups and a choice label per set)
            factor_options=[
                (
                    fs.pk,
                    f"{fs} – {fs.get_method_display()}",
                    factor_set is not None and fs.pk == factor_set.pk,
                )
                for fs in factor_sets
            ],
            ranking=charts.ranking(
                [
                    (r["building"].name, r["specific_heat"], r["bench_heat"].klass if r["bench_heat"] else "")
                    for r in rows
                    if r["specific_heat"]
                ]
            ),
            map={
                "center": [49.33, 6.75],
                "zoom": 11,
                "geojson": {
                    "type": "FeatureCollection",
                    "features": [
                        {
                            "type": "Feature",
                            "geometry": {"type": "Point", "coordinates": [b.longitude, b.latitude]},
                            "properties": {
                                "name": b.name,
                                "url": r["url"],
                                "info": b.get_use_type_display(),
                            },
                        }
                        for r in rows
                        for b in (r["building"],)
                        if b.latitude and b.longitude
                    ],
                },
            },
        )
        return ctx


def _chosen_factor_set(request, year, factor_sets):
    """:func:`_factor_set` from the already read ``factor_sets`` (ordered by method and newest
    year first); only the chosen set's factors are read."""
    from django.db.models import prefetch_related_objects

    chosen = None
    if request.GET.get("factors", "").isdigit():
        chosen = next((s for s in factor_sets if s.pk == int(request.GET["factors"])), None)
    chosen = (
        chosen
        or next((s for s in factor_sets if s.method == "bisko" and s.year <= year), None)
        or (factor_sets[0] if factor_sets else None)
    )
    if chosen is not None:
        prefetch_related_objects([chosen], "entries")
    return chosen


class BuildingDetail(SharedDetailView):
    model = Building
    template_name = "energy/building_detail.html"

    def get_base_queryset(self):
        # tariffs and exchanges come from the bulk load as plain tuples
        return Building.objects.select_related("owner", "station", "caretaker").prefetch_related(
            "meters", "measures"
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        b = self.object
        year = _year(self.request)
        factor_set = _factor_set(self.request, year)
        factors = factor_set.factors() if factor_set else {}
        refs = services._reference_values()
        measure_years = [
            y
            for m in b.measures.all()
            if m.baseline_year
            for y in (m.baseline_year, m.done_on and m.done_on.year + 1)
            if y
        ]
        years = sorted({year - 1, year, *measure_years})
        prints = fingerprints([b], years)  # one query; the balances and alerts are stored by it
        figures = year_figures.building_years([b], years, factors, refs, prints=prints)[b.pk]

        now, before = figures[year], figures[year - 1]
        points, alerts = building_page.signature_and_alerts(b, year, now, before, prints[b.pk])
        sig = None
        if len(points) >= 4:
            try:
                sig = analysis.fit_signature([p["t"] for p in points], [p["kwh_per_day"] for p in points])
            except ValueError:
                sig = None
        meters = list(b.meters.all())
        roots = [m for m in meters if m.parent_id is None]
        tree = []
        meter_url, reading_url = row_url("energy:meter_detail"), row_url("energy:reading_create")

        def walk(meter, depth):
            tree.append((meter, depth, meter_url(meter.pk), reading_url(meter.pk)))
            for child in [m for m in meters if m.parent_id == meter.pk]:
                if depth < 5:
                    walk(child, depth + 1)

        for root in roots:
            walk(root, 0)
        measure_url = row_url("energy:measure_edit")
        group_url = row_url("energy:group_detail")
        ctx.update(
            # the building's groups the user may see (groups are shared objects of their own)
            groups=[
                (name, group_url(pk))
                for pk, name in BuildingGroup.objects.visible_to(self.request.user)
                .filter(buildings=b)
                .values_list("pk", "name")
            ],
            year=year,
            years=list(range(dt.date.today().year, dt.date.today().year - 6, -1)),
            factor_set=factor_set,
            now=now,
            how=explain.building_figures(now, b, factor_set, factors),
            before=before,
            tree=tree,
            signature=sig,
            alerts=alerts,
            heat_chart=charts.monthly_bars(now["months_heat"], before["months_heat"], year),
            el_chart=charts.monthly_bars(now["months_electricity"], before["months_electricity"], year),
            sig_chart=charts.signature_scatter(points, sig) if points else None,
            badge_heat=display.class_badge(now["bench_heat"]),
            badge_electricity=display.class_badge(now["bench_electricity"]),
            measures=[
                (m, verified, services.measure_savings_eur(m, now, verified), measure_url(m.pk))
                for m, verified in ((m, _measure_verification(m, figures.get)) for m in b.measures.all())
            ],
            map={
                "center": [b.latitude, b.longitude],
                "zoom": 15,
                "geojson": {
                    "type": "FeatureCollection",
                    "features": [
                        {
                            "type": "Feature",
                            "geometry": {"type": "Point", "coordinates": [b.longitude, b.latitude]},
                            "properties": {"name": b.name},
                        }
                    ],
                },
            }
            if b.latitude and b.longitude
            else None,
        )
        return ctx


def _measure_verification(measure, building_year):
    """Verified savings: normalised consumption of the carrier's group in the baseline year
    minus the year after completion (None until that year has data); ``building_year(year)`` gives
    the building's balance of a year (the page computes each year once)."""
    if measure.status != "done" or not measure.baseline_year or not measure.done_on:
        return None
    after_year = measure.done_on.year + 1
    if after_year >= dt.date.today().year:
        return None
    base = building_year(measure.baseline_year)
    after = building_year(after_year)
    key = "electricity" if measure.carrier == "electricity" else "heat_normalised"
    if not base[key] or not after[key]:
        return None
    return {"year": after_year, "kwh": base[key] - after[key]}


class BuildingCreate(SharedCreateView):
    model = Building
    form_class = BuildingForm
    title = gettext_lazy("New building")
    cancel_url = reverse_lazy("energy:list")


class BuildingUpdate(SharedUpdateView):
    model = Building
    form_class = BuildingForm
    title = gettext_lazy("Edit building")


class BuildingDelete(SharedDeleteView):
    model = Building
    template_name = "core/confirm_delete.html"
    success_url = reverse_lazy("energy:list")


# --- meters ---------------------------------------------------------------------------------


@login_required
def meter_create(request, pk):
    building = get_editable_or_404(Building, request.user, pk=pk)
    form = MeterForm(request.POST or None, building=building)
    form.instance.building = building
    return child_form_page(
        request, building, form, title=_("New meter in %(b)s") % {"b": building}, open_saved=True
    )


meter_create.shareable_model = Building


@login_required
def meter_edit(request, pk):
    meter = _child(Meter, request.user, pk)
    ensure_can_edit(request.user, meter.building)
    form = MeterForm(request.POST or None, instance=meter, building=meter.building)
    return child_form_page(
        request,
        meter.building,
        form,
        title=_("Edit meter %(m)s") % {"m": meter},
        cancel_url=meter.get_absolute_url(),
    )


meter_edit.shareable_model = Meter


@login_required
def meter_detail(request, pk):
    meter = _child(Meter, request.user, pk, "building")
    year = _year(request, default_offset=0)
    exchanges = list(meter.exchanges.all())
    loader.preload_meter(meter, [year - 1, year], exchanges)  # both years from one read of the data
    current = services.meter_monthly_units(meter, year)
    previous = services.meter_monthly_units(meter, year - 1)
    ctx = {
        "meter": meter,
        "building": meter.building,
        "can_edit": meter.building.can_edit(request.user),
        "year": year,
        "years": list(range(dt.date.today().year, dt.date.today().year - 6, -1)),
        "monthly_chart": charts.monthly_bars(current, previous, year, "kWh"),
        "exchanges": exchanges,
        "tariffs": meter.tariffs.all(),
        "imports": meter.imports.only("meter_id", "original_name", "status", "rows_imported")[:10],
        "basis": meter.get_calorific_basis_display(),
    }
    if meter.kind == MeterKind.INTERVAL:
        last = meter.intervals.order_by("-start").first()
        if last:
            end = last.start + dt.timedelta(minutes=last.minutes)
            try:
                days = max(1, min(62, int(request.GET.get("days", 28))))
            except ValueError:
                days = 28
            samples = services.interval_samples(meter, end - dt.timedelta(days=days), end)
            week = [s for s in samples if s[0] >= (end - dt.timedelta(days=7)).astimezone(BERLIN)]
            data, labels, slots = analysis.carpet(samples, BERLIN)
            ctx.update(
                load_chart=charts.load_curve(week),
                carpet_chart=charts.carpet(data, labels, slots),
                base_load=analysis.base_load_ratio(samples),
                interval_count=meter.intervals.count(),
                days=days,
            )
    else:
        # the table's cells formatted once here instead of per-row template filters
        seps, sources = numformat.separators(), dict(Reading._meta.get_field("source").flatchoices)
        ctx["readings"] = [
            {
                "time": timezone.localtime(timestamp).strftime("%d.%m.%Y %H:%M"),
                "value": numformat.floatformat(value, "-3g", seps),
                "source": sources.get(source, source),
                "note": note,
            }
            for timestamp, value, source, note in meter.readings.order_by("-timestamp").values_list(
                "timestamp", "value", "source", "note"
            )[:24]
        ]
    return render(request, "energy/meter_detail.html", ctx)


meter_detail.shareable_model = Meter


@login_required
def reading_create(request, pk):
    """Mobile-friendly monthly entry with a plausibility check before saving."""
    meter = _child(Meter, request.user, pk)
    ensure_can_edit(request.user, meter.building)
    form = ReadingForm(request.POST or None)
    warnings = []
    last = meter.readings.order_by("-timestamp").first()
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            reading, warnings = actions.add_reading(
                Actor.from_request(request),
                meter,
                data["timestamp"],
                data["value"],
                data["note"],
                confirmed=data["confirm"],
            )
        except ValidationError as exc:
            add_validation_error(form, exc)
        else:
            if reading is not None:
                messages.success(request, _("Reading %(v)s saved.") % {"v": data["value"]})
                return redirect(meter.get_absolute_url())
    return render(
        request,
        "energy/reading_form.html",
        {"form": form, "meter": meter, "warnings": warnings, "last": last},
    )


reading_create.shareable_model = Meter


@login_required
def exchange_create(request, pk):
    meter = _child(Meter, request.user, pk)
    ensure_can_edit(request.user, meter.building)
    form = ExchangeForm(request.POST or None)
    form.instance.meter = meter
    if request.method == "POST" and form.is_valid():
        try:
            actions.record_exchange(Actor.from_request(request), meter, form.save)
        except ValidationError as exc:
            add_validation_error(form, exc)
        else:
            messages.success(request, _("Meter exchange recorded."))
            return redirect(meter.get_absolute_url())
    return render(
        request,
        "core/form.html",
        {
            "form": form,
            "title": _("Meter exchange for %(m)s") % {"m": meter},
            "cancel_url": meter.get_absolute_url(),
        },
    )


exchange_create.shareable_model = Meter


@login_required
def tariff_create(request, pk):
    meter = _child(Meter, request.user, pk)
    ensure_can_edit(request.user, meter.building)
    form = TariffForm(request.POST or None)
    form.instance.meter = meter
    return child_form_page(
        request,
        meter.building,
        form,
        title=_("New tariff for %(m)s") % {"m": meter},
        cancel_url=meter.get_absolute_url(),
    )


tariff_create.shareable_model = Meter


@login_required
def import_upload(request, pk):
    meter = _child(Meter, request.user, pk)
    ensure_can_edit(request.user, meter.building)
    initial = {"kind": "interval" if meter.kind == MeterKind.INTERVAL else "cumulative"}
    form = ImportForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        item = actions.upload_readings(
            Actor.from_request(request),
            meter,
            form.cleaned_data["file"],
            form.cleaned_data["kind"],
            form.cleaned_data.get("value_mode") or "kwh",
        )
        return redirect("energy:import_detail", pk=item.pk)
    return render(request, "energy/import_form.html", {"form": form, "meter": meter})


import_upload.shareable_model = Meter


PREVIEW_ROWS = 5000


@login_required
def import_detail(request, pk):
    """Preview (first rows and errors found in the first part of the file), start, progress."""
    item = _child(ReadingImport, request.user, pk)
    meter = item.meter
    can_edit = meter.building.can_edit(request.user)
    if request.method == "POST":
        ensure_can_edit(request.user, meter.building)
        try:
            actions.start_import(Actor.from_request(request), item)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect("energy:import_detail", pk=item.pk)
    preview, errors = [], []
    if item.status in ("uploaded",):
        from ikonnekt.energy import importing
        from ikonnekt.energy.domain import importers

        with item.file.open("rb") as fh:
            data = fh.read()
        try:
            parsed = importing.parse_file(item, data, limit=PREVIEW_ROWS)
        except importers.FileRejected as exc:
            errors = [_(str(exc))]
        else:
            errors = [importing.describe(e) for e in parsed.errors]
            preview = [(n, t.astimezone(BERLIN), v) for n, t, v in parsed.rows[:12]]
    elif item.status == "failed":
        errors = item.errors if isinstance(item.errors, list) else []
        errors = [e for e in errors if isinstance(e, str)]
    return render(
        request,
        "energy/import_detail.html",
        {
            "item": item,
            "meter": meter,
            "preview": preview,
            "errors": errors,
            "can_edit": can_edit,
            "job": item.job,
        },
    )


import_detail.shareable_model = ReadingImport


# --- measures -------------------------------------------------------------------------------


measure_create = _child_create_view(Building, MeasureForm, "building", gettext_lazy("New measure"))
measure_edit = _child_edit_view(Measure, MeasureForm, "building", gettext_lazy("Edit measure"))


# --- groups ---------------------------------------------------------------------------------


class GroupList(SharedListView):
    model = BuildingGroup
    template_name = "energy/group_list.html"


class GroupDetail(SharedDetailView):
    model = BuildingGroup
    template_name = "energy/group_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        year = _year(self.request)
        factor_set = _factor_set(self.request, year)
        factors = factor_set.factors() if factor_set else {}
        buildings = list(self.object.buildings.all().visible_to(self.request.user).select_related("station"))
        refs = services._reference_values()
        figures = year_figures.building_years(buildings, [year], factors, refs)  # stored by their inputs
        rows = [figures[b.pk][year] for b in buildings]
        url = row_url("energy:building_detail")
        seps = numformat.separators()
        for r in rows:  # the cells formatted once here instead of per-row filters and an include
            r["url"] = url(r["building"].pk)
            r["badge"] = display.class_badge(r["bench_heat"])
            r["text"] = {
                "heat_normalised": numformat.floatformat(r["heat_normalised"], "0g", seps) or "–",
                "electricity": numformat.floatformat(r["electricity"], "0g", seps),
                "specific_heat": numformat.floatformat(r["specific_heat"], "0g", seps) or "–",
                "co2_t": numformat.floatformat(r["co2_t"], "1g", seps),
            }
        ctx.update(
            rows=rows,
            year=year,
            factor_set=factor_set,
            total_heat=sum(r["heat_normalised"] or 0 for r in rows),
            total_el=sum(r["electricity"] for r in rows),
            total_co2=sum(r["co2_t"] for r in rows),
        )
        return ctx


class GroupCreate(SharedCreateView):
    model = BuildingGroup
    form_class = GroupForm
    title = gettext_lazy("New building group")
    cancel_url = reverse_lazy("energy:list")


class GroupUpdate(SharedUpdateView):
    model = BuildingGroup
    form_class = GroupForm
    title = gettext_lazy("Edit building group")


# --- weather stations -----------------------------------------------------------------------


class StationList(SharedListView):
    model = WeatherStation
    template_name = "energy/station_list.html"


class StationDetail(SharedDetailView):
    model = WeatherStation
    template_name = "energy/station_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        temperatures = DailyTemperature.objects.filter(station=self.object)
        # the chart shows the last two years: only those rows are read; the years with data and
        # their degree days come from the database's sums (one query over the span of the data)
        rows = list(temperatures.order_by("-date").values_list("date", "mean_temperature")[:730])
        rows.reverse()
        first = temperatures.order_by("date").values_list("date", flat=True).first() if rows else None
        span = range(rows[-1][0].year, first.year - 1, -1) if rows else ()
        preload_stations([self.object], span)
        counts = {y: loaded_degree_days(self.object, y)[0] for y in span}
        years = [y for y in span if counts[y]]
        ctx.update(
            chart=charts.temperatures(rows),
            degree_days=[(y, services.station_degree_days(self.object, y)) for y in years],
            count=sum(counts.values()),
        )
        return ctx


class StationCreate(SharedCreateView):
    model = WeatherStation
    form_class = StationForm
    title = gettext_lazy("New weather station")
    cancel_url = reverse_lazy("energy:list")


class StationUpdate(SharedUpdateView):
    model = WeatherStation
    form_class = StationForm
    title = gettext_lazy("Edit weather station")


@login_required
def station_import(request, pk):
    station = get_editable_or_404(WeatherStation, request.user, pk=pk)
    form = TemperatureImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        new, changed = actions.import_temperatures(Actor.from_request(request), station, form.rows)
        messages.success(
            request, _("%(new)s days added, %(changed)s days updated.") % {"new": new, "changed": changed}
        )
        return redirect(station)
    return render(
        request,
        "core/form.html",
        {
            "form": form,
            "title": _("Import daily temperatures"),
            "cancel_url": station.get_absolute_url(),
            "intro": _("CSV with the columns date; daily mean temperature. Decimal comma or point."),
        },
    )


station_import.shareable_model = WeatherStation


# --- reference values -----------------------------------------------------------------------


@login_required
def references(request):
    from ikonnekt.energy.reference_data import reference_page

    return render(request, "energy/references.html", reference_page())


# --- annual reports -------------------------------------------------------------------------


class ReportList(SharedListView):
    model = EnergyReport
    template_name = "energy/report_list.html"


class ReportDetail(SharedDetailView):
    model = EnergyReport
    template_name = "energy/report_detail.html"
    select_related = ("owner", "factor_set", "cooperation")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        data = reports.report_data(self.object, self.request.user)
        ctx.update(data)
        ctx["ranking"] = charts.ranking(
            [
                (r["building"].name, r["specific_heat"], r["bench_heat"].klass if r["bench_heat"] else "")
                for r in data["ranked"]
            ]
        )
        return ctx


class ReportCreate(SharedCreateView):
    model = EnergyReport
    form_class = ReportForm
    title = gettext_lazy("New annual energy report")
    cancel_url = reverse_lazy("energy:list")


class ReportUpdate(SharedUpdateView):
    model = EnergyReport
    form_class = ReportForm
    title = gettext_lazy("Edit annual energy report")


@login_required
def report_pdf(request, pk):
    report = get_visible_or_404(EnergyReport, request.user, pk=pk)
    data = reports.report_data(report, request.user)
    pdf = reports.report_pdf(data, request)
    record_download(Actor.from_request(request), report, "pdf")
    return download_response(pdf, f"energiebericht-{report.year}-{report.pk}.pdf", PDF)


report_pdf.shareable_model = EnergyReport


@login_required
def report_xlsx(request, pk):
    report = get_visible_or_404(EnergyReport, request.user, pk=pk)
    data = reports.report_data(report, request.user)
    record_download(Actor.from_request(request), report, "xlsx")
    return download_response(
        reports.report_xlsx(data), f"energiebericht-{report.year}-{report.pk}.xlsx", XLSX
    )


report_xlsx.shareable_model = EnergyReport


class SelfCheckForm(forms.Form):
    def __init__(self, *args, report, **kwargs):
        super().__init__(*args, **kwargs)
        from ikonnekt.energy.models import CheckStatus

        answers = {a.requirement: a for a in report.answers.all()}
        self.items = []
        for key, level, text in reports.SELF_CHECK:
            a = answers.get(key)
            self.fields[f"{key}-status"] = forms.ChoiceField(
                choices=CheckStatus.choices,
                initial=a.status if a else "open",
                label=text,
                required=False,
                widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
            )
            self.fields[f"{key}-note"] = forms.CharField(
                required=False,
                max_length=500,
                initial=a.note if a else "",
                label=_("Note"),
                widget=forms.TextInput(attrs={"class": "form-control form-control-sm"}),
            )
            self.fields[f"{key}-evidence"] = forms.CharField(
                required=False,
                max_length=500,
                initial=a.evidence_url if a else "",
                label=_("Evidence (link)"),
                widget=forms.TextInput(
                    attrs={"class": "form-control form-control-sm", "placeholder": "/documents/12/"}
                ),
            )
            self.items.append((key, level, text))

    def clean(self):
        data = super().clean()
        for key, _level, _text in self.items:
            url = data.get(f"{key}-evidence", "")
            if url and not (url.startswith("/") or url.startswith("https://")):
                self.add_error(f"{key}-evidence", _("Enter a link starting with / or https://."))
        return data


@login_required
def report_selfcheck(request, pk):
    report = get_editable_or_404(EnergyReport, request.user, pk=pk)
    form = SelfCheckForm(request.POST or None, report=report)
    if request.method == "POST" and form.is_valid():
        answers = {
            key: (
                form.cleaned_data[f"{key}-status"],
                form.cleaned_data[f"{key}-note"],
                form.cleaned_data[f"{key}-evidence"],
            )
            for key, _l, _t in form.items
        }
        actions.save_self_check(Actor.from_request(request), report, answers)
        messages.success(request, _("Self-check saved."))
        return redirect(report)
    rows = [
        (key, level, text, form[f"{key}-status"], form[f"{key}-note"], form[f"{key}-evidence"])
        for key, level, text in form.items
    ]
    return render(request, "energy/selfcheck_form.html", {"report": report, "form": form, "rows": rows})


report_selfcheck.shareable_model = EnergyReport


# --- quarters -------------------------------------------------------------------------------


class QuarterList(SharedListView):
    model = Quarter
    template_name = "energy/quarter_list.html"


class QuarterDetail(SharedDetailView):
    model = Quarter
    template_name = "energy/quarter_detail.html"
    select_related = ("owner", "station", "factor_set")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        data = concepts.compare(self.object, user=self.request.user)
        ok = [(v, r) for v, r, e, _t in data["results"] if r]
        # the variants' links from one ``reverse`` each (not a ``{% url %}`` per variant)
        edit_url = row_url("energy:variant_edit") if ctx.get("can_edit") else None
        fuel_url = row_url("energy:variant_fuel") if ctx.get("can_edit") else None
        ctx.update(
            data=data,
            table_rows=concepts.comparison_rows(ok),
            ok_variants=[(v, edit_url(v.pk) if edit_url else None) for v, _r in ok],
            fuel_buttons=[
                (v, fuel_url(v.pk))
                for v, _r, _e, _t in data["results"]
                if fuel_url and v.heat_source == "biomass_network"
            ],
            variant_errors=[
                (v, e, edit_url(v.pk) if edit_url else None) for v, _r, e, _t in data["results"] if e
            ],
            comparison=charts.comparison(data["results"]) if ok else None,
            tornados=[
                (v, f"tornado-{v.pk}", charts.tornado(t, r["heat_price_eur_mwh"]))
                for v, r, e, t in data["results"]
                if r and t
            ],
            building_rows=_building_rows(data["building_types"], ctx.get("can_edit")),
            edit_label=_("Edit"),
            notes=[_(n) for n in concepts.ASSUMPTION_NOTES],
            breakdown=concepts.breakdown_page(concepts.breakdown(data)) if ok else None,
            fuel_links=_fuel_links(data, self.request.user),
        )
        return ctx


def _building_rows(types, can_edit):
    """The building types' table rows (``concepts.building_types``, the rows the calculation read),
    figures formatted here (not a filter per cell)."""
    seps = numformat.separators()
    edit_url = row_url("energy:quarter_building_edit") if can_edit else None
    return [
        {
            "name": name,
            "count": count,
            "area": numformat.floatformat(area, "0g", seps),
            "heat_demand": numformat.floatformat(heat, "0g", seps),
            "dhw_demand": numformat.floatformat(dhw, "0g", seps),
            "electricity": numformat.floatformat(electricity, "0g", seps),
            "edit_url": edit_url(pk) if edit_url else None,
        }
        for pk, name, count, area, heat, dhw, electricity in types
    ]


def _fuel_links(data, user):
    """(variant, green-waste fuel link, scenario visible to the user) of the linked variants
    (which of the scenarios the user sees: answered by ``concepts.compare(..., user=)`` with the
    organisation's rule, else one query for all of them)."""
    links = data.get("fuel_links", {})
    scenarios = {
        link.scenario.pk: link.scenario
        for link in links.values()
        if link.scenario is not None and link.scenario_visible is None
    }
    visible = {link.scenario.pk for link in links.values() if link.scenario_visible}
    if scenarios:
        model = type(next(iter(scenarios.values())))
        visible |= set(model.objects.visible_to(user).filter(pk__in=scenarios).values_list("pk", flat=True))
    return [
        (v, links[v.pk], bool(links[v.pk].scenario and links[v.pk].scenario.pk in visible))
        for v, _r, _e, _t in data["results"]
        if v.pk in links
    ]


class QuarterCreate(SharedCreateView):
    model = Quarter
    form_class = QuarterForm
    title = gettext_lazy("New quarter")
    cancel_url = reverse_lazy("energy:list")


class QuarterUpdate(SharedUpdateView):
    model = Quarter
    form_class = QuarterForm
    title = gettext_lazy("Edit quarter")


quarter_building_create = _child_create_view(
    Quarter, QuarterBuildingForm, "quarter", gettext_lazy("New building type")
)
quarter_building_edit = _child_edit_view(
    QuarterBuilding, QuarterBuildingForm, "quarter", gettext_lazy("Edit building type")
)
variant_create = _child_create_view(Quarter, VariantForm, "quarter", gettext_lazy("New variant"))
variant_edit = _child_edit_view(Variant, VariantForm, "quarter", gettext_lazy("Edit variant"))


@login_required
def quarter_xlsx(request, pk):
    quarter = get_visible_or_404(Quarter, request.user, pk=pk)
    data = concepts.compare(quarter)
    record_download(Actor.from_request(request), quarter, "xlsx")
    return download_response(
        concepts.concept_xlsx(quarter, data), f"quartierskonzept-{quarter.pk}.xlsx", XLSX
    )


quarter_xlsx.shareable_model = Quarter


@login_required
def quarter_pdf(request, pk):
    import weasyprint
    from django.template.loader import render_to_string

    quarter = get_visible_or_404(Quarter, request.user, pk=pk)
    data = concepts.compare(quarter)
    ok = [(v, r) for v, r, e, _t in data["results"] if r]
    rows = [
        (_(label), [None if r[key] is None else round(r[key], digits) for _v, r in ok])
        for key, label, digits in concepts.ROWS
    ]
    chart = reports.svg_bars([(v.name, r["heat_price_eur_mwh"]) for v, r in ok], "€/MWh")
    html = render_to_string(
        "energy/quarter_pdf.html",
        {
            "quarter": quarter,
            "data": data,
            "rows": rows,
            "variants": [v for v, _r in ok],
            "chart": chart,
            "notes": [_(n) for n in concepts.ASSUMPTION_NOTES],
            "breakdown": concepts.breakdown_page(concepts.breakdown(data)) if ok else None,
        },
        request=request,
    )
    record_download(Actor.from_request(request), quarter, "pdf")
    return download_response(
        weasyprint.HTML(string=html).write_pdf(), f"quartierskonzept-{quarter.pk}.pdf", PDF
    )


quarter_pdf.shareable_model = Quarter


@login_required
@require_POST
def mail_alerts(request):
    from ikonnekt.core.jobs import enqueue
    from ikonnekt.core.sharing import Role

    if not orgs_with_role(request.user, roles={Role.ADMIN}):
        raise PermissionDenied(_("Only administrators may send alert mails."))
    job = enqueue("energy.mail_alerts", actor=Actor.from_request(request), label=_("Energy alert mails"))
    messages.success(request, _("Alert mails are being sent."))
    return redirect(reverse("core:job_detail", args=[job.pk]))
