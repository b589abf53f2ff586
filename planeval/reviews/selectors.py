"""Reads of third-party evaluation and typical cases, a fixed number of queries whatever the size.

The items of a campaign are the dashboards' (planeval/dashboards/selectors.py): the outline's
indicators (totals), its leaf tasks and the campaign's projects. An item's self-assessment is
the unit's rating, else the engine's suggestion — ``decided_rating``, the compiled report's rule.
"""
from __future__ import annotations

from dataclasses import dataclass

from planeval.assessment.models import ProjectAssessment
from planeval.campaigns.models import Campaign
from planeval.dashboards import selectors as dashboards
from planeval.domain.review_compare import Agreement, compare
from planeval.submissions.models import ProjectReport

from .models import Case, Conclusion, EvaluatorGrant, ItemType


@dataclass(frozen=True)
class Item:
    item_type: str
    item_id: int
    number: str
    name: str
    lead_unit_id: int | None
    lead_unit: str
    self_rating: str          # decided: the unit's rating, else the engine's suggestion, else ""
    is_suggestion: bool       # True when ``self_rating`` is the engine's, not the unit's
    is_sample: bool = False

    @property
    def key(self) -> tuple[str, int]:
        return (self.item_type, self.item_id)

    @property
    def type_label(self) -> str:
        return ItemType(self.item_type).label

    @property
    def label(self) -> str:
        return f"{self.number}. {self.name}" if self.number else self.name


def campaign_items(campaign: Campaign) -> list[Item]:
    """Every item a third party may judge, indicators first, in plan order (three queries)."""
    items: list[Item] = []
    indicators = dashboards.indicators(campaign).annotate(
        unit_rating=dashboards.decided_rating(campaign, assessment_model=None)).select_related("lead_unit")
    for i in indicators.order_by("plan_id", "position", "id"):
        items.append(Item(ItemType.INDICATOR, i.id, i.number, i.name, i.lead_unit_id,
                          i.lead_unit.name if i.lead_unit else "", i.decided, not i.unit_rating and bool(i.decided)))
    for t in dashboards.tasks(campaign).select_related("lead_unit").order_by("plan_id", "position", "id"):
        items.append(Item(ItemType.TASK, t.id, t.number, t.title, t.lead_unit_id,
                          t.lead_unit.name if t.lead_unit else "", t.decided, False))
    projects = (dashboards.projects(campaign)
                .annotate(decided=dashboards.decided_rating(campaign, report_model=ProjectReport, item_field="project",
                                                            assessment_model=ProjectAssessment),
                          unit_rating=dashboards.decided_rating(campaign, report_model=ProjectReport,
                                                                item_field="project", assessment_model=None))
                .select_related("lead_unit").order_by("plan_id", "id"))
    for p in projects:
        items.append(Item(ItemType.PROJECT, p.id, "", p.name, p.lead_unit_id, p.lead_unit.name if p.lead_unit else "",
                          p.decided, not p.unit_rating and bool(p.decided), p.is_sample))
    return items


def campaign_item(campaign: Campaign, item_type: str, item_id: int) -> Item | None:
    """One item of the campaign, or None when it is not one of its items."""
    return next((i for i in campaign_items(campaign) if i.key == (item_type, item_id)), None)


def active_grants(campaign: Campaign) -> list[EvaluatorGrant]:
    return list(EvaluatorGrant.objects.filter(campaign=campaign, revoked_at__isnull=True)
                .select_related("user").order_by("id"))


def grant_conclusions(grant: EvaluatorGrant) -> dict[tuple[str, int], Conclusion]:
    return {(c.item_type, c.item_id): c for c in Conclusion.objects.filter(grant=grant).select_related("updated_by")}


@dataclass(frozen=True)
class ComparisonRow:
    item: Item
    grant: EvaluatorGrant | None
    conclusion: Conclusion | None

    @property
    def outside_rating(self) -> str:
        return self.conclusion.rating if self.conclusion else ""

    @property
    def agreement(self) -> Agreement:
        return compare(self.item.self_rating, self.outside_rating)

    @property
    def is_sample(self) -> bool:
        return bool(self.conclusion and self.conclusion.is_sample) or self.item.is_sample


