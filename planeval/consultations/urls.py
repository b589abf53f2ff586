from django.urls import path

from . import views, views_public

app_name = "consultations"
urlpatterns = [
    # The DRC's pages, leaders' and observers' reading (login; access.py decides).
    path("c/<int:campaign_id>/consultation/", views.index, name="index"),
    path("c/<int:campaign_id>/consultation/versions/record/", views.version_record, name="version_record"),
    path("c/<int:campaign_id>/consultation/versions/promote/", views.version_promote, name="version_promote"),
    path("c/<int:campaign_id>/consultation/record.<str:fmt>", views.record_export, name="record_export"),
    path("consultation/versions/<int:version_id>/", views.version, name="version"),
    path("consultation/versions/<int:version_id>/docx/", views.version_docx, name="version_docx"),
    path("consultation/versions/<int:version_id>/rounds/new/", views.round_open, name="round_open"),
    path("consultation/rounds/<int:round_id>/", views.round_detail, name="round"),
    path("consultation/rounds/<int:round_id>/invite/", views.invite, name="invite"),
    path("consultation/comments/<int:comment_id>/answer/", views.answer, name="answer"),
    # A department's reading page (its users' login).
    path("consultation/invitations/<int:invitation_id>/", views.reading, name="reading"),
    path("consultation/invitations/<int:invitation_id>/no-comment/", views.reading_no_comment,
         name="reading_no_comment"),
    # An outside reader's personal link: no account.
    path("p/c/<str:token>/", views_public.public_reading, name="public_reading"),
    path("p/c/<str:token>/no-comment/", views_public.public_no_comment, name="public_no_comment"),
]
