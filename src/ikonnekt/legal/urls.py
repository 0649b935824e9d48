from django.urls import path

from ikonnekt.legal import views
from ikonnekt.planning.models import SiteOwner

app_name = "legal"
urlpatterns = [
    path("my-data/", views.my_data, name="my_data"),
    path("my-data/download.json", views.my_data_download, {"fmt": "json"}, name="my_data_json"),
    path("my-data/download.csv", views.my_data_download, {"fmt": "csv"}, name="my_data_csv"),
    path("my-data/delete/", views.erase_me, name="erase_me"),
    path("people/<int:pk>/delete/", views.erase_user, name="erase_user"),
    path(
        "site-owners/<int:pk>/data.json", views.site_owner_download, {"fmt": "json"}, name="site_owner_json"
    ),
    path("site-owners/<int:pk>/data.csv", views.site_owner_download, {"fmt": "csv"}, name="site_owner_csv"),
    path("site-owners/<int:pk>/delete/", views.site_owner_erase, name="site_owner_erase"),
    path("<slug:kind>/edit/", views.edit, name="edit"),
    path("<slug:kind>/", views.page, name="page"),
]

views.site_owner_download.shareable_model = SiteOwner
views.site_owner_erase.shareable_model = SiteOwner
