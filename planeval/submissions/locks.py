"""Whether an item may change now: the workflow state of the submission that covers it.

Every path that writes a unit's data (forms, admin, imports, API, value records) asks
here, so a submitted or signed report cannot be changed behind the reviewer's back.
"""
from planeval.core.errors import ApplicationError
from planeval.domain import workflow

from .models import Submission


def covering_submissions(indicator):
    """Open campaigns' submissions of the indicator's lead unit that include its plan."""
    return Submission.objects.filter(
        unit_id=indicator.lead_unit_id, campaign__plans=indicator.plan_id,
    ).exclude(campaign__status="closed")


def assert_submission_editable(submission: Submission) -> None:
    state = workflow.State(submission.state)
    if not workflow.is_editable(state):
        raise ApplicationError(workflow.LOCKED if state is workflow.State.SIGNED else workflow.UNDER_REVIEW)


def assert_indicator_values_writable(indicator) -> None:
    """Refuse a value change while the lead unit's report is under review or signed."""
    if indicator.lead_unit_id is None:
        return
    for submission in covering_submissions(indicator).only("state"):
        assert_submission_editable(submission)


def indicator_value_locks(indicators) -> dict[int, str]:
    """The bulk form of ``assert_indicator_values_writable`` for imports: in two queries, the
    refusal message of every indicator in ``indicators`` whose values may not change now."""
    pairs = {(i.lead_unit_id, i.plan_id) for i in indicators if i.lead_unit_id is not None}
    if not pairs:
        return {}
    from planeval.campaigns.models import Campaign

    plans_of: dict[int, set[int]] = {}
    for campaign_id, plan_id in (Campaign.plans.through.objects
                                 .filter(plan_id__in={p for _, p in pairs})
                                 .exclude(campaign__status="closed")
                                 .values_list("campaign_id", "plan_id")):
        plans_of.setdefault(campaign_id, set()).add(plan_id)
    locked: dict[tuple[int, int], str] = {}
    for unit_id, campaign_id, state in (Submission.objects
                                        .filter(unit_id__in={u for u, _ in pairs}, campaign_id__in=plans_of)
                                        .values_list("unit_id", "campaign_id", "state")):
        state = workflow.State(state)
        if workflow.is_editable(state):
            continue
        message = workflow.LOCKED if state is workflow.State.SIGNED else workflow.UNDER_REVIEW
        for plan_id in plans_of[campaign_id]:
            if locked.get((unit_id, plan_id)) != workflow.LOCKED:
                locked[(unit_id, plan_id)] = message
    return {i.id: locked[(i.lead_unit_id, i.plan_id)] for i in indicators
            if (i.lead_unit_id, i.plan_id) in locked}
