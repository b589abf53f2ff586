"""A province-sized sample data set (示例数据) for load tests and the multi-level demo.

``scale_generate(jurisdictions=100)`` builds 示例省 → 10 cities → 100 districts, each district
with about 50 units, 40 indicators (400 values), 120 tasks, 50 projects and an open campaign
whose submissions sit in mixed states with stored assessments; the cities hold upper-level
tasks assigned to their districts, some districts have sent their evaluation up for review,
and each district benchmarks a few indicators against its siblings and breaks its accident
count down by Ordos' four dimensions. A seeded RNG makes two runs give the same rows.

Rows go in with ``bulk_create``: this is generated sample data, not user input, so it does
not pass through the services (and writes no revision history).
"""
from __future__ import annotations

import datetime
import math
import random
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from planeval.accounts.models import Role, RoleAssignment, User
from planeval.assessment.models import IndicatorAssessment
from planeval.campaigns.models import Campaign, Deadline
from planeval.core.errors import ApplicationError
from planeval.domain.breakdown import Dimension
from planeval.domain.workflow import State
from planeval.monitoring.models import Observation
from planeval.organizations.models import Jurisdiction, Unit
from planeval.planning.models import Indicator, Plan, Project, Task
from planeval.planning.services import indicator_apply_target, indicator_targets_publish
from planeval.submissions.models import IndicatorReport, Submission

from .models import (
    Breakdown, BreakdownPart, PeerJurisdiction, PeerValue, TaskAssignment, UpwardReview, UpwardReviewStep,
)

PROVINCE = "示例省"
SAMPLE = "示例数据"
ALREADY_GENERATED = "数据库中已有“{name}”的示例数据：generate-scale 不会重复生成，请在新的数据库中运行。"
TOO_FEW = "--jurisdictions 至少为1。"
ACCIDENTS = "生产安全事故起数"
DISTRICTS_PER_CITY = 10

UNIT_KINDS = [Unit.Kind.DEPARTMENT] * 6 + [Unit.Kind.STREET, Unit.Kind.TOWN, Unit.Kind.ZONE, Unit.Kind.COMPANY]
TARGETS = ["≥{a}", "{a}左右", "累计{a}", "{a}-{b}", ">{a}", "≤{a}", "完成市下达目标", "持续改善"]
STATES = [State.NOT_STARTED, State.DRAFT, State.DRAFT, State.SUBMITTED, State.RETURNED, State.ACCEPTED,
          State.ACCEPTED, State.SIGNED]
PROJECT_STATUSES = list(Project.Status.values)
BREAKDOWN_CATEGORIES = {
    Dimension.TYPE: ["道路运输", "建筑施工", "矿山", "危险化学品", "其他"],
    Dimension.TIME: ["第一季度", "第二季度", "第三季度", "第四季度"],
    Dimension.INDUSTRY: ["煤炭", "化工", "建筑业", "交通运输", "商贸"],
    Dimension.REGION: ["城区", "开发区", "乡镇"],
}


@dataclass(frozen=True)
class Shape:
    """What one district holds. The defaults are the domain's district (DOMAIN.md, "Scale to plan for")."""

    units: int = 50
    indicators: int = 40
    values_per_indicator: int = 10
    tasks: int = 120
    projects: int = 50
    upper_tasks: int = 5        # per city, assigned to each of its districts
    peers: int = 3              # sibling districts benchmarked, on the first two indicators

    def times(self, factor: int) -> Shape:
        return Shape(*(getattr(self, f) * factor for f in self.__dataclass_fields__))


@dataclass(frozen=True)
class ScaleSummary:
    province: Jurisdiction
    jurisdictions: int
    units: int
    indicators: int
    observations: int
    tasks: int
    projects: int
    submissions: int
    users: list[str]


def _bulk(model, rows):
    return model.objects.bulk_create(rows, batch_size=2000)


