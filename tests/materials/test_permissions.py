from ikonnekt.materials.models import GreenWasteScenario, MfaSystem
from tests.sharing_matrix import permission_matrix

test_mfasystem_permission_matrix = permission_matrix(
    MfaSystem, detail_url="materials:system_detail", api_url="api:mfasystem-detail"
)
test_greenwastescenario_permission_matrix = permission_matrix(
    GreenWasteScenario, detail_url="materials:scenario_detail", api_url="api:greenwastescenario-detail"
)
