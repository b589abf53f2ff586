from django.urls import path

from . import views

app_name = "campaigns"
urlpatterns = [
    path("c/<int:campaign_id>/settings/", views.campaign_settings, name="settings"),
]
