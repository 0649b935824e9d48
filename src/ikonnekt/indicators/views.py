"""Pages of the indicator feeds: list, publish, series with provenance and history, chain,
comparison and open data. Thin: the work is in actions, chain, comparison and opendata."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ikonnekt.assessment.models import Catalogue
from ikonnekt.core.actions import record_download
from ikonnekt.core.audit import Actor
from ikonnekt.core.crud import SharedDeleteView, SharedDetailView, SharedListView
from ikonnekt.core.forms import add_validation_error
from ikonnekt.core.jobs import enqueue
from ikonnekt.core.sharing import get_editable_or_404, get_visible_or_404, orgs_with_role
from ikonnekt.indicators import actions, chain, chain_rows, comparison, forms, opendata
from ikonnekt.indicators.models import IndicatorSeries
from ikonnekt.indicators.registry import feeds


class SeriesList(SharedListView):
    model = IndicatorSeries
    template_name = "indicators/series_list.html"
    select_related = ("owner", "region")

    def get_queryset(self):
        qs = super().get_queryset()
        if self.request.GET.get("feed"):
            qs = qs.filter(feed=self.request.GET["feed"])
        return qs

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["feeds"] = feeds.all()
        ctx["feed_filter"] = self.request.GET.get("feed", "")
        ctx["can_publish"] = bool(orgs_with_role(self.request.user))
        return ctx


def _feed_or_404(key):
    feed = feeds.get(key)
    if feed is None:
        raise Http404
    return feed


@login_required
def publish(request, key):
    feed = _feed_or_404(key)
    form = forms.PublishForm(request.POST or None, feed=feed, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            series = actions.publish(
                Actor.from_request(request),
                feed.key,
                data["source"],
                region=data["region"],
                visibility=data["visibility"],
                shared_with=data["shared_with"],
                licence=data["licence"],
            )
        except ValidationError as exc:
            add_validation_error(form, exc)
        else:
            messages.success(request, _("Published: %(n)s series.") % {"n": len(series)})
            return redirect(series[0])
    return render(
        request,
        "indicators/publish.html",
        {"form": form, "feed": feed, "no_sources": not form.sources},
    )


class SeriesDetail(SharedDetailView):
    model = IndicatorSeries
    template_name = "indicators/series_detail.html"
    select_related = ("owner", "region", "source_type")

    def get_base_queryset(self):
        from ikonnekt.assessment.models import Rating
        from ikonnekt.planning.models import GoalNode

        # Whether anything follows the series at all, in the same query: the lists of followers
        # the reader may see are two costly queries, needless for a series nothing follows.
        # of the owner and the region only the names the header shows (#18)
        return (
            super()
            .get_base_queryset()
            .only(*(f.name for f in IndicatorSeries._meta.concrete_fields), "owner__name", "region__name")
            .annotate(
                # only decides whether the visible followers are queried; nothing of it is shown
                has_target_followers=Exists(GoalNode.objects.filter(feed=OuterRef("pk"))),  # (noqa: sharing)
                has_rating_followers=Exists(Rating.objects.filter(feed=OuterRef("pk"))),  # (noqa: sharing)
            )
        )

    def get_context_data(self, **kwargs):
        from ikonnekt.assessment.models import Rating
        from ikonnekt.planning.models import GoalNode

        ctx = super().get_context_data(**kwargs)
        series = self.object
        user = self.request.user
        feed = feeds.get(series.feed)
        values = list(series.values.select_related("published_by").order_by("year", "-computed_at", "-pk"))
        ctx["feed"] = feed
        ctx["current"] = [v for v in values if v.is_current]
        ctx["history"] = [v for v in values if not v.is_current]
        source, visible = series.visible_source(user)
        ctx["source"] = source
        ctx["source_visible"] = bool(feed and visible)
        ctx["source_url"] = feed.source_url(source) if (feed and ctx["source_visible"]) else ""
        ctx["targets"] = (
            GoalNode.objects.visible_to(user).filter(feed=series).select_related("owner")
            if series.has_target_followers
            else []
        )
        ctx["ratings"] = (
            Rating.objects.visible_to(user).filter(feed=series).select_related("assessment__area", "measure")
            if series.has_rating_followers
            else []
        )
        ctx["chart"] = _chart(series, ctx["current"])
        ctx["chart_name"] = _("%(series)s: values per year") % {"series": series}
        if ctx["can_edit"]:
            ctx["settings_form"] = forms.SettingsForm(instance=series, user=user)
        if user.is_authenticated:
            ctx["follow_target_form"] = forms.FollowTargetForm(user=user)
            ctx["follow_rating_form"] = forms.FollowRatingForm(user=user)
        return ctx


def _chart(series, current):
    if not current:
        return None
    return {
        "tooltip": {"trigger": "axis"},
        "xAxis": {"type": "category", "data": [str(v.year) for v in current]},
        "yAxis": {"type": "value", "name": series.unit},
        "series": [{"type": "bar", "name": str(series), "data": [round(v.value, 3) for v in current]}],
    }


class SeriesDelete(SharedDeleteView):
    model = IndicatorSeries

    def get_success_url(self):
        return reverse("indicators:list")

    def form_valid(self, form):
        try:
            actions.withdraw(Actor.from_request(self.request), self.object)
        except ValidationError as exc:
            for msg in exc.messages:
                messages.error(self.request, msg)
            return redirect(self.object)
        messages.success(self.request, _("The publication was withdrawn."))
        return redirect(self.get_success_url())


@login_required
@require_POST
def series_settings(request, pk):
    series = get_editable_or_404(IndicatorSeries, request.user, pk=pk)
    # the form works on its own copy, so the action still sees the values before the change
    form = forms.SettingsForm(
        request.POST, instance=get_editable_or_404(IndicatorSeries, request.user, pk=pk), user=request.user
    )
    if form.is_valid():
        changes = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            actions.update_settings(Actor.from_request(request), series, **changes)
        except ValidationError as exc:
            for msg in exc.messages:
                messages.error(request, msg)
        else:
            messages.success(request, _("Settings saved."))
    else:
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for error in errors:
                messages.error(request, f"{label}: {error}" if label else error)
    return redirect(series)


@login_required
@require_POST
def series_refresh(request, pk):
    series = get_editable_or_404(IndicatorSeries, request.user, pk=pk)
    job = enqueue(
        "indicators.refresh",
        actor=Actor.from_request(request),
        label=_("Update indicator feed: %(t)s") % {"t": series},
        feed=series.feed,
        source_type_id=series.source_type_id,
        source_id=series.source_id,
        user_id=request.user.pk,
    )
    return redirect("core:job_detail", job.pk)


@login_required
@require_POST
def follow_target(request, pk):
    from ikonnekt.planning import feeds as planning_feeds

    series = get_visible_or_404(IndicatorSeries, request.user, pk=pk)
    form = forms.FollowTargetForm(request.POST, user=request.user)
    if form.is_valid():
        node = form.cleaned_data["target"]
        try:
            written = planning_feeds.follow(Actor.from_request(request), node, series)
        except ValidationError as exc:
            for msg in exc.messages:
                messages.error(request, msg)
        else:
            messages.success(
                request, _("“%(t)s” now follows this feed (%(n)s values).") % {"t": node, "n": written}
            )
            return redirect(node)
    else:
        messages.error(request, _("Choose a target you may edit."))
    return redirect(series)


@login_required
@require_POST
def follow_rating(request, pk):
    from ikonnekt.assessment import feeds as assessment_feeds

    series = get_visible_or_404(IndicatorSeries, request.user, pk=pk)
    form = forms.FollowRatingForm(request.POST, user=request.user)
    if form.is_valid():
        rating = form.cleaned_data["rating"]
        try:
            assessment_feeds.follow(Actor.from_request(request), rating, series)
        except ValidationError as exc:
            for msg in exc.messages:
                messages.error(request, msg)
        else:
            messages.success(
                request,
                _("The rating of “%(m)s” now follows this feed: level %(l)s.")
                % {"m": rating.measure, "l": rating.level},
            )
    else:
        messages.error(request, _("Choose a rating you may edit."))
    return redirect(series)


for _view in (series_settings, series_refresh, follow_target, follow_rating):
    _view.shareable_model = IndicatorSeries


def _year_param(request, default):
    value = request.GET.get("year", "")
    return int(value) if value.isdigit() and 1900 <= int(value) <= 2200 else default


@login_required
def chain_page(request):
    from ikonnekt.organizations.models import Organisation

    series = chain.visible_series(request.user)
    region_ids = {s.region_id for s in series} - {None}
    regions = list(
        Organisation.objects.filter(pk__in=region_ids).order_by("name").only("name", "slug", "kind")
    )
    region = None
    slug = request.GET.get("region", "")
    if slug:
        region = next((r for r in regions if r.slug == slug), None)
    elif regions:
        region = next((r for r in regions if r.kind == "district"), regions[0])
    series = [s for s in series if s.region_id == (region.pk if region else None)]
    years = chain.years(series)
    year = _year_param(request, years[-1] if years else None)
    return render(
        request,
        "indicators/chain.html",
        {
            "regions": regions,
            "region": region,
            "years": years,
            "year": year,
            "chains": chain_rows.with_html(chain.chains(request.user, series, year))
            if region and year
            else [],
        },
    )


@login_required
def compare_page(request):
    all_feeds = feeds.all()
    key = request.GET.get("feed") or (all_feeds[0].key if all_feeds else "")
    feed = feeds.get(key)
    dimensions = comparison.dimensions(key)
    dimension = request.GET.get("dimension", dimensions[0][0] if dimensions else "")
    years = comparison.years(key, dimension)
    year = _year_param(request, years[-1] if years else None)
    rows = comparison.compare(request.user, key, year, dimension) if feed and year else []
    return render(
        request,
        "indicators/compare.html",
        {
            "feeds": all_feeds,
            "feed": feed,
            "dimensions": dimensions,
            "dimension": dimension,
            "years": years,
            "year": year,
            "rows": rows,
            "chart": _compare_chart(rows, feed) if rows else None,
            "chart_name": _("%(indicator)s in %(year)s by municipality")
            % {"indicator": feed.title if feed else "", "year": year},
            # one bar per municipality: 10 px per bar plus room for the axes, at least 200 px
            "chart_height": f"{max(200, (len(rows) + 3) * 10)}px",
        },
    )


def _compare_chart(rows, feed):
    return {
        "tooltip": {"trigger": "axis"},
        "grid": {"left": 160},
        "xAxis": {"type": "value", "name": feed.unit},
        "yAxis": {"type": "category", "data": [r.label for r in rows]},
        "series": [{"type": "bar", "name": str(feed.title), "data": [round(r.value, 3) for r in rows]}],
    }


# --- open data --------------------------------------------------------------------------------


def _operator():
    from ikonnekt.organizations.models import Organisation

    return Organisation.objects.filter(kind="district").order_by("pk").first()


def opendata_page(request):
    return render(
        request,
        "indicators/opendata.html",
        {
            "series": IndicatorSeries.objects.visible_to(request.user).select_related("owner", "region"),
            "catalogues": Catalogue.objects.visible_to(request.user)
            .filter(status="published")
            .select_related("owner"),
        },
    )


def catalog(request):
    response = HttpResponse(
        opendata.dumps(opendata.catalog(request, _operator())),
        content_type="application/ld+json; charset=utf-8",
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _csv(filename, header, rows):
    response = HttpResponse(opendata.write_csv(header, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _json(data):
    return HttpResponse(opendata.dumps(data), content_type="application/json; charset=utf-8")


def _audit_download(request, obj, what):
    if request.user.is_authenticated:
        record_download(Actor.from_request(request), obj, what)


def series_csv(request, pk):
    series = get_visible_or_404(
        IndicatorSeries.objects.select_related("owner", "region"), request.user, pk=pk
    )
    _audit_download(request, series, "csv")
    header, rows = opendata.series_table(series)
    return _csv(f"indikator-{series.pk}.csv", header, rows)


def series_json(request, pk):
    series = get_visible_or_404(
        IndicatorSeries.objects.select_related("owner", "region"), request.user, pk=pk
    )
    _audit_download(request, series, "json")
    return _json(opendata.series_json(series, request))


series_csv.shareable_model = IndicatorSeries
series_json.shareable_model = IndicatorSeries


def listings_csv(request):
    header, rows = opendata.listings_table(request.user)
    return _csv("sekundaerrohstoffboerse.csv", header, rows)


def listings_json(request):
    header, rows = opendata.listings_table(request.user)
    return _json(
        {
            "metadata": opendata.listings_dataset(request, _operator()),
            "rows": [dict(zip(header, r, strict=True)) for r in rows],
        }
    )


def _catalogue(request, pk):
    return get_visible_or_404(Catalogue.objects.select_related("owner"), request.user, pk=pk)


def catalogue_csv(request, pk):
    catalogue = _catalogue(request, pk)
    header, rows = opendata.catalogue_table(catalogue)
    return _csv(f"kriterienkatalog-{catalogue.pk}.csv", header, rows)


def catalogue_json(request, pk):
    catalogue = _catalogue(request, pk)
    header, rows = opendata.catalogue_table(catalogue)
    return _json(
        {
            "metadata": opendata.catalogue_dataset(request, catalogue),
            "rows": [dict(zip(header, r, strict=True)) for r in rows],
        }
    )


catalogue_csv.shareable_model = Catalogue
catalogue_json.shareable_model = Catalogue
