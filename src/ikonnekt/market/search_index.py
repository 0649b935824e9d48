from ikonnekt.market.models import BusinessProfile, Listing, Product
from ikonnekt.search.registry import register

register(
    BusinessProfile,
    title="name",
    body=["description", "sustainability_statement", "municipality"],
    facets=["sector"],
)
register(Product, title="name", body=["description", "origin"], facets=["category"])
# Listings: title and description only (never the address or the lister's name).
register(Listing, title="title", body=["description"], facets=["kind"])
