"""docs/api.md keeps up with the API: every endpoint of the schema is described there."""
from pathlib import Path

import pytest
from drf_spectacular.generators import SchemaGenerator

ROOT = Path(__file__).resolve().parents[2]


def schema_paths() -> list[str]:
    return sorted(SchemaGenerator().get_schema(request=None, public=True)["paths"])


@pytest.mark.parametrize("path", schema_paths())
def test_every_endpoint_is_in_the_api_doc(path):
    assert f"{path}`" in (ROOT / "docs" / "api.md").read_text("utf-8")
