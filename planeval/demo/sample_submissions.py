"""Sample submissions (示例数据) so the demo's board, reports and adjustment plan are not empty.

Units other than 区科委 (whose report the README walks by hand) get the engine's suggestion as
their conclusion, a sample explanation and remedy where needed, sample narrative sections
and a workflow state spread over the whole loop. Every text says 示例数据; the actors are
inactive sample accounts that cannot log in.
"""
from __future__ import annotations

from django.contrib.auth.hashers import make_password

from planeval.accounts.models import Role, RoleAssignment, User
from planeval.assessment.models import IndicatorAssessment, ProjectAssessment
from planeval.domain import workflow
from planeval.domain.assessment_text import fmt_number
from planeval.submissions import services
from planeval.submissions.access import standing
from planeval.submissions.models import Submission
from planeval.submissions.report import framework_sections
from planeval.submissions.selectors import work_items

WALKED_BY_HAND = "区科委"
# The state each sample unit ends in, cycled in unit order: the whole loop is on the board.
STATES = ("signed", "accepted", "submitted", "returned", "draft", "submitted", "accepted", "not_started")
SAMPLE = "（示例数据）"


def _sample_filler(unit) -> User:
    user, _ = User.objects.get_or_create(
        username=f"sample-filler-{unit.id}",
        defaults={"full_name": f"{unit.name}填报人{SAMPLE}", "is_active": False, "password": make_password(None)},
    )
    RoleAssignment.objects.get_or_create(user=user, role=Role.FILLER, jurisdiction=unit.jurisdiction, unit=unit)
    return user


def _fill(submission, filler) -> None:
    who = standing(filler, submission)
    suggestions = {a.indicator_id: a for a in IndicatorAssessment.objects.filter(campaign=submission.campaign)}
    items = work_items(submission)
    for item in items["indicator"]:
        a = suggestions.get(item.obj.id)
        rating = (a.suggestion if a and a.suggestion else "B")
        behind = rating in ("C", "D") or (a and a.anticipated is not None and a.anticipated < 1)
        adjustment = ("", "", "", "")
        if rating == "D" and a and a.forecast is not None:
            adjustment = (item.obj.target_text, f"{SAMPLE}按预计期末完成数{fmt_number(a.forecast)}调整",
                          f"{SAMPLE}受外部环境变化影响，原目标难以完成", f"{SAMPLE}按2021年以来实际进度推算")
        services.indicator_report_save(
            submission=submission, who=who, indicator=item.obj, user=filler, values=[], rating=rating,
            explanation=f"{SAMPLE}受外部环境变化和要素保障不足影响，进度慢于预期。" if rating in ("C", "D") else "",
            recovery_measures=f"{SAMPLE}细化年度计划，按月跟踪推进。" if behind else "",
            adjustment=adjustment, expected_version=item.report.version if item.report else 0)
    for item in items["task"]:
        services.task_report_save(
            submission=submission, who=who, task=item.obj, user=filler,
            progress=f"{SAMPLE}已按计划推进，完成阶段性目标。", rating="B",
            expected_completion=f"{SAMPLE}预计如期完成", explanation="", next_steps="",
            expected_version=item.report.version if item.report else 0)
    projects = {a.project_id: a for a in ProjectAssessment.objects.filter(campaign=submission.campaign)}
    for item in items["project"]:
        a = projects.get(item.obj.id)
        rating = a.suggestion if a and a.suggestion else "B"
        services.project_report_save(
            submission=submission, who=who, project=item.obj, user=filler, fields={
                "status": item.obj.status, "completed_investment": item.obj.completed_investment,
                "progress": f"{SAMPLE}按计划推进。",
                "not_started_reason": f"{SAMPLE}前期手续办理中。" if item.obj.status in ("preparing", "about_to_start") else "",
                "next_steps": f"{SAMPLE}加快前期手续和建设进度。", "rating": rating,
                "explanation": f"{SAMPLE}前期工作滞后。" if rating in ("C", "D") else ""},
            expected_version=item.report.version if item.report else 0)
    sections = []
    for s in framework_sections(submission.campaign):
        if any(word in s.title for word in ("问题", "建议", "举措", "思路")):
            sections.append((s.key, s.title, f"{SAMPLE}{submission.unit.name}关于“{s.title}”的意见。", 0))
    services.report_sections_save(submission=submission, who=who, user=filler, sections=sections)


def _advance(submission, target: str, filler, drc, leader) -> None:
    steps = {
        "draft": [],
        "submitted": [("submit", filler)],
        "returned": [("submit", filler), ("return", drc)],
        "accepted": [("submit", filler), ("accept", drc)],
        "signed": [("submit", filler), ("accept", drc), ("sign", leader)],
    }[target]
    for action, actor in steps:
        submission = services.submission_transition(
            submission=submission, who=standing(actor, submission), action=workflow.Action(action), user=actor,
            comment=f"{SAMPLE}请补充数据来源。" if action == "return" else "",
            confirmed_by=f"单位负责人{SAMPLE}" if action == "submit" else "")


def sample_submissions_load(campaign) -> int:
    """Bring sample units' submissions to their states once; a second load leaves them as they are."""
    drc = User.objects.get(username="fgw")
    leader = User.objects.get(username="leader")
    units = sorted({i.lead_unit for i in campaign.plans.get(kind="outline").indicators.select_related("lead_unit")
                    if i.lead_unit and i.lead_unit.name != WALKED_BY_HAND}, key=lambda u: u.id)
    done = 0
    for index, unit in enumerate(units):
        target = STATES[index % len(STATES)]
        if target == "not_started" or Submission.objects.filter(campaign=campaign, unit=unit).exists():
            continue
        submission = services.submission_get_or_create(campaign=campaign, unit=unit)
        Submission.objects.filter(pk=submission.pk).update(is_sample=True)
        filler = _sample_filler(unit)
        _fill(submission, filler)
        _advance(Submission.objects.get(pk=submission.pk), target, filler, drc, leader)
        done += 1
    return done
