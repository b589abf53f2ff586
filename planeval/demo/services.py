"""Loading the demo: four jurisdictions transcribed from the seeds, demo accounts, sample values.

Idempotent: every row is found by its natural key (a name within its parent)
and only created or brought up to date, so ``planeval load-demo`` can run again.
"""
from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from planeval.accounts.models import Role, RoleAssignment, User
from planeval.assessment.services import campaign_assess
from planeval.campaigns.models import Campaign, Deadline, Phase
from planeval.demo.sample_projects import sample_projects
from planeval.demo.sample_values import sample_series
from planeval.domain.periods import Period
from planeval.domain.targets import Target
from planeval.monitoring.models import Observation
from planeval.monitoring.services import observation_record
from planeval.organizations.models import Contact, Jurisdiction, Unit, UnitAlias
from planeval.planning.models import Indicator, Plan, Project, Task
from planeval.planning.services import indicator_apply_target, indicator_target_record, superseded_target

SEED_DIR = Path(__file__).resolve().parent / "seeds"
SEED_FILES = ("putuo.json", "hongqiao.json", "rongshui.json", "ordos.json")
SAMPLE_SOURCE = "示例数据"

ATTRIBUTES = {"预期性": Indicator.Attribute.ANTICIPATORY, "约束性": Indicator.Attribute.BINDING}
PLAN_KINDS = {k.value for k in Plan.Kind}

# The demo accounts of the README: (username, role, unit name or None, note, staff?).
DEMO_ACCOUNTS = (
    ("admin", Role.SYSTEM_ADMIN, None, "", True),
    ("fgw", Role.DRC, "区发改委", "", True),
    ("leader", Role.LEADER, None, "", False),
    ("kewei", Role.FILLER, "区科委", "", False),
    ("observer", Role.OBSERVER, None, "区人大常委会", False),
    # An outside evaluator (第三方评估, planeval/reviews): an observer granted Putuo's campaign.
    ("pinggu", Role.OBSERVER, None, "第三方评估机构", False),
    # Separated administrators (三权分立, docs/audit.md): accounts and lockouts; the audit log.
    ("security", Role.SECURITY_ADMIN, None, "", True),
    ("auditor", Role.AUDIT_ADMIN, None, "", False),
)
DRC_GROUP = "发改委统筹"
SECURITY_GROUP = "安全管理员"
DRC_APPS = ("organizations", "planning", "monitoring", "campaigns", "assessment")


@dataclass(frozen=True)
class DemoSummary:
    jurisdictions: int
    units: int
    plans: int
    indicators: int
    tasks: int
    observations: int
    projects: int


