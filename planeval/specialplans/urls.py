from django.urls import path

from . import views

app_name = "specialplans"
urlpatterns = [
    path("c/<int:campaign_id>/special-plans/", views.evaluation_list, name="list"),
    path("c/<int:campaign_id>/special-plans/export.<str:fmt>", views.evaluation_export, name="export"),
    path("c/<int:campaign_id>/special-plans/create/", views.evaluations_create, name="create"),
    path("special-plans/<int:evaluation_id>/", views.evaluation_detail, name="detail"),
    path("special-plans/<int:evaluation_id>/report/", views.report_save, name="report"),
    path("special-plans/<int:evaluation_id>/do/<str:action>/", views.evaluation_transition, name="transition"),
    path("special-plans/<int:evaluation_id>/package/", views.package_set, name="package"),
    path("special-plans/<int:evaluation_id>/download.docx", views.report_download, name="download"),
    path("special-plans/steps/<int:step_id>/document/", views.step_document, name="document"),
]
