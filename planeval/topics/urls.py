from django.urls import path

from . import views

app_name = "topics"
urlpatterns = [
    path("c/<int:campaign_id>/topics/", views.topic_list, name="list"),
    path("c/<int:campaign_id>/topics/new/", views.topic_new, name="new"),
    path("topics/<int:topic_id>/", views.topic_detail, name="detail"),
    path("topics/<int:topic_id>/edit/", views.topic_edit, name="edit"),
    path("topics/<int:topic_id>/report/", views.topic_report, name="report"),
    path("topics/<int:topic_id>/contribute/", views.topic_contribute, name="contribute"),
    path("topics/<int:topic_id>/do/<str:action>/", views.topic_transition, name="transition"),
    path("topics/<int:topic_id>/file/", views.topic_file, name="file"),
]
