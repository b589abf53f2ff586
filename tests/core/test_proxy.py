"""Behind nginx the lockout and the audit log see the browser's address, never one a client chose."""
from django.test import RequestFactory

from planeval.core.proxy import TrustedProxyMiddleware


def address_seen(settings, *, peer: str, header: str | None) -> str:
    seen = {}

    def view(request):
        seen["address"] = request.META["REMOTE_ADDR"]

    request = RequestFactory().get("/", REMOTE_ADDR=peer, **({"HTTP_X_REAL_IP": header} if header else {}))
    TrustedProxyMiddleware(view)(request)
    return seen["address"]


def test_the_proxys_header_names_the_client(settings):
    settings.PLANEVAL_TRUSTED_PROXIES = ["127.0.0.1"]
    assert address_seen(settings, peer="127.0.0.1", header="10.20.30.40") == "10.20.30.40"
    assert address_seen(settings, peer="127.0.0.1", header="not an address") == "127.0.0.1"


def test_a_client_cannot_choose_its_address(settings):
    settings.PLANEVAL_TRUSTED_PROXIES = ["127.0.0.1"]
    assert address_seen(settings, peer="10.9.9.9", header="10.20.30.40") == "10.9.9.9"
    settings.PLANEVAL_TRUSTED_PROXIES = []
    assert address_seen(settings, peer="127.0.0.1", header="10.20.30.40") == "127.0.0.1"
