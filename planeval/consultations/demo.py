"""A sample consultation round (示例数据) in 普陀区, as Putuo's work plan schedules it: the
《中期评估报告》（征求意见稿） goes to departments, a people's congress deputy, a CPPCC member, an
expert and an enterprise. Most comments are answered (采纳 / 部分采纳 / 不采纳); one is left open
and one department has not answered, so the demo shows the pending state and the gate before
送审稿. Names are invented and marked 示例数据.
"""
from __future__ import annotations

import datetime

from planeval.accounts.models import User
from planeval.demo.sample_submissions import _sample_filler
from planeval.domain.consultation import ReaderKind
from planeval.organizations.models import Unit

from . import services
from .models import Comment, DraftVersion, Invitation

SAMPLE = "（示例数据）"
DEADLINE = datetime.date(2023, 7, 31)


def _keys(version: DraftVersion, *prefixes: str) -> list[str]:
    return [s["key"] for s in version.sections if s["title"].startswith(prefixes)]


def _answer(comment: Comment, drc, decision: str, reason: str) -> None:
    services.comment_answer(comment=comment, user=drc, decision=decision, reason=reason,
                            expected_version=comment.version)


def sample_consultations_load(campaign) -> int:
    """初稿 and 征求意见稿 of the compiled report and one round on it (once; a reload leaves it as it is)."""
    if DraftVersion.objects.filter(campaign=campaign, is_sample=True).exists():
        return 0
    drc = User.objects.get(username="fgw")
    services.version_record(campaign=campaign, user=drc, expected_number=0, note=f"各单位自评汇总后形成{SAMPLE}",
                            is_sample=True)
    draft = services.version_promote(campaign=campaign, user=drc, expected_number=1,
                                     note=f"征询各部门意见后形成{SAMPLE}", is_sample=True)
    round_ = services.round_open(version=draft, user=drc, title=f"《中期评估报告》（征求意见稿）征求意见{SAMPLE}",
                                 deadline=DEADLINE, is_sample=True)
    overall = _keys(draft, "一、", "（一）")
    problems = _keys(draft, "二、")
    measures = _keys(draft, "三、")

    def department(name: str, sections: list[str]) -> Invitation:
        unit = Unit.objects.get(jurisdiction=campaign.jurisdiction, name=name)
        return services.invitation_add(round_=round_, user=drc, kind=ReaderKind.DEPARTMENT, unit=unit,
                                       sections=sections, is_sample=True)

    def outsider(kind: ReaderKind, name: str, affiliation: str, sections: list[str]) -> Invitation:
        return services.invitation_add(round_=round_, user=drc, kind=kind, name=f"{name}{SAMPLE}",
                                       affiliation=affiliation, sections=sections, is_sample=True)

    kewei = department("区科委", overall)
    shangwu = department("区商务委", overall + problems)
    department("区金融办", overall + measures)   # has not answered: an overdue reminder in the demo
    deputy = outsider(ReaderKind.DEPUTY, "王某某", "区人大代表", problems + measures)
    member = outsider(ReaderKind.CPPCC, "李某某", "区政协委员", problems + measures)
    expert = outsider(ReaderKind.EXPERT, "陈某某", "某高校经济学院教授", overall + problems + measures)
    company = outsider(ReaderKind.ENTERPRISE, "某科技有限公司", "企业代表", measures)

    def post(invitation: Invitation, key: str, text: str, quote: str = "", user=None) -> Comment:
        return services.comment_post(invitation=invitation, section_key=key, text=f"{text}{SAMPLE}", quote=quote,
                                     user=user, is_sample=True)

    c1 = post(kewei, overall[-1], "建议补充研发经费投入强度的最新统计口径说明。",
              user=_sample_filler(kewei.unit))
    _answer(c1, drc, "adopted", f"已在主要目标指标进展中补充统计口径说明。{SAMPLE}")
    c2 = post(shangwu, problems[0], "外贸进出口受外部环境影响的分析可再具体些。", user=_sample_filler(shangwu.unit))
    _answer(c2, drc, "adopted", "")
    c3 = post(deputy, problems[0], "建议增加对民生短板的分析，如养老服务设施缺口。")
    _answer(c3, drc, "partly", f"养老服务设施缺口已补充；其他民生领域在专项规划评估中反映。{SAMPLE}")
    c4 = post(expert, measures[0], "建议对约束性指标逐项提出保障措施并明确时间表。")
    _answer(c4, drc, "rejected", f"约束性指标的保障措施由各牵头部门在自评报告中逐项提出，本报告不再展开。{SAMPLE}")
    post(company, measures[0], "希望在对策建议中增加支持中小企业数字化转型的措施。")   # left open
    services.invitation_no_comment(invitation=member)
    return 1
