"""数据导入 in the browser's terms: upload, see the preview, confirm, see what was written."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from planeval.exchange.jobs import ERR_NOT_READY, ImportJob
from planeval.organizations.models import Contact, Jurisdiction, Unit, UnitAlias
from planeval.planning.models import Indicator, Plan

from .workbooks import putuo_indicators, table

CONTACT_HEADER = ["单位", "姓名", "职务", "科室", "联系电话", "电子邮箱"]


@pytest.fixture
def putuo(demo, settings):
    # The worker's task runs inside the request: the page then shows the finished preview.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    return Jurisdiction.objects.get(name="普陀区")


def upload(client, jurisdiction, kind, content, filename, *, plan=None, capture):
    with capture(execute=True):
        return client.post(reverse("exchange:start", args=[jurisdiction.id]), {
            "kind": kind, "plan": plan.id if plan else "",
            "file": SimpleUploadedFile(filename, content),
        })


def test_preview_then_commit_writes_the_rows_and_says_so(putuo, as_user, django_capture_on_commit_callbacks):
    # The DRC has registered the full name its departments write (the alias table).
    UnitAlias.objects.create(jurisdiction=putuo, unit=Unit.objects.get(jurisdiction=putuo, name="区科委"),
                             alias="区科学技术委员会")
    client = as_user("fgw")
    content = table(CONTACT_HEADER, [["区科学技术委员会", "王明", "科长", "综合科", "021-52560000", "wm@example.cn"],
                                     ["区金融办", "李华", "副主任", "", "021-52560001", ""]])
    response = upload(client, putuo, "contacts", content, "联系人.xlsx", capture=django_capture_on_commit_callbacks)
    job = ImportJob.objects.get(filename="联系人.xlsx")
    assert response.status_code == 302 and response["Location"] == reverse("exchange:job", args=[job.id])
    page = client.get(response["Location"]).content.decode()
    assert "预览完成：新增 2 项" in page and "将新增" in page and "确认导入" in page
    assert "王明" in page and not Contact.objects.filter(name__in=["王明", "李华"]).exists()  # a preview writes nothing

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("exchange:commit", args=[job.id]))
    job.refresh_from_db()
    assert job.stage == "commit" and job.status == "done" and job.committed_at is not None
    assert set(Contact.objects.filter(name__in=["王明", "李华"]).values_list("unit__name", flat=True)) == {
        "区科委", "区金融办"}
    page = client.get(reverse("exchange:job", args=[job.id])).content.decode()
    assert "已导入：新增 2 项" in page and "确认导入" not in page

    # Committing twice is refused: the second click changes nothing.
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(reverse("exchange:commit", args=[job.id]), follow=True).content.decode()
    assert ERR_NOT_READY in page and Contact.objects.filter(name="王明").count() == 1


def test_reimporting_the_demo_indicator_table_previews_as_unchanged(putuo, as_user, django_capture_on_commit_callbacks):
    outline = Plan.objects.get(jurisdiction=putuo, kind=Plan.Kind.OUTLINE)
    before = Indicator.objects.filter(plan=outline).count()
    # No plan chosen: an indicator table goes to the outline (规划纲要).
    response = upload(as_user("fgw"), putuo, "indicators", putuo_indicators(), "附件2.xlsx",
                      capture=django_capture_on_commit_callbacks)
    job = ImportJob.objects.get(filename="附件2.xlsx")
    assert job.status == "done" and job.plan == outline, job.message
    assert job.result["created"] == 0 and job.result["updated"] == 0 and job.result["unchanged"] == before
    assert response.status_code == 302


def test_a_row_that_must_be_fixed_blocks_the_commit(putuo, as_user, django_capture_on_commit_callbacks):
    client = as_user("fgw")
    content = table(CONTACT_HEADER, [["区科委", "王明", "", "", "", ""], ["区科学委", "赵强", "", "", "", ""]])
    upload(client, putuo, "contacts", content, "联系人.xlsx", capture=django_capture_on_commit_callbacks)
    job = ImportJob.objects.get()
    page = client.get(reverse("exchange:job", args=[job.id])).content.decode()
    assert "找不到单位“区科学委”" in page and "须修改" in page and "确认导入" not in page
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(reverse("exchange:commit", args=[job.id]), follow=True).content.decode()
    assert ERR_NOT_READY in page and not Contact.objects.filter(name__in=["王明", "赵强"]).exists()


def test_a_refused_file_says_why_at_once_and_keeps_nothing(putuo, as_user, django_capture_on_commit_callbacks):
    response = upload(as_user("fgw"), putuo, "contacts", b"just some text", "联系人.xlsx",
                      capture=django_capture_on_commit_callbacks)
    assert response.status_code == 200
    assert "扩展名是 .xlsx，但内容不是 Excel 工作簿" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_the_template_download_is_a_workbook_with_a_chinese_name(putuo, as_user):
    response = as_user("fgw").get(reverse("exchange:template", args=[putuo.id, "values"]))
    assert response.content.startswith(b"PK")
    assert "filename*=UTF-8''" in response["Content-Disposition"]


def test_only_the_drc_sees_the_import_link(putuo, as_user):
    assert "数据导入" in as_user("fgw").get(reverse("web:home")).content.decode()
    assert "数据导入" not in as_user("kewei").get(reverse("web:home")).content.decode()


def test_a_running_import_shows_its_progress(putuo, as_user):
    """While the worker reads a large file, the page (polled by htmx) shows rows done of rows in all."""
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from planeval.accounts.models import User
    from planeval.exchange.jobs import _write_progress

    job = ImportJob(jurisdiction=putuo, kind="values", filename="数值.xlsx", sha256="0" * 64, status="running",
                    requested_by=User.objects.get(username="fgw"), requested_at=timezone.now())
    job.file.save("x.upload", ContentFile(b"PK"), save=True)
    _write_progress(job.id, 2500, 10000)
    fragment = as_user("fgw").get(reverse("exchange:job", args=[job.id]), HTTP_HX_REQUEST="true").content.decode()
    assert 'value="25"' in fragment and "已检查 2500 / 10000 行" in fragment and 'hx-trigger="every 1s"' in fragment
