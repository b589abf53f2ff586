"""Row-level rules: all or nothing, problems by row and column, lenient unit names, warnings that do not block."""
import datetime
from decimal import Decimal

from planeval.campaigns.models import Campaign
from planeval.domain.targets import TargetKind
from planeval.exchange.layouts import base, indicators, projects
from planeval.organizations.models import Contact, Jurisdiction, Unit, UnitAlias
from planeval.planning.models import Indicator, Plan, Project, Task

from . import workbooks
from .conftest import run_import

PLAN_HEADER = ["序号", "规划名称", "牵头部门"]


def test_one_bad_row_among_a_thousand_writes_nothing_and_names_the_row(putuo_fresh):
    rows = [[n, f"普陀区第{n}号专项规划", "区科委"] for n in range(1, 1001)]
    rows[699][2] = "区科学委"   # row 701 of the file: the header is row 1
    progress = []
    result = run_import("plans", workbooks.table(PLAN_HEADER, rows), putuo_fresh,
                        progress=lambda done, total: progress.append((done, total)))
    assert not result.committed and result.rows == 1000
    assert [p.text for p in result.fatal] == [
        "第701行“牵头部门”列：找不到单位“区科学委”（请核对名称，或请区发改委在“单位别名”中登记这一写法）"]
    assert not Plan.objects.filter(jurisdiction=putuo_fresh).exists()
    assert progress[-1] == (1000, 1000) and len(progress) > 1


def test_unit_names_match_leniently(putuo_fresh):
    kewei = Unit.objects.get(jurisdiction=putuo_fresh, name="区科委")
    kewei.full_name = "上海市普陀区科学技术委员会"
    kewei.save()
    UnitAlias.objects.create(jurisdiction=putuo_fresh, unit=kewei, alias="区科学技术委员会")
    rows = [[1, "规划一", "区科学技术委员会"],          # the DRC's alias
            [2, "规划二", "上海市普陀区科学技术委员会"],  # the full name
            [3, "规划三", "区 科 委"],                  # spaces from a PDF
            [4, "规划四", "区城运中心 (区网格中心)"],     # half-width brackets of an alias
            [5, "规划五", "区府办"]]                     # an alias from the seed
    result = run_import("plans", workbooks.table(PLAN_HEADER, rows), putuo_fresh)
    assert result.ok, [p.text for p in result.problems]
    leads = dict(Plan.objects.filter(jurisdiction=putuo_fresh).values_list("name", "lead_unit__name"))
    assert leads == {"规划一": "区科委", "规划二": "区科委", "规划三": "区科委", "规划四": "区城运中心",
                     "规划五": "区政府办"}


def test_an_unreadable_target_is_shown_but_not_fatal(putuo_fresh):
    plan = Plan.objects.create(jurisdiction=putuo_fresh, kind=Plan.Kind.OUTLINE, name="纲要")
    rows = [["高质量发展", 1, "数字化转型指数", "分", "12吨左右哈哈", "区科委", "预期性"]]
    result = run_import("indicators", workbooks.table(workbooks.INDICATOR_HEADER, rows), putuo_fresh, plan=plan)
    assert result.ok and result.committed
    assert [(p.text, p.fatal) for p in result.problems] == [
        ("第2行“目标值 2021-2025 年”列：" + indicators.WARN_TARGET.format(value="12吨左右哈哈"), False)]
    assert Indicator.objects.get(plan=plan).target_kind == TargetKind.QUALITATIVE


def test_duplicates_bad_attributes_and_orphan_parts_are_fatal(putuo_fresh):
    plan = Plan.objects.create(jurisdiction=putuo_fresh, kind=Plan.Kind.OUTLINE, name="纲要")
    rows = [
        [None, None, "其中：智能软件", "%", "12", "区科委", None],
        ["高质量发展", 1, "新增病床数", "张", "累计 1000", "区卫生健康委", "预期"],
        [None, 2, "新增病床数", "张", "累计 1000", "区卫生健康委", "预期性"],
        [None, 3, "人均体育场地面积", "平方米/人", "1.1", "区体育局", "必须"],
        [None, 4, "新增养老床位数", "张", "累计 857", "区民政局", "预期性"],
    ]
    result = run_import("indicators", workbooks.table(workbooks.INDICATOR_HEADER, rows), putuo_fresh, plan=plan)
    assert [p.text for p in result.fatal] == [
        "第2行“指标”列：分项“智能软件”上方没有可归属的指标",
        "第4行“指标”列：指标“新增病床数”在本表中重复出现（第3行已有）",
        "第5行“指标 属性”列：“必须”应为“预期性”或“约束性”",
    ]
    assert not Indicator.objects.filter(plan=plan).exists()


def test_an_indicator_update_goes_through_the_target_grammar_and_says_what_changed(putuo_fresh):
    plan = Plan.objects.create(jurisdiction=putuo_fresh, kind=Plan.Kind.OUTLINE, name="纲要")
    row = ["高质量发展", 6, "新增高新技术企业数", "家", "累计 150", "区科委", "预期性"]
    run_import("indicators", workbooks.table(workbooks.INDICATOR_HEADER, [row]), putuo_fresh, plan=plan)
    row[4], row[5] = "累计 180", "区科委、区商务委"
    result = run_import("indicators", workbooks.table(workbooks.INDICATOR_HEADER, [row]), putuo_fresh, plan=plan)
    assert [(c.action, c.detail) for c in result.changes] == [
        ("update", "目标值 累计 150 → 累计 180；配合部门 （空） → 区商务委")]
    indicator = Indicator.objects.get(plan=plan)
    assert indicator.version == 2 and indicator.target["low"] == "180" and indicator.target_kind == "cumulative"


