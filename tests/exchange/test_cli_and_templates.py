"""``planeval import`` and the blank templates."""
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook

from planeval.exchange.blanks import NOTE_SHEET
from planeval.exchange.layouts import LAYOUTS
from planeval.exchange.services import KIND_LABELS, KINDS, import_template
from planeval.organizations.models import Jurisdiction
from planeval.planning.models import Indicator, Plan

from . import workbooks
from .conftest import run_import

OUTLINE = "上海市普陀区国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要"


def command(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_import_command_creates_the_plan_and_prints_the_summary(putuo_fresh, tmp_path):
    path = tmp_path / "附件2.xlsx"
    path.write_bytes(workbooks.putuo_indicators())
    out, _err = command("indicators", str(path), "--jurisdiction", putuo_fresh.name, "--plan", OUTLINE, "--create")
    assert out.splitlines()[-1] == "已导入主要指标：新增 29 项，修改 0 项，不变 0 项"
    plan = Plan.objects.get(jurisdiction=putuo_fresh, name=OUTLINE)
    assert plan.kind == Plan.Kind.OUTLINE and Indicator.objects.filter(plan=plan).count() == 29
    out, _err = command("indicators", str(path), "--jurisdiction", putuo_fresh.name, "--plan", OUTLINE)
    assert out.splitlines()[-1] == "已导入主要指标：新增 0 项，修改 0 项，不变 29 项"


def test_dry_run_with_create_leaves_nothing_behind(demo, tmp_path):
    path = tmp_path / "目录.csv"
    path.write_text("序号,规划名称\n1,试点县教育发展规划\n2,试点县卫生健康规划\n", encoding="utf-8-sig")
    out, _err = command("plans", str(path), "--jurisdiction", "试点县", "--create", "--dry-run")
    assert out.splitlines() == ["第2行 新增 试点县教育发展规划", "第3行 新增 试点县卫生健康规划",
                                "预览（未写入）规划目录：新增 2 项，修改 0 项，不变 0 项"]
    assert not Jurisdiction.objects.filter(name="试点县").exists()
    out, _err = command("plans", str(path), "--jurisdiction", "试点县", "--create")
    assert Jurisdiction.objects.get(name="试点县").level == Jurisdiction.Level.COUNTY
    assert Plan.objects.filter(jurisdiction__name="试点县").count() == 2


def test_errors_exit_non_zero_with_the_row_level_report(putuo_fresh, tmp_path):
    rows = [[1, "规划一", "区科委"], [2, "规划二", "区科学委"]]
    path = tmp_path / "目录.xlsx"
    path.write_bytes(workbooks.table(["序号", "规划名称", "牵头部门"], rows))
    err = io.StringIO()
    with pytest.raises(CommandError, match="有1处问题须修改，未导入任何数据"):
        call_command("import", "plans", str(path), "--jurisdiction", putuo_fresh.name, stdout=io.StringIO(),
                     stderr=err)
    assert err.getvalue().splitlines() == [
        "第3行“牵头部门”列：找不到单位“区科学委”（请核对名称，或请区发改委在“单位别名”中登记这一写法）"]
    assert not Plan.objects.filter(jurisdiction=putuo_fresh).exists()


def test_missing_targets_and_refused_files_are_command_errors(putuo_fresh, tmp_path):
    path = tmp_path / "目录.xlsx"
    path.write_text("not a workbook", encoding="utf-8")
    with pytest.raises(CommandError, match="找不到行政区划“不存在区”（如需新建，请加 --create）"):
        command("plans", str(path), "--jurisdiction", "不存在区")
    with pytest.raises(CommandError, match="没有名为“某规划”的规划"):
        command("indicators", str(path), "--jurisdiction", putuo_fresh.name, "--plan", "某规划")
    with pytest.raises(CommandError, match="扩展名是 .xlsx，但内容不是 Excel 工作簿"):
        command("plans", str(path), "--jurisdiction", putuo_fresh.name)


@pytest.mark.parametrize("kind", KINDS)
def test_every_template_has_its_layout_and_imports_as_empty(putuo_fresh, kind):
    data = import_template(kind)
    workbook = load_workbook(io.BytesIO(data))
    sheet = workbook.worksheets[0]
    assert sheet.title == KIND_LABELS[kind]
    headers = [c.value for c in sheet[1]]
    assert headers[:len(LAYOUTS[kind].COLUMNS)] == [c.header for c in LAYOUTS[kind].COLUMNS]
    assert sheet["A2"].value == "示例" and sheet["A1"].font.bold
    assert NOTE_SHEET in workbook.sheetnames
    plan = Plan.objects.create(jurisdiction=putuo_fresh, kind=Plan.Kind.OUTLINE, name="纲要")
    result = run_import(kind, data, putuo_fresh, plan=plan)
    assert [p.text for p in result.problems] == ["文件中没有数据行"]   # the example row is never imported


def test_a_filled_template_imports(putuo_fresh):
    workbook = load_workbook(io.BytesIO(import_template("plans")))
    sheet = workbook.worksheets[0]
    sheet.append(["高质量发展", 1, "普陀区科技创新“十四五”规划", "区科委", "专项规划"])
    out = io.BytesIO()
    workbook.save(out)
    result = run_import("plans", out.getvalue(), putuo_fresh)
    assert result.ok and result.created == 1
