from ikonnekt.planning.models import DecisionCheck, GoalNode, Measure, Megatrend, QuestionSet, Site, Vision
from tests.sharing_matrix import permission_matrix

test_megatrend_permission_matrix = permission_matrix(
    Megatrend, detail_url="planning:megatrend_detail", api_url="api:planning-megatrend-detail"
)
test_vision_permission_matrix = permission_matrix(
    Vision, detail_url="planning:vision_detail", api_url="api:planning-vision-detail"
)
test_goalnode_permission_matrix = permission_matrix(
    GoalNode, detail_url="planning:node_detail", api_url="api:planning-goal-detail"
)
test_measure_permission_matrix = permission_matrix(
    Measure, detail_url="planning:measure_detail", api_url="api:planning-measure-detail"
)
test_site_permission_matrix = permission_matrix(
    Site, detail_url="planning:site_detail", api_url="api:planning-site-detail"
)
test_questionset_permission_matrix = permission_matrix(
    QuestionSet, detail_url="planning:questionset_detail", api_url="api:planning-questionset-detail"
)
test_decisioncheck_permission_matrix = permission_matrix(
    DecisionCheck, detail_url="planning:check_detail", api_url="api:planning-decisioncheck-detail"
)
