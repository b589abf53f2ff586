"""A special plan's 中期评估报告: the campaign's framework with the lead unit's text, the plan's own
indicators, tasks and projects with the conclusions already assessed (planeval/assessment and the
units' reports, never recomputed), and a chapter on the plan's indicator adjustments when any
exist (Putuo: 涉及指标调整的，须单独形成专章). Rendered by the self-report writer of reports/docx.py.
"""
from __future__ import annotations

import re
from collections import defaultdict

from django.utils import timezone

from planeval.adjustments.models import Adjustment
from planeval.assessment.models import IndicatorAssessment, ProjectAssessment
from planeval.domain import special_plan_route as route
from planeval.planning.models import Indicator, Project, Task
from planeval.planning.services import current_target_versions
from planeval.reports.builders import (
    INDICATOR_NOTES,
    TASK_NOTES,
    WARNING_LABELS,
    item_explanation,
    number_text,
    target_with_version,
    task_path,
    document_format,
)
from planeval.reports.documents import (
    IndicatorRow,
    IndicatorTable,
    ProjectRow,
    Section,
    SelfReport,
    TaskRow,
    TaskTable,
)
from planeval.reports.docx import self_report_docx
from planeval.submissions.models import IndicatorReport, ProjectReport, TaskReport
from planeval.submissions.report import framework_sections

from .models import CONCLUSIONS, SpecialPlanEvaluation

ADJUSTMENT_CHAPTER = "规划指标调整专章"
CONCLUSION_TITLE = "总体评估结论"


def _reports(model, field: str, evaluation):
    return {getattr(r, f"{field}_id"): r for r in model.objects.filter(submission__campaign=evaluation.campaign,
                                                                        **{f"{field}__plan": evaluation.plan})}


def plan_indicator_rows(evaluation: SpecialPlanEvaluation) -> tuple[IndicatorRow, ...]:
    indicators = list(Indicator.objects.filter(plan=evaluation.plan, is_cancelled=False)
                      .select_related("lead_unit").order_by("position", "id"))
    reports = _reports(IndicatorReport, "indicator", evaluation)
    assessments = {a.indicator_id: a for a in IndicatorAssessment.objects.filter(
        campaign=evaluation.campaign, indicator__in=indicators)}
    versions = current_target_versions(i.id for i in indicators)
    children = defaultdict(list)
    for i in indicators:
        if i.parent_id:
            children[i.parent_id].append(i)

    def row(i: Indicator, parts=()) -> IndicatorRow:
        a, r = assessments.get(i.id), reports.get(i.id)
        return IndicatorRow(
            category=i.category, number=i.number, name=i.name, unit=i.measure_unit,
            target_text=target_with_version(i, a, versions.get(i.id)), current=number_text(a.current if a else None),
            rating=r.rating if r else "", forecast=number_text(a.forecast if a else None), explanation=item_explanation(r),
            lead_unit=i.lead_unit.name if i.lead_unit else "", attribute=i.get_attribute_display(),
            suggestion=a.suggestion if a else "", progress=a.progress if a else None,
            expected=a.expected if a else None, parts=tuple(parts))

    ids = {i.id for i in indicators}
    return tuple(row(i, [row(kid) for kid in children.get(i.id, ())]) for i in indicators
                 if not (i.parent_id and i.parent_id in ids))


def plan_task_rows(evaluation: SpecialPlanEvaluation) -> tuple[TaskRow, ...]:
    tasks = list(Task.objects.filter(plan=evaluation.plan, is_cancelled=False).select_related("lead_unit")
                 .prefetch_related("co_units").order_by("position", "id"))
    by_id = {t.id: t for t in tasks}
    parents = {t.parent_id for t in tasks if t.parent_id}
    reports = _reports(TaskReport, "task", evaluation)
    rows = []
    for t in tasks:
        if t.id in parents:
            continue
        area, section = task_path(t, by_id)
        r = reports.get(t.id)
        units = "、".join(filter(None, [t.lead_unit.name if t.lead_unit else "", *(u.name for u in t.co_units.all()),
                                        t.co_units_note]))
        rows.append(TaskRow(area=area, section=section, number=t.number, title=t.title, content=t.content,
                            progress=r.progress if r else "", rating=r.rating if r else "",
                            expected_completion=r.expected_completion if r else "", lead_units=units))
    return tuple(rows)


