from django.urls import path

from ikonnekt.knowledge import views

app_name = "knowledge"
urlpatterns = [
    path("", views.ArticleList.as_view(), name="list"),
    path("new/", views.article_create, name="create"),
    path("preview/", views.markdown_preview, name="preview"),
    path("<int:pk>/", views.ArticleDetail.as_view(), name="detail"),
    path("<int:pk>/edit/", views.article_edit, name="edit"),
    path("<int:pk>/delete/", views.ArticleDelete.as_view(), name="delete"),
    path("<int:pk>/review/", views.article_review, name="review"),
    path("<int:pk>/helpful/", views.article_helpful, name="helpful"),
    path("<int:pk>/comments/", views.comment_add, name="comment_add"),
    path("<int:pk>/comments/<int:comment_pk>/delete/", views.comment_delete, name="comment_delete"),
    path("<int:pk>/files/", views.file_upload, name="file_upload"),
    path("<int:pk>/files/<int:file_pk>/", views.file_serve, name="file"),
    path("<int:pk>/files/<int:file_pk>/delete/", views.file_delete, name="file_delete"),
    path("<int:pk>/history/", views.article_history, name="history"),
    path("<int:pk>/history/<int:number>/", views.revision_diff, name="revision"),
    path("<int:pk>/history/<int:number>/restore/", views.revision_restore, name="revision_restore"),
    path("questions/", views.QuestionList.as_view(), name="questions"),
    path("questions/new/", views.question_create, name="question_create"),
    path("questions/<int:pk>/", views.QuestionDetail.as_view(), name="question_detail"),
    path("questions/<int:pk>/edit/", views.question_edit, name="question_edit"),
    path("questions/<int:pk>/delete/", views.QuestionDelete.as_view(), name="question_delete"),
    path("questions/<int:pk>/answers/", views.answer_add, name="answer_add"),
    path("questions/<int:pk>/answers/<int:answer_pk>/accept/", views.answer_accept, name="answer_accept"),
    path("questions/<int:pk>/to-article/", views.question_to_article, name="question_to_article"),
]
