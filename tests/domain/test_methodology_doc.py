"""docs/methodology.md is tested: every worked example is recomputed by the engine.

A block tagged ``example`` holds an indicator's inputs and what the doc says the engine
returns (``expect``); ``example-project`` the same for a project. Numbers in the doc are
compared to two decimals (the doc rounds), suggestions and sources exactly.
"""
import json
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from planeval.domain.assessment import (
    EvaluationPoint,
    IndicatorInput,
    ProjectInput,
    Rating,
    assess_indicator,
    assess_project,
)
from planeval.domain.data_checks import __doc__ as CHECKS_DOC
from planeval.domain.ratings import DEFAULT_THRESHOLDS
from planeval.domain.targets import Target, TargetKind

DOC = Path(__file__).resolve().parents[2] / "docs" / "methodology.md"
BLOCK = re.compile(r"```(example(?:-project)?)\n(.*?)```", re.S)


def blocks(tag: str) -> list[dict]:
    return [json.loads(body) for kind, body in BLOCK.findall(DOC.read_text("utf-8")) if kind == tag]


def build(example: dict) -> IndicatorInput:
    return IndicatorInput(
        name=example["name"], unit=example.get("unit", ""), target=Target.from_dict(example["target"]),
        baseline=None if example.get("baseline") is None else Decimal(example["baseline"]),
        binding=example.get("binding", False),
        values={k: Decimal(v) for k, v in example.get("values", {}).items()},
        estimates=frozenset(example.get("estimates", [])),
        forecasts={int(k): Decimal(v) for k, v in example.get("forecasts", {}).items()},
        reference={k: Decimal(v) for k, v in example.get("reference", {}).items()},
        parts=tuple(build(p) for p in example.get("parts", [])),
    )


def close(actual, stated) -> bool:
    if stated is None or actual is None:
        return stated is actual
    return abs(actual - stated) <= 0.005


EXAMPLES = blocks("example")
PROJECTS = blocks("example-project")


def test_the_doc_has_examples():
    assert len(EXAMPLES) >= 15 and len(PROJECTS) >= 2


@pytest.mark.parametrize("example", EXAMPLES, ids=[e["name"] for e in EXAMPLES])
def test_example_agrees_with_the_engine(example):
    point = EvaluationPoint.as_of_year(example.get("as_of", 2022))
    result = assess_indicator(build(example), point=point)
    expect = example["expect"]
    assert (None if result.suggestion is None else result.suggestion.value) == expect["suggestion"]
    for key in ("progress", "anticipated", "expected"):
        if key in expect:
            assert close(getattr(result, key), expect[key]), (key, getattr(result, key))
    if "forecast_source" in expect:
        assert result.forecast_source == expect["forecast_source"]
    if "checks" in expect:
        assert [c.code for c in result.checks] == expect["checks"]
    if "parts" in expect:
        assert [p.suggestion.value for p in result.parts] == expect["parts"]
    if "reason" in expect:
        assert any(expect["reason"] in reason for reason in result.reasons), result.reasons


@pytest.mark.parametrize("example", PROJECTS, ids=[e["name"] for e in PROJECTS])
def test_project_example_agrees_with_the_engine(example):
    result = assess_project(ProjectInput(
        name=example["name"], status=example["status"],
        total_investment=Decimal(example["total_investment"]),
        completed_investment=Decimal(example["completed_investment"]),
        planned_start=date.fromisoformat(example["planned_start"]),
        planned_finish=date.fromisoformat(example["planned_finish"]),
    ), as_of=date.fromisoformat(example["as_of"]))
    expect = example["expect"]
    assert result.suggestion.value == expect["suggestion"] and result.warning.value == expect["warning"]
    for key in ("schedule_elapsed", "investment_progress", "gap_points"):
        if key in expect:
            assert close(getattr(result, key), expect[key]), key
    if "checks" in expect:
        assert [c.code for c in result.checks] == expect["checks"]


@pytest.mark.parametrize("kind", list(TargetKind), ids=lambda k: k.value)
def test_every_target_kind_has_a_worked_example(kind):
    assert kind.value in {e["target"]["kind"] for e in EXAMPLES}
    assert f"`{kind.value}`" in DOC.read_text("utf-8")


@pytest.mark.parametrize("name", list(DEFAULT_THRESHOLDS.to_dict()))
def test_every_threshold_is_documented(name):
    assert f"`{name}`" in DOC.read_text("utf-8")


@pytest.mark.parametrize("code", re.findall(r"^    ([a-z_]+) +\S", CHECKS_DOC, re.M))
def test_every_data_check_is_documented(code):
    assert f"`{code}`" in DOC.read_text("utf-8")


@pytest.mark.parametrize("rating", list(Rating), ids=lambda r: r.value)
def test_every_conclusion_is_documented(rating):
    assert rating.label in DOC.read_text("utf-8")
