"""No self-approval: whoever submitted a report may not accept or sign it."""
import pytest

from planeval.domain.workflow import SELF_APPROVAL, Action, WorkflowError, assert_not_self_approval


@pytest.mark.parametrize("action, actor, submitter, refused", [
    (Action.ACCEPT, 7, 7, True),
    (Action.SIGN, 7, 7, True),
    (Action.ACCEPT, 8, 7, False),
    (Action.SIGN, 8, 7, False),
    (Action.RETURN, 7, 7, False),     # sending one's own report back for changes approves nothing
    (Action.REOPEN, 7, 7, False),
    (Action.ACCEPT, 7, None, False),  # never submitted (no record): nothing to compare
])
def test_separation_of_duties(action, actor, submitter, refused):
    if refused:
        with pytest.raises(WorkflowError) as error:
            assert_not_self_approval(action, actor, submitter)
        assert error.value.message == SELF_APPROVAL.format(action=action.label)
    else:
        assert_not_self_approval(action, actor, submitter)
