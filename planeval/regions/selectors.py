"""Reads across levels. Each is a fixed number of grouped queries, whatever the number of children,
units or items: the database counts, Python only arranges the counted rows."""
from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Exists, F, Min, OuterRef, Q
from django.utils import timezone

from planeval.campaigns.models import Campaign, Deadline
from planeval.domain import workflow
from planeval.domain.breakdown import DIMENSION_LABELS, Dimension
from planeval.domain.periods import Granularity
from planeval.domain.targets import Direction
from planeval.monitoring.models import Observation
from planeval.organizations.models import Jurisdiction, Unit
from planeval.planning.models import Indicator, Project, Task
from planeval.submissions.models import IndicatorReport, Submission

from .models import Breakdown, BreakdownPart, PeerValue, TaskAssignment, UpwardReview

RATINGS = ("A", "B", "C", "D")
DONE_STATES = (workflow.State.SUBMITTED, workflow.State.ACCEPTED, workflow.State.SIGNED)


@dataclass
class ChildRow:
    jurisdiction: Jurisdiction
    campaign: Campaign | None = None
    ratings: dict[str, int] = field(default_factory=lambda: dict.fromkeys(RATINGS, 0))
    units: int = 0                 # units that lead an item of the campaign
    states: dict[str, int] = field(default_factory=dict)
    deadline: datetime.date | None = None
    late_units: int = 0            # units not yet submitted
    review: UpwardReview | None = None
    overdue: int = 0               # of those, units whose campaign's deadline has passed

    @property
    def overdue_units(self) -> int:
        return self.overdue

    @property
    def is_overdue(self) -> bool:
        return self.deadline is not None and self.overdue > 0

    @property
    def finished(self) -> int:
        return sum(self.states.get(s, 0) for s in (workflow.State.ACCEPTED, workflow.State.SIGNED))

    @property
    def submitted(self) -> int:
        return sum(self.states.get(s, 0) for s in DONE_STATES)

    @property
    def percent_submitted(self) -> int:
        return round(100 * self.submitted / self.units) if self.units else 0


def children(jurisdiction: Jurisdiction):
    return Jurisdiction.objects.filter(parent=jurisdiction).order_by("id")


def current_campaigns(jurisdiction_ids) -> dict[int, Campaign]:
    """Each jurisdiction's open campaign, the newest if several (one query)."""
    result: dict[int, Campaign] = {}
    for campaign in (Campaign.objects.filter(jurisdiction_id__in=list(jurisdiction_ids))
                     .exclude(status=Campaign.Status.CLOSED).only("id", "jurisdiction_id", "name", "status")
                     .order_by("jurisdiction_id", "id")):
        result[campaign.jurisdiction_id] = campaign
    return result


def _leading_units(campaign_ids):
    """Units that lead an indicator, a leaf task or a project of one of the campaigns' plans.

    IN-subqueries rather than correlated EXISTS: PostgreSQL hashes each once, which keeps the
    province page fast (5,000 units, 12,000 tasks).
    """
    plans = Campaign.plans.through.objects.filter(campaign_id__in=campaign_ids).values("plan_id")
    leaves = Task.objects.filter(plan_id__in=plans).leaves()
    return Unit.objects.filter(
        Q(id__in=Indicator.objects.filter(plan_id__in=plans).values("lead_unit_id"))
        | Q(id__in=leaves.values("lead_unit_id"))
        | Q(id__in=Project.objects.filter(plan_id__in=plans).values("lead_unit_id"))
    )


def _subtrees(jurisdiction: Jurisdiction, child_ids: list[int]) -> dict[int, int]:
    """Every jurisdiction below ``jurisdiction`` mapped to the child it lies under (one query)."""
    kids: dict[int | None, list[int]] = {}
    for jid, parent_id in Jurisdiction.objects.values_list("id", "parent_id"):
        kids.setdefault(parent_id, []).append(jid)
    owner: dict[int, int] = {}
    for child in child_ids:
        stack = [child]
        while stack:
            jid = stack.pop()
            owner[jid] = child
            stack.extend(kids.get(jid, ()))
    return owner


