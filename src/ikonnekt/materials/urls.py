from django.urls import path

from ikonnekt.materials import views

app_name = "materials"
urlpatterns = [
    path("", views.ScenarioList.as_view(), name="list"),
    path("green-waste/", views.ScenarioList.as_view(), name="scenario_list"),
    path("green-waste/new/", views.ScenarioCreate.as_view(), name="scenario_create"),
    path("green-waste/<int:pk>/", views.ScenarioDetail.as_view(), name="scenario_detail"),
    path("green-waste/<int:pk>/edit/", views.ScenarioUpdate.as_view(), name="scenario_edit"),
    path("green-waste/<int:pk>/delete/", views.ScenarioDelete.as_view(), name="scenario_delete"),
    path("green-waste/<int:pk>/optimise/", views.scenario_optimise, name="scenario_optimise"),
    path("green-waste/<int:pk>/points/new/", views.point_create, name="point_create"),
    path("green-waste/<int:pk>/plants/new/", views.plant_create, name="plant_create"),
    path("green-waste/<int:pk>/points/<int:child_id>/delete/", views.point_delete, name="point_delete"),
    path("green-waste/<int:pk>/plants/<int:child_id>/delete/", views.plant_delete, name="plant_delete"),
    path("green-waste/<int:pk>/distances/", views.distances_import, name="distances_import"),
    path("green-waste/<int:pk>/monitoring/", views.monitoring_page, name="monitoring"),
    path("green-waste/<int:pk>/report.pdf", views.scenario_report, {"fmt": "pdf"}, name="report_pdf"),
    path("green-waste/<int:pk>/report.xlsx", views.scenario_report, {"fmt": "xlsx"}, name="report_xlsx"),
    path("systems/", views.SystemList.as_view(), name="system_list"),
    path("systems/new/", views.SystemCreate.as_view(), name="system_create"),
    path("systems/import/", views.system_import, name="system_import"),
    path("systems/<int:pk>/", views.SystemDetail.as_view(), name="system_detail"),
    path("systems/<int:pk>/edit/", views.SystemUpdate.as_view(), name="system_edit"),
    path("systems/<int:pk>/delete/", views.SystemDelete.as_view(), name="system_delete"),
    path("systems/<int:pk>/values/", views.system_values, name="system_values"),
    path("systems/<int:pk>/roles/", views.system_roles, name="system_roles"),
    path("systems/<int:pk>/replace/", views.system_replace, name="system_replace"),
    path("systems/<int:pk>/export.json", views.system_export, {"fmt": "json"}, name="system_json"),
    path("systems/<int:pk>/export.xlsx", views.system_export, {"fmt": "xlsx"}, name="system_xlsx"),
    path("systems/<int:pk>/results.csv", views.system_export, {"fmt": "csv"}, name="system_csv"),
]
