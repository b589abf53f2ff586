"""The special-plan evaluation states and route steps are documented where users look."""
from pathlib import Path

import pytest

from planeval.domain.special_plan_route import Action, State

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "user-guide.md"


@pytest.mark.parametrize("state", list(State))
def test_every_special_plan_state_is_in_the_user_guide(state):
    section = GUIDE.read_text("utf-8").split("## Special-plan evaluations (专项规划评估)")[1]
    assert f"`{state.value}`" in section and state.label in section


@pytest.mark.parametrize("action", list(Action))
def test_every_route_step_is_in_the_user_guide(action):
    section = GUIDE.read_text("utf-8").split("## Special-plan evaluations (专项规划评估)")[1]
    assert f"**{action.label}**" in section
