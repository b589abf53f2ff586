"""Every URL of the congress namespace for every demo role (anonymous included).

DRC, leaders and observers (人大) read the package; only the DRC changes it; units' fillers and
the separated administrators are refused. The table is checked against the URL configuration.
"""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import get_resolver, reverse

from planeval.accounts.models import User
from planeval.campaigns.models import Campaign
from planeval.congress.models import Document, Package

ROLES = ["anonymous", "admin", "fgw", "leader", "kewei", "observer", "security", "auditor"]
READERS = {"fgw", "leader", "observer"}
OK_WRITE = 302

MATRIX = {
    "package": ("get", {r: 200 for r in READERS}),
    "download": ("get", {r: 200 for r in READERS}),
    "document": ("get", {r: 200 for r in READERS}),
    "generate": ("post", {"fgw": OK_WRITE}),
    "attach": ("post", {"fgw": "attach"}),
    "upload": ("post", {"fgw": OK_WRITE}),
    "remove": ("post", {"fgw": OK_WRITE}),
    "step": ("post", {"fgw": OK_WRITE}),
}


def test_the_matrix_covers_every_url_of_the_namespace():
    namespace = get_resolver().namespace_dict["congress"][1]
    assert set(MATRIX) == {n for n in namespace.reverse_dict if isinstance(n, str)}


def client_as(role):
    client = Client()
    if role != "anonymous":
        client.force_login(User.objects.get(username=role))
    return client


def request_for(name, campaign, package):
    document = Document.objects.filter(package=package, kind="adjustment-plan").first()
    version = {"version": package.version}
    args = {"document": [campaign.id, document.id], "remove": [campaign.id, document.id],
            "generate": [campaign.id, "adjustment-plan"]}.get(name, [campaign.id])
    data = {"upload": {**version, "title": "纪要", "file": SimpleUploadedFile("纪要.pdf", b"%PDF-1.4")},
            "step": {**version, "step": "congress", "held_on": "2023-11-02", "body": "区人大常委会"}}.get(name, version)
    return reverse(f"congress:{name}", args=args), data


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_permission_matrix(demo, name, role):
    campaign = Campaign.objects.get(jurisdiction__name="普陀区")
    package = Package.objects.get(campaign=campaign)
    before = (Document.objects.filter(removed_at__isnull=True).count(), package.steps.count(), package.version)
    url, data = request_for(name, campaign, package)
    method, expected = MATRIX[name]
    response = client_as(role).get(url) if method == "get" else client_as(role).post(url, data)
    if role == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response.url
        return
    want = expected.get(role, 403)
    if want == "attach":  # 302 when another module offers documents, else the Chinese refusal (400)
        want = 302 if response.status_code == 302 else 400
    assert response.status_code == want, (name, role)
    package.refresh_from_db()
    after = (Document.objects.filter(removed_at__isnull=True).count(), package.steps.count(), package.version)
    if method == "post" and want != 302:
        assert after == before  # a refused write changes nothing
