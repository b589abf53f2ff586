"""The 提请审议 package: generated snapshots, uploads, the legal route in order, the .zip with its 目录."""
import datetime
import io
import zipfile

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from planeval.accounts.models import User
from planeval.audit.models import AuditEvent
from planeval.campaigns.models import Campaign
from planeval.congress import services
from planeval.congress.models import Document, Package, Step
from planeval.congress.selectors import due_items, filing_due
from planeval.core.errors import STALE_VERSION, ApplicationError, StaleVersionError
from planeval.domain.congress_route import EARLIER_DATE, EARLIER_MISSING
from planeval.reminders.models import Notification
from planeval.reminders.services import reminders_send


@pytest.fixture
def campaign(demo):
    return Campaign.objects.get(jurisdiction__name="普陀区")


@pytest.fixture
def package(campaign):
    return Package.objects.get(campaign=campaign)


@pytest.fixture
def fgw(demo):
    return User.objects.get(username="fgw")


def test_the_demo_package_has_its_sample_documents_and_first_steps(as_user, campaign, package):
    assert package.is_sample
    assert [s.step for s in Step.objects.filter(package=package).order_by("held_on")] == ["government", "party"]
    page = as_user("fgw").get(reverse("congress:package", args=[campaign.id])).content.decode()
    assert "区政府常务会议" in page and "普府会纪〔2023〕××号" in page and "示例数据" in page
    assert "指标调整方案说明（示例）" in page


def test_generating_stores_a_dated_snapshot_that_reads_back(campaign, package, fgw):
    document = services.package_document_generate(package=package, user=fgw, kind="midterm-report",
                                                   expected_version=package.version)
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(bytes(document.content))).paragraphs)
    assert "中期评估" in text
    assert document.snapshot_on == datetime.date.today() and len(document.sha256) == 64
    assert AuditEvent.objects.filter(action="value_change", target_id=str(document.pk)).exists()


def test_a_stale_form_changes_nothing(package, fgw):
    before = Document.objects.count()
    with pytest.raises(StaleVersionError) as stale:
        services.package_document_generate(package=package, user=fgw, kind="adjustment-plan",
                                           expected_version=package.version - 1)
    assert stale.value.message.startswith(STALE_VERSION.split("{")[0])
    assert Document.objects.count() == before


def test_steps_go_in_order(package, fgw):
    package.refresh_from_db()
    with pytest.raises(ApplicationError) as refused:
        services.route_step_record(package=package, user=fgw, step="publish", held_on=datetime.date(2023, 11, 20),
                                   body="区政府网站", expected_version=package.version)
    assert refused.value.message == EARLIER_MISSING.format(missing="人大常委会审议", step="公开发布")
    with pytest.raises(ApplicationError) as refused:
        services.route_step_record(package=package, user=fgw, step="congress", held_on=datetime.date(2023, 10, 20),
                                   body="区人大常委会", expected_version=package.version)
    assert refused.value.message == EARLIER_DATE.format(step="人大常委会审议", day="2023年10月20日",
                                                        earlier="区委常委会", earlier_day="2023年10月24日")
    assert not Step.objects.filter(package=package, step__in=["congress", "publish"]).exists()


def test_correcting_a_step_keeps_the_old_values(package, fgw):
    step = Step.objects.get(package=package, step="party")
    services.route_step_record(package=package, user=fgw, step="party", held_on=datetime.date(2023, 10, 25),
                               body="区委常委会第××次会议", document_number="普委会纪〔2023〕12号",
                               expected_version=package.version)
    step.refresh_from_db()
    assert step.document_number == "普委会纪〔2023〕12号"
    assert step.revisions.get().old_value["held_on"] == "2023-10-24"


