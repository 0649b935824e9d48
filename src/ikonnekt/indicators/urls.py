from django.urls import path

from ikonnekt.indicators import views

app_name = "indicators"
urlpatterns = [
    path("", views.SeriesList.as_view(), name="list"),
    path("publish/<str:key>/", views.publish, name="publish"),
    path("<int:pk>/", views.SeriesDetail.as_view(), name="detail"),
    path("<int:pk>/delete/", views.SeriesDelete.as_view(), name="delete"),
    path("<int:pk>/settings/", views.series_settings, name="settings"),
    path("<int:pk>/refresh/", views.series_refresh, name="refresh"),
    path("<int:pk>/follow/target/", views.follow_target, name="follow_target"),
    path("<int:pk>/follow/rating/", views.follow_rating, name="follow_rating"),
    path("<int:pk>.csv", views.series_csv, name="series_csv"),
    path("<int:pk>.json", views.series_json, name="series_json"),
    path("chain/", views.chain_page, name="chain"),
    path("compare/", views.compare_page, name="compare"),
    path("opendata/", views.opendata_page, name="opendata"),
    path("opendata/catalog.jsonld", views.catalog, name="catalog"),
    path("opendata/listings.csv", views.listings_csv, name="listings_csv"),
    path("opendata/listings.json", views.listings_json, name="listings_json"),
    path("opendata/catalogues/<int:pk>.csv", views.catalogue_csv, name="catalogue_csv"),
    path("opendata/catalogues/<int:pk>.json", views.catalogue_json, name="catalogue_json"),
]
