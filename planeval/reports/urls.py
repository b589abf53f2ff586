from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("s/<int:submission_id>/export/<slug:kind>.<str:fmt>", views.export_unit, name="unit"),
    path("c/<int:campaign_id>/export/<slug:kind>.<str:fmt>", views.export_compiled, name="compiled"),
    path("c/<int:campaign_id>/jobs/<slug:kind>.<str:fmt>", views.job_start, name="job_start"),
    path("jobs/<uuid:job_id>/", views.job_status, name="job"),
    path("jobs/<uuid:job_id>/download/", views.job_download, name="job_download"),
]
