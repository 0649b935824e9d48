from ikonnekt.energy.models import Building, Quarter
from ikonnekt.search.registry import register

register(Building, title="name", body=["property_name", "address"], facets=["use_type"])
register(Quarter, title="name", body=["description", "assessed_area"])
