"""The circular chain of one region and year: green waste → plant → heat → CO2e → goal progress.

Every step is a published indicator series (or the plants named in its provenance) with a link
to where it is computed; the last step shows the Vision 2100 targets that follow those series and
their progress. Nothing here is typed: a step without a series says so.
"""

from dataclasses import dataclass, field

from ikonnekt.indicators.models import IndicatorSeries, SeriesValue

RECYCLED = "materials.greenwaste_recycled_t"
SHARE = "materials.greenwaste_regional_share"
HEAT = "materials.greenwaste_heat_mwh"
CO2E = "materials.greenwaste_co2e_avoided_t"
CHAIN_FEEDS = (RECYCLED, SHARE, HEAT, CO2E)


# what the page reads of a series (region, source and its check, the step's link, unit and
# state, the name) and of a value: not the descriptions, times and provenance texts (#18)
SERIES_FIELDS = (
    "feed",
    "title",
    "dimension_label",
    "unit",
    "status",
    "region",
    "source_type",
    "source_id",
    "source_label",
)
VALUE_FIELDS = ("series", "year", "value", "is_current", "inputs", "factor_set")


@dataclass
class Step:
    key: str
    series: IndicatorSeries | None = None
    value: object = None  # SeriesValue of the year
    rows: list = field(default_factory=list)  # plants: (name, tonnes, MWh)
    html: str = ""  # the figure as the page shows it (``chain_rows.step_html``)


@dataclass
class Chain:
    source_label: str
    source_url: str
    steps: dict
    targets: list  # (GoalNode, progress, series)

    @property
    def green(self):
        return self.steps[RECYCLED]

    @property
    def share(self):
        return self.steps[SHARE]

    @property
    def heat(self):
        return self.steps[HEAT]

    @property
    def co2e(self):
        return self.steps[CO2E]

    @property
    def plants(self):
        return self.steps["plants"].rows


def visible_series(user) -> list[IndicatorSeries]:
    """Every chain series ``user`` may see, in all regions (one query for the page's region list,
    its years and its chains)."""
    return list(
        IndicatorSeries.objects.visible_to(user)
        .filter(feed__in=CHAIN_FEEDS)
        .select_related("source_type")
        .only(*SERIES_FIELDS)
        .order_by("source_id", "pk")
    )


def years(series) -> list[int]:
    """The years in which any of ``series`` has a value."""
    return sorted(
        SeriesValue.objects.filter(series__in=[s.pk for s in series])
        .order_by()
        .values_list("year", flat=True)
        .distinct()
    )


def chains(user, series, year) -> list[Chain]:
    """One chain per green-waste scenario that published its figures for ``year`` (``series``: the
    visible chain series of one region)."""
    from ikonnekt.indicators.registry import feeds
    from ikonnekt.planning import goaltree

    if not series:
        return []
    values = {}
    current = SeriesValue.objects.filter(series__in=[s.pk for s in series], is_current=True, year=year)
    for value in current.only(*VALUE_FIELDS):
        values.setdefault(value.series_id, value)  # the first in the model's order, as .first() gave
    by_source: dict = {}
    for s in series:
        by_source.setdefault((s.source_type_id, s.source_id), {})[s.feed] = s
    progress, nodes = goaltree.progress_map(
        user, goaltree.progress_nodes(user).only(*goaltree.PROGRESS_FIELDS, "feed")
    )
    followers: dict = {}
    for node in nodes:
        if node.feed_id:
            followers.setdefault(node.feed_id, []).append(node)
    result = []
    for group in by_source.values():
        first = next(iter(group.values()))
        source, visible = first.visible_source(user)
        feed = feeds.get(first.feed)
        source_url = feed.source_url(source) if (feed and visible) else ""
        steps = {
            key: Step(key, group.get(key), values.get(group[key].pk) if key in group else None)
            for key in CHAIN_FEEDS
        }
        plants = {}
        recycled = steps[RECYCLED].value
        heat = steps[HEAT].value
        for name, tonnes in (recycled.inputs.get("plants_t", {}) if recycled else {}).items():
            plants[name] = [name, tonnes, None]
        for name, mwh in (heat.inputs.get("plants_mwh", {}) if heat else {}).items():
            plants.setdefault(name, [name, None, None])[2] = mwh
        steps["plants"] = Step("plants", rows=sorted(plants.values()))
        targets = [
            (node, progress.get(node.pk), s) for s in group.values() for node in followers.get(s.pk, [])
        ]
        result.append(Chain(first.source_label, source_url, steps, targets))
    return result
