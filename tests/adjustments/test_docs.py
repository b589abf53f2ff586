"""The adjustment states and route steps are documented where users and developers look."""
from pathlib import Path

import pytest

from planeval.domain.adjustment_route import Action, State

DOCS = Path(__file__).resolve().parents[2] / "docs"


@pytest.mark.parametrize("state", list(State))
def test_every_adjustment_state_is_in_the_user_guide(state):
    text = (DOCS / "user-guide.md").read_text("utf-8")
    assert f"`{state.value}`" in text and state.label in text


@pytest.mark.parametrize("action", list(Action))
def test_every_route_step_is_in_the_user_guide(action):
    assert action.label in (DOCS / "user-guide.md").read_text("utf-8")


def test_methodology_explains_target_versions():
    text = (DOCS / "methodology.md").read_text("utf-8")
    assert "## Adjusted targets" in text and "按调整后目标（第2版，2023-11-08生效）研判" in text
