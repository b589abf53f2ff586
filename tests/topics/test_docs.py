"""The user guide names every state of the topic route and of both lists, with its Chinese label."""
from pathlib import Path

import pytest

from planeval.domain import problem_list, topic_flow

GUIDE = (Path(__file__).resolve().parents[2] / "docs" / "user-guide.md").read_text("utf-8")


@pytest.mark.parametrize("value, label", [
    *topic_flow.STATE_LABELS.items(), *problem_list.STATUS_LABELS.items(),
    *problem_list.SUPPORT_STATUS_LABELS.items(),
], ids=lambda v: str(v))
def test_every_state_is_in_the_user_guide(value, label):
    assert f"`{value}` {label}" in GUIDE
