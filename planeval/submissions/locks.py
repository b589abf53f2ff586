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
