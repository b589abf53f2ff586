from django.urls import path

from . import views

app_name = "audit"

urlpatterns = [
    path("audit/", views.event_list, name="events"),
    path("audit/export.<str:fmt>", views.event_export, name="events_export"),
]
