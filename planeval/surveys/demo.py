"""Sample questionnaire, answers and suggestions for the demo (示例数据: none of this is in the seeds).

Answers are drawn from a fixed seed so every demo shows the same figures, and written with
bulk_create: the demo loads in a fraction of a second more.
"""
from __future__ import annotations

import datetime
import random

from django.db import transaction
from django.utils import timezone

from planeval.accounts.models import User
from planeval.campaigns.models import Campaign
from planeval.organizations.models import Unit
from planeval.planning.models import Indicator

from .models import (
    Answer,
    Option,
    Question,
    Questionnaire,
    Response,
    Suggestion,
    SuggestionStep,
)
from .selectors import campaign_areas

SAMPLE_TITLE = "普陀区“十四五”规划实施情况市民问卷（示例数据）"
SAMPLE_RESPONSES = 120
SEED = 20230415

ECOLOGY_TEXTS = (
    "苏州河滨河步道修得很漂亮，晚上散步的人很多，希望继续延伸。",
    "小区旁边的河道还有异味，夏天比较明显，希望加强河道治理。",
    "垃圾分类做得不错，但是湿垃圾清运不及时，投放点有异味。",
    "希望多建一些口袋公园，老小区周边绿地太少。",
    "空气质量比前几年好了，但是工地扬尘和噪音还是扰民。",
    "垃圾分类投放点希望增加洗手池，定时投放时间能否延长。",
    "河道水质明显改善，希望河道边增加休息座椅。",
    "",
)
LIFE_TEXTS = (
    "小区停车难，晚上回家找不到停车位，希望建立体停车库。",
    "老旧小区加装电梯推进太慢，老人上下楼很困难。",
    "社区食堂价格实惠，希望多开几家长者食堂。",
    "地铁站到小区最后一公里不方便，希望增加公交线路。",
    "家门口的社区卫生服务中心看病方便多了，家庭医生服务很好。",
    "路边乱停车严重，非机动车停放混乱。",
    "希望增加养老服务机构床位，日间照料中心不够。",
    "孩子入学学位紧张，希望新建学校。",
    "",
)


def _weighted_score(rng: random.Random, weights: tuple[int, ...]) -> int:
    return rng.choices((1, 2, 3, 4, 5), weights=weights)[0]


@transaction.atomic
def voice_sample_load(campaign: Campaign) -> int:
    """The sample questionnaire with its answers and five suggestions; nothing when already there."""
    if Questionnaire.objects.filter(campaign=campaign, is_sample=True).exists():
        return 0
    areas = {a.number: a for a in campaign_areas(campaign)}
    green, life, reform = areas.get("六"), areas.get("七"), areas.get("三")
    ecology = Indicator.objects.filter(plan__in=campaign.plans.all(), name="生态环境满意度").first()
    drc = User.objects.filter(username="fgw").first()
    opened = timezone.make_aware(datetime.datetime(2023, 4, 10, 9, 0))
    questionnaire = Questionnaire.objects.create(
        campaign=campaign, title=SAMPLE_TITLE, status=Questionnaire.Status.OPEN, is_sample=True,
        intro="本问卷为演示用示例数据。问卷匿名填写，约需3分钟，结果仅用于“十四五”规划中期评估。",
        created_by=drc, created_at=opened, opens_at=opened)
    specs = [
        ("single", "您与普陀区的关系", False, None, None, ("在普陀居住", "在普陀工作", "在普陀居住并工作", "其他")),
        ("scale", "您对普陀区生态环境（空气、河道、绿化）的满意程度", True, green, ecology, ()),
        ("scale", "您对普陀区市容环境和垃圾分类的满意程度", True, green, None, ()),
        ("scale", "您对交通出行、停车的满意程度", True, life, None, ()),
        ("scale", "您对教育、医疗、养老等公共服务的满意程度", True, life, None, ()),
        ("scale", "您对政务服务和营商环境的满意程度", False, reform, None, ()),
        ("multiple", "您最希望今后三年加快改善的方面", True, None, None,
         ("交通出行", "生态环境", "养老服务", "教育", "医疗卫生", "住房", "文化体育")),
        ("text", "对生态环境方面的意见建议", False, green, None, ()),
        ("text", "对生活品质（交通、住房、公共服务）方面的意见建议", False, life, None, ()),
    ]
    questions = Question.objects.bulk_create([
        Question(questionnaire=questionnaire, position=i, kind=kind, text=text, required=required, area=area,
                 indicator=indicator) for i, (kind, text, required, area, indicator, _) in enumerate(specs, start=1)])
    questions = list(Question.objects.filter(questionnaire=questionnaire).order_by("position"))
    Option.objects.bulk_create([Option(question=q, position=j, label=label)
                                for q, spec in zip(questions, specs) for j, label in enumerate(spec[5], start=1)])
    options = {q.id: list(q.options.order_by("position")) for q in questions}
    rng = random.Random(SEED)
    responses = Response.objects.bulk_create([
        Response(questionnaire=questionnaire, is_sample=True,
                 submitted_at=opened + datetime.timedelta(days=rng.betavariate(1.2, 3) * 20, minutes=rng.randint(0, 600)))
        for _ in range(SAMPLE_RESPONSES)])
    responses = list(Response.objects.filter(questionnaire=questionnaire).order_by("id"))
    score_weights = {2: (2, 5, 18, 45, 30), 3: (3, 8, 25, 42, 22), 4: (8, 18, 32, 30, 12), 5: (3, 7, 25, 43, 22),
                     6: (2, 5, 28, 45, 20)}
    answers, picks = [], []
    for response in responses:
        for q in questions:
            if q.kind == "scale":
                if not q.required and rng.random() < 0.2:
                    continue
                answers.append(Answer(response=response, question=q, score=_weighted_score(rng, score_weights[q.position])))
            elif q.kind == "text":
                text = rng.choice(ECOLOGY_TEXTS if q.area_id == (green.id if green else None) else LIFE_TEXTS)
                if text:
                    answers.append(Answer(response=response, question=q, text=text))
            else:
                chosen = rng.sample(options[q.id], 1 if q.kind == "single" else rng.randint(1, 3))
                answers.append(Answer(response=response, question=q))
                picks.append((len(answers) - 1, chosen))
    Answer.objects.bulk_create(answers)
    if answers and answers[0].pk is None:
        raise RuntimeError("bulk_create did not return ids")   # SQLite ≥ 3.35 and PostgreSQL both do
    Answer.options.through.objects.bulk_create([Answer.options.through(answer_id=answers[i].id, option_id=o.id)
                                                for i, chosen in picks for o in chosen])
    _sample_suggestions(campaign, areas, drc)
    return len(responses)


