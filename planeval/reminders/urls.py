from django.urls import path

from . import views

app_name = "reminders"
urlpatterns = [
    path("reminders/", views.inbox, name="inbox"),
    path("reminders/<int:notification_id>/read/", views.mark_read, name="read"),
    path("reminders/read-all/", views.mark_all_read, name="read_all"),
]
