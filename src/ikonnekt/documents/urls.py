from django.urls import path

from ikonnekt.documents import settings_views, views

app_name = "documents"
urlpatterns = [
    path("", views.DocumentList.as_view(), name="list"),
    path("upload/", views.upload, name="upload"),
    path("upload/file/", views.upload_file, name="upload_file"),
    path("trash/", views.trash, name="trash"),
    path("attach/", views.attach, name="attach"),
    path("export/search/", views.search_export, name="search_export"),
    path("import/", views.package_import, name="package_import"),
    path("disposal/", views.disposal_list, name="disposal"),
    path("settings/", settings_views.dms_settings, name="settings"),
    path("settings/fields/<int:pk>/", settings_views.metadata_field_edit, name="metadata_field_edit"),
    path(
        "settings/fields/<int:pk>/delete/", settings_views.metadata_field_delete, name="metadata_field_delete"
    ),
    path("<int:pk>/", views.DocumentDetail.as_view(), name="detail"),
    path("<int:pk>/edit/", views.DocumentEdit.as_view(), name="edit"),
    path("<int:pk>/version/", views.new_version, name="new_version"),
    path("<int:pk>/trash/", views.document_trash, name="trash_document"),
    path("<int:pk>/restore/", views.document_restore, name="restore"),
    path("<int:pk>/hold/", views.document_hold, name="hold"),
    path("versions/<int:pk>/download/", views.version_download, name="version_download"),
    path("versions/<int:pk>/view/", views.version_view, name="version_view"),
    path("versions/<int:pk>/thumbnail/", views.version_thumbnail, name="version_thumbnail"),
    path("links/<int:pk>/remove/", views.unlink, name="unlink"),
    path("files/", views.FileList.as_view(), name="file_list"),
    path("files/new/", views.FileCreate.as_view(), name="file_create"),
    path("files/<int:pk>/", views.FileDetail.as_view(), name="file_detail"),
    path("files/<int:pk>/edit/", views.FileEdit.as_view(), name="file_edit"),
    path("files/<int:pk>/close/", views.file_close, name="file_close"),
    path("files/<int:pk>/reopen/", views.file_reopen, name="file_reopen"),
    path("files/<int:pk>/hold/", views.file_hold, name="file_hold"),
    path("files/<int:pk>/approve-disposal/", views.file_approve_disposal, name="file_approve_disposal"),
    path("files/<int:pk>/dispose/", views.file_dispose, name="file_dispose"),
    path("files/<int:pk>/cases/", views.case_create, name="case_create"),
    path("files/<int:pk>/export/", views.file_export, name="file_export"),
    path("plan/", views.SubjectList.as_view(), name="subject_list"),
    path("plan/new/", views.SubjectCreate.as_view(), name="subject_create"),
    path("plan/import/", views.plan_import, name="plan_import"),
    path("plan/<int:pk>/", views.SubjectDetail.as_view(), name="subject_detail"),
    path("plan/<int:pk>/edit/", views.SubjectEdit.as_view(), name="subject_edit"),
]
