"""Running the assessment engine over a campaign and storing its suggestions.

Called explicitly (the DRC's "重新研判" action, ``planeval assess-campaign``, after a
value is saved) — never from a signal. The rows it writes are derived data: each run
replaces the campaign's previous suggestions in one transaction.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from decimal import Decimal

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from planeval.audit.actions import Action as AuditAction
from planeval.audit.services import audit_record
from planeval.campaigns.models import Campaign
from planeval.domain.assessment import (
    EvaluationPoint, IndicatorInput, assess_indicator, assess_project,
)
from planeval.domain.periods import Granularity, Period
from planeval.domain.project_progress import ProjectInput
from planeval.domain.ratings import DEFAULT_THRESHOLDS, Thresholds
from planeval.domain.targets import Target
from planeval.monitoring.models import Observation
from planeval.planning.models import Indicator, Plan, Project
from planeval.planning.services import current_target_versions

from .models import IndicatorAssessment, ProjectAssessment


def campaign_evaluation_point(campaign: Campaign) -> EvaluationPoint:
    """The campaign's cut-offs as the engine's evaluation point.

    The annual cut-off's year is the annual period (2022-12-31 → 2022); the monthly cut-off
    ends the cumulative period (2023-06-30 → 2023H1, any other month → that month).
    """
    outline = campaign.plans.filter(kind=Plan.Kind.OUTLINE).first()
    start, end = (outline.start_year, outline.end_year) if outline else (2021, 2025)
    monthly = campaign.monthly_cutoff
    if monthly.month in (6, 12):
        cumulative = Period(monthly.year, Granularity.HALF, monthly.month // 6)
    else:
        cumulative = Period(monthly.year, Granularity.MONTH, monthly.month)
    return EvaluationPoint(start_year=start, end_year=end, annual_period=Period(campaign.annual_cutoff.year),
                           cumulative_period=cumulative)


def campaign_thresholds(campaign: Campaign) -> Thresholds:
    return Thresholds.from_dict(campaign.thresholds) if campaign.thresholds else DEFAULT_THRESHOLDS


def _series_by_indicator(indicator_ids: list[int]) -> dict[int, dict[str, dict]]:
    """All observations of the indicators, grouped: actual (official over estimate), estimates, forecasts, reference."""
    grouped: dict[int, dict[str, dict]] = defaultdict(
        lambda: {"actual": {}, "estimate": {}, "forecast": {}, "reference": {}}
    )
    rows = Observation.objects.filter(indicator_id__in=indicator_ids).values_list(
        "indicator_id", "year", "granularity", "period_index", "kind", "value"
    )
    for indicator_id, year, granularity, index, kind, value in rows:
        period = Period(year, Granularity(granularity), index)
        grouped[indicator_id][kind][period] = value
    return grouped


def _input(indicator: Indicator, series: dict[str, dict], parts: tuple[IndicatorInput, ...]) -> IndicatorInput:
    official, estimated = series["actual"], series["estimate"]
    # The official figure wins; a period known only by its estimate counts, flagged as such.
    values = {**estimated, **official}
    return IndicatorInput(
        name=indicator.name,
        target=Target.from_dict(indicator.target) if indicator.target else Target.from_dict(
            {"kind": "qualitative", "raw": indicator.target_text}),
        unit=indicator.measure_unit,
        baseline=indicator.baseline,
        baseline_year=indicator.baseline_year,
        binding=indicator.is_binding,
        values=values,
        estimates=frozenset(p for p in estimated if p not in official),
        forecasts={p.year: v for p, v in series["forecast"].items() if p.granularity is Granularity.YEAR},
        reference=series["reference"],
        parts=parts,
    )


def indicator_inputs(indicators: list[Indicator]) -> list[tuple[Indicator, IndicatorInput, list[Indicator]]]:
    """Engine inputs for top-level indicators, each with its parts, from two queries."""
    series = _series_by_indicator([i.id for i in indicators])
    children: dict[int, list[Indicator]] = defaultdict(list)
    for indicator in indicators:
        if indicator.parent_id:
            children[indicator.parent_id].append(indicator)
    result = []
    for indicator in indicators:
        if indicator.parent_id:
            continue
        kids = children.get(indicator.id, [])
        parts = tuple(_input(kid, series[kid.id], ()) for kid in kids)
        result.append((indicator, _input(indicator, series[indicator.id], parts), kids))
    return result


@transaction.atomic
def campaign_assess(*, campaign: Campaign) -> int:
    """Assess every indicator and project of the campaign's plans; returns the number of items stored."""
    point = campaign_evaluation_point(campaign)
    thresholds = campaign_thresholds(campaign)
    now = timezone.now()
    plans = campaign.plans.all()
    # An indicator cancelled by an adjustment is no longer judged.
    indicators = list(Indicator.objects.filter(plan__in=plans, is_cancelled=False)
                      .order_by("plan_id", "position", "id"))
    versions = current_target_versions(i.id for i in indicators)
    rows: list[IndicatorAssessment] = []
    for indicator, item, kids in indicator_inputs(indicators):
        result = assess_indicator(item, point=point, thresholds=thresholds)
        rows.append(_indicator_row(campaign, indicator, result, now, versions))
        rows.extend(_indicator_row(campaign, kid, part, now, versions) for kid, part in zip(kids, result.parts))
    IndicatorAssessment.objects.filter(campaign=campaign).delete()
    IndicatorAssessment.objects.bulk_create(rows)

    as_of = campaign.task_cutoff
    project_rows = []
    for project in Project.objects.filter(plan__in=plans):
        result = assess_project(
            ProjectInput(name=project.name, status=project.status, total_investment=project.total_investment,
                         completed_investment=project.completed_investment, planned_start=project.starts_on,
                         planned_finish=project.finishes_on),
            as_of=as_of, thresholds=thresholds,
        )
        project_rows.append(ProjectAssessment(
            campaign=campaign, project=project, computed_at=now, schedule_elapsed=result.schedule_elapsed,
            investment_progress=result.investment_progress, gap_points=result.gap_points,
            suggestion=result.suggestion.value if result.suggestion else "",
            warning=result.warning.value if result.warning else "", reasons=list(result.reasons),
            checks=[c.to_dict() for c in result.checks],
        ))
    ProjectAssessment.objects.filter(campaign=campaign).delete()
    ProjectAssessment.objects.bulk_create(project_rows)
    # Recorded like any judgement change, and so the dashboards' cached figures are recounted
    # (planeval/core/figure_cache.py) however the reassessment was started.
    audit_record(action=AuditAction.VALUE_CHANGE, target=campaign,
                 detail={"step": "重新研判", "indicators": len(rows), "projects": len(project_rows)})
    return len(rows) + len(project_rows)


