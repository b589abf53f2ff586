"""The only ORM code of the reports package: the database → the frozen dataclasses of documents.py.

Every builder reads with a fixed number of queries (items, their reports, the engine's
suggestions, the tree of tasks) and formats numbers the way the forms write them.
"""
from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import replace

from django.utils import timezone

from planeval.assessment.models import IndicatorAssessment, ProjectAssessment
from planeval.campaigns.models import Campaign
from planeval.domain.assessment_text import fmt_number
from planeval.domain.narrative import (
    IndicatorFacts, breakdown_sentence, indicator_sentence, overview_sentence, task_sentence,
)
from planeval.domain.periods import Period
from planeval.monitoring.models import Observation
from planeval.organizations.models import Unit
from planeval.planning.models import Indicator, Plan, Project, Task
from planeval.planning.services import current_target_versions
from planeval.submissions.models import IndicatorReport, ProjectReport, ReportSection, Submission, TaskReport
from planeval.submissions.report import framework_sections

from .documents import (
    AdjustmentPlan, AdjustmentRow, CaseEntry, Chart, DocumentFormat, IndicatorRow, IndicatorTable, MidtermReport,
    ProjectRow, ReviewRow, Section, SelfReport, TaskRow, TaskTable,
)

INDICATOR_NOTES = (
    "“中期完成数”的填写：对以“年”为单位的指标，采用2022年完成数；对以“五年累计完成”为单位的指标，采用2023年6月完成数。",
    "“评估结论”的填写分为4类：A、进展超前、可以提前完成；B、进展良好、可以如期完成；C、进展较慢、需要加快推进；D、情况变化、难以完成。",
    "对未能达到预期进度的指标，要说明原因。",
    "对预计到“十四五”期末将无法完成的指标，要提出调整意见。",
)
TASK_NOTES = (
    "“评估结论”的填写分为4类：A、进展超前、可以提前完成；B、进展良好、可以如期完成；C、进展较慢、需要加快推进；D、情况变化、难以完成。",
    "对未能达到预期进度的任务，要说明原因。",
    "对预计到“十四五”期末将无法完成的任务，要提出调整意见。",
)
WARNING_LABELS = {"green": "绿", "yellow": "黄", "red": "红"}


def document_format(campaign: Campaign) -> DocumentFormat:
    """The campaign's own format rules over Putuo's defaults (the seeds' 格式要求)."""
    given = campaign.document_format or {}
    known = DocumentFormat.__dataclass_fields__
    mapped = {k: v for k, v in given.items() if k in known and isinstance(v, (int, float, str))}
    return DocumentFormat(**mapped)


def number_text(value) -> str:
    return "" if value is None else fmt_number(value)


def _reports_by(model, field: str, campaign: Campaign, unit: Unit | None):
    reports = model.objects.filter(submission__campaign=campaign)
    if unit is not None:
        reports = reports.filter(submission__unit=unit)
    return {getattr(r, f"{field}_id"): r for r in reports}


def _indicators(campaign: Campaign, unit: Unit | None):
    plans = campaign.plans.filter(kind=Plan.Kind.OUTLINE) if unit is None else campaign.plans.all()
    indicators = Indicator.objects.filter(plan__in=plans).select_related("lead_unit", "parent")
    if unit is not None:
        indicators = indicators.filter(lead_unit=unit)
    return list(indicators.order_by("plan_id", "position", "id"))


def item_explanation(report) -> str:
    if report is None:
        return ""
    text = report.explanation.strip().rstrip("。；")
    if report.adjustment_after:
        text += f"{'；' if text else ''}建议调整：{report.adjustment_before} → {report.adjustment_after}"
    return text


