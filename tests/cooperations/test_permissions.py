from ikonnekt.cooperations.models import Announcement, Cooperation
from tests.sharing_matrix import default_rules, permission_matrix


def cooperation_rules(role, visibility, action):
    """Cooperations: participants read; only the lead organisation's admins change or delete."""
    if action == "read":
        return default_rules(role, visibility, action)
    return role == "a_admin"


test_cooperation_permission_matrix = permission_matrix(
    Cooperation, detail_url="cooperations:detail", api_url="api:cooperation-detail", rules=cooperation_rules
)

test_announcement_permission_matrix = permission_matrix(
    Announcement, detail_url="cooperations:announcement_detail", api_url="api:announcement-detail"
)
