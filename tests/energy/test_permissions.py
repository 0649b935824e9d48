from ikonnekt.energy.models import Building, BuildingGroup, EnergyReport, Quarter, WeatherStation
from tests.sharing_matrix import permission_matrix

test_building_permission_matrix = permission_matrix(
    Building, detail_url="energy:building_detail", api_url="api:energy-building-detail"
)
test_group_permission_matrix = permission_matrix(
    BuildingGroup, detail_url="energy:group_detail", api_url="api:energy-group-detail"
)
test_station_permission_matrix = permission_matrix(
    WeatherStation, detail_url="energy:station_detail", api_url="api:energy-station-detail"
)
test_report_permission_matrix = permission_matrix(
    EnergyReport, detail_url="energy:report_detail", api_url="api:energy-report-detail"
)
test_quarter_permission_matrix = permission_matrix(
    Quarter, detail_url="energy:quarter_detail", api_url="api:energy-quarter-detail"
)
