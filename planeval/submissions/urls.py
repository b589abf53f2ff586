from django.urls import path

from . import views

app_name = "submissions"
urlpatterns = [
    path("c/<int:campaign_id>/work/", views.my_work, name="my_work"),
    path("c/<int:campaign_id>/board/", views.campaign_board, name="board"),
    path("c/<int:campaign_id>/board/export.<str:fmt>", views.board_export, name="board_export"),
    path("c/<int:campaign_id>/board/unit/<int:unit_id>/", views.board_open_unit, name="board_unit"),
    path("c/<int:campaign_id>/notices/new/<int:unit_id>/", views.notice_new, name="notice_new"),
    path("notices/<int:notice_id>/read/", views.notice_read, name="notice_read"),
    path("s/<int:submission_id>/", views.submission_detail, name="detail"),
    path("s/<int:submission_id>/items/export.<str:fmt>", views.work_export, name="work_export"),
    path("s/<int:submission_id>/do/<str:action>/", views.submission_transition, name="transition"),
    path("s/<int:submission_id>/report/", views.report_sections, name="report"),
    path("s/<int:submission_id>/contact/", views.contact_form, name="contact"),
    path("s/<int:submission_id>/indicator/<int:indicator_id>/", views.indicator_form, name="indicator"),
    path("s/<int:submission_id>/indicator/<int:indicator_id>/preview/", views.indicator_preview, name="preview"),
    path("s/<int:submission_id>/task/<int:task_id>/", views.task_form, name="task"),
    path("s/<int:submission_id>/project/<int:project_id>/", views.project_form, name="project"),
    path("s/<int:submission_id>/<str:item_type>/<int:item_id>/comment/", views.item_comment, name="comment"),
    path("evidence/<int:evidence_id>/", views.evidence_download, name="evidence"),
]
