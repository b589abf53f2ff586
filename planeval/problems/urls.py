from django.urls import path

from . import views

app_name = "problems"
urlpatterns = [
    path("c/<int:campaign_id>/problems/", views.problem_list, name="list"),
    path("c/<int:campaign_id>/problems/export/<str:fmt>/", views.problem_export, name="export"),
    path("c/<int:campaign_id>/problems/new/", views.problem_new, name="new"),
    path("c/<int:campaign_id>/problems/from-report/", views.problem_proposals, name="proposals"),
    path("problems/<int:problem_id>/", views.problem_detail, name="detail"),
    path("problems/<int:problem_id>/status/", views.problem_status, name="status"),
    path("c/<int:campaign_id>/support/", views.support_list, name="support_list"),
    path("c/<int:campaign_id>/support/export/<str:fmt>/", views.support_export, name="support_export"),
    path("c/<int:campaign_id>/support/new/", views.support_new, name="support_new"),
    path("support/<int:request_id>/", views.support_detail, name="support_detail"),
    path("support/<int:request_id>/do/<str:action>/", views.support_advance, name="support_advance"),
]
