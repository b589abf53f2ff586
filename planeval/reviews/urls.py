from django.urls import path

from . import views

app_name = "reviews"
urlpatterns = [
    path("c/<int:campaign_id>/reviews/", views.start, name="start"),
    path("c/<int:campaign_id>/reviews/comparison/", views.comparison, name="comparison"),
    path("c/<int:campaign_id>/reviews/comparison/export.<str:fmt>", views.comparison_export,
         name="comparison_export"),
    path("c/<int:campaign_id>/reviews/evaluators/", views.grants, name="grants"),
    path("reviews/evaluators/<int:grant_id>/revoke/", views.grant_revoke, name="grant_revoke"),
    path("reviews/g/<int:grant_id>/", views.grant_page, name="grant"),
    path("reviews/g/<int:grant_id>/<str:item_type>/<int:item_id>/", views.conclusion, name="conclusion"),
    path("reviews/g/<int:grant_id>/template.xlsx", views.template, name="template"),
    path("reviews/g/<int:grant_id>/upload/", views.upload, name="upload"),
    path("reviews/uploads/<int:upload_id>/commit/", views.upload_commit, name="upload_commit"),
    path("c/<int:campaign_id>/cases/", views.cases, name="cases"),
    path("c/<int:campaign_id>/cases/export.<str:fmt>", views.cases_export, name="cases_export"),
    path("c/<int:campaign_id>/cases/new/", views.case_new, name="case_new"),
    path("cases/<int:case_id>/", views.case_detail, name="case"),
    path("cases/<int:case_id>/attachment/", views.case_attachment, name="case_attachment"),
    path("cases/<int:case_id>/select/", views.case_select, name="case_select"),
]
