"""Hand-made Putuo-like report data (seed 003): no database, no Django."""
import datetime

import pytest

from planeval.reports.documents import (
    AdjustmentPlan,
    AdjustmentRow,
    Chart,
    IndicatorRow,
    IndicatorTable,
    MidtermReport,
    ProjectRow,
    Section,
    SelfReport,
    TaskRow,
    TaskTable,
)

INDICATOR_NOTES = (
    "1、“中期完成数”的填写：对以“年”为单位的指标，采用 2022 年完成数；对以“五年累计完成”为单位的指标，采用 2023 年 6 月完成数。",
    "2、“评估结论”的填写分为 4 类：A、进展超前、可以提前完成的；B、进展良好、可以如期完成的；C、进展较慢、需要加快推进的；D、情况变化、难以完成的。",
    "3、对未能达到预期进度的指标，要说明原因。",
    "4、对预计到“十四五”期末将无法完成的指标，要提出调整意见。",
)
TASK_NOTES = (
    "1、“评估结论”的填写分为 4 类：A、进展超前、可以提前完成的；B、进展良好、可以如期完成的；C、进展较慢、需要加快推进的；D、情况变化、难以完成的。",
    "2、对未能达到预期进度的任务，要说明原因。",
)
AREA_1 = "一、坚持创新驱动，全面打造高质量发展的新引擎"
AREA_2 = "二、坚持产业立区，加快构建高端产业为引领的新集群"


def _indicator(number, name, unit, target, current, rating, forecast, *, category="高质量发展",
               explanation="", lead="区发改委", attribute="预期性", parts=()):
    return IndicatorRow(
        category=category, number=number, name=name, unit=unit, target_text=target,
        current=current, rating=rating, forecast=forecast, explanation=explanation,
        lead_unit=lead, attribute=attribute, parts=tuple(parts),
    )


def _part(name, target, current, rating, forecast):
    return _indicator("", name, "%", target, current, rating, forecast, lead="区科委")


@pytest.fixture
def indicator_table():
    rows = (
        _indicator("1", "地区生产总值年均增长率", "%", "与市保持同步", "3.1", "B", "与市保持同步"),
        _indicator("3", "新增固定资产投资总额", "亿元", "累计 1400", "712", "B", "1450"),
        _indicator(
            "4", "重点培育产业税收占比", "%", "40", "34.2", "B", "40", lead="区科委",
            parts=(
                _part("智能软件", "12", "10.8", "B", "12"),
                _part("研发服务", "8", "6.1", "B", "8"),
                _part("科技金融", "12", "11.9", "A", "13"),
                _part("生命健康", "8", "5.4", "C", "7"),
            ),
        ),
        _indicator("7", "新增企业上市数", "家", "累计 10-20", "3", "C", "8",
                   explanation="受资本市场阶段性收紧影响，上市节奏放缓；建议调整为累计 8-15 家。",
                   lead="区金融办"),
        _indicator("11", "旧住房综合修缮改造面积", "万平方米", "累计 350", "201", "A", "380",
                   category="高品质生活", lead="区房管局", attribute="约束性"),
        _indicator("24", "单位生产总值生产安全事故死亡率", "人/亿元", "0.01", "0.006", "B", "<0.01",
                   category="高效能治理", lead="区应急局", attribute="约束性"),
    )
    return IndicatorTable(title="区“十四五”规划纲要主要指标评估表", scope="普陀区",
                          rows=rows, notes=INDICATOR_NOTES)


def _task(area, section, number, title, content, progress, rating, lead):
    return TaskRow(area=area, section=section, number=number, title=title, content=content,
                   progress=progress, rating=rating, expected_completion="如期完成",
                   lead_units=lead)


@pytest.fixture
def task_table():
    s1 = "（一）深化“一轴一园一中心”科技创新布局"
    s5 = "（五）发挥四大产业引领作用"
    rows = (
        _task(AREA_1, s1, "1", "深入推进武宁轴协同创新。",
              "借助武宁路科研院所和功能平台集聚优势，争取更多国家级、市级工程技术研究中心、重点实验室和产业技术创新战略联盟等公共服务平台落户。",
              "新引进市级工程技术研究中心2家，重点实验室1家。", "B", "区科委"),
        _task(AREA_1, s1, "2", "高标准建设中以（上海）创新园。",
              "借力上海创新中心（以色列）特拉维夫办公室，与以色列高校等服务机构开展深入合作，构建畅通的双向转化通道，加快形成新兴产业集群。",
              "累计引进以色列创新项目46个。", "A", "桃浦智创城公司"),
        _task(AREA_1, s1, "3", "全力推进建设上海清华国际创新中心。",
              "加快推进空天技术和集成电路2个研究所和若干专业实验室建设。发起创投和产业基金，引进技术项目并实施产业化。",
              "集成电路研究所已揭牌，空天技术研究所筹建中。", "C",
              "区科委、区金融办、苏河水岸经济发展带管委办"),
        _task(AREA_2, s5, "12", "智能软件。",
              "聚焦工业互联网安全、感知识别等细分领域，推进智能处理软件技术创新。",
              "智能软件产业税收同比增长9.6%。", "B", "区科委"),
        _task(AREA_2, s5, "14", "科技金融。",
              "实施融资畅通工程，争取金融产品首单试点。打造线上综合金融服务平台，提升“普会贷”功能。",
              "“普会贷”累计放款38亿元。", "D", "区金融办"),
    )
    return TaskTable(title="区“十四五”规划纲要主要任务评估表", scope="普陀区", rows=rows,
                     notes=TASK_NOTES)


