"""The docs keep up with the code: every setting, role, plan kind and target kind is documented."""
import re
from pathlib import Path

import pytest

from planeval.accounts.models import Role
from planeval.domain.targets import TargetKind
from planeval.domain.workflow import State
from planeval.monitoring.models import Observation
from planeval.planning.models import Plan

ROOT = Path(__file__).resolve().parents[1]


def doc(name: str) -> str:
    return (ROOT / "docs" / name).read_text("utf-8")


def settings_variables() -> set[str]:
    source = (ROOT / "config" / "settings" / "base.py").read_text("utf-8")
    return set(re.findall(r'"((?:PLANEVAL_|DATABASE_)[A-Z_]+)"', source))


@pytest.mark.parametrize("variable", sorted(settings_variables()))
def test_every_setting_is_documented(variable):
    assert f"`{variable}`" in doc("configuration.md")


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
def test_every_role_is_documented(role):
    assert f"`{role.value}`" in doc("architecture.md") and role.label in doc("architecture.md")


@pytest.mark.parametrize("kind", list(Plan.Kind), ids=lambda k: k.value)
def test_every_plan_kind_is_documented(kind):
    assert f"`{kind.value}`" in doc("architecture.md")


@pytest.mark.parametrize("kind", list(Observation.Kind), ids=lambda k: k.value)
def test_every_observation_kind_is_documented(kind):
    assert f"`{kind.value}`" in doc("architecture.md")


@pytest.mark.parametrize("kind", list(TargetKind), ids=lambda k: k.value)
def test_every_target_kind_has_an_example_in_the_grammar_doc(kind):
    assert f"`{kind.value}`" in doc("targets.md")


def test_readme_lists_the_demo_accounts_and_both_commands():
    readme = (ROOT / "README.md").read_text("utf-8")
    for word in ("make demo", "make test", "planeval-demo-2023", "`admin`", "`fgw`", "`leader`",
                 "`kewei`", "`observer`", "`security`", "`auditor`"):
        assert word in readme


@pytest.mark.parametrize("state", list(State), ids=lambda s: s.value)
def test_every_workflow_state_is_in_the_user_guide(state):
    assert f"`{state.value}`" in doc("user-guide.md") and state.label in doc("user-guide.md")


def test_every_report_kind_is_documented():
    from planeval.reports.services import KINDS

    for kind, label in KINDS.items():
        assert f"`{kind}`" in doc("reports.md"), kind


def test_every_benchmark_is_in_the_performance_doc():
    for script in sorted((ROOT / "benchmarks").glob("*.py")):
        assert f"benchmarks/{script.name}" in doc("performance.md"), script.name


def _security_doc_references() -> list[tuple[str, str | None]]:
    """(test file or folder, test name or None) for every test docs/security.md names; a bare
    ``::name`` refers to the file named last before it."""
    references, last = [], None
    for ref in re.findall(r"`([^`]*(?:tests/|::)[^`]*)`", doc("security.md")):
        path, _, name = ref.partition("::")
        path = path.split(" ")[0] or last
        last = path
        references.append((path, name or None))
    return references


def test_every_test_the_security_doc_names_exists():
    references = _security_doc_references()
    assert len(references) > 40
    for path, name in references:
        target = ROOT / path.rstrip("/")
        assert target.exists(), path
        if name:
            assert re.search(rf"^def {re.escape(name)}\(", target.read_text("utf-8"), re.M), f"{path}::{name}"
