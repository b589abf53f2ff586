"""Deliverables built from the demo database: every item appears, numbers equal the database's."""
import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.management import call_command
from django.urls import reverse
from docx import Document

from planeval.assessment.models import IndicatorAssessment
from planeval.campaigns.models import Campaign
from planeval.domain.assessment_text import fmt_number
from planeval.organizations.models import Unit
from planeval.planning.models import Indicator, Task
from planeval.reports import builders
from planeval.reports.jobs import ExportJob
from planeval.submissions.models import IndicatorReport


@pytest.fixture
def campaign(demo):
    return Campaign.objects.get(jurisdiction__name="普陀区")


def docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def xlsx_cells(content: bytes) -> list[str]:
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    return [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]


def test_compiled_indicator_table_numbers_equal_the_database(campaign):
    table = builders.indicator_table(campaign)
    assert len(table.rows) == 25 and len(table.rows[3].parts) == 4
    for row in [r for top in table.rows for r in (top, *top.parts)]:
        indicator = Indicator.objects.get(plan__jurisdiction=campaign.jurisdiction, name=row.name)
        stored = IndicatorAssessment.objects.get(campaign=campaign, indicator=indicator)
        assert row.current == ("" if stored.current is None else fmt_number(stored.current))
        assert row.suggestion == stored.suggestion


def test_indicator_table_xlsx_and_docx_hold_every_indicator(campaign, tmp_path):
    for ext in ("xlsx", "docx"):
        out = tmp_path / f"table.{ext}"
        call_command("export", "indicator-table", "--jurisdiction", "普陀区", "--out", str(out), stdout=io.StringIO())
        content = out.read_bytes()
        text = "\n".join(xlsx_cells(content)) if ext == "xlsx" else docx_text(content)
        for indicator in Indicator.objects.filter(plan__jurisdiction=campaign.jurisdiction):
            assert indicator.name in text, (ext, indicator.name)


def test_task_table_holds_all_112_tasks(campaign, tmp_path):
    out = tmp_path / "tasks.xlsx"
    call_command("export", "task-table", "--jurisdiction", "普陀区", "--out", str(out), stdout=io.StringIO())
    text = "\n".join(xlsx_cells(out.read_bytes()))
    for task in Task.objects.filter(plan__jurisdiction=campaign.jurisdiction, depth=2):
        assert task.title in text