@transaction.atomic
def scale_generate(*, jurisdictions: int, seed: int = 2023, shape: Shape = Shape(), province_name: str = PROVINCE,
                   account_prefix: str = "scale", password: str | None = None) -> ScaleSummary:
    """Build the province; refuses when ``province_name`` already exists (never mixes two runs)."""
    if jurisdictions < 1:
        raise ApplicationError(TOO_FEW)
    if Jurisdiction.objects.filter(parent__isnull=True, name=province_name).exists():
        raise ApplicationError(ALREADY_GENERATED.format(name=province_name))
    rng = random.Random(seed)
    now = timezone.now()
    province = Jurisdiction.objects.create(name=province_name, full_name=province_name, level=Jurisdiction.Level.PROVINCE)
    n_cities = math.ceil(jurisdictions / DISTRICTS_PER_CITY)
    cities = _bulk(Jurisdiction, [Jurisdiction(name=f"示例{c + 1:02d}市", level=Jurisdiction.Level.CITY, parent=province)
                                  for c in range(n_cities)])
    districts = _bulk(Jurisdiction, [
        Jurisdiction(name=f"示例{d + 1:03d}区", level=Jurisdiction.Level.DISTRICT, parent=cities[d // DISTRICTS_PER_CITY])
        for d in range(jurisdictions)])

    units = _bulk(Unit, [Unit(jurisdiction=d, name="区发改委" if u == 0 else f"示例单位{u:03d}",
                              kind=UNIT_KINDS[u % len(UNIT_KINDS)])
                         for d in districts for u in range(shape.units)])
    units_of = {d.id: units[i * shape.units:(i + 1) * shape.units] for i, d in enumerate(districts)}
    users = _accounts(province, cities, districts, units_of, account_prefix, password)

    plans = _bulk(Plan, [Plan(jurisdiction=d, kind=Plan.Kind.OUTLINE, lead_unit=units_of[d.id][0],
                              name=f"{d.name}国民经济和社会发展第十四个五年规划纲要（示例）") for d in districts])
    plan_of = {p.jurisdiction_id: p for p in plans}

    indicators = []
    for d in districts:
        for i in range(shape.indicators):
            a = rng.randint(2, 90)
            name = ACCIDENTS if i == 0 else f"示例指标{i:03d}"
            indicator = Indicator(plan=plan_of[d.id], number=str(i + 1), position=i + 1, name=name,
                                  category=["经济发展", "创新驱动", "民生福祉", "绿色生态", "安全保障"][i % 5],
                                  measure_unit="起" if i == 0 else "%",
                                  baseline=Decimal(a), baseline_is_sample=True,
                                  target_text=f"≤{a}" if i == 0 else rng.choice(TARGETS).format(a=a, b=a + 3),
                                  attribute=Indicator.Attribute.BINDING if i % 7 == 0 else Indicator.Attribute.ANTICIPATORY,
                                  lead_unit=units_of[d.id][i % shape.units])
            indicators.append(indicator_apply_target(indicator))
    indicators = _bulk(Indicator, indicators)
    indicator_targets_publish(indicators)

    first_year = 2026 - shape.values_per_indicator
    observations = []
    for indicator in indicators:
        level = float(indicator.baseline)
        for year in range(first_year, 2026):
            level = max(0.0, level * (1 + rng.uniform(-0.04, 0.08)))
            kind = Observation.Kind.ACTUAL if year <= 2022 else Observation.Kind.FORECAST
            value = Decimal(round(level)) if indicator.name == ACCIDENTS else Decimal(f"{level:.2f}")
            observations.append(Observation(indicator=indicator, year=year, kind=kind, value=value, source=SAMPLE,
                                            is_sample=True, recorded_at=now))
    _bulk(Observation, observations)

    areas_per_plan = max(1, shape.tasks // 15)
    areas = _bulk(Task, [Task(plan=p, depth=0, number=str(a + 1), position=a, title=f"示例任务领域{a + 1}")
                         for p in plans for a in range(areas_per_plan)])
    leaves = []
    for index, p in enumerate(plans):
        plan_areas = areas[index * areas_per_plan:(index + 1) * areas_per_plan]
        district_units = units_of[p.jurisdiction_id]
        for t in range(shape.tasks - areas_per_plan):
            area = plan_areas[t % areas_per_plan]
            leaves.append(Task(plan=p, parent=area, depth=1, number=f"{area.number}.{t // areas_per_plan + 1}",
                               position=areas_per_plan + t, title=f"示例任务{t + 1:03d}",
                               lead_unit=district_units[t % len(district_units)]))
    _bulk(Task, leaves)

    projects = []
    for p in plans:
        for k in range(shape.projects):
            total = Decimal(rng.randint(1, 200))
            projects.append(Project(plan=p, name=f"示例重大项目{k + 1:03d}", lead_unit=units_of[p.jurisdiction_id][k % shape.units],
                                    total_investment=total, completed_investment=(total * Decimal(rng.randint(0, 100)) / 100),
                                    starts_on=datetime.date(2021 + k % 3, 1 + k % 12, 1), finishes_on=datetime.date(2025, 12, 31),
                                    status=rng.choice(PROJECT_STATUSES), is_sample=True))
    _bulk(Project, projects)

    campaigns = _bulk(Campaign, [Campaign(jurisdiction=d, name=f"{d.name}“十四五”规划实施中期评估（示例）")
                                 for d in districts])
    Campaign.plans.through.objects.bulk_create(
        [Campaign.plans.through(campaign_id=c.id, plan_id=plan_of[c.jurisdiction_id].id) for c in campaigns])
    _bulk(Deadline, [Deadline(campaign=c, name="各单位提交自评报告", due_on=datetime.date(2023, 5, 15)) for c in campaigns])

    submissions = _bulk(Submission, [
        _submission(c, u, rng.choice(STATES), now, users) for c in campaigns for u in units_of[c.jurisdiction_id]])
    submission_of = {(s.campaign_id, s.unit_id): s for s in submissions}
    campaign_of = {c.jurisdiction_id: c for c in campaigns}
    plan_district = {p.id: p.jurisdiction_id for p in plans}
    reports, assessments = [], []
    for indicator in indicators:
        campaign = campaign_of[plan_district[indicator.plan_id]]
        suggestion = rng.choice("AABBBCD")
        assessments.append(IndicatorAssessment(
            campaign=campaign, indicator=indicator, computed_at=now, target_kind=indicator.target_kind,
            progress=rng.uniform(0.2, 1.1), expected=0.4, anticipated=rng.uniform(0.6, 1.2), suggestion=suggestion,
            warning={"A": "green", "B": "green", "C": "yellow", "D": "red"}[suggestion], reasons=[SAMPLE]))
        submission = submission_of[(campaign.id, indicator.lead_unit_id)]
        if submission.state != State.NOT_STARTED:
            reports.append(IndicatorReport(submission=submission, indicator=indicator, rating=suggestion,
                                           explanation=SAMPLE if suggestion in "CD" else "",
                                           updated_by=users["filler"], updated_at=now))
    _bulk(IndicatorAssessment, assessments)
    _bulk(IndicatorReport, reports)

    _upper_tasks(rng, province, cities, districts, shape, now, users)
    _upward_reviews(rng, cities, campaigns, now, users)
    _peers(rng, districts, indicators, shape, now)
    _breakdowns(rng, indicators, now)
    return ScaleSummary(province=province, jurisdictions=1 + len(cities) + len(districts), units=len(units),
                        indicators=len(indicators), observations=len(observations), tasks=len(areas) + len(leaves),
                        projects=len(projects), submissions=len(submissions), users=[u.username for u in users.values()])


def _submission(campaign, unit, state, now, users) -> Submission:
    """A submission in ``state`` with the dates (and signer) that state implies."""
    reached = STATES_ORDER.index(state) if state in STATES_ORDER else 0
    return Submission(campaign=campaign, unit=unit, state=state, is_sample=True,
                      submitted_at=now if reached >= 1 or state == State.RETURNED else None,
                      accepted_at=now if reached >= 2 else None, signed_at=now if reached >= 3 else None,
                      signed_by=users["district"] if reached >= 3 else None)


STATES_ORDER = [State.DRAFT, State.SUBMITTED, State.ACCEPTED, State.SIGNED]


def _accounts(province, cities, districts, units_of, prefix: str, password: str | None) -> dict[str, User]:
    """A DRC at the province, the first city and the first district, and a filler of that district's first unit."""
    wanted = {
        "province": (f"{prefix}_province_drc", Role.DRC, province, None),
        "city": (f"{prefix}_city_drc", Role.DRC, cities[0], None),
        "district": (f"{prefix}_district_drc", Role.DRC, districts[0], units_of[districts[0].id][0]),
        "filler": (f"{prefix}_filler", Role.FILLER, districts[0], units_of[districts[0].id][1 % len(units_of[districts[0].id])]),
    }
    users = {}
    for key, (username, role, jurisdiction, unit) in wanted.items():
        user = User(username=username)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save()
        RoleAssignment.objects.create(user=user, role=role, jurisdiction=jurisdiction, unit=unit, note=SAMPLE)
        users[key] = user
    return users


def _upper_tasks(rng, province, cities, districts, shape, now, users) -> None:
    """Each city's plan carries upper-level tasks, each assigned to every district of the city."""
    city_plans = _bulk(Plan, [Plan(jurisdiction=c, kind=Plan.Kind.OUTLINE, name=f"{c.name}“十四五”规划纲要（示例）")
                              for c in cities])
    tasks = _bulk(Task, [Task(plan=p, number=str(k + 1), position=k, title=f"上级规划示例任务{k + 1:02d}",
                              is_upper_level=True) for p in city_plans for k in range(shape.upper_tasks)])
    districts_of = {}
    for d in districts:
        districts_of.setdefault(d.parent_id, []).append(d)
    plan_city = {p.id: p.jurisdiction_id for p in city_plans}
    _bulk(TaskAssignment, [
        TaskAssignment(task=t, jurisdiction=d, percent=rng.randint(0, 100), rating=rng.choice("ABBC"),
                       progress="示例数据：按计划推进。", assigned_by=users["city"], assigned_at=now,
                       updated_at=now, is_sample=True)
        for t in tasks for d in districts_of.get(plan_city[t.plan_id], ())])


def _upward_reviews(rng, cities, campaigns, now, users) -> None:
    """Every third district has sent its evaluation up; some of those were accepted or returned."""
    reviews, steps = [], []
    for index, campaign in enumerate(campaigns):
        if index % 3:
            continue
        state = [UpwardReview.State.SENT, UpwardReview.State.ACCEPTED, UpwardReview.State.RETURNED][index // 3 % 3]
        reviews.append(UpwardReview(campaign=campaign, reviewer_id=campaign.jurisdiction.parent_id, state=state,
                                    sent_at=now, decided_at=None if state == UpwardReview.State.SENT else now))
    reviews = _bulk(UpwardReview, reviews)
    for review in reviews:
        steps.append(UpwardReviewStep(review=review, action=UpwardReviewStep.Action.SEND, comment=SAMPLE,
                                      actor=users["district"], at=now))
        if review.state != UpwardReview.State.SENT:
            action = (UpwardReviewStep.Action.ACCEPT if review.state == UpwardReview.State.ACCEPTED
                      else UpwardReviewStep.Action.RETURN)
            steps.append(UpwardReviewStep(review=review, action=action, comment="示例数据：衔接意见。",
                                          actor=users["city"], at=now))
    _bulk(UpwardReviewStep, steps)


def _peers(rng, districts, indicators, shape, now) -> None:
    """Each district compares its first two indicators with its next siblings."""
    if len(districts) < 2 or not shape.peers:
        return
    peers = _bulk(PeerJurisdiction, [
        PeerJurisdiction(owner=d, name=districts[(i + k) % len(districts)].name,
                         jurisdiction=districts[(i + k) % len(districts)], is_sample=True)
        for i, d in enumerate(districts) for k in range(1, min(shape.peers, len(districts) - 1) + 1)])
    peers_of = {}
    for peer in peers:
        peers_of.setdefault(peer.owner_id, []).append(peer)
    by_plan = {}
    for indicator in indicators:
        by_plan.setdefault(indicator.plan_id, []).append(indicator)
    values = []
    for plan_indicators in by_plan.values():
        owner = plan_indicators[0].plan.jurisdiction_id
        for indicator in plan_indicators[:2]:
            for peer in peers_of.get(owner, ()):
                level = float(indicator.baseline) * rng.uniform(0.7, 1.3)
                for year in range(2019, 2023):
                    level *= 1 + rng.uniform(-0.05, 0.08)
                    values.append(PeerValue(indicator=indicator, peer=peer, year=year, value=Decimal(f"{level:.2f}"),
                                            source=SAMPLE, is_sample=True, recorded_at=now))
    _bulk(PeerValue, values)


def _split(rng, total: int, n: int) -> list[int]:
    cuts = sorted(rng.randint(0, total) for _ in range(n - 1))
    return [b - a for a, b in zip([0, *cuts], [*cuts, total])]


def _breakdowns(rng, indicators, now) -> None:
    """The accident count of 2022, split four ways; each split adds up to the year's figure."""
    accidents = [i for i in indicators if i.name == ACCIDENTS]
    totals = dict(Observation.objects.filter(indicator__in=accidents, year=2022, kind=Observation.Kind.ACTUAL)
                  .values_list("indicator_id", "value"))
    rows, parts = [], []
    for indicator in accidents:
        if indicator.id not in totals:
            continue
        for dimension in Dimension:
            rows.append(Breakdown(indicator=indicator, year=2022, dimension=dimension, total=totals[indicator.id],
                                  is_sample=True, recorded_at=now))
    rows = _bulk(Breakdown, rows)
    for breakdown in rows:
        categories = BREAKDOWN_CATEGORIES[Dimension(breakdown.dimension)]
        for position, (category, value) in enumerate(zip(categories, _split(rng, int(breakdown.total), len(categories))), 1):
            parts.append(BreakdownPart(breakdown=breakdown, position=position, category=category, value=value))
    _bulk(BreakdownPart, parts)
