from django.urls import path

from ikonnekt.market import views

app_name = "market"
urlpatterns = [
    path("", views.home, name="home"),
    path("profiles/", views.ProfileList.as_view(), name="profile_list"),
    path("profiles/new/", views.ProfileCreate.as_view(), name="profile_create"),
    path("profiles/<int:pk>/", views.ProfileDetail.as_view(), name="profile_detail"),
    path("profiles/<int:pk>/edit/", views.ProfileUpdate.as_view(), name="profile_edit"),
    path("profiles/<int:pk>/labels/", views.label_claim, name="label_claim"),
    path("labels/<int:pk>/verify/", views.label_verify, name="label_verify"),
    path("products/", views.ProductList.as_view(), name="product_list"),
    path("products/new/", views.ProductCreate.as_view(), name="product_create"),
    path("products/import/", views.product_import, name="product_import"),
    path("products/<int:pk>/", views.ProductDetail.as_view(), name="product_detail"),
    path("products/<int:pk>/edit/", views.ProductUpdate.as_view(), name="product_edit"),
    path("products/<int:pk>/variants/new/", views.variant_add, name="variant_add"),
    path("variants/<int:pk>/edit/", views.variant_edit, name="variant_edit"),
    path("variants/<int:pk>/remove/", views.variant_remove, name="variant_remove"),
    path("events/", views.EventList.as_view(), name="event_list"),
    path("events/new/", views.EventCreate.as_view(), name="event_create"),
    path("events/feed.ics", views.events_ical, name="event_ical"),
    path("events/<int:pk>/", views.EventDetail.as_view(), name="event_detail"),
    path("events/<int:pk>/edit/", views.EventUpdate.as_view(), name="event_edit"),
    path("cycles/", views.CycleList.as_view(), name="cycle_list"),
    path("cycles/new/", views.CycleCreate.as_view(), name="cycle_create"),
    path("cycles/<int:pk>/", views.cycle_detail, name="cycle_detail"),
    path("cycles/<int:pk>/edit/", views.CycleUpdate.as_view(), name="cycle_edit"),
    path("cycles/<int:pk>/checkout/", views.checkout, name="checkout"),
    path("cycles/<int:pk>/manage/", views.cycle_manage, name="cycle_manage"),
    path("cycles/<int:pk>/picklist.csv", views.pick_list, name="pick_list"),
    path("cycles/<int:pk>/pickuplist.csv", views.pickup_list, name="pickup_list"),
    path("cycles/<int:pk>/report.csv", views.cycle_report, name="cycle_report"),
    path("orders/", views.order_list, name="order_list"),
    path("orders/<int:pk>/", views.order_detail, name="order_detail"),
    path("orders/<int:pk>/change/", views.order_change, name="order_change"),
    path("regional-value/", views.regional_dashboard, name="dashboard"),
    path("exchange/", views.ListingList.as_view(), name="listing_list"),
    path("exchange/new/", views.listing_create, name="listing_create"),
    path("exchange/moderation/", views.moderation, name="moderation"),
    path("exchange/searches/", views.saved_searches, name="saved_searches"),
    path("exchange/outcomes/", views.outcomes, name="outcomes"),
    path("exchange/outcomes.csv", views.outcomes_csv, name="outcomes_csv"),
    path("exchange/codes/", views.waste_codes, name="waste_codes"),
    path("exchange/<int:pk>/", views.ListingDetail.as_view(), name="listing_detail"),
    path("exchange/<int:pk>/edit/", views.listing_edit, name="listing_edit"),
    path("exchange/<int:pk>/moderate/", views.listing_moderate, name="listing_moderate"),
    path("exchange/<int:pk>/contact/", views.listing_contact, name="listing_contact"),
    path("exchange/<int:pk>/deal/", views.listing_deal, name="listing_deal"),
]
views.label_claim.shareable_model = views.BusinessProfile
views.label_verify.shareable_model = views.LabelClaim
views.variant_add.shareable_model = views.Product
views.variant_edit.shareable_model = views.ProductVariant
views.variant_remove.shareable_model = views.ProductVariant
