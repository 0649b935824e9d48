from ikonnekt.planning.models import DecisionCheck, GoalNode, Measure, Megatrend, Site, Vision
from ikonnekt.search.registry import register

register(Vision, title="title", body=["text", "author_group", "workshop"], facets=["horizon"])
register(Megatrend, title="title", body=["description", "sources"])
register(GoalNode, title="title", body=["description", "indicator"], facets=["kind"])
register(Measure, title="title", body=["description", "catalogue_measure"], facets=["status"])
# Sites: no owner data is indexed (owners live in SiteOwner, never registered).
register(Site, title="name", body=["address", "parcel", "notes"], facets=["category"])
register(DecisionCheck, title="title", body=["reference", "summary"])
