from ikonnekt.assessment.models import Area, Assessment, Catalogue
from tests.sharing_matrix import permission_matrix

test_catalogue_permission_matrix = permission_matrix(
    Catalogue, detail_url="assessment:catalogue_detail", api_url="api:assessment-catalogue-detail"
)
test_area_permission_matrix = permission_matrix(
    Area, detail_url="assessment:area_detail", api_url="api:assessment-area-detail"
)
test_assessment_permission_matrix = permission_matrix(
    Assessment, detail_url="assessment:assessment_detail", api_url="api:assessment-assessment-detail"
)
