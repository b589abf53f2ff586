"""Free text a unit types (推进情况, 原因说明, report sections, comments) is plain text everywhere.

No field of planeval renders user text as HTML, so nothing is sanitised on input (which would
silently change what was typed); every output escapes instead. Markup entered in a field comes
back as the same characters, inert: on the page, in the Word report, in Excel and CSV.
A guard test keeps it so: no template or module turns autoescaping off.
"""
import csv
import io
import re
from pathlib import Path

import docx
import openpyxl
import pytest
from django.urls import reverse

from planeval.accounts.models import User
from planeval.campaigns.models import Campaign
from planeval.organizations.models import Unit
from planeval.planning.models import Task
from planeval.reports.services import export_document
from planeval.reports.tables import ListTable, export_list
from planeval.submissions import services
from planeval.submissions.access import standing
from planeval.submissions.report import framework_sections

SCRIPT = '<script>alert("planeval")</script>'
IMAGE = '<img src=x onerror="alert(1)">'
FORMULA = '=HYPERLINK("http://example.invalid","点击")'
PROGRESS = f"{FORMULA}已完成年度目标。{SCRIPT}{IMAGE}"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def hostile_texts(demo):
    """区科委's first task and first report section filled with markup, and a comment on the task."""
    campaign = Campaign.objects.get(jurisdiction__name="普陀区")
    unit = Unit.objects.get(jurisdiction=campaign.jurisdiction, name="区科委")
    submission = services.submission_get_or_create(campaign=campaign, unit=unit)
    kewei = User.objects.get(username="kewei")
    who = standing(kewei, submission)
    task = Task.objects.get(plan__jurisdiction=campaign.jurisdiction, number="1", depth=2)
    services.task_report_save(submission=submission, who=who, task=task, user=kewei, progress=PROGRESS,
                              rating="C", expected_completion="如期完成", explanation=SCRIPT,
                              next_steps=IMAGE, expected_version=0)
    section = framework_sections(campaign)[0]
    services.report_sections_save(submission=submission, who=who, user=kewei,
                                  sections=[(section.key, section.title, PROGRESS, 0)])
    services.comment_add(submission=submission, item_type="task", item=task, user=kewei, unit=unit, text=SCRIPT)
    return campaign, unit, submission, task


def assert_escaped(html: str, text: str):
    assert text not in html                              # never as live markup
    assert escape(text) in html                          # but shown, character for character


def escape(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("'", "&#x27;"))


def test_markup_in_free_text_is_shown_as_text_on_the_pages(as_user, hostile_texts):
    campaign, unit, submission, task = hostile_texts
    for username in ("kewei", "fgw"):
        page = as_user(username).get(reverse("submissions:task", args=[submission.id, task.id])).content.decode()
        assert_escaped(page, SCRIPT)
        assert_escaped(page, IMAGE)
        assert "<script>alert" not in page and "<img src=x" not in page
    report = as_user("fgw").get(reverse("submissions:report", args=[submission.id])).content.decode()
    assert_escaped(report, SCRIPT)


def test_markup_in_free_text_is_plain_text_in_the_word_report(hostile_texts):
    campaign, unit, submission, task = hostile_texts
    exported = export_document(campaign=campaign, kind="self-report", fmt="docx", unit=unit)
    document = docx.Document(io.BytesIO(exported.content))
    texts = [p.text for p in document.paragraphs]
    texts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert any(SCRIPT in text and IMAGE in text for text in texts)
    # In the package the markup is character data of a w:t run, not an element of its own.
    body = zipped(exported.content, "word/document.xml")
    assert "<script>" not in body and "&lt;script&gt;" in body


def zipped(content: bytes, member: str) -> str:
    import zipfile

    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return archive.read(member).decode()


def test_markup_and_formulas_stay_text_in_excel_and_csv(as_user, hostile_texts):
    campaign, unit, submission, task = hostile_texts
    exported = export_document(campaign=campaign, kind="task-table", fmt="xlsx", unit=unit)
    sheet = openpyxl.load_workbook(io.BytesIO(exported.content)).active
    cells = [cell for row in sheet.iter_rows() for cell in row if isinstance(cell.value, str)]
    assert any(SCRIPT in cell.value for cell in cells)
    formula_like = [cell for cell in cells if FORMULA in cell.value]
    assert formula_like and all(cell.data_type == "s" for cell in formula_like)

    # The lists' CSV writer (every 导出 CSV button): the formula gets a leading apostrophe, the markup stays text.
    table = ListTable("任务", ("序号", "推进情况"), [(task.number, report_text(task))])
    cells = [cell for row in csv.reader(io.StringIO(export_list(table, "csv").content.decode("utf-8-sig")))
             for cell in row]
    assert f"'{PROGRESS}" in cells
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)


def report_text(task) -> str:
    from planeval.submissions.models import TaskReport

    return TaskReport.objects.get(task=task).progress


# Reviewed uses, none of which carries user text.
REVIEWED = {
    "planeval/accounts/views.py": "the TOTP QR code, an SVG that qrcode draws from the server's own provisioning URL",
}


def test_no_template_or_module_turns_autoescaping_off():
    """Rendering user text as HTML would need a sanitiser (nh3) first: none may slip in unnoticed."""
    offenders = []
    for path in (ROOT / "planeval").rglob("*"):
        if path.suffix == ".html":
            text = path.read_text("utf-8")
            if re.search(r"\|\s*safe\b|\{%\s*autoescape\s+off", text):
                offenders.append(str(path.relative_to(ROOT)))
        elif path.suffix == ".py":
            text = path.read_text("utf-8")
            if re.search(r"\bmark_safe\(|\bSafeString\(|\|safe", text):
                offenders.append(str(path.relative_to(ROOT)))
    assert sorted(set(offenders) - set(REVIEWED)) == []
