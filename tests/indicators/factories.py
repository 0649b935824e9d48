from django.contrib.contenttypes.models import ContentType

from ikonnekt.indicators.models import IndicatorSeries, SeriesValue
from tests.factories import factory


@factory(IndicatorSeries)
def make_series(cast, *, owner, visibility="private", created_by=None, shared_with=()):
    """A published market feed of the owner organisation with one value."""
    series = IndicatorSeries.objects.create(
        feed="market.exchange_tonnes",
        title="Getauschte Tonnen",
        unit="t/a",
        source_type=ContentType.objects.get_for_model(type(owner)),
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
