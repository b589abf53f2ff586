"""Sample special-plan evaluations (示例数据): Putuo's 44 plans (30 special, 13 regional, 1 spatial,
all named in the seed with their lead units) carried through the route to various states.

The plans are real; the evaluations' states, texts and conclusions are invented, so every
evaluation is is_sample. 区科委's two plans stay in 起草中 for the demo account kewei.
"""
from __future__ import annotations

from planeval.accounts.models import User
from planeval.demo.sample_submissions import _sample_filler
from planeval.domain.special_plan_route import Action, State
from planeval.submissions.report import framework_sections

from . import access, services
from .models import SpecialPlanEvaluation

SAMPLE = "（示例数据）"
KEEP_DRAFTING = "区科委"
# The state each sample evaluation reaches, in turn; the steps that lead there.
CYCLE = (State.DRAFTING, State.CONSULTING, State.SUBMITTED, State.REVISING, State.REVIEWING, State.APPROVED,
         State.FILED, State.APPROVED, State.FILED)
PATH = (
    (State.CONSULTING, Action.CONSULT, "unit", f"{SAMPLE}书面征求区相关部门和街镇意见。"),
    (State.SUBMITTED, Action.SUBMIT, "unit", ""),
    (State.REVISING, Action.FEEDBACK, "drc", f"{SAMPLE}请补充主要指标中期完成情况的数据来源，细化下一步举措。"),
    (State.REVIEWING, Action.SEND, "unit", f"{SAMPLE}已按反馈意见修改完善。"),
    (State.APPROVED, Action.APPROVE, "leader", f"{SAMPLE}同意。"),
    (State.FILED, Action.FILE, "unit", ""),
)
CONCLUSIONS = "BBABCB"
PACKAGE_SIZE = 4   # Jiangbei sends four special-plan reports to the congress with the main report


def _text(plan, title: str) -> str:
    return f"{SAMPLE}《{plan.name}》{title}：规划实施总体平稳，主要指标和重点任务按计划推进。"


def _walk(evaluation, target: State, users: dict, conclusion: str) -> None:
    if target is State.DRAFTING:
        return
    filler = users["unit"]
    sections = {s.key: _text(evaluation.plan, s.title) for s in framework_sections(evaluation.campaign)}
    evaluation = services.evaluation_report_save(
        evaluation=evaluation, user=filler, who=access.standing(filler, evaluation), sections=sections,
        conclusion=conclusion, expected_version=evaluation.version)
    for reached, action, actor, comment in PATH:
        user = users[actor]
        evaluation = services.evaluation_transition(
            evaluation=evaluation, user=user, who=access.standing(user, evaluation), action=action,
            comment=comment, expected_version=evaluation.version)
        if reached is target:
            return


def sample_special_plans_load(campaign) -> int:
    """Create the campaign's evaluations as samples and walk them (once; a reload changes nothing)."""
    if SpecialPlanEvaluation.objects.filter(campaign=campaign, is_sample=True).exclude(state=State.DRAFTING).exists():
        return 0
    services.evaluations_create(campaign=campaign, is_sample=True)
    drc, leader = User.objects.get(username="fgw"), User.objects.get(username="leader")
    evaluations = (SpecialPlanEvaluation.objects.filter(campaign=campaign).select_related("plan", "unit", "campaign")
                   .order_by("plan_id"))
    walked, packaged = 0, 0
    for index, evaluation in enumerate(e for e in evaluations if e.unit.name != KEEP_DRAFTING):
        target = CYCLE[index % len(CYCLE)]
        users = {"unit": _sample_filler(evaluation.unit), "drc": drc, "leader": leader}
        _walk(evaluation, target, users, CONCLUSIONS[index % len(CONCLUSIONS)])
        walked += target is not State.DRAFTING
        if target is State.FILED and packaged < PACKAGE_SIZE:
            evaluation = SpecialPlanEvaluation.objects.get(pk=evaluation.pk)
            services.evaluation_package_set(evaluation=evaluation, user=drc, who=access.standing(drc, evaluation),
                                            in_package=True, expected_version=evaluation.version)
            packaged += 1
    return walked