def test_a_task_table_item_without_an_area_is_named(putuo_fresh):
    plan = Plan.objects.create(jurisdiction=putuo_fresh, kind=Plan.Kind.OUTLINE, name="纲要")
    data = workbooks.table(["序号", "项目", "主要内容", "牵头单位"], [[1, "（一）节", "任务。 内容", "区科委"]])
    result = run_import("tasks", data, putuo_fresh, plan=plan)
    assert [p.text for p in result.fatal] == ["第2行“序号”列：任务“1”上方没有领域行（序号为“一”“二”……的行）"]
    assert not Task.objects.filter(plan=plan).exists()


def test_a_table_without_the_layouts_header_is_refused_politely(putuo_fresh):
    result = run_import("plans", workbooks.table(["名字", "部门"], [["规划一", "区科委"]]), putuo_fresh)
    assert [p.text for p in result.fatal] == [base.ERR_NO_HEADER.format(rows=10, columns="“规划名称”")]


def test_layouts_that_need_a_plan_say_so(putuo_fresh):
    result = run_import("indicators", workbooks.putuo_indicators(), putuo_fresh)
    assert [p.text for p in result.fatal] == ["导入主要指标须指定规划（--plan）"]


def test_projects_import_with_task_status_dates_and_tags(demo):
    putuo = Jurisdiction.objects.get(name="普陀区")
    plan = Plan.objects.get(jurisdiction=putuo, kind=Plan.Kind.OUTLINE)
    header = [c.header for c in projects.COLUMNS]
    rows = [[1, "桃浦中央绿地二期", "区绿化市容局", 12.5, "3.2", "2022年3月", datetime.datetime(2025, 12, 31),
             "开工在建", "18", "重大项目、重大平台"],
            [2, "某坏项目", "区科委", "很多", None, "明年", None, "快好了", "999", None]]
    result = run_import("projects", workbooks.table(header, rows), putuo, plan=plan)
    assert [p.text for p in result.fatal] == [
        "第3行“总投资（亿元）”列：“很多”不是数字",
        "第3行“计划开工”列：“明年”不是日期（应写作2023-06-30或2023年6月）",
        "第3行“项目状态”列：" + projects.ERR_STATUS.format(value="快好了"),
        "第3行“相关任务”列：本规划中没有序号为“999”的任务",
    ]
    result = run_import("projects", workbooks.table(header, rows[:1]), putuo, plan=plan)
    assert result.ok and result.created == 1
    project = Project.objects.get(plan=plan, name="桃浦中央绿地二期")
    assert (project.total_investment, project.completed_investment, project.starts_on, project.finishes_on,
            project.status, project.task.number) == (Decimal("12.5"), Decimal("3.2"), datetime.date(2022, 3, 1),
                                                     datetime.date(2025, 12, 31), "under_construction", "18")
    assert sorted(t.name for t in project.tags.all()) == ["重大平台", "重大项目"]
    again = run_import("projects", workbooks.table(header, rows[:1]), putuo, plan=plan)
    assert again.unchanged == 1 and Project.objects.get(pk=project.pk).version == project.version


def test_contacts_join_the_current_evaluation(demo):
    putuo = Jurisdiction.objects.get(name="普陀区")
    campaign = Campaign.objects.filter(jurisdiction=putuo).exclude(status="closed").latest("id")
    header = ["单位", "姓名", "职务", "科室", "联系电话", "电子邮箱"]
    rows = [["区科委", "李四", "科长", "规划科", "021-52564588", "lisi@example.gov.cn"],
            ["区财政局", "王五", "", "", "021-1", "不是邮箱"]]
    result = run_import("contacts", workbooks.table(header, rows), putuo)
    assert [p.text for p in result.fatal] == ["第3行“电子邮箱”列：“不是邮箱”不是有效的电子邮箱"]
    result = run_import("contacts", workbooks.table(header, rows[:1]), putuo)
    assert result.ok and result.created == 1
    contact = Contact.objects.get(name="李四")
    assert (contact.unit.name, contact.campaign, contact.phone) == ("区科委", campaign, "021-52564588")
    rows[0][4] = "021-52564589"
    result = run_import("contacts", workbooks.table(header, rows[:1]), putuo)
    assert [(c.action, c.detail) for c in result.changes] == [("update", "联系电话 021-52564588 → 021-52564589")]


def test_a_stated_baseline_replaces_the_sample_one(demo):
    putuo = Jurisdiction.objects.get(name="普陀区")
    plan = Plan.objects.get(jurisdiction=putuo, kind=Plan.Kind.OUTLINE)
    indicator = Indicator.objects.filter(plan=plan, parent=None, baseline_is_sample=True).first()
    header = ["指标", "基期值"]
    result = run_import("indicators", workbooks.table(header, [[indicator.name, indicator.baseline]]), putuo, plan=plan)
    assert [c.action for c in result.changes] == ["update"] and "（示例数据）" in result.changes[0].detail
    indicator.refresh_from_db()
    assert not indicator.baseline_is_sample
    again = run_import("indicators", workbooks.table(header, [[indicator.name, indicator.baseline]]), putuo, plan=plan)
    assert [c.action for c in again.changes] == ["unchanged"]
