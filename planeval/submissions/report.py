"""The self-evaluation report in the campaign's framework: its sections and the item tables."""
from __future__ import annotations

from dataclasses import dataclass

from .models import ReportSection, Submission
from .selectors import work_items

# Used when a campaign sets no framework: the three parts of Hongqiao's, Rongshui's and Ordos' templates.
DEFAULT_FRAMEWORK = {
    "key": "three_part",
    "parts": [
        {"title": "一、规划实施总体进展情况", "sections": [
            {"number": "（一）", "title": "主要目标指标进展"}, {"number": "（二）", "title": "重点任务进展"}]},
        {"title": "二、规划实施面临的主要问题和风险挑战", "sections": [
            {"number": "（一）", "title": "外部环境变化情况"},
            {"number": "（二）", "title": "完成本部门承担任务面临的主要问题和挑战"}]},
        {"title": "三、进一步推进规划实施的对策建议", "sections": []},
    ],
}


@dataclass(frozen=True)
class Section:
    key: str        # "2.1": part 2, section 1 ("3" for a part without sections)
    part: str
    title: str
    guidance: str
    table: str      # "indicators" | "tasks" | "" — the item table shown under this section


def _table_for(title: str) -> str:
    if "指标" in title:
        return "indicators"
    if "项目" in title or "工程" in title:
        return "projects"
    if "任务" in title:
        return "tasks"
    return ""


def framework_sections(campaign) -> list[Section]:
    """The framework flattened to editable sections, each with the item table it carries.

    A section names its table by its title (主要目标指标进展 → indicators); a part whose own
    title names the items (Putuo's 第一部分 …主要指标完成情况评估) shows the table under its
    last section.
    """
    framework = campaign.framework or DEFAULT_FRAMEWORK
    sections = []
    for p, part in enumerate(framework.get("parts", ()), start=1):
        children = part.get("sections") or [{"number": "", "title": part["title"], "guidance": part.get("guidance", "")}]
        tables = [_table_for(child["title"]) for child in children]
        if not any(tables):
            tables[-1] = _table_for(part["title"])
        for s, (child, table) in enumerate(zip(children, tables), start=1):
            number = child.get("number", "")
            title = f"{number}{'、' if number.isdigit() else ''}{child['title']}"
            key = f"{p}.{s}" if part.get("sections") else str(p)
            sections.append(Section(key, part["title"], title, child.get("guidance", ""), table))
    return sections


def section_texts(submission: Submission) -> dict[str, ReportSection]:
    return {s.key: s for s in ReportSection.objects.filter(submission=submission)}


def report_tables(submission: Submission) -> dict[str, list]:
    """The item tables the report fills in by itself (附件6 and 附件7 layout)."""
    items = work_items(submission)
    return {"indicators": items["indicator"], "tasks": items["task"], "projects": items["project"]}
