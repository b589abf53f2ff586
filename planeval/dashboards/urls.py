from django.urls import path

from . import views

app_name = "dashboards"
urlpatterns = [
    path("c/<int:campaign_id>/overview/", views.overview, name="overview"),
    path("c/<int:campaign_id>/overview/screen/", views.overview_screen, name="screen"),
    path("c/<int:campaign_id>/overview/items/", views.items, name="items"),
    path("c/<int:campaign_id>/overview/items/export.<str:fmt>", views.items_export, name="items_export"),
    path("c/<int:campaign_id>/overview/tasks/", views.tasks, name="tasks"),
    path("c/<int:campaign_id>/overview/projects/", views.projects, name="projects"),
    path("c/<int:campaign_id>/public-settings/", views.public_settings, name="public_settings"),
    path("indicators/<int:indicator_id>/", views.indicator, name="indicator"),
    path("public/<int:campaign_id>/", views.public, name="public"),
]
