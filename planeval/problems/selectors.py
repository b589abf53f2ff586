"""Reads of the problem list and the support requests: lists, proposals from reports, exports, report text."""
from __future__ import annotations

from django.db.models import Count

from planeval.domain import problem_list as rules
from planeval.reports.tables import ListTable
from planeval.submissions.models import (
    IndicatorReport,
    ProjectReport,
    Submission,
    TaskReport,
)

from .access import reads_all
from .models import Problem, SupportRequest


def problem_list(campaign, user, who, *, status: str = "", unit_id: int | None = None, item_type: str = "",
                 origin: str = ""):
    """Every entry for the DRC, leaders and observers; a unit's own entries otherwise; filtered."""
    rows = Problem.objects.filter(campaign=campaign).select_related("unit", "indicator", "task", "project")
    if not reads_all(user, who):
        rows = rows.filter(unit_id__in=who.unit_ids)
    if status:
        rows = rows.filter(status=status)
    if unit_id:
        rows = rows.filter(unit_id=unit_id)
    if item_type:
        rows = rows.filter(item_type=item_type)
    if origin:
        rows = rows.filter(origin=origin)
    return rows.order_by("unit_id", "id")


def support_list(campaign, user, who, *, kind: str = "", status: str = "", unit_id: int | None = None,
                 level: str = ""):
    rows = SupportRequest.objects.filter(campaign=campaign).select_related("unit")
    if not reads_all(user, who):
        rows = rows.filter(unit_id__in=who.unit_ids)
    if kind:
        rows = rows.filter(kind=kind)
    if status:
        rows = rows.filter(status=status)
    if unit_id:
        rows = rows.filter(unit_id=unit_id)
    if level:
        rows = rows.filter(level=level)
    return rows.order_by("kind", "unit_id", "id")


def rated_items(campaign, unit) -> list[rules.RatedItem]:
    """The unit's judgements in its submission of the campaign (three queries whatever the size)."""
    submission = Submission.objects.filter(campaign=campaign, unit=unit).first()
    if submission is None:
        return []
    items = [rules.RatedItem("indicator", r.indicator_id, r.indicator.name, r.rating, r.explanation,
                             r.recovery_measures)
             for r in IndicatorReport.objects.filter(submission=submission).select_related("indicator")
             .order_by("indicator__position", "indicator_id")]
    items += [rules.RatedItem("task", r.task_id, r.task.title, r.rating, r.explanation, r.next_steps)
              for r in TaskReport.objects.filter(submission=submission).select_related("task")
              .order_by("task__position", "task_id")]
    items += [rules.RatedItem("project", r.project_id, r.project.name, r.rating, r.explanation, r.next_steps)
              for r in ProjectReport.objects.filter(submission=submission).select_related("project")
              .order_by("project_id")]
    return items


def proposals(campaign, unit) -> list[rules.Proposal]:
    """Entries the unit's C/D-rated items suggest and that are not in its list yet."""
    taken = set(Problem.objects.filter(campaign=campaign, unit=unit).exclude(origin_key="")
                .values_list("origin_key", flat=True))
    return rules.proposals_from_report(rated_items(campaign, unit), taken)


def _item_cell(p: Problem) -> str:
    return f"{p.get_item_type_display()}：{p.item_name}" if p.item_type else ""


def problem_table(campaign, rows) -> ListTable:
    return ListTable(
        title=f"{campaign.jurisdiction.name}问题清单",
        headers=("序号", "责任单位", "问题", "原因", "措施", "关联事项", "来源", "状态", "最后修改时间", "示例数据"),
        rows=[(n, p.unit.name, p.problem, p.causes, p.measures, _item_cell(p), p.get_origin_display(),
               p.get_status_display(), p.updated_at, "是" if p.is_sample else "")
              for n, p in enumerate(rows, start=1)])


def support_table(campaign, rows) -> ListTable:
    return ListTable(
        title=f"{campaign.jurisdiction.name}需上级支持事项清单",
        headers=("序号", "类别", "事项", "需要上级支持的内容", "争取层级", "提出单位", "状态", "上级答复", "答复日期",
                 "示例数据"),
        rows=[(n, s.get_kind_display(), s.item, s.need, s.level, s.unit.name, s.get_status_display(), s.answer,
               s.answered_on, "是" if s.is_sample else "")
              for n, s in enumerate(rows, start=1)])


def report_paragraphs(campaign) -> tuple[str, ...]:
    """For the midterm report's problems part: the lists' counts, then each unsolved problem with its
    causes and measures (nothing when the units have listed none)."""
    problems = dict(Problem.objects.filter(campaign=campaign).values_list("status").annotate(n=Count("id")))
    supports = dict(SupportRequest.objects.filter(campaign=campaign).values_list("kind").annotate(n=Count("id")))
    if not problems and not supports:
        return ()
    lines = [rules.problems_overview(problems=problems, supports=supports)]
    for p in (Problem.objects.filter(campaign=campaign).exclude(status=rules.Status.SOLVED)
              .select_related("unit").order_by("unit_id", "id")):
        lines.append(rules.problem_line(unit=p.unit.name, problem=p.problem, causes=p.causes, measures=p.measures))
    return tuple(lines)