AGREEMENT_FILTERS = {
    "": "全部",
    "different": "不一致（含相差两级及以上）",
    "strong": "相差两级及以上",
    "same": "一致",
    "none": "尚无第三方结论",
}


def comparison_rows(campaign: Campaign, *, grant_id: int | None = None, item_type: str = "",
                    agreement: str = "", unit_id: int | None = None) -> list[ComparisonRow]:
    """Self-assessment beside each third-party conclusion: one row per item and evaluator.

    An item no evaluator has judged yet gives one row without a conclusion (filter ``none``).
    """
    grants = {g.id: g for g in active_grants(campaign)}
    conclusions = (Conclusion.objects.filter(grant_id__in=grants).exclude(rating="", comment="")
                   .order_by("grant_id", "id"))
    if grant_id is not None:
        conclusions = conclusions.filter(grant_id=grant_id)
    by_item: dict[tuple[str, int], list[Conclusion]] = {}
    for c in conclusions:
        by_item.setdefault((c.item_type, c.item_id), []).append(c)
    rows = []
    for item in campaign_items(campaign):
        if item_type and item.item_type != item_type:
            continue
        if unit_id is not None and item.lead_unit_id != unit_id:
            continue
        found = by_item.get(item.key, [])
        if not found:
            rows.append(ComparisonRow(item, None, None))
        rows += [ComparisonRow(item, grants[c.grant_id], c) for c in found]
    return [r for r in rows if _matches(r, agreement)]


def _matches(row: ComparisonRow, wanted: str) -> bool:
    if not wanted:
        return True
    if wanted == "none":
        return row.conclusion is None
    if wanted == "different":
        return row.agreement in (Agreement.DIFFERENT, Agreement.STRONG)
    return row.agreement.value == wanted


def disagreements(campaign: Campaign) -> list[ComparisonRow]:
    """Rows where an outside evaluator's letter differs from the self-assessment (the report cites them)."""
    return comparison_rows(campaign, agreement="different")


def comparison_counts(rows: list[ComparisonRow]) -> dict[str, int]:
    judged = [r for r in rows if r.conclusion is not None and r.outside_rating]
    return {
        "judged": len(judged),
        "same": sum(r.agreement is Agreement.SAME for r in judged),
        "different": sum(r.agreement is Agreement.DIFFERENT for r in judged),
        "strong": sum(r.agreement is Agreement.STRONG for r in judged),
    }


def cases_for(campaign: Campaign, unit=None):
    cases = Case.objects.filter(campaign=campaign).select_related("unit", "selected_by")
    if unit is not None:
        cases = cases.filter(unit=unit)
    return cases.order_by("-selected", "position", "id")


def selected_cases(campaign: Campaign) -> list[Case]:
    """The cases the DRC chose for the report's appendix, in the DRC's order."""
    return list(Case.objects.filter(campaign=campaign, selected=True).select_related("unit")
                .order_by("position", "id"))


def unit_cases(campaign: Campaign, unit) -> list[Case]:
    """A unit's own cases for its 自评报告's 典型案例 appendix, oldest first."""
    return list(Case.objects.filter(campaign=campaign, unit=unit).select_related("unit").order_by("id"))


def case_area_choices(campaign: Campaign) -> list[str]:
    """The outline's areas (the top level of its task tree), offered when a unit names a case's area."""
    from planeval.planning.models import Plan, Task

    return list(Task.objects.filter(plan__in=campaign.plans.filter(kind=Plan.Kind.OUTLINE), parent__isnull=True)
                .order_by("plan_id", "position", "id").values_list("title", flat=True))


def revisions_of(object_type: str, object_id: int):
    from .models import ReviewRevision

    return (ReviewRevision.objects.filter(object_type=object_type, object_id=object_id)
            .select_related("changed_by").order_by("-changed_at", "-id")[:50])