def indicator_rows(campaign: Campaign, unit: Unit | None = None) -> tuple[IndicatorRow, ...]:
    """附件6 rows: the unit's indicators, or every indicator of the outline when ``unit`` is None."""
    indicators = _indicators(campaign, unit)
    reports = _reports_by(IndicatorReport, "indicator", campaign, unit)
    assessments = {a.indicator_id: a for a in IndicatorAssessment.objects.filter(campaign=campaign,
                                                                                 indicator__in=indicators)}
    versions = current_target_versions(i.id for i in indicators)

    def row(i: Indicator, parts=()) -> IndicatorRow:
        a, r = assessments.get(i.id), reports.get(i.id)
        return IndicatorRow(
            category=i.category, number=i.number, name=i.name, unit=i.measure_unit,
            target_text=target_with_version(i, a, versions.get(i.id)),
            current=number_text(a.current if a else None), rating=r.rating if r else "",
            forecast=number_text(a.forecast if a else None), explanation=item_explanation(r),
            lead_unit=i.lead_unit.name if i.lead_unit else "", attribute=i.get_attribute_display(),
            suggestion=a.suggestion if a else "", progress=a.progress if a else None,
            expected=a.expected if a else None, parts=tuple(parts),
        )

    children = defaultdict(list)
    for i in indicators:
        if i.parent_id:
            children[i.parent_id].append(i)
    ids = {i.id for i in indicators}
    rows = []
    for i in indicators:
        if i.parent_id and i.parent_id in ids:
            continue  # shown under its parent
        rows.append(row(i, [row(kid) for kid in children.get(i.id, ())]))
    return tuple(rows)


def target_with_version(indicator: Indicator, assessment, version) -> str:
    """The target cell: the text judged against, marked when it is not the published version 1."""
    if assessment is not None:
        number, valid_from, text = assessment.target_version, assessment.target_valid_from, \
            assessment.target_text or indicator.target_text
    elif version is not None:
        number, valid_from, text = version.number, version.valid_from, indicator.target_text
    else:
        return indicator.target_text
    if number <= 1:
        return text
    when = f"，{valid_from.year}年{valid_from.month}月{valid_from.day}日起" if valid_from else ""
    return f"{text}（调整后目标，第{number}版{when}）"


def indicator_table(campaign: Campaign, unit: Unit | None = None) -> IndicatorTable:
    scope = unit.name if unit else campaign.jurisdiction.name
    return IndicatorTable(title=f"{campaign.jurisdiction.name}“十四五”规划纲要主要指标评估表", scope=scope,
                          rows=indicator_rows(campaign, unit), notes=INDICATOR_NOTES)


def task_path(task: Task, by_id: dict[int, Task]) -> tuple[str, str]:
    """(area, section) headings of a leaf task: the depth-0 and depth-1 ancestors."""
    chain, current = [], task
    while current.parent_id and current.parent_id in by_id:
        current = by_id[current.parent_id]
        chain.append(current)
    chain.reverse()
    area = f"{chain[0].number}、{chain[0].title}" if chain else ""
    section = f"{chain[1].number}{chain[1].title}" if len(chain) > 1 else ""
    return area, section


def task_rows(campaign: Campaign, unit: Unit | None = None) -> tuple[TaskRow, ...]:
    plans = campaign.plans.filter(kind=Plan.Kind.OUTLINE) if unit is None else campaign.plans.all()
    tasks = list(Task.objects.filter(plan__in=plans).select_related("lead_unit")
                 .prefetch_related("co_units").order_by("plan_id", "position", "id"))
    by_id = {t.id: t for t in tasks}
    parents = {t.parent_id for t in tasks if t.parent_id}
    reports = _reports_by(TaskReport, "task", campaign, unit)
    rows = []
    for t in tasks:
        if t.id in parents or (unit is not None and t.lead_unit_id != unit.id):
            continue
        area, section = task_path(t, by_id)
        r = reports.get(t.id)
        units = "、".join(filter(None, [t.lead_unit.name if t.lead_unit else "", *(u.name for u in t.co_units.all()),
                                        t.co_units_note]))
        rows.append(TaskRow(area=area, section=section, number=t.number, title=t.title, content=t.content,
                            progress=r.progress if r else "", rating=r.rating if r else "",
                            expected_completion=r.expected_completion if r else "", lead_units=units))
    return tuple(rows)


def task_table(campaign: Campaign, unit: Unit | None = None) -> TaskTable:
    scope = unit.name if unit else campaign.jurisdiction.name
    return TaskTable(title=f"{campaign.jurisdiction.name}“十四五”规划纲要主要任务评估表", scope=scope,
                     rows=task_rows(campaign, unit), notes=TASK_NOTES)


