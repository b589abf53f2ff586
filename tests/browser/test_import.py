"""The DRC imports a contacts table in Chromium: upload, preview, confirm, and the rows are there."""
import pytest

from planeval.organizations.models import Contact
from tests.exchange.workbooks import table

from .test_campaign_loop import login

pytestmark = pytest.mark.browser


def test_drc_previews_and_commits_an_import(live_demo, page, screenshot, settings, tmp_path):
    # The background task runs as soon as the upload is stored, inside the live server.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    upload = tmp_path / "联系人.xlsx"
    upload.write_bytes(table(["单位", "姓名", "职务", "科室", "联系电话", "电子邮箱"],
                             [["区科委", "王明", "科长", "综合科", "021-52560000", "wm@example.cn"],
                              ["区金融办", "李华", "副主任", "", "", ""]], title="中期评估联系人名单"))
    login(page, live_demo.url, "fgw")
    page.click("nav >> text=数据导入")
    page.select_option("#kind", label="联系人")
    page.set_input_files("#file", str(upload))
    page.click("button:has-text('上传并预览')")
    page.wait_for_selector("text=预览完成：新增 2 项")
    assert page.locator("text=将新增").count() == 1
    assert not Contact.objects.filter(name="王明").exists()
    screenshot("import-preview")
    page.click("button:has-text('确认导入')")
    page.wait_for_selector("text=已导入：新增 2 项")
    screenshot("import-done")
    assert Contact.objects.get(name="王明").unit.name == "区科委"
    assert page.locator("button:has-text('确认导入')").count() == 0
