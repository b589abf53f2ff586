from django.urls import path

from . import views

app_name = "adjustments"
urlpatterns = [
    path("c/<int:campaign_id>/adjustments/", views.adjustment_list, name="list"),
    path("c/<int:campaign_id>/adjustments/new/<str:item_type>/<int:item_id>/", views.adjustment_new, name="new"),
    path("c/<int:campaign_id>/adjustments/add/", views.adjustment_new_item, name="new_item"),
    path("c/<int:campaign_id>/adjustments/settings/", views.route_settings, name="settings"),
    path("s/<int:submission_id>/indicator/<int:indicator_id>/adjustment/", views.adjustment_from_report,
         name="from_report"),
    path("adjustments/<int:adjustment_id>/", views.adjustment_detail, name="detail"),
    path("adjustments/<int:adjustment_id>/edit/", views.adjustment_edit, name="edit"),
    path("adjustments/<int:adjustment_id>/do/<str:action>/", views.adjustment_transition, name="transition"),
    path("history/<str:item_type>/<int:item_id>/", views.item_history, name="history"),
]
