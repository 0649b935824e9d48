from django.contrib.contenttypes.models import ContentType

from ikonnekt.indicators.models import IndicatorSeries, SeriesValue
from tests.factories import factory


@factory(IndicatorSeries)
def make_series(cast, *, owner, visibility="private", created_by=None, shared_with=()):
    """A published market feed of the owner organisation with one value."""
    ctype = ContentType.objects.get_for_model(type(owner))
    taken = IndicatorSeries.objects.filter(
        feed="market.exchange_tonnes", source_type=ctype, source_id=owner.pk
    )
    series = IndicatorSeries.objects.create(
        feed="market.exchange_tonnes",
        dimension=f"x{taken.count()}" if taken.exists() else "",
        title="Getauschte Tonnen",
        unit="t/a",
        source_type=ctype,
        source_id=owner.pk,
        source_label=owner.name,
        owner=owner,
        visibility=visibility,
        created_by=created_by,
    )
    series.shared_with.set(shared_with)
    SeriesValue.objects.create(
        series=series, year=2025, value=12.5, calculation="Σ t", calculation_version="1"
    )
    return series
