"""docs/import.md keeps up with the layouts: every kind, every column and its other names."""
from pathlib import Path

import pytest

from planeval.exchange.layouts import LAYOUTS
from planeval.exchange.services import KIND_LABELS, KINDS

DOC = (Path(__file__).resolve().parents[2] / "docs" / "import.md").read_text("utf-8")


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_and_column_is_documented(kind):
    assert f"`{kind}`" in DOC and KIND_LABELS[kind] in DOC
    section = DOC[DOC.index(f"(`{kind}`"):]
    for column in LAYOUTS[kind].COLUMNS:
        assert f"| {column.header} | {'、'.join(column.aliases) or '—'} |" in section, column.header


def test_the_command_is_documented():
    assert "planeval import KIND FILE --jurisdiction NAME [--plan NAME] [--create] [--dry-run]" in DOC
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text("utf-8")
    assert "planeval import " in readme
