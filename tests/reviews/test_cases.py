"""Typical cases: units write their own while they may, the DRC selects some for the report."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from planeval.accounts.models import Role, RoleAssignment, User
from planeval.audit.models import AuditEvent
from planeval.core.errors import STALE_VERSION
from planeval.domain import workflow
from planeval.organizations.models import Unit
from planeval.reviews import services
from planeval.reviews.access import NOT_YOUR_CASE
from planeval.reviews.models import Case, ReviewRevision
from planeval.submissions.evidence import WRONG_TYPE
from planeval.submissions.models import Submission
from planeval.submissions.services import submission_get_or_create

from .conftest import client_as

CASE = {"title": "桃浦智创城产业导入", "area": "坚持创新驱动", "kind": "measure", "summary": "基本情况说明。",
        "measures": "一是搭建平台。\n二是完善政策。", "results": "新增企业120家。"}


@pytest.fixture
def jinrong(campaign):
    user = User.objects.create(username="jinrong")
    RoleAssignment.objects.create(user=user, role=Role.FILLER, jurisdiction=campaign.jurisdiction,
                                  unit=Unit.objects.get(jurisdiction=campaign.jurisdiction, name="区金融办"))
    return user


def _new(client, campaign, **extra):
    return client.post(reverse("reviews:case_new", args=[campaign.id]), {**CASE, **extra})


def test_a_unit_submits_a_case_with_an_attachment(campaign):
    pdf = SimpleUploadedFile("做法介绍.pdf", b"%PDF-1.4 case", "application/pdf")
    response = _new(client_as("kewei"), campaign, attachment=pdf)
    assert response.status_code == 302
    case = Case.objects.get(campaign=campaign, title=CASE["title"])
    assert (case.unit.name, case.created_by.username, case.attachment_name) == ("区科委", "kewei", "做法介绍.pdf")
    assert not case.attachment.name.endswith("做法介绍.pdf")   # stored under a name of ours
    download = client_as("fgw").get(reverse("reviews:case_attachment", args=[case.id]))
    assert b"".join(download.streaming_content) == b"%PDF-1.4 case"
    assert ReviewRevision.objects.filter(object_type="case", object_id=case.id, field="title").exists()
    assert AuditEvent.objects.filter(target_type="reviews.case", target_id=str(case.id), action="value_change").exists()


def test_an_attachment_that_is_not_what_it_claims_is_refused_and_nothing_is_saved(campaign):
    fake = SimpleUploadedFile("做法介绍.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")
    response = _new(client_as("kewei"), campaign, attachment=fake)
    assert response.status_code == 400
    assert WRONG_TYPE.format(name="做法介绍.pdf") in response.content.decode()
    assert not Case.objects.filter(title=CASE["title"]).exists()


def test_missing_fields_are_refused(campaign):
    response = _new(client_as("kewei"), campaign, results="")
    assert response.status_code == 400 and services.CASE_FIELDS_REQUIRED in response.content.decode()


def test_a_unit_sees_and_edits_only_its_own_cases(campaign, jinrong):
    _new(client_as("kewei"), campaign)
    case = Case.objects.get(title=CASE["title"])
    other = client_as("jinrong")
    assert other.get(reverse("reviews:case", args=[case.id])).status_code == 403
    edit = other.post(reverse("reviews:case", args=[case.id]), {**CASE, "title": "改掉", "version": "1"})
    assert edit.status_code == 403
    listing = other.get(reverse("reviews:cases", args=[campaign.id])).content.decode()
    assert CASE["title"] not in listing and "推行“一网通办”" not in listing
    assert CASE["title"] in client_as("fgw").get(reverse("reviews:cases", args=[campaign.id])).content.decode()
    # The DRC reads but does not rewrite a unit's case.
    assert client_as("fgw").post(reverse("reviews:case", args=[case.id]), {**CASE, "version": "1"}).status_code == 403
    assert NOT_YOUR_CASE in client_as("fgw").post(reverse("reviews:case", args=[case.id]),
                                                  {**CASE, "version": "1"}).content.decode()
    case.refresh_from_db()
    assert case.title == CASE["title"]


def test_an_edit_from_a_stale_form_is_refused(campaign):
    _new(client_as("kewei"), campaign)
    case = Case.objects.get(title=CASE["title"])
    client = client_as("kewei")
    assert client.post(reverse("reviews:case", args=[case.id]), {**CASE, "results": "新增企业130家。",
                                                                "version": "1"}).status_code == 302
    response = client.post(reverse("reviews:case", args=[case.id]), {**CASE, "results": "旧表单", "version": "1"})
    assert response.status_code == 409
    assert STALE_VERSION.split("{who}")[0] in response.content.decode()
    case.refresh_from_db()
    assert (case.results, case.version) == ("新增企业130家。", 2)


def test_a_case_cannot_change_while_the_units_report_is_under_review_or_the_campaign_closed(campaign):
    _new(client_as("kewei"), campaign)
    case = Case.objects.get(title=CASE["title"])
    submission = submission_get_or_create(campaign=campaign, unit=case.unit)
    Submission.objects.filter(pk=submission.pk).update(state="submitted")
    response = client_as("kewei").post(reverse("reviews:case", args=[case.id]), {**CASE, "title": "改", "version": "1"})
    assert response.status_code == 400 and workflow.UNDER_REVIEW in response.content.decode()
    Submission.objects.filter(pk=submission.pk).update(state="draft")
    campaign.status = "closed"
    campaign.save()
    response = client_as("kewei").post(reverse("reviews:case", args=[case.id]), {**CASE, "title": "改", "version": "1"})
    assert services.CAMPAIGN_CLOSED in response.content.decode()
    case.refresh_from_db()
    assert case.title == CASE["title"]


def test_the_drc_selects_cases_in_order(campaign):
    _new(client_as("kewei"), campaign)
    case = Case.objects.get(title=CASE["title"])
    fgw = client_as("fgw")
    assert fgw.post(reverse("reviews:case_select", args=[case.id]), {"selected": "on"}).status_code == 302
    case.refresh_from_db()
    assert case.selected and case.position == 2   # the demo's sample case is first
    fgw.post(reverse("reviews:case_select", args=[case.id]), {"selected": "on", "position": "1"})
    case.refresh_from_db()
    assert case.position == 1 and case.selected_by.username == "fgw"
    assert client_as("kewei").post(reverse("reviews:case_select", args=[case.id]), {"selected": ""}).status_code == 403
    fgw.post(reverse("reviews:case_select", args=[case.id]), {"selected": ""})
    case.refresh_from_db()
    assert not case.selected and case.position is None
    assert list(ReviewRevision.objects.filter(object_type="case", object_id=case.id, field="selected")
                .values_list("old_value", "new_value")) == [("False", "True"), ("True", "False")]
