"""A ``Server-Timing`` header on every response: how long Django took, in milliseconds.

The benchmark (benchmarks/province_pages.py) reads it, so its figures are the server's time
without the client's; browsers show it in their network panel.
"""
import time


class ServerTimingMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        response["Server-Timing"] = f"app;dur={(time.perf_counter() - started) * 1000:.1f}"
        return response