def children_overview(jurisdiction: Jurisdiction, *, today: datetime.date | None = None) -> list[ChildRow]:
    """Every child jurisdiction with the current campaigns of it and everything below it: ratings,
    submission progress, overdue units, and its own upward review (seven queries, whatever the size).

    A city seen from its province sums its districts' campaigns; the counting is grouped in SQL
    and Python only adds up one row per campaign.
    """
    today = today or timezone.localdate()
    rows = {j.id: ChildRow(j) for j in children(jurisdiction)}
    owner = _subtrees(jurisdiction, list(rows))
    campaigns = current_campaigns(owner)
    ids = [c.id for c in campaigns.values()]
    for jid, row in rows.items():
        row.campaign = campaigns.get(jid)
    row_of_campaign = {c.id: rows[owner[c.jurisdiction_id]] for c in campaigns.values()}
    for campaign_id, rating, n in (IndicatorReport.objects.filter(submission__campaign_id__in=ids)
                                   .exclude(rating="").values_list("submission__campaign_id", "rating")
                                   .annotate(n=Count("id")).order_by()):
        row_of_campaign[campaign_id].ratings[rating] += n
    for campaign_id, state, n in (Submission.objects.filter(campaign_id__in=ids)
                                  .values_list("campaign_id", "state").annotate(n=Count("id")).order_by()):
        states = row_of_campaign[campaign_id].states
        states[state] = states.get(state, 0) + n
    past_due = set()
    for campaign_id, due in (Deadline.objects.filter(campaign_id__in=ids, due_on__isnull=False)
                             .values_list("campaign_id").annotate(first=Min("due_on")).order_by()):
        row = row_of_campaign[campaign_id]
        row.deadline = min(row.deadline, due) if row.deadline else due
        if today > due:
            past_due.add(campaign_id)
    campaign_of = {jid: c.id for jid, c in campaigns.items()}
    leading = _leading_units(ids).filter(jurisdiction_id__in=list(campaign_of))
    done = Submission.objects.filter(unit=OuterRef("pk"), campaign_id__in=ids, state__in=list(DONE_STATES))
    for jid, n, late in (leading.values_list("jurisdiction_id")
                         .annotate(n=Count("id"), late=Count("id", filter=~Exists(done))).order_by()):
        row = rows[owner[jid]]
        row.units += n
        row.late_units += late
        if campaign_of[jid] in past_due:
            row.overdue += late
    own = {c.id: jid for jid, c in campaigns.items() if jid in rows}
    for review in UpwardReview.objects.filter(campaign_id__in=list(own)):
        rows[own[review.campaign_id]].review = review
    return list(rows.values())


@dataclass
class UpperTaskRow:
    task: Task
    cells: list[TaskAssignment | None]

    @property
    def average(self) -> int | None:
        shown = [c.percent for c in self.cells if c is not None]
        return round(sum(shown) / len(shown)) if shown else None


def upper_task_matrix(jurisdiction: Jurisdiction) -> tuple[list[Jurisdiction], list[UpperTaskRow]]:
    """The jurisdiction's upper-level tasks × its children: each child's assignment, or None (3 queries)."""
    kids = list(children(jurisdiction))
    tasks = list(Task.objects.filter(plan__jurisdiction=jurisdiction, is_upper_level=True)
                 .select_related("plan").order_by("plan_id", "position", "id"))
    assignments = {(a.task_id, a.jurisdiction_id): a for a in
                   TaskAssignment.objects.filter(task__in=tasks).select_related("updated_by")}
    rows = [UpperTaskRow(t, [assignments.get((t.id, k.id)) for k in kids]) for t in tasks]
    return kids, rows


def assignments_for(jurisdiction: Jurisdiction):
    """Tasks handed down to ``jurisdiction`` by the levels above it."""
    return (TaskAssignment.objects.filter(jurisdiction=jurisdiction)
            .select_related("task__plan__jurisdiction", "updated_by").order_by("task__plan_id", "task__position"))


def review_queue(jurisdiction: Jurisdiction):
    """Reviews sent up to ``jurisdiction``, those waiting first."""
    return (UpwardReview.objects.filter(reviewer=jurisdiction)
            .select_related("campaign__jurisdiction")
            .order_by(F("decided_at").desc(nulls_first=True), "-sent_at"))


