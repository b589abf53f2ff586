"""Reads of special-plan evaluations: lists, counts per state, and what other apps ask of them
(reminders' ``due_items``, the compiled report's ``report_part``, the congress package's
``package_documents``)."""
from __future__ import annotations

from collections import Counter

from django.urls import reverse

from planeval.domain import special_plan_route as route
from planeval.domain.reminders import DueItem
from planeval.submissions.selectors import unit_deadline

from .models import CONCLUSIONS, SpecialPlanEvaluation
from .report import plan_report_docx, plan_report_filename

REPORT_TITLE = "专项规划中期评估情况"
DEADLINE_WORD = "专项规划"


def evaluation_list(campaign, who, *, state: str = "", unit_id=None, kind: str = "", package: bool = False):
    """The evaluations a user sees: all of the campaign for the DRC, leaders and observers; a unit its own."""
    rows = SpecialPlanEvaluation.objects.filter(campaign=campaign).select_related("plan", "unit")
    if not who.can_read_all:
        rows = rows.filter(unit_id__in=who.unit_ids)
    if state:
        rows = rows.filter(state=state)
    if unit_id:
        rows = rows.filter(unit_id=unit_id)
    if kind:
        rows = rows.filter(plan__kind=kind)
    if package:
        rows = rows.filter(in_package=True)
    return rows.order_by("plan__kind", "plan_id")


def state_counts(campaign) -> list[tuple[str, str, int]]:
    """(state, label, count) for every state of the route, in route order, zeros included."""
    counts = Counter(SpecialPlanEvaluation.objects.filter(campaign=campaign).values_list("state", flat=True))
    return [(s.value, s.label, counts.get(s.value, 0)) for s in route.State]


def due_on(campaign):
    """The date special-plan evaluations are due at the DRC: the campaign's deadline naming 专项规划,
    else the units' deadline."""
    named = [d.due_on for d in campaign.deadlines.all() if d.due_on and DEADLINE_WORD in d.name]
    return min(named) if named else unit_deadline(campaign)


def due_items(campaign) -> list[DueItem]:
    """One item per evaluation: its report is due at the DRC; done once it has been sent there."""
    when = due_on(campaign)
    if when is None:
        return []
    waiting = {route.State.DRAFTING, route.State.CONSULTING}
    return [DueItem(key=f"specialplan:{e.id}", title=f"专项规划评估《{e.plan.name}》报送区发展改革委",
                    due_on=when, unit_ids=(e.unit_id,),
                    url=reverse("specialplans:detail", args=[e.id]), done=route.State(e.state) not in waiting)
            for e in SpecialPlanEvaluation.objects.filter(campaign=campaign).select_related("plan")]


def report_part(campaign):
    """The compiled report's section on special plans: how many were evaluated and approved, their
    conclusions, those lagging, and the reports sent along; () when the campaign has none."""
    from planeval.reports.documents import Section

    evaluations = list(SpecialPlanEvaluation.objects.filter(campaign=campaign).select_related("plan")
                       .order_by("plan_id"))
    if not evaluations:
        return ()
    states = Counter(route.State(e.state) for e in evaluations)
    approved = [e for e in evaluations if route.State(e.state) in route.APPROVED_STATES]
    waiting = len(evaluations) - len(approved)
    paragraphs = [(
        f"纳入本次中期评估的专项规划（含区域规划、空间规划）共{len(evaluations)}项，均由牵头部门开展评估。"
        f"截至目前，已经分管区领导审定{len(approved)}项（其中已报区发展改革委备案{states[route.State.FILED]}项），"
        f"尚在起草、征求意见、修改完善或审定中{waiting}项。")]
    decided = Counter(e.conclusion for e in approved if e.conclusion)
    if decided:
        labels = dict(CONCLUSIONS)
        parts = "、".join(f"{labels[c].split(' ', 1)[1]}{decided[c]}项" for c in "ABCD" if decided[c])
        paragraphs.append(f"从已审定的评估结论看，{parts}。")
        lagging = [e.plan.name for e in approved if e.conclusion in ("C", "D")]
        if lagging:
            paragraphs.append("进展较慢或情况变化、难以完成的专项规划：" + "、".join(f"《{n}》" for n in lagging)
                              + "，须加快推进或按程序提出调整。")
    attached = [e.plan.name for e in approved if e.in_package]
    if attached:
        paragraphs.append(f"随本报告一并报送专项规划评估报告{len(attached)}份：" + "、".join(f"《{n}》" for n in attached)
                          + "。")
    return (Section(REPORT_TITLE, tuple(paragraphs), level=2),)


def package_documents(campaign) -> list[tuple[str, str, bytes]]:
    """(title, filename, .docx) of the approved special-plan reports the DRC chose to send along."""
    evaluations = (SpecialPlanEvaluation.objects.filter(campaign=campaign, in_package=True,
                                                        state__in=route.APPROVED_STATES)
                   .select_related("campaign__jurisdiction", "plan", "unit").order_by("plan_id"))
    return [(f"《{e.plan.name}》中期评估报告", plan_report_filename(e), plan_report_docx(e)) for e in evaluations]
