"""Sample third-party evaluation and typical cases (示例数据) for Putuo's campaign in the demo.

A fictitious evaluator (the ``pinggu`` observer account) has judged some of Putuo's items —
most agree with the self-assessment, one differs by a letter, one by two — and two units have
written up a typical case, one of which the DRC selected for the report. Everything is marked
``is_sample`` and every text says 示例数据. Safe to run again.
"""
from __future__ import annotations

from planeval.accounts.models import Role, RoleAssignment, User
from planeval.domain import workflow
from planeval.domain.review_compare import LETTERS
from planeval.organizations.models import Unit
from planeval.submissions.models import Submission

from . import services
from .models import Case, EvaluatorGrant, ItemType
from .selectors import campaign_items

ORGANISATION = "华东规划评估研究中心（示例）"
EVALUATOR = "pinggu"
SAMPLE = "（示例数据）"
# (position among the judged indicators, letters away from the self-assessment, comment)
INDICATOR_VERDICTS = (
    (0, 0, "经核对统计部门数据，进度与时间进度基本同步，同意自评结论。"),
    (1, 1, "受土地出让收入下降影响，后两年增速存在较大不确定性，建议下调一档。"),
    (2, 0, "数据来源可靠，同意自评结论。"),
    (3, 2, "实地调研发现项目储备不足，按现有推进节奏难以完成规划目标，自评结论偏乐观。"),
    (4, 0, "同意自评结论。"),
    (5, 0, "同意自评结论，建议加强年度监测。"),
)
TASK_VERDICTS = ((0, "B", "已出台配套政策，推进情况良好。"), (1, "C", "部分举措尚处于前期研究阶段，需要加快推进。"))
CASES = (
    ("区科委", "打造“一轴一园一中心”科技创新承载区", "坚持创新驱动，建设科创产业高地", Case.Kind.MEASURE,
     "围绕科技创新布局，推动孵化载体提质增效，形成一批可复制的做法。",
     "建立重点企业服务专员制度；设立科技创新专项资金，支持企业研发投入；搭建产学研对接平台。",
     "两年来新增高新技术企业数量明显增加，孵化载体入驻率稳步提升。"),
    (None, "推行“一网通办”惠企政策免申即享", "深化改革开放，优化营商环境", Case.Kind.POLICY,
     "梳理惠企政策清单，依托数据共享实现符合条件企业免申请直接兑现。",
     "建立政策标签库和企业画像；打通部门数据；对兑现结果开展满意度回访。",
     "政策兑现周期明显缩短，企业获得感和满意度持续提升。"),
)


def _evaluator() -> User | None:
    user = User.objects.filter(username=EVALUATOR).first()
    if user is None or not RoleAssignment.objects.filter(user=user, role=Role.OBSERVER).exists():
        return None
    return user


def _shifted(letter: str, by: int) -> str:
    index = LETTERS.index(letter)
    return LETTERS[index + by] if index + by < len(LETTERS) else LETTERS[index - by]


def reviews_sample_load(campaign) -> None:
    evaluator = _evaluator()
    drc = User.objects.filter(username="fgw").first()
    if evaluator is None or drc is None:
        return
    grant = EvaluatorGrant.objects.filter(campaign=campaign, organisation=ORGANISATION).first()
    if grant is None:
        grant = services.grant_create(campaign=campaign, organisation=ORGANISATION, account=evaluator, user=drc)
        EvaluatorGrant.objects.filter(pk=grant.pk).update(is_sample=True)
    items = campaign_items(campaign)
    indicators = [i for i in items if i.item_type == ItemType.INDICATOR and i.self_rating]
    for position, away, comment in INDICATOR_VERDICTS:
        if position < len(indicators):
            item = indicators[position]
            services.conclusion_save(grant=grant, item_type=item.item_type, item_id=item.item_id,
                                     rating=_shifted(item.self_rating, away), comment=comment + SAMPLE,
                                     user=evaluator, expected_version=None, is_sample=True)
    tasks = [i for i in items if i.item_type == ItemType.TASK]
    for position, rating, comment in TASK_VERDICTS:
        if position < len(tasks):
            services.conclusion_save(grant=grant, item_type=ItemType.TASK, item_id=tasks[position].item_id,
                                     rating=rating, comment=comment + SAMPLE, user=evaluator,
                                     expected_version=None, is_sample=True)
    _sample_cases(campaign, drc)


def _editable_unit(campaign, exclude: str) -> Unit | None:
    """A unit other than ``exclude`` whose report may still change, with a sample filler to write for it."""
    for submission in Submission.objects.filter(campaign=campaign).select_related("unit").order_by("unit_id"):
        if submission.unit.name != exclude and workflow.is_editable(workflow.State(submission.state)) \
                and User.objects.filter(username=f"sample-filler-{submission.unit_id}").exists():
            return submission.unit
    return None


def _sample_cases(campaign, drc) -> None:
    for position, (unit_name, title, area, kind, summary, measures, results) in enumerate(CASES, start=1):
        if unit_name is not None:
            unit = Unit.objects.filter(jurisdiction=campaign.jurisdiction, name=unit_name).first()
            author = User.objects.filter(roles__unit=unit, roles__role=Role.FILLER, is_active=True).first()
        else:
            unit = _editable_unit(campaign, exclude=CASES[0][0])
            author = User.objects.filter(username=f"sample-filler-{unit.id}").first() if unit else None
        if unit is None or author is None:
            continue
        case = Case.objects.filter(campaign=campaign, unit=unit, title=title).first()
        if case is None:
            case = services.case_save(campaign=campaign, unit=unit, user=author, is_sample=True, fields={
                "title": title, "area": area, "kind": kind, "summary": summary + SAMPLE,
                "measures": measures, "results": results + SAMPLE})
        if position == 1 and not case.selected:
            services.case_select(case=case, selected=True, position=1, user=drc)
