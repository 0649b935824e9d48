from ikonnekt.administration.models import (
    Agreement,
    SharedPosition,
    SharedResource,
    WorkingGroup,
)
from ikonnekt.search.registry import register

register(
    Agreement,
    title="title",
    body=["subject", "legal_basis", "grant_programme"],
    facets=["kind", "task_field", "status"],
)
register(SharedPosition, title="title", body=["description"])
register(SharedResource, title="name", body=["description", "location"], facets=["kind"])
register(WorkingGroup, title="name", body=["description"], facets=["kind"])