def test_the_filing_deadline_is_counted_in_working_days_and_reminded(campaign, package, fgw):
    # 人大常委会 on Wednesday 27 Sep 2023: 28 Sep (1), the holiday 29 Sep–6 Oct (中秋、国庆) is
    # skipped, the make-up weekend 7–8 Oct counts (2, 3), then 9–13, 16–20 Oct (13), 23, 24 Oct (15).
    Step.objects.filter(package=package).update(held_on=datetime.date(2023, 9, 20))
    services.route_step_record(package=package, user=fgw, step="congress", held_on=datetime.date(2023, 9, 27),
                               body="区人大常委会第××次会议", outcome="审议通过", expected_version=package.version)
    assert filing_due(package).due_on == datetime.date(2023, 10, 24)
    from tests.conftest import client_for

    page = client_for("fgw").get(reverse("congress:package", args=[campaign.id])).content.decode()
    assert "报上级发改委备案期限：<b>2023年10月24日</b>" in page and "（按工作日计算，已剔除节假日）" in page
    [item] = due_items(campaign)
    assert item.due_on == datetime.date(2023, 10, 24) and not item.done and fgw.id in item.user_ids
    reminders_send(day=datetime.date(2023, 10, 20))
    note = Notification.objects.get(recipient=fgw, key=item.key)
    assert "还剩2个工作日" in note.body
    package.refresh_from_db()
    services.route_step_record(package=package, user=fgw, step="publish", held_on=datetime.date(2023, 10, 9),
                               body="区政府门户网站", expected_version=package.version)
    services.route_step_record(package=package, user=fgw, step="filing", held_on=datetime.date(2023, 10, 17),
                               body="上海市发展和改革委员会", document_number="普发改〔2023〕××号",
                               expected_version=None)
    assert due_items(campaign)[0].done


def test_upload_and_the_zip_with_its_index(as_user, campaign, package):
    client = as_user("fgw")
    package.refresh_from_db()
    upload = SimpleUploadedFile("会议纪要.pdf", b"%PDF-1.4 minutes", content_type="application/pdf")
    response = client.post(reverse("congress:upload", args=[campaign.id]),
                           {"title": "区政府常务会议纪要", "file": upload, "version": package.version})
    assert response.status_code == 302
    response = client.get(reverse("congress:download", args=[campaign.id]))
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = archive.namelist()
    assert names[0] == "00-目录.docx" and len(names) == 4
    assert archive.read(names[-1]) == b"%PDF-1.4 minutes"
    index = docx.Document(io.BytesIO(archive.read("00-目录.docx")))
    cells = [c.text for t in index.tables for row in t.rows for c in row.cells]
    assert "区政府常务会议纪要" in cells and "普府会纪〔2023〕××号" in cells and "未办理" in cells
    assert "提请审议材料目录" in index.paragraphs[0].text


def test_bad_uploads_change_nothing(as_user, campaign, package):
    before = Document.objects.count()
    package.refresh_from_db()
    response = as_user("fgw").post(reverse("congress:upload", args=[campaign.id]), {
        "title": "脚本", "file": SimpleUploadedFile("x.exe", b"MZ"), "version": package.version})
    assert response.status_code == 400 and services.UPLOAD_TYPE in response.content.decode()
    assert Document.objects.count() == before


def test_the_step_form_refuses_out_of_order_in_chinese(as_user, campaign, package):
    package.refresh_from_db()
    response = as_user("fgw").post(reverse("congress:step", args=[campaign.id]), {
        "step": "filing", "held_on": "2023-12-01", "body": "市发改委", "version": package.version})
    assert response.status_code == 400
    assert EARLIER_MISSING.format(missing="人大常委会审议", step="报上级发改委备案") in response.content.decode()


def test_special_plan_reports_and_the_consultation_record_are_attached_as_snapshots(campaign, package, fgw):
    found = services.linked_documents(campaign)
    if not found:
        with pytest.raises(ApplicationError, match=services.NOTHING_TO_ATTACH):
            services.package_linked_attach(package=package, user=fgw, expected_version=package.version)
        return
    documents = services.package_linked_attach(package=package, user=fgw, expected_version=package.version)
    assert [(d.kind, d.title) for d in documents] == [(kind, title) for kind, title, _, _ in found]
    for document in documents:
        assert docx.Document(io.BytesIO(bytes(document.content))).paragraphs  # a real Word file


def test_the_console_script_sends_reminders(demo):
    import subprocess
    import sys
    from pathlib import Path

    script = Path(sys.executable).with_name("planeval")
    result = subprocess.run([str(script), "send-reminders", "--help"], capture_output=True, text=True, check=True)
    assert "--date" in result.stdout