def _date(text: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(text) if text else None


def _jurisdiction(data: dict) -> Jurisdiction:
    """The jurisdiction and its chain of parents, created top-down."""
    parent = _jurisdiction(data["parent"]) if data.get("parent") else None
    jurisdiction, _ = Jurisdiction.objects.update_or_create(
        parent=parent, name=data["name"],
        defaults={"level": data["level"], "full_name": data.get("full_name") or ""},
    )
    return jurisdiction


class _Units:
    """Units of one jurisdiction, found by name or alias."""

    def __init__(self, jurisdiction: Jurisdiction, rows: list[dict]):
        self.by_name: dict[str, Unit] = {}
        for row in rows:
            unit, _ = Unit.objects.update_or_create(
                jurisdiction=jurisdiction, name=row["name"],
                defaults={"full_name": row.get("full_name") or "", "kind": row.get("kind") or "department"},
            )
            self.by_name[unit.name] = unit
            for alias in row.get("aliases", ()):
                UnitAlias.objects.update_or_create(
                    jurisdiction=jurisdiction, alias=alias, defaults={"unit": unit}
                )
                self.by_name[alias] = unit

    def get(self, name: str | None) -> Unit | None:
        if not name:
            return None
        if name not in self.by_name:
            raise ValueError(f"种子数据中的单位“{name}”不在单位名单中")
        return self.by_name[name]


def _plans(jurisdiction: Jurisdiction, seed: dict, units: _Units) -> Plan | None:
    outline = None
    if seed.get("outline_plan"):
        outline, _ = Plan.objects.update_or_create(
            jurisdiction=jurisdiction, name=seed["outline_plan"]["name"],
            defaults={"kind": Plan.Kind.OUTLINE, "lead_unit": units.get(seed["outline_plan"].get("lead_unit"))},
        )
    for row in seed.get("plans", ()):
        kind = row.get("kind", "special")
        Plan.objects.update_or_create(
            jurisdiction=jurisdiction, name=row["name"],
            defaults={
                "kind": kind if kind in PLAN_KINDS else Plan.Kind.SPECIAL,
                "number": str(row.get("number", "")),
                "category": row.get("category", ""),
                "lead_unit": units.get(row.get("lead_unit")),
                "outline": outline,
            },
        )
    return outline


def _indicator(plan: Plan, row: dict, units: _Units, *, position: int, parent: Indicator | None,
               category: str, attribute: str) -> Indicator:
    indicator = Indicator.objects.filter(plan=plan, parent=parent, name=row["name"]).first() or Indicator(
        plan=plan, parent=parent, name=row["name"]
    )
    indicator.category = category
    indicator.number = str(row.get("number", ""))
    indicator.position = position
    indicator.measure_unit = row.get("unit", "")
    # The seed holds the published target; a reload keeps a target changed since by an adjustment.
    if not (indicator.pk and superseded_target(indicator, row.get("target_text", ""))):
        indicator.target_text = row.get("target_text", "")
    indicator.attribute = attribute
    indicator.lead_unit = units.get(row.get("lead_unit"))
    indicator_apply_target(indicator)
    indicator.save()
    indicator_target_record(indicator=indicator)
    indicator.co_units.set([units.get(name) for name in row.get("co_units", ())])
    return indicator


def _indicators(plan: Plan, rows: list[dict], units: _Units) -> None:
    position = 0
    for row in rows:
        position += 1
        attribute = ATTRIBUTES[row.get("attribute", "预期性")]
        parent = _indicator(plan, row, units, position=position, parent=None,
                            category=row.get("category", ""), attribute=attribute)
        for part in row.get("parts", ()):
            position += 1
            part = {**part, "unit": part.get("unit", row.get("unit", ""))}
            _indicator(plan, part, units, position=position, parent=parent,
                       category=row.get("category", ""), attribute=attribute)


def _tasks(plan: Plan, rows: list[dict], units: _Units, parent: Task | None = None,
           counter: list[int] | None = None) -> None:
    counter = counter if counter is not None else [0]
    for row in rows:
        counter[0] += 1
        title = row["title"]
        lead_names = row.get("lead_units") or ([row["lead_unit"]] if row.get("lead_unit") else [])
        task, _ = Task.objects.update_or_create(
            plan=plan, parent=parent, number=str(row.get("number", "")), title=title,
            defaults={
                "depth": parent.depth + 1 if parent else 0,
                "position": counter[0],
                "content": row.get("content", ""),
                "lead_unit": units.get(lead_names[0]) if lead_names else None,
                "co_units_note": "、".join(row.get("collective_units", ())),
            },
        )
        task.co_units.set([units.get(name) for name in lead_names[1:]])
        _tasks(plan, row.get("children", ()), units, parent=task, counter=counter)


def _campaign(jurisdiction: Jurisdiction, seed: dict, units: _Units) -> Campaign | None:
    data = seed.get("campaign")
    if not data:
        return None
    framework = data.get("report_framework", {})
    document_format = framework.get("format", {})
    reserved = {"name", "document_number", "issuer", "issued_on", "annual_cutoff", "monthly_cutoff",
                "task_cutoff", "report_framework", "phases", "schedule", "deadlines", "contacts"}
    campaign, _ = Campaign.objects.update_or_create(
        jurisdiction=jurisdiction, name=data["name"],
        defaults={
            "document_number": data.get("document_number") or "",
            "issuer": data.get("issuer") or "",
            "issued_on": _date(data.get("issued_on")),
            "annual_cutoff": _date(data.get("annual_cutoff")) or datetime.date(2022, 12, 31),
            "monthly_cutoff": _date(data.get("monthly_cutoff")) or datetime.date(2023, 6, 30),
            "task_cutoff": _date(data.get("task_cutoff")) or datetime.date(2023, 6, 30),
            "framework": framework,
            "document_format": document_format,
            "notes": {k: v for k, v in data.items() if k not in reserved},
        },
    )
    campaign.plans.set(Plan.objects.filter(jurisdiction=jurisdiction))
    campaign.phases.all().delete()
    for position, row in enumerate(data.get("phases") or data.get("schedule") or (), start=1):
        if "phases" in data:   # a staged schedule (Putuo's 附件1): stage, and the month or quarter
            stage, when = row.get("name", ""), row.get("month") or row.get("period") or ""
        else:                  # dated entries only (Rongshui): the date is the "when"
            stage, when = "工作安排", row.get("name", "")
        Phase.objects.create(
            campaign=campaign, position=position, stage=stage, name=when,
            starts_on=_date(row.get("starts_on")), ends_on=_date(row.get("ends_on") or row.get("due_on")),
            work=row.get("work", ""), responsible=row.get("responsible", ""),
        )
    campaign.deadlines.all().delete()
    for row in data.get("deadlines", ()):
        Deadline.objects.create(
            campaign=campaign, name=row["name"], due_on=_date(row.get("due_on")),
            working_days_after=row.get("working_days_after"), after_event=row.get("after_event", ""),
        )
    for row in data.get("contacts", ()):
        Contact.objects.update_or_create(
            unit=units.get(row["unit"]), campaign=campaign, name=row["name"],
            defaults={"department": row.get("department", ""), "post": row.get("post", ""),
                      "phone": row.get("phone", "")},
        )
    return campaign


def seed_load(seed: dict) -> Jurisdiction:
    """One seed file into the database: jurisdiction, units, plans, indicators, tasks, campaign."""
    jurisdiction = _jurisdiction(seed["jurisdiction"])
    units = _Units(jurisdiction, seed.get("units", ()))
    outline = _plans(jurisdiction, seed, units)
    if outline is not None:
        _indicators(outline, seed.get("indicators", ()), units)
    # Tasks belong to the outline unless the seed names the plan (Ordos' emergency plan).
    task_plan = (Plan.objects.get(jurisdiction=jurisdiction, name=seed["tasks_plan"])
                 if seed.get("tasks_plan") else outline)
    if task_plan is not None:
        _tasks(task_plan, seed.get("tasks", ()), units)
    _campaign(jurisdiction, seed, units)
    return jurisdiction


def _drc_group() -> Group:
    """The DRC's admin rights: maintain every planning model, but not accounts."""
    group, _ = Group.objects.get_or_create(name=DRC_GROUP)
    group.permissions.set(Permission.objects.filter(content_type__app_label__in=DRC_APPS))
    return group


def _security_group() -> Group:
    """The security administrator's admin rights: accounts, roles and lockouts (SECURITY_ADMIN_MODELS)."""
    from django.db.models import Q

    from planeval.accounts.access import SECURITY_ADMIN_MODELS

    group, _ = Group.objects.get_or_create(name=SECURITY_GROUP)
    wanted = Q(pk__in=[])
    for label, verbs in SECURITY_ADMIN_MODELS.items():
        app_label, model = label.split(".")
        wanted |= Q(content_type__app_label=app_label, content_type__model=model,
                    codename__in=[f"{verb}_{model}" for verb in verbs])
    group.permissions.set(Permission.objects.filter(wanted))
    return group


def demo_accounts_ensure(jurisdiction: Jurisdiction, password: str) -> list[User]:
    units = {u.name: u for u in Unit.objects.filter(jurisdiction=jurisdiction)}
    group = _drc_group()
    security_group = _security_group()
    users = []
    for username, role, unit_name, note, staff in DEMO_ACCOUNTS:
        user, created = User.objects.get_or_create(username=username)
        user.is_staff = staff
        user.is_superuser = role == Role.SYSTEM_ADMIN
        if created or not user.has_usable_password():
            user.set_password(password)
        user.save()
        if role == Role.DRC:
            user.groups.add(group)
        if role == Role.SECURITY_ADMIN:
            user.groups.add(security_group)
        RoleAssignment.objects.get_or_create(
            user=user, role=role, jurisdiction=jurisdiction,
            unit=units[unit_name] if unit_name else None, defaults={"note": note},
        )
        users.append(user)
    return users


def sample_values_load(jurisdiction: Jurisdiction) -> int:
    """Plausible values (示例数据) for the outline's indicators; returns how many were written."""
    written = 0
    indicators = Indicator.objects.filter(plan__jurisdiction=jurisdiction, plan__kind=Plan.Kind.OUTLINE)
    for indicator in indicators:
        # The sample world follows the published target (version 1), so a reload after an
        # adjustment (规划调整) writes the same values again.
        published = indicator.target_versions.filter(number=1).first()
        data = published.target if published is not None and published.target else indicator.target
        target = Target.from_dict(data) if data else None
        if target is None:
            continue
        series = sample_series(f"{jurisdiction.name}/{indicator.name}", target,
                               measure_unit=indicator.measure_unit)
        if series.baseline is not None and indicator.baseline != series.baseline:
            indicator.baseline, indicator.baseline_is_sample = series.baseline, True
            indicator.save(update_fields=["baseline", "baseline_is_sample"])
        rows = [(period, Observation.Kind.ESTIMATE if period in series.estimates else Observation.Kind.ACTUAL, value)
                for period, value in series.actuals.items()]
        rows += [(Period(year), Observation.Kind.FORECAST, value) for year, value in series.forecasts.items()]
        rows += [(period, Observation.Kind.REFERENCE, value) for period, value in series.reference.items()]
        for period, kind, value in rows:
            observation_record(indicator=indicator, period=period, kind=kind, value=Decimal(value),
                               source=SAMPLE_SOURCE, is_sample=True)
            written += 1
    return written


def sample_projects_load(jurisdiction: Jurisdiction) -> int:
    """The major projects Putuo's tasks name, with sample figures, led by the task's lead unit."""
    outline = Plan.objects.get(jurisdiction=jurisdiction, kind=Plan.Kind.OUTLINE)
    tasks = {t.number: t for t in Task.objects.filter(plan=outline).leaves()}
    for sample in sample_projects():
        task = tasks[sample.task_number]
        Project.objects.update_or_create(
            plan=outline, name=sample.name,
            defaults={"task": task, "lead_unit": task.lead_unit, "total_investment": sample.total_investment,
                      "completed_investment": sample.completed_investment, "starts_on": sample.starts_on,
                      "finishes_on": sample.finishes_on, "status": sample.status, "is_sample": True},
        )
    return len(sample_projects())


@transaction.atomic
def demo_load(*, password: str) -> DemoSummary:
    """Load all seeds, the demo accounts (in 普陀区) and sample values; safe to run again."""
    jurisdictions = [seed_load(json.loads((SEED_DIR / name).read_text("utf-8")))
                     for name in SEED_FILES if (SEED_DIR / name).exists()]
    putuo = jurisdictions[0]
    demo_accounts_ensure(putuo, password)
    sample_values_load(putuo)
    sample_projects_load(putuo)
    for campaign in Campaign.objects.exclude(status=Campaign.Status.CLOSED):
        campaign_assess(campaign=campaign)
    from planeval.demo.sample_submissions import sample_submissions_load

    sample_submissions_load(Campaign.objects.get(jurisdiction=putuo))
    from planeval.adjustments.demo import sample_adjustments_load

    sample_adjustments_load(Campaign.objects.get(jurisdiction=putuo))   # 规划调整 (示例数据)
    from planeval.regions.demo import ordos_breakdown_sample_load

    ordos_breakdown_sample_load()   # Ordos' accidents by 事故类型/发生时间/行业领域/地区分布 (示例数据)
    from planeval.reviews.demo import reviews_sample_load

    reviews_sample_load(Campaign.objects.get(jurisdiction=putuo))   # 第三方评估 and 典型案例 (示例数据)
    from planeval.surveys.demo import voice_sample_load

    voice_sample_load(Campaign.objects.get(jurisdiction=putuo))   # 问卷调查 and 人民建议 (示例数据)
    from planeval.specialplans.demo import sample_special_plans_load

    sample_special_plans_load(Campaign.objects.get(jurisdiction=putuo))   # 专项规划评估 (示例数据)
    from planeval.problems.demo import sample_problems_load
    from planeval.topics.demo import sample_topics_load

    sample_topics_load(Campaign.objects.get(jurisdiction=putuo))   # 专题评估 (示例数据)
    sample_problems_load(Campaign.objects.get(jurisdiction=putuo))   # 问题清单, 需上级支持事项 (示例数据)
    from planeval.consultations.demo import sample_consultations_load

    sample_consultations_load(Campaign.objects.get(jurisdiction=putuo))   # 征求意见 on the report (示例数据)
    from planeval.congress.demo import sample_congress_load

    sample_congress_load(Campaign.objects.get(jurisdiction=putuo))   # 提请审议 package, first steps (示例数据)
    return demo_summary()


def demo_summary() -> DemoSummary:
    return DemoSummary(
        jurisdictions=Jurisdiction.objects.count(),
        units=Unit.objects.count(),
        plans=Plan.objects.count(),
        indicators=Indicator.objects.count(),
        tasks=Task.objects.count(),
        observations=Observation.objects.count(),
        projects=Project.objects.count(),
    )
