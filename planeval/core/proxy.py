"""The client's address behind nginx: REMOTE_ADDR becomes the address nginx saw (X-Real-IP).

gunicorn's REMOTE_ADDR is the peer of its socket, i.e. nginx. The lockout per address
(django-axes) and the audit log need the browser's address, so a request that comes from one of
PLANEVAL_TRUSTED_PROXIES has its REMOTE_ADDR replaced with the X-Real-IP header nginx sets. A
request from anywhere else keeps its own address: a client cannot choose the address it is
counted under by sending the header itself.
"""
from ipaddress import ip_address

from django.conf import settings


class TrustedProxyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.proxies = frozenset(settings.PLANEVAL_TRUSTED_PROXIES)

    def __call__(self, request):
        if self.proxies and request.META.get("REMOTE_ADDR") in self.proxies:
            forwarded = request.META.get("HTTP_X_REAL_IP", "").strip()
            try:
                request.META["REMOTE_ADDR"] = str(ip_address(forwarded))
            except ValueError:
                pass  # no usable header: the proxy's own address is the best we know
        return self.get_response(request)