def project_rows(campaign: Campaign, unit: Unit | None = None) -> tuple[ProjectRow, ...]:
    projects = Project.objects.filter(plan__in=campaign.plans.all()).select_related("lead_unit")
    if unit is not None:
        projects = projects.filter(lead_unit=unit)
    projects = list(projects.order_by("plan_id", "id"))
    reports = _reports_by(ProjectReport, "project", campaign, unit)
    assessments = {a.project_id: a for a in ProjectAssessment.objects.filter(campaign=campaign, project__in=projects)}
    rows = []
    for p in projects:
        r, a = reports.get(p.id), assessments.get(p.id)
        status = dict(Project.Status.choices).get(r.status if r and r.status else p.status, p.status)
        completed = r.completed_investment if r and r.completed_investment is not None else p.completed_investment
        rows.append(ProjectRow(
            name=p.name, lead_unit=p.lead_unit.name if p.lead_unit else "", status=status,
            total_investment=number_text(p.total_investment), completed_investment=number_text(completed),
            progress=r.progress if r else "", warning=WARNING_LABELS.get(a.warning, "") if a else "",
            is_sample=p.is_sample,
        ))
    return tuple(rows)


def self_report(submission: Submission) -> SelfReport:
    """A unit's 自评报告 in its campaign's framework, signature before the appendices."""
    campaign, unit = submission.campaign, submission.unit
    texts = {s.key: s.text for s in ReportSection.objects.filter(submission=submission)}
    framework = campaign.framework or {}
    appendix_titles = {p["title"] for p in framework.get("parts", ()) if p.get("is_appendix")}
    body, appendices, current_part = [], [], None
    for s in framework_sections(campaign):
        paragraphs = tuple(p.strip() for p in texts.get(s.key, "").splitlines() if p.strip())
        target = appendices if s.part in appendix_titles else body
        if s.part != current_part and s.title != s.part:
            target.append(Section(title=s.part, level=1))
        current_part = s.part
        target.append(Section(title=s.title, paragraphs=paragraphs, table=s.table,
                              level=1 if s.title == s.part else 2))
    appendices = _with_cases(appendices, unit_case_entries(campaign, unit))
    signed = submission.signed_at
    date = timezone.localtime(signed).date() if signed else timezone.localdate()
    return SelfReport(
        title=f"{unit.name}“十四五”规划中期评估自评报告",
        unit_name=unit.full_name or unit.name,
        sections=tuple(body), indicators=indicator_table(campaign, unit), tasks=task_table(campaign, unit),
        projects=project_rows(campaign, unit),
        signature=f"{unit.full_name or unit.name}\n{date.year}年{date.month}月{date.day}日",
        state_note=("已经分管领导审定" if signed else f"当前状态：{submission.get_state_display()}（未审定稿）"),
        appendices=tuple(appendices), fmt=document_format(campaign),
    )


def _cutoff_phrase(assessment_kind: str, campaign: Campaign) -> str:
    if assessment_kind in ("cumulative",):
        d = campaign.monthly_cutoff
        return f"截至{d.year}年{d.month}月底"
    return f"截至{campaign.annual_cutoff.year}年底"


def _trajectories(campaign: Campaign, rows: list[IndicatorRow], indicators: dict[str, Indicator]) -> list[Chart]:
    """Key indicators (binding first) from baseline to the latest value, with the target line."""
    chosen = [indicators[r.name] for r in rows if r.name in indicators and r.attribute == "约束性"][:4]
    ids = [i.id for i in chosen]
    values = defaultdict(dict)
    for obs in Observation.objects.filter(indicator_id__in=ids, granularity="year",
                                          kind__in=("actual", "estimate", "forecast")).order_by("kind"):
        values[obs.indicator_id].setdefault(obs.year, float(obs.value))
    charts = []
    for i in chosen:
        years = tuple(range(i.baseline_year, 2026))
        series = [float(i.baseline) if (y == i.baseline_year and i.baseline is not None) else values[i.id].get(y)
                  for y in years]
        target = (i.target or {}).get("low")
        charts.append(Chart(kind="trajectory", title=f"{i.name}（{i.measure_unit}）", labels=tuple(map(str, years)),
                            series=(("实际值和预测值", tuple(series)),),
                            target=float(target) if target not in (None, "") else None, unit=i.measure_unit))
    return charts