@pytest.fixture
def projects():
    return (
        ProjectRow(name="上海清华国际创新中心", lead_unit="区科委", status="开工在建",
                   total_investment="35亿元", completed_investment="12亿元",
                   progress="一期主体结构封顶", warning="绿"),
        ProjectRow(name="真如境（红旗村改造）", lead_unit="真如副中心管委办", status="开工在建",
                   total_investment="80亿元", completed_investment="30亿元",
                   progress="商业部分进度滞后", warning="黄", is_sample=True),
    )


BODY_SECTIONS = (
    Section(title="第一部分：“十四五”规划主要指标完成情况评估",
            paragraphs=("“十四五”以来，区科委牵头的4项指标中，1项进展超前、2项进展良好、1项进展较慢。",),
            table="indicators"),
    Section(title="第二部分：“十四五”规划主要任务、重点项目完成情况评估",
            paragraphs=("围绕科技创新布局，推进主要任务11项。",), table="tasks"),
    Section(title="（一）重大项目推进情况", level=2,
            paragraphs=("2021年以来，已建成项目1个，在建项目2个。",), table="projects"),
    Section(title="第三部分：“十四五”后半期发展面临的趋势和问题",
            paragraphs=("科技企业融资环境趋紧，部分项目推进放缓。",)),
    Section(title="第四部分：全面完成“十四五”规划的建议与思路",
            paragraphs=("加快推进上海清华国际创新中心建设，建议将新增企业上市数调整为累计8-15家。",)),
)


@pytest.fixture
def self_report(indicator_table, task_table, projects):
    return SelfReport(
        title="区科委“十四五”规划中期评估\n自评报告",
        unit_name="区科委",
        sections=BODY_SECTIONS,
        indicators=indicator_table,
        tasks=task_table,
        projects=projects,
        signature="上海市普陀区科学技术委员会\n2023年7月10日",
        state_note="已经分管领导审定",
        appendices=(
            Section(title="典型案例：中以（上海）创新园打造国际创新合作平台",
                    paragraphs=("中以（上海）创新园聚焦以色列创新资源，探索“孵化在以色列、加速在普陀”的合作模式。",)),
        ),
    )


@pytest.fixture
def charts():
    return (
        Chart(kind="rating_distribution", title="主要指标评估结论分布",
              labels=("A", "B", "C", "D"), series=(("指标数", (3, 15, 5, 2)),), unit="项"),
        Chart(kind="progress_by_category", title="分类别指标进度与时间进度",
              labels=("高质量发展", "高品质生活", "高效能治理"),
              series=(("完成进度", (48.0, 55.0, 42.0)), ("时间进度", (50.0, 50.0, 50.0))),
              unit="%"),
        Chart(kind="trajectory", title="新增固定资产投资总额（累计）",
              labels=("2020", "2021", "2022", "2023", "2024", "2025"),
              series=(("累计完成", (None, 280.0, 560.0, 712.0, None, None)),),
              target=1400.0, unit="亿元"),
    )


@pytest.fixture
def midterm_report(indicator_table, task_table, projects, charts):
    return MidtermReport(
        title="普陀区国民经济和社会发展第十四个五年规划纲要实施中期评估报告",
        jurisdiction="普陀区",
        generated_on=datetime.date(2023, 7, 20),
        sections=(
            Section(title="一、规划实施总体情况",
                    paragraphs=("“十四五”规划实施以来，全区上下坚持稳中求进工作总基调，规划确定的主要目标任务总体进展顺利。",)),
            Section(title="二、主要指标完成情况",
                    paragraphs=("纲要确定的25项主要指标中，3项进展超前，15项进展良好，5项进展较慢，2项情况变化、难以完成。",),
                    table="indicators"),
            Section(title="三、重大项目推进情况",
                    paragraphs=("纲要确定的重大项目总体推进有序。",), table="projects"),
            Section(title="四、下一步工作建议",
                    paragraphs=("聚焦“创新发展活力区、美好生活品质区”建设，加快补齐短板。",)),
        ),
        charts=charts,
        indicators=indicator_table,
        tasks=task_table,
        projects=projects,
    )


@pytest.fixture
def adjustment_plan():
    return AdjustmentPlan(
        title="关于普陀区“十四五”规划纲要部分指标的调整方案",
        jurisdiction="普陀区",
        rows=(
            AdjustmentRow(item="指标“新增企业上市数”", unit="区金融办", before="累计 10-20",
                          after="累计 8-15", reason="资本市场阶段性收紧，上市审核节奏放缓。",
                          basis="2021-2022年新增上市3家，按年均2家测算，期末累计约8家。",
                          proposed_by="区金融办"),
            AdjustmentRow(item="指标“新增跨国公司地区总部数”", unit="区商务委", before="累计 15",
                          after="累计 18", reason="总部经济集聚效应显现，进展超前。",
                          basis="截至2023年6月已累计新增11家。", proposed_by="区商务委"),
        ),
    )
