"""Fixtures for imports: a fresh jurisdiction that has only the seed's units, and a runner."""
import itertools

import pytest

from planeval.exchange.services import import_file
from planeval.organizations.models import Jurisdiction, Unit, UnitAlias

from .workbooks import seed

_names = itertools.count(1)


def fresh_jurisdiction(seed_name: str) -> Jurisdiction:
    """A new district holding the seed's units and aliases, and nothing else."""
    jurisdiction = Jurisdiction.objects.create(name=f"导入测试区{next(_names)}", level=Jurisdiction.Level.DISTRICT)
    for row in seed(seed_name)["units"]:
        unit = Unit.objects.create(jurisdiction=jurisdiction, name=row["name"], full_name=row.get("full_name") or "",
                                   kind=row.get("kind") or "department")
        for alias in row.get("aliases", ()):
            UnitAlias.objects.create(jurisdiction=jurisdiction, unit=unit, alias=alias)
    return jurisdiction


@pytest.fixture
def putuo_fresh(demo):
    return fresh_jurisdiction("putuo")


@pytest.fixture
def hongqiao_fresh(demo):
    return fresh_jurisdiction("hongqiao")


def run_import(kind, data, jurisdiction, *, plan=None, commit=True, filename=None, user=None, progress=None):
    return import_file(kind=kind, data=data, filename=filename or f"{kind}.xlsx", jurisdiction=jurisdiction,
                       plan=plan, user=user, commit=commit, progress=progress)
