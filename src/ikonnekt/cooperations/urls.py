from django.urls import path

from ikonnekt.cooperations import announcements, views

app_name = "cooperations"
urlpatterns = [
    path("", views.CooperationList.as_view(), name="list"),
    path("new/", views.cooperation_create, name="create"),
    path("network/", views.network, name="network"),
    path("goals/", views.goals_overview, name="goals"),
    path("<int:pk>/", views.CooperationDetail.as_view(), name="detail"),
    path("<int:pk>/edit/", views.cooperation_edit, name="edit"),
    path("announcements/", announcements.AnnouncementList.as_view(), name="announcements"),
    path("announcements/new/", announcements.AnnouncementCreate.as_view(), name="announcement_create"),
    path("announcements/<int:pk>/", announcements.AnnouncementDetail.as_view(), name="announcement_detail"),
    path(
        "announcements/<int:pk>/edit/", announcements.AnnouncementUpdate.as_view(), name="announcement_edit"
    ),
    path(
        "announcements/<int:pk>/delete/",
        announcements.AnnouncementDelete.as_view(),
        name="announcement_delete",
    ),
]
views.cooperation_edit.shareable_model = views.Cooperation
