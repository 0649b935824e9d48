from django.urls import path

from ikonnekt.cooperations import views

app_name = "cooperations"
urlpatterns = [
    path("", views.CooperationList.as_view(), name="list"),
    path("new/", views.cooperation_create, name="create"),
    path("network/", views.network, name="network"),
    path("goals/", views.goals_overview, name="goals"),
    path("<int:pk>/", views.CooperationDetail.as_view(), name="detail"),
    path("<int:pk>/edit/", views.cooperation_edit, name="edit"),
]
views.cooperation_edit.shareable_model = views.Cooperation
