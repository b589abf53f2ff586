"""Finding a unit by the name a spreadsheet uses: its short name, full name or a DRC-kept alias.

Names are compared after NFKC (full-width ＡＢ（） = half-width AB()) with every space
removed, so 区城运中心 （区网格中心） finds 区城运中心（区网格中心）.
"""
from __future__ import annotations

from planeval.domain.cells import key_of
from planeval.organizations.models import Jurisdiction, Unit, UnitAlias


class UnitMatcher:
    """The units of one jurisdiction under every name they go by (two queries, then lookups)."""

    def __init__(self, jurisdiction: Jurisdiction):
        self._by_key: dict[str, set[int]] = {}
        self.units: dict[int, Unit] = {}
        for unit in Unit.objects.filter(jurisdiction=jurisdiction):
            self.units[unit.id] = unit
            for name in (unit.name, unit.full_name):
                self._add(name, unit.id)
        for alias, unit_id in UnitAlias.objects.filter(jurisdiction=jurisdiction).values_list("alias", "unit_id"):
            self._add(alias, unit_id)

    def _add(self, name: str, unit_id: int) -> None:
        if name:
            self._by_key.setdefault(key_of(name), set()).add(unit_id)

    def find(self, name: str) -> Unit | None:
        """The one unit called ``name``; None when no unit or more than one goes by it."""
        ids = self._by_key.get(key_of(name), set())
        return self.units[next(iter(ids))] if len(ids) == 1 else None

    def is_ambiguous(self, name: str) -> bool:
        return len(self._by_key.get(key_of(name), ())) > 1
