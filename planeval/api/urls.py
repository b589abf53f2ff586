"""/api/: the schema, its docs (Swagger UI from local static files) and version 1 of the API."""
from django.urls import include, path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import SimpleRouter

from .campaigns import CampaignViewSet
from .docs import swagger_view
from .organizations import JurisdictionViewSet, UnitViewSet
from .planning import IndicatorViewSet, PlanViewSet, ProjectViewSet, TaskViewSet
from .submissions import (
    STEPS,
    IndicatorJudgementView,
    MySubmissionView,
    ProjectProgressView,
    SubmissionViewSet,
    TaskProgressView,
    transition_view,
)
from .values import SubmissionValuesView, ValueViewSet

app_name = "api"

router = SimpleRouter()
router.register("jurisdictions", JurisdictionViewSet, basename="jurisdiction")
router.register("units", UnitViewSet, basename="unit")
router.register("campaigns", CampaignViewSet, basename="campaign")
router.register("plans", PlanViewSet, basename="plan")
router.register("indicators", IndicatorViewSet, basename="indicator")
router.register("values", ValueViewSet, basename="value")
router.register("tasks", TaskViewSet, basename="task")
router.register("projects", ProjectViewSet, basename="project")
router.register("submissions", SubmissionViewSet, basename="submission")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", swagger_view(), name="docs"),
    # Redoc's bundle fetches its logo from cdn.redoc.ly and injects styles no nonce can cover
    # (planeval/api/docs.py): its old address leads to Swagger UI, which shows the same schema.
    path("redoc/", RedirectView.as_view(pattern_name="api:docs", permanent=True), name="redoc"),
    path("v1/", include(router.urls)),
    path("v1/campaigns/<int:campaign_id>/my-submission/", MySubmissionView.as_view(), name="my-submission"),
    path("v1/submissions/<int:submission_id>/values/", SubmissionValuesView.as_view(), name="submission-values"),
    path("v1/submissions/<int:submission_id>/indicators/<int:indicator_id>/", IndicatorJudgementView.as_view(),
         name="submission-indicator"),
    path("v1/submissions/<int:submission_id>/tasks/<int:task_id>/", TaskProgressView.as_view(),
         name="submission-task"),
    path("v1/submissions/<int:submission_id>/projects/<int:project_id>/", ProjectProgressView.as_view(),
         name="submission-project"),
    *[path(f"v1/submissions/<int:submission_id>/{step.value}/", transition_view(step),
           name=f"submission-{step.value}") for step in STEPS],
]