# --- peers -------------------------------------------------------------------------------------------

@dataclass
class PeerSeries:
    name: str
    values: dict[int, Decimal]
    is_self: bool = False
    is_sample: bool = False


def peer_series(indicator: Indicator) -> tuple[list[int], list[PeerSeries]]:
    """Our own annual figures (official, else estimate) and each peer's, by year (2 queries)."""
    own: dict[int, Decimal] = {}
    own_sample = False
    for year, kind, value, sample in (Observation.objects.filter(
            indicator=indicator, granularity=Granularity.YEAR,
            kind__in=[Observation.Kind.ACTUAL, Observation.Kind.ESTIMATE])
            .order_by("year", "kind").values_list("year", "kind", "value", "is_sample")):
        if kind == Observation.Kind.ACTUAL or year not in own:
            own[year] = value
        own_sample = own_sample or sample
    series = [PeerSeries(indicator.plan.jurisdiction.name, own, is_self=True, is_sample=own_sample)]
    peers: dict[int, PeerSeries] = {}
    for value in PeerValue.objects.filter(indicator=indicator).select_related("peer").order_by("peer__name", "year"):
        entry = peers.setdefault(value.peer_id, PeerSeries(value.peer.name, {}))
        entry.values[value.year] = value.value
        entry.is_sample = entry.is_sample or value.is_sample
    series += list(peers.values())
    years = sorted({year for s in series for year in s.values})
    return years, series


def peer_ranking(indicator: Indicator, years: list[int], series: list[PeerSeries]) -> tuple[int | None, list]:
    """The latest year any peer reported, and (series, value) ranked best first for that year."""
    peer_years = [y for s in series if not s.is_self for y in s.values]
    if not peer_years:
        return None, []
    year = max(peer_years)
    ranked = [(s, s.values[year]) for s in series if year in s.values]
    lower_is_better = indicator.direction == Direction.LOWER
    ranked.sort(key=lambda pair: pair[1], reverse=not lower_is_better)
    return year, ranked


# --- breakdowns --------------------------------------------------------------------------------------

@dataclass
class BreakdownView:
    breakdown: Breakdown
    parts: list[BreakdownPart]

    @property
    def dimension_label(self) -> str:
        return DIMENSION_LABELS[Dimension(self.breakdown.dimension)]


def breakdowns(indicator: Indicator) -> list[BreakdownView]:
    """Every breakdown of the indicator with its parts (2 queries)."""
    order = {d.value: n for n, d in enumerate(Dimension)}   # Ordos' order: 事故类型, 发生时间, 行业领域, 地区分布
    rows = sorted(Breakdown.objects.filter(indicator=indicator).select_related("recorded_by"),
                  key=lambda b: (order[b.dimension], -b.year))
    parts = defaultdict(list)
    for part in BreakdownPart.objects.filter(breakdown__in=rows).order_by("position", "id"):
        parts[part.breakdown_id].append(part)
    return [BreakdownView(b, parts[b.id]) for b in rows]


def region_indicators(jurisdiction: Jurisdiction):
    """Indicators of the jurisdiction with a count of breakdowns and peer values, for the index page."""
    return (Indicator.objects.filter(plan__jurisdiction=jurisdiction, parent__isnull=True)
            .annotate(n_breakdowns=Count("breakdowns", distinct=True),
                      n_peer_values=Count("peer_values", distinct=True))
            .select_related("plan").order_by("plan_id", "position", "id"))


def breakdown_candidates(indicator: Indicator) -> list[int]:
    """Years for which the indicator has an annual figure a breakdown can add up to."""
    return sorted(set(Observation.objects.filter(
        indicator=indicator, granularity=Granularity.YEAR,
        kind__in=[Observation.Kind.ACTUAL, Observation.Kind.ESTIMATE]).values_list("year", flat=True)))


def has_children(jurisdiction: Jurisdiction) -> bool:
    return Jurisdiction.objects.filter(parent=jurisdiction).exists()


def latest_review(campaign) -> tuple[UpwardReview | None, list]:
    review = UpwardReview.objects.filter(campaign=campaign).first()
    steps = list(review.steps.select_related("actor")) if review else []
    return review, steps


