from django.urls import path

from . import views

app_name = "exchange"
urlpatterns = [
    path("j/<int:jurisdiction_id>/import/", views.start, name="start"),
    path("j/<int:jurisdiction_id>/import/template/<slug:kind>.xlsx", views.template, name="template"),
    path("imports/<uuid:job_id>/", views.job, name="job"),
    path("imports/<uuid:job_id>/commit/", views.commit, name="commit"),
]
