from django.urls import path

from ikonnekt.assessment import views

app_name = "assessment"
urlpatterns = [
    path("", views.AreaList.as_view(), name="area_list"),
    path("areas/new/", views.AreaCreate.as_view(), name="area_create"),
    path("areas/<int:pk>/", views.AreaDetail.as_view(), name="area_detail"),
    path("areas/<int:pk>/edit/", views.AreaEdit.as_view(), name="area_edit"),
    path("areas/<int:pk>/delete/", views.AreaDelete.as_view(), name="area_delete"),
    path("catalogues/", views.CatalogueList.as_view(), name="catalogue_list"),
    path("catalogues/new/", views.CatalogueCreate.as_view(), name="catalogue_create"),
    path("catalogues/import/", views.catalogue_import, name="catalogue_import"),
    path("catalogues/<int:pk>/", views.CatalogueDetail.as_view(), name="catalogue_detail"),
    path("catalogues/<int:pk>/edit/", views.CatalogueEdit.as_view(), name="catalogue_edit"),
    path("catalogues/<int:pk>/delete/", views.CatalogueDelete.as_view(), name="catalogue_delete"),
    path("catalogues/<int:pk>/publish/", views.catalogue_publish, name="catalogue_publish"),
    path("catalogues/<int:pk>/derive/", views.catalogue_derive, name="catalogue_derive"),
    path("catalogues/<int:pk>/export.xlsx", views.catalogue_export, {"fmt": "xlsx"}, name="catalogue_xlsx"),
    path("catalogues/<int:pk>/export.json", views.catalogue_export, {"fmt": "json"}, name="catalogue_json"),
    path("catalogues/<int:pk>/entries/new/", views.node_create, name="node_create"),
    path("entries/<int:pk>/edit/", views.node_edit, name="node_edit"),
    path("entries/<int:pk>/delete/", views.node_delete, name="node_delete"),
    path("assessments/new/", views.assessment_create, name="assessment_create"),
    path("assessments/compare/", views.compare, name="compare"),
    path("district/", views.district_overview, name="district"),
    path("assessments/<int:pk>/", views.assessment_detail, name="assessment_detail"),
    path("assessments/<int:pk>/edit/", views.AssessmentEdit.as_view(), name="assessment_edit"),
    path("assessments/<int:pk>/delete/", views.AssessmentDelete.as_view(), name="assessment_delete"),
    path("assessments/<int:pk>/fill/", views.assessment_fill, name="assessment_fill"),
    path("assessments/<int:pk>/rate/", views.assessment_rate, name="assessment_rate"),
    path("assessments/<int:pk>/variant/", views.assessment_variant, name="assessment_variant"),
    path("assessments/<int:pk>/comment/", views.assessment_comment, name="assessment_comment"),
    path("assessments/<int:pk>/report.pdf", views.assessment_pdf, name="assessment_pdf"),
    path("assessments/<int:pk>/report.xlsx", views.assessment_xlsx, name="assessment_xlsx"),
    path("assessments/<int:pk>/import/", views.assessment_import, name="assessment_import"),
]
