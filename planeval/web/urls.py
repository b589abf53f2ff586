from django.urls import path

from . import views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("j/<int:jurisdiction_id>/indicators/", views.indicator_list, name="indicators"),
    path("j/<int:jurisdiction_id>/tasks/", views.task_list, name="tasks"),
    path("j/<int:jurisdiction_id>/plans/", views.plan_list, name="plans"),
    path("j/<int:jurisdiction_id>/indicators/export.<str:fmt>", views.indicator_export, name="indicators_export"),
    path("j/<int:jurisdiction_id>/tasks/export.<str:fmt>", views.task_export, name="tasks_export"),
    path("j/<int:jurisdiction_id>/plans/export.<str:fmt>", views.plan_export, name="plans_export"),
]