def test_unit_self_report_shows_the_units_conclusions_and_framework(as_user, campaign):
    from planeval.submissions import services
    from planeval.submissions.access import standing
    from planeval.accounts.models import User

    kewei = User.objects.get(username="kewei")
    unit = Unit.objects.get(jurisdiction=campaign.jurisdiction, name="区科委")
    submission = services.submission_get_or_create(campaign=campaign, unit=unit)
    indicator = Indicator.objects.get(plan__jurisdiction=campaign.jurisdiction, name="新增高新技术企业数")
    services.indicator_report_save(submission=submission, who=standing(kewei, submission), indicator=indicator,
                                   user=kewei, values=[], rating="C", explanation="企业申报意愿下降。",
                                   recovery_measures="开展培育行动。", adjustment=("", "", "", ""),
                                   expected_version=0)
    response = as_user("kewei").get(reverse("reports:unit", args=[submission.id, "self-report", "docx"]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    text = docx_text(response.content)
    assert "区科委“十四五”规划中期评估自评报告" in text
    assert "第一部分" in text and "第四部分" in text and "典型案例" in text
    assert "新增高新技术企业数" in text and "企业申报意愿下降" in text
    assert text.index("未审定稿") < text.index("附件：典型案例剖析")


def test_other_units_cannot_download_a_units_report(as_user, campaign):
    from planeval.accounts.models import Role, RoleAssignment, User
    from planeval.submissions import services

    unit = Unit.objects.get(jurisdiction=campaign.jurisdiction, name="区科委")
    submission = services.submission_get_or_create(campaign=campaign, unit=unit)
    other = User.objects.create(username="caizheng")
    RoleAssignment.objects.create(user=other, role=Role.FILLER, jurisdiction=campaign.jurisdiction,
                                  unit=Unit.objects.get(jurisdiction=campaign.jurisdiction, name="区财政局"))
    url = reverse("reports:unit", args=[submission.id, "self-report", "docx"])
    assert as_user("caizheng").get(url).status_code == 403
    assert as_user("kewei").get(reverse("reports:compiled", args=[campaign.id, "indicator-table", "xlsx"])).status_code == 403


def test_adjustment_plan_lists_before_after_reason_basis(as_user, campaign):
    from planeval.accounts.models import User
    from planeval.submissions import services
    from planeval.submissions.access import standing

    kewei = User.objects.get(username="kewei")
    unit = Unit.objects.get(jurisdiction=campaign.jurisdiction, name="区科委")
    submission = services.submission_get_or_create(campaign=campaign, unit=unit)
    indicator = Indicator.objects.get(plan__jurisdiction=campaign.jurisdiction, name="新增高新技术企业数")
    services.indicator_report_save(submission=submission, who=standing(kewei, submission), indicator=indicator,
                                   user=kewei, values=[], rating="D", explanation="认定标准提高。", recovery_measures="",
                                   adjustment=("累计 150", "累计 120", "国家认定标准调整", "按近三年年均认定24家测算"),
                                   expected_version=0)
    # The plan lists approved adjustments (planeval.adjustments): the unit's proposal is raised and approved.
    import datetime

    from planeval.adjustments import access as adjustment_access
    from planeval.adjustments import services as adjustments
    from planeval.domain.adjustment_route import StepInput
    from planeval.submissions.models import IndicatorReport

    report = IndicatorReport.objects.get(submission=submission, indicator=indicator)
    proposal = adjustments.adjustment_from_report(report=report, user=kewei, unit=unit)
    fgw = User.objects.get(username="fgw")
    for user, action, step in ((kewei, "submit", StepInput()), (fgw, "pass", StepInput()),
                               (fgw, "approve", StepInput(meeting="区政府常务会议", decided_on=datetime.date(2023, 9, 12)))):
        proposal.refresh_from_db()
        adjustments.adjustment_transition(adjustment=proposal, user=user, who=adjustment_access.standing(user, proposal),
                                          action=action, step=step, expected_version=proposal.version)
    content = as_user("fgw").get(reverse("reports:compiled", args=[campaign.id, "adjustment-plan", "xlsx"])).content
    cells = "\n".join(xlsx_cells(content))
    for text in ("累计 150", "累计 120", "国家认定标准调整", "按近三年年均认定24家测算"):
        assert text in cells


def test_unknown_kind_or_format_is_refused_in_chinese(campaign, tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="只能导出为Word"):
        call_command("export", "self-report", "--jurisdiction", "普陀区", "--unit", "区科委",
                     "--out", str(tmp_path / "x.xlsx"))
    with pytest.raises(CommandError, match="不支持的文件格式"):
        call_command("export", "indicator-table", "--jurisdiction", "普陀区", "--out", str(tmp_path / "x.txt"))


@pytest.mark.django_db(transaction=True)
def test_midterm_report_is_compiled_by_the_background_worker(settings):
    """The request only queues the job; the database worker builds the file; the page offers it.

    A transactional test: the worker closes and reopens connections between tasks, which a
    test wrapped in one transaction would not survive on PostgreSQL.
    """
    from planeval.demo.services import demo_load
    from tests.conftest import client_for

    demo_load(password=settings.DEMO_PASSWORD)  # another transactional test may have flushed it
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    campaign = Campaign.objects.get(jurisdiction__name="普陀区")
    client = client_for("fgw")
    response = client.post(reverse("reports:job_start", args=[campaign.id, "midterm-report", "docx"]))
    job = ExportJob.objects.get()
    assert response.status_code == 302 and job.status == "queued"
    assert "排队中" in client.get(reverse("reports:job", args=[job.id])).content.decode()
    call_command("db_worker", "--batch", "--no-startup-delay", stdout=io.StringIO(), stderr=io.StringIO())
    job.refresh_from_db()
    assert job.status == "done" and job.progress == 100, job.message
    download = client.get(reverse("reports:job_download", args=[job.id]))
    text = docx_text(b"".join(download.streaming_content))
    assert "普陀区“十四五”规划实施中期评估报告（初稿）" in text
    assert "规划纲要确定的25项主要指标中" in text
    assert client_for("leader").get(reverse("reports:job", args=[job.id])).status_code == 403


def test_demo_midterm_report_converts_to_pdf_and_page_one_is_kept(campaign):
    """The demo's compiled report through LibreOffice; page 1 as PNG for a person to look at."""
    from pathlib import Path

    from planeval.reports.pdf import docx_to_pdf, libreoffice_available, pdf_first_page_png
    from planeval.reports.services import export_document

    if not libreoffice_available():
        pytest.fail("LibreOffice is required for the PDF preview (.ci/run installs libreoffice-writer-nogui)")
    docx = export_document(campaign=campaign, kind="midterm-report", fmt="docx").content
    pdf = docx_to_pdf(docx)
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page") + pdf.count(b"/Type/Page") >= 2
    png = pdf_first_page_png(pdf)
    assert png.startswith(b"\x89PNG")
    out = Path(__file__).resolve().parents[2] / "test-output"
    out.mkdir(exist_ok=True)
    (out / "demo-midterm-report-page1.png").write_bytes(png)


def test_midterm_report_overview_and_every_indicator_paragraph(campaign):
    report = builders.midterm_report(campaign)
    text = "\n".join(p for s in report.sections for p in s.paragraphs)
    assert "规划纲要确定的25项主要指标中" in text and "约束性7项指标中" in text and "高质量发展领域10项指标中" in text
    for indicator in Indicator.objects.filter(plan__jurisdiction=campaign.jurisdiction):
        assert f"“{indicator.name}”" in text
    assert {c.kind for c in report.charts} == {"rating_distribution", "progress_by_category", "trajectory"}


def test_every_conclusion_of_the_demo_is_in_the_compiled_table(as_user, campaign):
    """The units' own conclusions (the sample units' 示例数据 among them) land in the right rows."""
    rows = {r.name: r for top in builders.indicator_table(campaign).rows for r in (top, *top.parts)}
    reports = IndicatorReport.objects.filter(submission__campaign=campaign).select_related("indicator")
    assert reports.count() > 10
    for report in reports:
        assert rows[report.indicator.name].rating == report.rating
    content = as_user("fgw").get(reverse("reports:compiled", args=[campaign.id, "indicator-table", "xlsx"])).content
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    table = [[str(v) for v in row if v is not None] for row in sheet.iter_rows(values_only=True)]
    for report in reports:
        row = next(r for r in table if any(report.indicator.name in cell for cell in r[:2]))
        assert any(cell.startswith(report.rating) for cell in row), (report.indicator.name, row)
