from ikonnekt.indicators.models import IndicatorSeries
from tests.sharing_matrix import permission_matrix

test_indicatorseries_permission_matrix = permission_matrix(
    IndicatorSeries, detail_url="indicators:detail", api_url="api:indicators-series-detail"
)