# The figure columns are DecimalField(20, 6): below 10^14. The engine's own figures (a sum over
# the years, an extrapolation to the plan's end) can pass that when each value is within the limit
# the forms and the API accept; such a figure is left out rather than failing the user's save
# (found by benchmarks/load_test.py: a server error, and nothing saved).
FIGURE_LIMIT = Decimal(10) ** 14


def _decimal(value) -> Decimal | None:
    if value is None:
        return None
    value = Decimal(value)
    return value if value.is_finite() and abs(value) < FIGURE_LIMIT else None


def _indicator_row(campaign, indicator, result, now, versions) -> IndicatorAssessment:
    version = versions.get(indicator.id)
    return IndicatorAssessment(
        campaign=campaign, indicator=indicator, computed_at=now, target_kind=result.kind,
        target_version=version.number if version else 1, target_text=indicator.target_text,
        target_valid_from=version.valid_from if version else None,
        current=_decimal(result.current), progress=result.progress, expected=result.expected,
        forecast=_decimal(result.forecast), forecast_source=result.forecast_source or "",
        anticipated=result.anticipated,
        suggestion=result.suggestion.value if result.suggestion else "",
        warning=result.warning.value if result.warning else "",
        reasons=list(result.reasons), checks=[c.to_dict() for c in result.checks],
    )


@transaction.atomic
def indicator_reassess(*, campaign: Campaign, indicator: Indicator) -> IndicatorAssessment:
    """Re-run the engine for one top-level indicator (and its parts) after its values changed."""
    family = list(Indicator.objects.filter(Q(id=indicator.id) | Q(parent_id=indicator.id))
                  .order_by("position", "id"))
    point, thresholds, now = campaign_evaluation_point(campaign), campaign_thresholds(campaign), timezone.now()
    versions = current_target_versions(i.id for i in family)
    (top, item, kids), = indicator_inputs(family)
    result = assess_indicator(item, point=point, thresholds=thresholds)
    rows = [_indicator_row(campaign, top, result, now, versions)]
    rows += [_indicator_row(campaign, kid, part, now, versions) for kid, part in zip(kids, result.parts)]
    IndicatorAssessment.objects.filter(campaign=campaign, indicator__in=family).delete()
    IndicatorAssessment.objects.bulk_create(rows)
    return rows[0]



def indicator_preview(*, campaign: Campaign, indicator: Indicator, cells):
    """The engine's judgement of ``indicator`` with the unsaved values of a form (nothing is written).

    ``cells`` are the form's value cells (period, kind, value); an emptied cell removes
    the stored value from the preview, as saving would.
    """
    family = [indicator, *Indicator.objects.filter(parent_id=indicator.id).order_by("position", "id")]
    (top, item, kids), = indicator_inputs(family)
    values = dict(item.values)
    estimates = set(item.estimates)
    forecasts = dict(item.forecasts)
    for cell in cells:
        if cell.kind == "forecast":
            forecasts.pop(cell.period.year, None)
            if cell.value is not None:
                forecasts[cell.period.year] = cell.value
            continue
        values.pop(cell.period, None)
        estimates.discard(cell.period)
        if cell.value is not None:
            values[cell.period] = cell.value
            if cell.kind == "estimate":
                estimates.add(cell.period)
    item = replace(item, values=values, estimates=frozenset(estimates), forecasts=forecasts)
    return assess_indicator(item, point=campaign_evaluation_point(campaign), thresholds=campaign_thresholds(campaign))
