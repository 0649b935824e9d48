from django.urls import path

from ikonnekt.core import files, views

app_name = "core"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("jobs/", views.jobs, name="jobs"),
    path("jobs/<int:pk>/", views.job_detail, name="job_detail"),
    path("jobs/<int:pk>/progress/", views.job_progress, name="job_progress"),
    path("audit/", views.audit_log, name="audit"),
    path("audit/export.csv", views.audit_log_csv, name="audit_csv"),
    path("system/", views.system, name="system"),
    path("files/<str:model>/<int:pk>/<str:field>/", files.stored_file, name="stored_file"),
]
