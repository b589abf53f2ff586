"""What a generated document says, as plain frozen dataclasses.

``builders.py`` (the only ORM code of this package) fills them from the database;
``docx.py``, ``xlsx.py`` and ``charts.py`` turn them into bytes and never touch the ORM,
so every renderer is testable with hand-made values.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass, field

RATING_LABELS = {
    "A": "A 进展超前、可以提前完成",
    "B": "B 进展良好、可以如期完成",
    "C": "C 进展较慢、需要加快推进",
    "D": "D 情况变化、难以完成",
}


@dataclass(frozen=True)
class DocumentFormat:
    """Official format, Putuo's rules by default; GB/T 9704 fills what they leave open."""

    title_font: str = "黑体"
    title_size_pt: float = 22          # 二号
    heading_font: str = "黑体"
    heading_size_pt: float = 16        # 三号
    body_font: str = "仿宋_GB2312"
    body_font_fallback: str = "仿宋"
    body_size_pt: float = 16           # 三号
    table_size_pt: float = 10.5        # 五号, so that tables fit an A4 page
    latin_font: str = "Times New Roman"
    margin_left_cm: float = 2.8
    margin_right_cm: float = 2.8
    margin_top_cm: float = 2.54
    margin_bottom_cm: float = 2.54
    line_spacing_pt: float = 28
    page_number: str = "bottom_center"


@dataclass(frozen=True)
class IndicatorRow:
    """One row of 附件6 主要指标评估表."""

    category: str
    number: str
    name: str
    unit: str
    target_text: str
    current: str            # 中期完成数, formatted ("77", "34.2"), "" when unknown
    rating: str             # A–D the unit decided, "" when not yet
    forecast: str           # 预计期末完成数
    explanation: str        # causes for C/D, adjustment advice
    lead_unit: str
    attribute: str          # 预期性 / 约束性
    suggestion: str = ""    # the engine's suggestion, for the compiled report
    progress: float | None = None
    expected: float | None = None
    parts: tuple["IndicatorRow", ...] = ()


@dataclass(frozen=True)
class TaskRow:
    """One row of 附件7 主要任务评估表."""

    area: str               # "一、坚持创新驱动，…"
    section: str            # "（一）深化“一轴一园一中心”科技创新布局"
    number: str
    title: str
    content: str
    progress: str           # 推进情况
    rating: str
    expected_completion: str
    lead_units: str


@dataclass(frozen=True)
class ProjectRow:
    name: str
    lead_unit: str
    status: str
    total_investment: str
    completed_investment: str
    progress: str
    warning: str            # 绿/黄/红
    is_sample: bool = False


@dataclass(frozen=True)
class IndicatorTable:
    title: str              # 区“十四五”规划纲要主要指标评估表
    scope: str              # 普陀区 / 区科委
    rows: tuple[IndicatorRow, ...]
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class TaskTable:
    title: str
    scope: str
    rows: tuple[TaskRow, ...]
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Section:
    """A heading, its paragraphs, and the table it carries ("indicators", "tasks", "projects" or "")."""

    title: str
    paragraphs: tuple[str, ...] = ()
    table: str = ""
    level: int = 1          # 1 = part (一、), 2 = section (（一）)
    cases: tuple["CaseEntry", ...] = ()   # 典型案例 written after the paragraphs (an appendix)


@dataclass(frozen=True)
class SelfReport:
    """A unit's 自评报告 in its campaign's framework."""

    title: str                          # 区科委“十四五”规划中期评估自评报告
    unit_name: str
    sections: tuple[Section, ...]
    indicators: IndicatorTable
    tasks: TaskTable
    projects: tuple[ProjectRow, ...]
    signature: str                      # 单位 and date, written at the end before the appendices
    state_note: str                     # "已经分管领导审定" / "草稿，尚未审定"
    appendices: tuple[Section, ...] = ()   # 典型案例 for Putuo
    fmt: DocumentFormat = field(default_factory=DocumentFormat)


@dataclass(frozen=True)
class Chart:
    """Data for one figure; charts.py draws it."""

    kind: str               # "rating_distribution" | "progress_by_category" | "trajectory"
    title: str
    labels: tuple[str, ...] = ()
    series: tuple[tuple[str, tuple[float | None, ...]], ...] = ()   # (name, values per label)
    target: float | None = None         # trajectory: the target line
    unit: str = ""


@dataclass(frozen=True)
class MidtermReport:
    """The compiled 中期评估报告 draft for a jurisdiction, in the seeds' 报告框架."""

    title: str
    jurisdiction: str
    generated_on: datetime.date
    sections: tuple[Section, ...]
    charts: tuple[Chart, ...]
    indicators: IndicatorTable
    tasks: TaskTable
    projects: tuple[ProjectRow, ...]
    fmt: DocumentFormat = field(default_factory=DocumentFormat)
    reviews: tuple["ReviewRow", ...] = ()     # 第三方评估: items where an evaluator disagrees
    cases: tuple["CaseEntry", ...] = ()       # 典型案例 the DRC selected, in its order (an appendix)


@dataclass(frozen=True)
class ReviewRow:
    """An item where an outside evaluator's conclusion differs from the self-assessment."""

    item_type: str          # 指标 / 任务 / 项目
    item: str               # "3. 新增固定资产投资总额"
    lead_unit: str
    self_rating: str        # "B", or "B（系统建议）" when the unit has not decided
    outside_rating: str
    organisation: str
    comment: str
    strong: bool            # two letters or more apart
    is_sample: bool = False


@dataclass(frozen=True)
class CaseEntry:
    """A typical case (典型案例) as the appendix prints it."""

    title: str
    unit: str
    area: str
    kind: str               # 举措 / 活动 / 政策 / 事件
    summary: str
    measures: str
    results: str
    attachment: str = ""    # the attached file's name, mentioned, not embedded
    is_sample: bool = False


@dataclass(frozen=True)
class AdjustmentRow:
    item: str               # 指标“…”
    unit: str
    before: str
    after: str
    reason: str
    basis: str
    proposed_by: str
    kind: str = ""          # 目标值调整 / 表述调整 / 新增 / 取消
    state: str = ""         # 区政府已审定 / 已生效 …
    decision: str = ""      # 区政府常务会议（2023-09-12）普府〔2023〕… ; 报人大常委会 …
    is_sample: bool = False


@dataclass(frozen=True)
class AdjustmentPlan:
    title: str              # 关于普陀区“十四五”规划纲要部分指标的调整方案
    jurisdiction: str
    rows: tuple[AdjustmentRow, ...]
    fmt: DocumentFormat = field(default_factory=DocumentFormat)
    explanation_title: str = ""                 # 关于……中期评估报告和部分指标调整方案的说明
    explanation: tuple[str, ...] = ()           # 方案说明, paragraph by paragraph
