from ikonnekt.administration import models as m
from tests.sharing_matrix import permission_matrix

test_agreement_permission_matrix = permission_matrix(
    m.Agreement, detail_url="administration:agreement_detail", api_url="api:agreement-detail"
)
test_position_permission_matrix = permission_matrix(
    m.SharedPosition, detail_url="administration:position_detail", api_url="api:sharedposition-detail"
)
test_resource_permission_matrix = permission_matrix(
    m.SharedResource, detail_url="administration:resource_detail", api_url="api:sharedresource-detail"
)
test_group_permission_matrix = permission_matrix(
    m.WorkingGroup, detail_url="administration:group_detail", api_url="api:workinggroup-detail"
)
