"""``/healthz``: a liveness probe that touches neither the database nor the session.

It is also the benchmark's floor: the time the server takes for a request that does no work.
"""
from django.http import HttpResponse
from django.views.decorators.http import require_GET


@require_GET
def healthz(request):
    return HttpResponse("ok", content_type="text/plain")
