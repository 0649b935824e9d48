from ikonnekt.assessment.models import Area, CatalogueNode
from ikonnekt.search.registry import register

register(Area, title="name", body=["description"], facets=["kind", "status"])
register(
    CatalogueNode,
    title="title",
    body=["description", "indicator", "factsheet"],
    facets=["kind", "implementer"],
    queryset=lambda user: CatalogueNode.objects.visible_to(user).select_related("catalogue"),
)
