from django.urls import path

from . import views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("j/<int:jurisdiction_id>/indicators/", views.indicator_list, name="indicators"),
    path("j/<int:jurisdiction_id>/tasks/", views.task_list, name="tasks"),
    path("j/<int:jurisdiction_id>/plans/", views.plan_list, name="plans"),
]
