"""Evidence uploads (佐证材料): checked by content and size, stored outside the web root under a name
of ours, and served only through the access-checked download view as an attachment (issue 9).

Who may download is the permission matrix's job (tests/submissions/test_permissions.py).
"""
import io
import zipfile
from pathlib import Path

import docx
import pytest
from django.conf import settings as django_settings
from django.contrib.staticfiles import finders
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from planeval.accounts.models import User
from planeval.campaigns.models import Campaign
from planeval.exchange.reading import ERR_BOMB, ERR_NOT_DOCX, ERR_XML_DTD
from planeval.organizations.models import Unit
from planeval.planning.models import Task
from planeval.submissions import services
from planeval.submissions.access import standing
from planeval.submissions.evidence import TOO_LARGE, WRONG_TYPE
from planeval.submissions.models import Evidence

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def uploads(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "uploads"
    return settings.MEDIA_ROOT


@pytest.fixture
def task_page(demo, uploads):
    """区科委's submission and the URL of one of its task forms, as kewei sees it."""
    campaign = Campaign.objects.get(jurisdiction__name="普陀区")
    submission = services.submission_get_or_create(
        campaign=campaign, unit=Unit.objects.get(jurisdiction=campaign.jurisdiction, name="区科委"))
    task = Task.objects.get(plan__jurisdiction=campaign.jurisdiction, number="1", depth=2)
    return submission, task, reverse("submissions:task", args=[submission.id, task.id])


def word_file() -> bytes:
    document = docx.Document()
    document.add_paragraph("科技创新推进情况佐证材料")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def zip_file(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def post_task(client, url, upload):
    return client.post(url, {"progress": "按计划推进。", "rating": "B", "expected_completion": "如期完成",
                             "explanation": "", "next_steps": "", "version": 0, "evidence": upload})


def stored_files(root: Path) -> list[Path]:
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


@pytest.mark.parametrize("name, content, message", [
    ("照片.pdf", PNG, WRONG_TYPE),                                      # a PNG named .pdf
    ("说明.docx", b"%PDF-1.7\n", WRONG_TYPE),                           # a PDF named .docx
    ("脚本.html", b"<script>alert(1)</script>", WRONG_TYPE),
    ("程序.pdf", b"MZ\x90\x00" + b"\x00" * 60, WRONG_TYPE),
    ("压缩包.docx", zip_file({"payload.txt": b"x"}), ERR_NOT_DOCX),      # any zip is not a Word file
    ("炸弹.docx", zip_file({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>",
                           "word/big.bin": b"\x00" * (30 * 1024 * 1024)}), ERR_BOMB),
    ("实体.docx", zip_file({"[Content_Types].xml": b"<Types/>",
                           "word/document.xml": b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY b "c">]><a>&b;</a>'}),
     ERR_XML_DTD),
])
def test_a_file_that_is_not_what_its_name_says_is_refused_and_nothing_is_stored(
        as_user, task_page, uploads, name, content, message):
    submission, task, url = task_page
    response = post_task(as_user("kewei"), url, SimpleUploadedFile(name, content))
    assert response.status_code == 400
    assert message.format(name=name) in response.content.decode()
    assert not Evidence.objects.filter(task_report__submission=submission).exists()
    assert stored_files(uploads) == []


def test_a_file_over_the_size_limit_is_refused(as_user, task_page, uploads, settings):
    settings.PLANEVAL_UPLOAD_MAX_BYTES = 1024 * 1024
    submission, task, url = task_page
    big = SimpleUploadedFile("扫描件.pdf", b"%PDF-1.7\n" + b"0" * (1024 * 1024))
    response = post_task(as_user("kewei"), url, big)
    assert TOO_LARGE.format(name="扫描件.pdf", limit=1) in response.content.decode()
    assert stored_files(uploads) == [] and not Evidence.objects.exists()


def test_evidence_is_stored_outside_the_web_root_under_our_name_and_served_as_an_attachment(
        as_user, task_page, uploads):
    submission, task, url = task_page
    content = word_file()
    response = post_task(as_user("kewei"), url, SimpleUploadedFile("../../科委 佐证<材料>.docx", content))
    assert response.status_code == 302
    evidence = Evidence.objects.get(task_report__submission=submission)
    [stored] = stored_files(uploads)
    assert stored.read_bytes() == content
    assert evidence.name == "科委 佐证<材料>.docx"                      # shown to people, never a path
    assert stored.name != evidence.name and stored.suffix == ".docx" and "科委" not in str(stored)
    assert stored.resolve().is_relative_to(Path(uploads).resolve())

    download = as_user("fgw").get(reverse("submissions:evidence", args=[evidence.id]))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment;")
    assert "filename*=utf-8''" in download["Content-Disposition"]
    assert download["X-Content-Type-Options"] == "nosniff"
    assert b"".join(download.streaming_content) == content
    assert docx.Document(io.BytesIO(content)).paragraphs[0].text == "科技创新推进情况佐证材料"

    # No other way out: not as a static file, not under any URL that looks like the storage path.
    relative = stored.relative_to(uploads).as_posix()
    for path in (f"/uploads/{relative}", f"/media/{relative}", f"/static/{relative}", f"/{relative}"):
        assert Client().get(path).status_code == 404, path
        assert as_user("fgw").get(path).status_code == 404, path
    assert finders.find(relative) is None


def test_the_upload_folder_is_not_inside_anything_the_web_server_serves():
    media = Path(django_settings.MEDIA_ROOT).resolve()
    assert media.name == "uploads" and media.parent == Path(django_settings.VAR_DIR).resolve()
    assert not media.is_relative_to(Path(django_settings.STATIC_ROOT).resolve())
    assert not django_settings.MEDIA_URL or django_settings.MEDIA_URL == "/"
    from django.urls import get_resolver
    from django.views.static import serve

    def callbacks(resolver):
        for pattern in resolver.url_patterns:
            if hasattr(pattern, "url_patterns"):
                yield from callbacks(pattern)
            else:
                yield pattern.callback

    assert serve not in set(callbacks(get_resolver()))


def test_an_accepted_picture_keeps_its_bytes_through_the_service(task_page):
    submission, task, _ = task_page
    kewei = User.objects.get(username="kewei")
    report = services.task_report_save(submission=submission, who=standing(kewei, submission), task=task,
                                       user=kewei, progress="", rating="", expected_completion="",
                                       explanation="", next_steps="", expected_version=0)
    from planeval.submissions.evidence import evidence_attach

    saved = evidence_attach(task_report=report, user=kewei, upload=SimpleUploadedFile("现场.png", PNG))
    with saved.file.open("rb") as stored:
        assert stored.read() == PNG