def midterm_report(campaign: Campaign) -> MidtermReport:
    """The compiled 中期评估报告 draft, structured like the seeds' 报告框架 (three parts)."""
    table, tasks, projects = indicator_table(campaign), task_table(campaign), project_rows(campaign)
    flat = [r for row in table.rows for r in (row, *row.parts)]
    top = list(table.rows)
    decided = Counter((r.rating or r.suggestion) for r in top)
    indicators = {i.name: i for i in _indicators(campaign, None)}
    at_risk = [r.name for r in top if r.attribute == "约束性" and (r.rating or r.suggestion) in ("C", "D")]
    assessments = {a.indicator.name: a for a in IndicatorAssessment.objects.filter(
        campaign=campaign, indicator__in=list(indicators.values())).select_related("indicator")}
    paragraphs = [overview_sentence(total=len(top), counts=decided, binding_at_risk=at_risk)]
    # By category, then by attribute with binding indicators first, as the seeds' reports do.
    groups = [(f"{c}领域", [r for r in top if r.category == c]) for c in dict.fromkeys(r.category for r in top) if c]
    groups += [(a, [r for r in top if r.attribute == a]) for a in ("约束性", "预期性")]
    paragraphs += [breakdown_sentence(group=label, total=len(rows),
                                      counts=Counter(r.rating or r.suggestion for r in rows))
                   for label, rows in groups if rows]
    for r in flat:
        a = assessments.get(r.name)
        paragraphs.append(indicator_sentence(IndicatorFacts(
            name=r.name, unit=r.unit, target_text=r.target_text,
            cutoff_phrase=_cutoff_phrase(a.target_kind if a else "", campaign), current=r.current,
            progress=r.progress, expected=r.expected, rating=r.rating or r.suggestion,
            rating_is_suggestion=not r.rating, forecast=r.forecast, binding=r.attribute == "约束性")))
    task_paragraphs = [task_sentence(number=t.number, title=t.title, progress=t.progress, rating=t.rating)
                       for t in tasks.rows]
    project_paragraph = (f"纳入评估的重大项目{len(projects)}个，其中已建成{sum(p.status == '已建成' for p in projects)}个、"
                         f"开工在建{sum(p.status == '开工在建' for p in projects)}个，"
                         f"落后序时进度预警（红色）{sum(p.warning == '红' for p in projects)}个。")
    problems, suggestions = _unit_narratives(campaign)
    review_sections, reviews = third_party_part(campaign)
    from planeval.problems.selectors import report_paragraphs as problem_list_part
    from planeval.topics.selectors import report_part as topic_part

    problems = [*problem_list_part(campaign), *problems]   # the 问题清单 first, then the units' own words
    from planeval.specialplans.selectors import report_part as special_plan_part   # imports this module

    voice_sections = public_voice_part(campaign, number=4 + len(review_sections))
    # 专题评估情况 and 专项规划中期评估情况 follow as the next numbered parts of 一, when there are any.
    evaluation_sections = tuple(replace(s, title=f"（{'一二三四五六七八九十'[n - 1]}）{s.title}") for n, s in enumerate(
        (*topic_part(campaign), *special_plan_part(campaign)), start=4 + len(review_sections) + len(voice_sections)))

    sections = (
        Section("一、规划实施总体进展情况", level=1),
        Section("（一）主要目标指标进展", tuple(paragraphs), table="charts", level=2),
        Section("（二）重点任务进展", tuple(task_paragraphs), level=2),
        Section("（三）重大项目进展", (project_paragraph,), table="projects", level=2),
        *review_sections,
        *voice_sections,
        *evaluation_sections,
        Section("二、规划实施面临的主要问题和风险挑战", tuple(problems) or ("（待各单位报送后汇总）",), level=1),
        Section("三、进一步推进规划实施的对策建议", tuple(suggestions) or ("（待各单位报送后汇总）",), level=1),
    )
    categories = sorted({r.category for r in top if r.category}, key=[r.category for r in top].index)
    by_category = tuple((label, tuple(float(sum(1 for r in top if r.category == c and (r.rating or r.suggestion) == label))
                                      for c in categories)) for label in "ABCD")
    progress = tuple(_percent(_mean([r.progress for r in top if r.category == c])) for c in categories)
    expected = tuple(_percent(_mean([r.expected for r in top if r.category == c])) for c in categories)
    charts = (
        Chart(kind="rating_distribution", title="主要指标评估结论分布", labels=tuple(categories), series=by_category),
        Chart(kind="progress_by_category", title="分领域目标进度与时间进度", labels=tuple(categories),
              series=(("目标进度", progress), ("时间进度", expected)), unit="%"),
        *_trajectories(campaign, top, indicators),
    )
    return MidtermReport(
        title=f"{campaign.jurisdiction.name}“十四五”规划实施中期评估报告（初稿）",
        jurisdiction=campaign.jurisdiction.full_name or campaign.jurisdiction.name,
        generated_on=timezone.localdate(), sections=sections, charts=charts, indicators=table, tasks=tasks,
        projects=projects, fmt=document_format(campaign), reviews=reviews, cases=selected_case_entries(campaign),
    )