def plan_project_rows(evaluation: SpecialPlanEvaluation) -> tuple[ProjectRow, ...]:
    projects = list(Project.objects.filter(plan=evaluation.plan).select_related("lead_unit").order_by("id"))
    reports = _reports(ProjectReport, "project", evaluation)
    assessments = {a.project_id: a for a in ProjectAssessment.objects.filter(campaign=evaluation.campaign,
                                                                             project__in=projects)}
    rows = []
    for p in projects:
        r, a = reports.get(p.id), assessments.get(p.id)
        status = dict(Project.Status.choices).get(r.status if r and r.status else p.status, p.status)
        completed = r.completed_investment if r and r.completed_investment is not None else p.completed_investment
        rows.append(ProjectRow(
            name=p.name, lead_unit=p.lead_unit.name if p.lead_unit else "", status=status,
            total_investment=number_text(p.total_investment), completed_investment=number_text(completed),
            progress=r.progress if r else "", warning=WARNING_LABELS.get(a.warning, "") if a else "",
            is_sample=p.is_sample))
    return tuple(rows)


def adjustment_paragraphs(evaluation: SpecialPlanEvaluation) -> tuple[str, ...]:
    """One paragraph per adjustment proposed on the plan in this campaign: before → after, why, where it stands."""
    adjustments = (Adjustment.objects.filter(campaign=evaluation.campaign, plan=evaluation.plan)
                   .exclude(state="withdrawn").select_related("indicator", "task", "project")
                   .order_by("created_at", "id"))
    paragraphs = []
    for a in adjustments:
        change = f"由“{a.before_text}”调整为“{a.after_text}”" if a.before_text else f"“{a.after_text}”"
        paragraphs.append(f"{a.get_item_type_display()}“{a.item_name}”{a.get_kind_display()}：{change}。"
                          f"调整理由：{a.reason.strip().rstrip('。')}。"
                          + (f"测算依据：{a.basis.strip().rstrip('。')}。" if a.basis.strip() else "")
                          + f"（{a.get_state_display()}）")
    return tuple(paragraphs)


def plan_report(evaluation: SpecialPlanEvaluation) -> SelfReport:
    """The evaluation report of one special plan, in the campaign's framework."""
    campaign, plan, unit = evaluation.campaign, evaluation.plan, evaluation.unit
    indicators = IndicatorTable(title=f"《{plan.name}》主要指标评估表", scope=unit.name,
                                rows=plan_indicator_rows(evaluation), notes=INDICATOR_NOTES)
    tasks = TaskTable(title=f"《{plan.name}》主要任务评估表", scope=unit.name, rows=plan_task_rows(evaluation),
                      notes=TASK_NOTES)
    projects = plan_project_rows(evaluation)
    present = {"indicators": bool(indicators.rows), "tasks": bool(tasks.rows), "projects": bool(projects)}
    body, current_part = [], None
    if evaluation.conclusion:
        body.append(Section(CONCLUSION_TITLE, (dict(CONCLUSIONS)[evaluation.conclusion],), level=1))
    for s in framework_sections(campaign):
        paragraphs = tuple(p.strip() for p in evaluation.sections.get(s.key, "").splitlines() if p.strip())
        if s.part != current_part and s.title != s.part:
            body.append(Section(title=s.part, level=1))
        current_part = s.part
        # A plan without indicators (or tasks, projects) gets no empty table.
        body.append(Section(title=s.title, paragraphs=paragraphs, table=s.table if present.get(s.table) else "",
                            level=1 if s.title == s.part else 2))
    adjustments = adjustment_paragraphs(evaluation)
    if adjustments:
        body.append(Section(ADJUSTMENT_CHAPTER, adjustments, level=1))
    approved = evaluation.approved_at
    date = timezone.localtime(approved).date() if approved else timezone.localdate()
    state = route.State(evaluation.state)
    return SelfReport(
        title=f"《{plan.name}》中期评估报告", unit_name=unit.full_name or unit.name, sections=tuple(body),
        indicators=indicators, tasks=tasks, projects=projects,
        signature=f"{unit.full_name or unit.name}\n{date.year}年{date.month}月{date.day}日",
        state_note="已经分管区领导审定" if state in route.APPROVED_STATES else f"当前状态：{state.label}（未审定稿）",
        fmt=document_format(campaign))


def plan_report_docx(evaluation: SpecialPlanEvaluation) -> bytes:
    return self_report_docx(plan_report(evaluation))


def plan_report_filename(evaluation: SpecialPlanEvaluation) -> str:
    return re.sub(r'[\\/:*?"<>|\s]+', "", f"{evaluation.plan.name}中期评估报告.docx")