def _sample_suggestions(campaign: Campaign, areas: dict, drc: User | None) -> None:
    units = {u.name: u for u in Unit.objects.filter(jurisdiction=campaign.jurisdiction)}
    at = timezone.make_aware(datetime.datetime(2023, 4, 12, 10, 0))
    samples = [
        ("六", "建议延伸苏州河滨河步道", "苏州河普陀段滨河步道贯通后很受欢迎，建议向支流河道延伸，并增加公共厕所和休息座椅。",
         "answered", "区建管委", "partly", "已将支流滨河步道纳入明年城市更新计划，公共厕所将结合绿地改造设置。"),
        ("七", "老旧小区停车难问题", "我们小区是老旧小区，停车位严重不足，晚上车辆停满消防通道，建议利用周边空地建立体停车库。",
         "routed", "区建管委", "", ""),
        ("一", "支持科技企业孵化", "建议在桃浦智创城增加面向初创科技企业的低成本办公空间，并简化科技企业认定流程。",
         "routed", "区科委", "", ""),
        ("七", "增加长者食堂", "社区食堂价格实惠，老年人很需要，建议每个街道至少开设两家长者食堂。", "published", "", "", ""),
        (None, "低价出售二手手机", "加微信低价出售二手手机，质量保证。", "rejected", "", "", ""),
        ("六", "垃圾分类投放点增加洗手池", "垃圾分类投放后手很脏，建议每个投放点都配洗手池，定时投放时间延长到晚上九点。",
         "pending", "", "", ""),
    ]
    for index, (area_number, title, content, state, unit_name, outcome, reply) in enumerate(samples):
        submitted = at + datetime.timedelta(days=index, hours=index)
        suggestion = Suggestion.objects.create(
            campaign=campaign, area=areas.get(area_number) if area_number else None, title=title, content=content,
            state=state, unit=units.get(unit_name), outcome=outcome, reply=reply, submitted_at=submitted,
            reject_reason="广告信息，与规划实施无关" if state == "rejected" else "", is_sample=True)
        steps = [("submit", "", "pending", None, None, "公众提交")]
        if state == "rejected":
            steps.append(("reject", "pending", "rejected", drc, None, suggestion.reject_reason))
        if state in ("published", "routed", "answered"):
            steps.append(("publish", "pending", "published", drc, None, ""))
        if state in ("routed", "answered"):
            steps.append(("route", "published", "routed", drc, units.get(unit_name), "请研究办理"))
        if state == "answered":
            steps.append(("answer", "routed", "answered", None, units.get(unit_name),
                          f"{Suggestion.Outcome(outcome).label}：{reply}"))
        SuggestionStep.objects.bulk_create([
            SuggestionStep(suggestion=suggestion, action=action, from_state=source, to_state=target, by=by, unit=unit,
                           note=note, at=submitted + datetime.timedelta(days=n))
            for n, (action, source, target, by, unit, note) in enumerate(steps)])
