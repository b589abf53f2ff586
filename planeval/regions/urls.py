from django.urls import path

from . import views

app_name = "regions"
urlpatterns = [
    path("j/<int:jurisdiction_id>/children/", views.children_overview, name="children"),
    path("j/<int:jurisdiction_id>/upper-tasks/", views.upper_tasks, name="upper_tasks"),
    path("j/<int:jurisdiction_id>/upper-tasks/assign/", views.upper_task_assign, name="upper_task_assign"),
    path("j/<int:jurisdiction_id>/assigned-tasks/", views.assigned_tasks, name="assigned"),
    path("assignments/<int:assignment_id>/report/", views.assignment_report, name="assignment_report"),
    path("c/<int:campaign_id>/upward-review/", views.upward_review, name="upward"),
    path("j/<int:jurisdiction_id>/upward-reviews/", views.review_queue, name="queue"),
    path("upward-reviews/<int:review_id>/decide/", views.review_decide, name="decide"),
    path("j/<int:jurisdiction_id>/benchmarks/", views.indicator_index, name="indicators"),
    path("i/<int:indicator_id>/peers/", views.peers, name="peers"),
    path("i/<int:indicator_id>/breakdown/", views.breakdown, name="breakdown"),
]
