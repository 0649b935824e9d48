from django.urls import path

from ikonnekt.organizations import views

app_name = "organizations"
urlpatterns = [
    path("", views.organisation_list, name="list"),
    path("switch/", views.switch, name="switch"),
    path("invitation/<str:token>/", views.accept_invitation, name="accept"),
    path("<slug:slug>/", views.organisation_detail, name="detail"),
    path("<slug:slug>/edit/", views.organisation_edit, name="edit"),
    path("<slug:slug>/invite/", views.invite, name="invite"),
    path("<slug:slug>/members/<int:pk>/role/", views.membership_role, name="membership_role"),
    path("<slug:slug>/members/<int:pk>/end/", views.membership_end, name="membership_end"),
]
