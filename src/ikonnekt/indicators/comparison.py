"""Inter-municipal comparison (Interkommunaler Vergleich) of one feed and year.

Only series whose owners opted in take part; each municipality sees its own values by name, the
others by name or — where the owner chose so — as "Kommune A, B, …". Values can be shown per
1,000 inhabitants of the series' region (e.g. green waste per inhabitant).
"""

from dataclasses import dataclass

from ikonnekt.core.sharing import user_org_ids
from ikonnekt.indicators.models import IndicatorSeries, SeriesValue


@dataclass
class Row:
    label: str
    value: float
    per_1000: float | None
    own: bool
    anonymous: bool
    series: IndicatorSeries | None  # None when the viewer may not open the series


def letters(n):
    out = []
    for i in range(n):
        label = ""
        i += 1
        while i:
            i, rem = divmod(i - 1, 26)
            label = chr(65 + rem) + label
        out.append(label)
    return out


def compare(user, feed_key, year, dimension="") -> list[Row]:
    """Rows sorted by value; the opt-in replaces the visibility rule for the value alone."""
    mine = user_org_ids(user)
    values = (
        SeriesValue.objects.filter(
            series__feed=feed_key,
            series__dimension=dimension,
            series__in_comparison=True,
            is_current=True,
            year=year,
        )
        .select_related("series__owner", "series__region")
        .order_by("value", "series_id")
    )
    visible = set(IndicatorSeries.objects.visible_to(user).filter(feed=feed_key).values_list("pk", flat=True))
    rows = []
    anonymous_rows = []
    for v in values:
        s = v.series
        own = s.owner_id in mine
        region = s.region or s.owner
        inhabitants = getattr(region, "inhabitants", None)
        per_1000 = v.value / inhabitants * 1000 if inhabitants else None
        hidden = s.anonymous_in_comparison and not own
        row = Row(
            "" if hidden else region.name,
            v.value,
            per_1000,
            own,
            hidden,
            s if (s.pk in visible and not hidden) else None,
        )
        rows.append(row)
        if hidden:
            anonymous_rows.append(row)
    for row, label in zip(anonymous_rows, letters(len(anonymous_rows)), strict=True):
        row.label = label
    return rows


def dimensions(feed_key) -> list[tuple[str, str]]:
    """Dimensions (e.g. carriers) that opted-in series of the feed have."""
    return list(
        IndicatorSeries.objects.filter(feed=feed_key, in_comparison=True)
        .values_list("dimension", "dimension_label")
        .distinct()
        .order_by("dimension")
    )


def years(feed_key, dimension="") -> list[int]:
    found = SeriesValue.objects.filter(
        series__feed=feed_key, series__in_comparison=True, series__dimension=dimension, is_current=True
    ).values_list("year", flat=True)
    return sorted(set(found))