# --- 第三方评估 and 典型案例 (planeval/reviews) --------------------------------------------------------

CASES_TITLE = "典型案例"


def public_voice_part(campaign: Campaign, *, number: int) -> tuple[Section, ...]:
    """The report's section on the public's voice (问卷调查, 人民建议征集): satisfaction by area with its
    interval, the themes of free-text answers, suggestions' counts and themes; none when there are none."""
    from planeval.surveys.selectors import voice_report

    voice = voice_report(campaign)
    if not voice.paragraphs:
        return ()
    return (Section(f"（{'一二三四五六七八九十'[number - 1]}）社会公众参与评估情况", voice.paragraphs, level=2),)


def third_party_part(campaign: Campaign) -> tuple[tuple[Section, ...], tuple[ReviewRow, ...]]:
    """The report's section on third-party evaluation (none when no evaluator was granted) and the
    rows of its table: every item where an outside evaluator's letter differs from the self-assessment."""
    from planeval.domain.review_compare import Agreement, third_party_sentence
    from planeval.reviews.lists import self_text
    from planeval.reviews.selectors import active_grants, comparison_counts, comparison_rows

    grants = active_grants(campaign)
    if not grants:
        return (), ()
    rows = comparison_rows(campaign)
    counts = comparison_counts(rows)
    differing = tuple(ReviewRow(
        item_type=r.item.type_label, item=r.item.label, lead_unit=r.item.lead_unit, self_rating=self_text(r.item),
        outside_rating=r.outside_rating, organisation=r.grant.organisation, comment=r.conclusion.comment,
        strong=r.agreement is Agreement.STRONG, is_sample=r.is_sample)
        for r in rows if r.agreement in (Agreement.DIFFERENT, Agreement.STRONG))
    sentence = third_party_sentence(organisations=[g.organisation for g in grants], judged=counts["judged"],
                                    same=counts["same"], different=counts["different"] + counts["strong"],
                                    strong=counts["strong"])
    return (Section("（四）第三方评估情况", (sentence,), table="reviews" if differing else "", level=2),), differing


def _case_entries(cases) -> tuple[CaseEntry, ...]:
    return tuple(CaseEntry(title=c.title, unit=c.unit.full_name or c.unit.name, area=c.area,
                           kind=c.get_kind_display(), summary=c.summary, measures=c.measures, results=c.results,
                           attachment=c.attachment_name, is_sample=c.is_sample) for c in cases)


def selected_case_entries(campaign: Campaign) -> tuple[CaseEntry, ...]:
    """The cases the DRC selected (选用) for the compiled report's appendix, in its order."""
    from planeval.reviews.selectors import selected_cases

    return _case_entries(selected_cases(campaign))


def unit_case_entries(campaign: Campaign, unit: Unit) -> tuple[CaseEntry, ...]:
    from planeval.reviews.selectors import unit_cases

    return _case_entries(unit_cases(campaign, unit))


def _with_cases(appendices: list[Section], cases: tuple[CaseEntry, ...]) -> list[Section]:
    """The unit's cases under its framework's 典型案例 appendix (Putuo's 附件：典型案例剖析), or in an
    appendix of their own when the framework has none."""
    if not cases:
        return appendices
    for index, section in enumerate(appendices):
        if CASES_TITLE in section.title:
            appendices[index] = Section(title=section.title, paragraphs=section.paragraphs, table=section.table,
                                        level=section.level, cases=cases)
            return appendices
    return [*appendices, Section(title=CASES_TITLE, cases=cases)]


def _percent(share: float | None) -> float | None:
    return None if share is None else round(min(share, 2.0) * 100, 1)  # a cap keeps one outlier from flattening the bars


def _mean(values) -> float | None:
    present = [v for v in values if v is not None]
    return sum(present) / len(present) if present else None


def _unit_narratives(campaign: Campaign) -> tuple[list[str], list[str]]:
    """Problems and recommendations written by the units, from the sections whose titles name them."""
    problems, suggestions = [], []
    for s in ReportSection.objects.filter(submission__campaign=campaign).select_related("submission__unit") \
            .order_by("submission__unit_id", "key"):
        text = s.text.strip()
        if not text:
            continue
        line = f"{s.submission.unit.name}：{text}"
        if any(word in s.title for word in ("问题", "挑战", "趋势")):
            problems.append(line)
        elif any(word in s.title for word in ("建议", "举措", "思路")):
            suggestions.append(line)
    return problems, suggestions


