"""Every URL of the reviews namespace × every demo role (and anonymous): who may read, who may write.

The table is checked against the URL configuration, so a new URL without a row fails here.
"""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import get_resolver, reverse
from django.utils import timezone

from planeval.accounts.models import Role, RoleAssignment, User
from planeval.organizations.models import Unit
from planeval.reviews import selectors, services
from planeval.reviews.models import Case, ConclusionUpload, ItemType

from .conftest import client_as, workbook_bytes

ROLES = ["anonymous", "admin", "fgw", "leader", "kewei", "observer", "pinggu", "jinrong", "security", "auditor"]
UNITS = {"kewei", "jinrong"}
OVERSEERS = {"fgw", "leader"}


@pytest.fixture
def world(campaign, grant):
    jinrong = User.objects.create(username="jinrong")
    RoleAssignment.objects.create(user=jinrong, role=Role.FILLER, jurisdiction=campaign.jurisdiction,
                                  unit=Unit.objects.get(jurisdiction=campaign.jurisdiction, name="区金融办"))
    case = Case.objects.get(campaign=campaign, unit__name="区科委")
    case = services.case_save(campaign=campaign, unit=case.unit, case=case, user=User.objects.get(username="kewei"),
                              fields={n: getattr(case, n) for n in services.CASE_FIELDS}, expected_version=case.version,
                              upload=SimpleUploadedFile("材料.pdf", b"%PDF-1.4 x", "application/pdf"))
    judged = {k for k in selectors.grant_conclusions(grant)}
    item = next(i for i in selectors.campaign_items(campaign)
                if i.item_type == ItemType.INDICATOR and i.key not in judged)
    kept = ConclusionUpload(grant=grant, filename="结论.xlsx", sha256="", uploaded_by=grant.user,
                            uploaded_at=timezone.now())
    data = workbook_bytes([("指标", item.number, item.name, "B", "")])
    import hashlib

    from django.core.files.base import ContentFile

    kept.sha256 = hashlib.sha256(data).hexdigest()
    kept.file.save("x.upload", ContentFile(data), save=True)
    return {"c": campaign.id, "g": grant.id, "it": item.item_type, "ii": item.item_id, "k": case.id, "v": case.version,
            "up": kept.id, "xlsx": "xlsx", "csv": "csv"}


# (url name, kwargs keys, method, {role: expected status}); roles not listed expect 403 (anonymous: 302 to login).
MATRIX = [
    ("reviews:start", {"campaign_id": "c"}, "get", {r: 302 for r in {"fgw", "leader", "pinggu", *UNITS}}),
    ("reviews:comparison", {"campaign_id": "c"}, "get", {r: 200 for r in OVERSEERS}),
    ("reviews:comparison_export", {"campaign_id": "c", "fmt": "xlsx"}, "get", {r: 200 for r in OVERSEERS}),
    ("reviews:grants", {"campaign_id": "c"}, "get", {"fgw": 200}),
    ("reviews:grants", {"campaign_id": "c"}, "post", {"fgw": 302}),
    ("reviews:grant_revoke", {"grant_id": "g"}, "post", {"fgw": 302}),
    ("reviews:grant", {"grant_id": "g"}, "get", {"fgw": 200, "pinggu": 200}),
    ("reviews:conclusion", {"grant_id": "g", "item_type": "it", "item_id": "ii"}, "get", {"fgw": 200, "pinggu": 200}),
    ("reviews:conclusion", {"grant_id": "g", "item_type": "it", "item_id": "ii"}, "post", {"fgw": 302, "pinggu": 302}),
    ("reviews:template", {"grant_id": "g"}, "get", {"fgw": 200, "pinggu": 200}),
    ("reviews:upload", {"grant_id": "g"}, "get", {"fgw": 200, "pinggu": 200}),
    ("reviews:upload", {"grant_id": "g"}, "post", {"fgw": 400, "pinggu": 400}),   # no file: refused, re-shown
    ("reviews:upload_commit", {"upload_id": "up"}, "post", {"pinggu": 302}),     # only the uploader commits
    ("reviews:cases", {"campaign_id": "c"}, "get", {r: 200 for r in {*OVERSEERS, *UNITS}}),
    ("reviews:cases_export", {"campaign_id": "c", "fmt": "csv"}, "get", {r: 200 for r in {*OVERSEERS, *UNITS}}),
    ("reviews:case_new", {"campaign_id": "c"}, "get", {r: 200 for r in UNITS}),
    # 区金融办's sample report is under review in the demo, so its case is refused (locks.py), re-shown.
    ("reviews:case_new", {"campaign_id": "c"}, "post", {"kewei": 302, "jinrong": 400}),
    ("reviews:case", {"case_id": "k"}, "get", {"fgw": 200, "leader": 200, "kewei": 200}),
    ("reviews:case", {"case_id": "k"}, "post", {"kewei": 302}),
    ("reviews:case_attachment", {"case_id": "k"}, "get", {"fgw": 200, "leader": 200, "kewei": 200}),
    ("reviews:case_select", {"case_id": "k"}, "post", {"fgw": 302}),
]

CASE_DATA = {"title": "案例", "kind": "event", "summary": "概况", "measures": "做法", "results": "成效"}
POST_DATA = {
    "reviews:grants": {"organisation": "某大学公共管理学院（测试）"},
    "reviews:conclusion": {"rating": "B", "comment": "同意", "version": "0"},
    "reviews:case_new": CASE_DATA,
    "reviews:case": {**CASE_DATA, "version": "v"},
    "reviews:case_select": {"selected": "on"},
}


def cases():
    for name, kwargs, method, allowed in MATRIX:
        for role in ROLES:
            expected = allowed.get(role, 302 if role == "anonymous" else 403)
            yield pytest.param(name, kwargs, method, role, expected, id=f"{name}-{method}-{role}")


@pytest.mark.parametrize("name, kwargs, method, role, expected", list(cases()))
def test_permission_matrix(world, name, kwargs, method, role, expected):
    url = reverse(name, kwargs={k: world.get(v, v) for k, v in kwargs.items()})
    client = client_as(role)
    data = {k: world.get(v, v) if isinstance(v, str) else v for k, v in POST_DATA.get(name, {}).items()}
    response = client.post(url, data) if method == "post" else client.get(url)
    assert response.status_code == expected, _main(response)
    if role == "anonymous" and expected == 302:
        assert response["Location"].startswith("/accounts/login/")


def _main(response) -> str:
    if response.streaming or "html" not in response.get("Content-Type", ""):
        return response.get("Content-Type", "")
    body = response.content.decode()
    return body[body.find("<main"):][:800]


def test_every_reviews_url_is_in_the_matrix():
    resolver = get_resolver()
    names = {f"reviews:{n}" for n in resolver.namespace_dict["reviews"][1].reverse_dict.keys() if isinstance(n, str)}
    assert names - {name for name, *_ in MATRIX} == set()
