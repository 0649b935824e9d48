from ikonnekt.market.models import BusinessProfile, Event, Listing, OrderCycle, Product
from tests.sharing_matrix import permission_matrix

test_profile_permission_matrix = permission_matrix(
    BusinessProfile, detail_url="market:profile_detail", api_url="api:marketprofile-detail"
)
test_product_permission_matrix = permission_matrix(
    Product, detail_url="market:product_detail", api_url="api:marketproduct-detail"
)
test_event_permission_matrix = permission_matrix(Event, detail_url="market:event_detail")
test_cycle_permission_matrix = permission_matrix(
    OrderCycle, detail_url="market:cycle_detail", api_url="api:marketcycle-detail"
)
test_listing_permission_matrix = permission_matrix(
    Listing, detail_url="market:listing_detail", api_url="api:marketlisting-detail"
)