def _adjustment_item(a) -> str:
    item = a.item
    if a.item_type == "indicator":
        unit = f"（{item.measure_unit}）" if item.measure_unit else ""
        return f"指标“{item.name}”{unit}"
    label = {"task": "任务", "project": "项目"}[a.item_type]
    return f"{label}“{a.item_name}”"


def _adjustment_decision(a) -> str:
    parts = []
    if a.decided_on:
        parts.append(f"{a.decision_meeting}（{a.decided_on.isoformat()}）{a.decision_document}".strip())
    if a.congress_reported_on:
        parts.append(f"{a.congress_reported_on.isoformat()}报区人大常委会{a.congress_document}".strip())
    if a.state == "filed" or (a.route == "special" and a.applied_at):
        parts.append("分管领导同意，发改委备案")
    if a.effective_on:
        parts.append(f"{a.effective_on.isoformat()}起生效")
    return "；".join(parts)


def adjustment_plan(campaign: Campaign) -> AdjustmentPlan:
    """指标调整方案 and its 方案说明: every approved or applied adjustment with before, after, reason
    and calculation basis (proposals still under review are not part of the plan)."""
    from planeval.adjustments.models import Adjustment
    from planeval.domain.adjustment_route import APPROVED_STATES

    adjustments = list(Adjustment.objects.filter(campaign=campaign, state__in=APPROVED_STATES)
                       .select_related("proposer_unit", "indicator__lead_unit", "task__lead_unit",
                                       "project__lead_unit", "plan")
                       .order_by("plan_id", "item_type", "indicator__position", "id"))
    rows = tuple(AdjustmentRow(
        item=_adjustment_item(a), unit=(a.item.lead_unit.name if a.item and a.item.lead_unit else a.proposer_unit.name),
        before=a.before_text, after=a.after_text if a.kind != "cancel" else "取消", reason=a.reason, basis=a.basis,
        proposed_by=a.proposer_unit.name, kind=a.get_kind_display(), state=a.get_state_display(),
        decision=_adjustment_decision(a), is_sample=a.is_sample) for a in adjustments)
    name = campaign.jurisdiction.name
    return AdjustmentPlan(title=f"关于{name}“十四五”规划纲要部分指标的调整方案",
                          jurisdiction=campaign.jurisdiction.full_name or name, rows=rows,
                          fmt=document_format(campaign),
                          explanation_title=f"关于{name}“十四五”规划纲要实施情况中期评估报告和部分指标调整方案的说明",
                          explanation=_adjustment_explanation(campaign, rows))


def _adjustment_explanation(campaign: Campaign, rows: tuple[AdjustmentRow, ...]) -> tuple[str, ...]:
    """方案说明 in the order the seeds' 说明 take: why adjust, the principles, then item by item."""
    name = campaign.jurisdiction.full_name or campaign.jurisdiction.name
    kinds = Counter(r.kind for r in rows)
    summary = "、".join(f"{kind}{n}项" for kind, n in kinds.items())
    paragraphs = [
        "一、调整的必要性",
        f"按照{campaign.name}的工作安排，{name}对“十四五”规划纲要实施情况开展了中期评估。评估结果显示，"
        "规划实施总体进展良好，但受发展环境变化等因素影响，部分指标、任务已难以按原目标完成或需要根据新形势完善表述，"
        "确有必要依照法定程序进行调整。",
        "二、调整的原则",
        "坚持严肃性与灵活性相统一，确需调整的严格履行报批程序，未经批准的不得随意调整；约束性指标原则上不作下调；"
        "调整理由充分、测算依据清楚，调整前后内容均在评估报告中体现。",
        "三、调整的主要内容",
        f"本次共提出调整{len(rows)}项（{summary}）。" if rows else "本次评估暂无经审定的调整事项。",
    ]
    numerals = "一二三四五六七八九十"
    for n, r in enumerate(rows):
        label = numerals[n] if n < len(numerals) else str(n + 1)
        sample = "（示例数据）" if r.is_sample else ""
        paragraphs.append(f"（{label}）关于{r.item}{sample}")
        change = (f"由“{r.before}”调整为“{r.after}”。" if r.kind != "取消" else f"原内容“{r.before}”建议取消。")
        paragraphs.append(f"{r.kind}：{change}调整理由：{r.reason.rstrip('。')}。"
                          + (f"测算依据：{r.basis.rstrip('。')}。" if r.basis else "")
                          + (f"（{r.decision}）" if r.decision else ""))
    return tuple(paragraphs)
