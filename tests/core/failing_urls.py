"""The real URLconf plus views that fail on purpose, for the error-page tests only."""
from django.core.exceptions import BadRequest
from django.urls import path
from rest_framework.views import APIView

from config.urls import handler400, handler500, urlpatterns as real_urlpatterns  # noqa: F401

SECRET_IN_THE_FAILURE = "connection to db-secret.internal:5432 refused"


def page_that_fails(request):
    raise RuntimeError(SECRET_IN_THE_FAILURE)


def page_with_bad_input(request):
    raise BadRequest("malformed")


class ApiThatFails(APIView):
    def get(self, request):
        raise RuntimeError(SECRET_IN_THE_FAILURE)


urlpatterns = [
    path("test-only/fails/", page_that_fails),
    path("test-only/bad-request/", page_with_bad_input),
    path("api/v1/test-only/fails/", ApiThatFails.as_view()),
    *real_urlpatterns,
]
