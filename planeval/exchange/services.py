"""Importing planning tables from Excel/CSV: a dry run first, then an all-or-nothing commit.

``import_file`` runs one code path for both: every row is checked and written inside a
transaction, and the transaction is rolled back unless the user commits and no problem is
fatal. The preview therefore cannot drift from what the commit does. The file itself is
checked before anything parses it (planeval.exchange.reading).
"""
from __future__ import annotations

import gc
import hashlib
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from planeval.audit.actions import Action as AuditAction
from planeval.audit.actions import Outcome as AuditOutcome
from planeval.audit.services import audit_record
from planeval.core.errors import ApplicationError
from planeval.domain import cells
from planeval.organizations.models import Jurisdiction
from planeval.planning.models import Plan

from .layouts import LAYOUTS
from .layouts.base import ERR_NO_ROWS, Change, Context, Problem, Sheet
from .reading import read_table
from .units import UnitMatcher

__all__ = ["KINDS", "KIND_LABELS", "Change", "ImportResult", "Problem", "import_file", "import_target",
           "import_template"]

KINDS = ("indicators", "tasks", "plans", "projects", "values", "contacts")
KIND_LABELS = {"indicators": "主要指标", "tasks": "主要任务", "plans": "规划目录", "projects": "重大项目",
               "values": "指标数值", "contacts": "联系人"}
# Layouts that write into one campaign's object (``scope``) and have their own upload page.
SCOPED_KINDS = {"evaluations": "第三方评估结论"}

ERR_KIND = "不支持的导入类型“{kind}”（可选：{kinds}）"
ERR_PLAN_ELSEWHERE = "规划“{plan}”不属于“{jurisdiction}”"
ERR_NO_JURISDICTION = "找不到行政区划“{name}”（如需新建，请加 --create）"
ERR_AMBIGUOUS_JURISDICTION = "有多个行政区划名为“{name}”，请写全称"
ERR_NO_PLAN_FOUND = "“{jurisdiction}”没有名为“{name}”的规划（如需新建，请加 --create）"


@dataclass
class ImportResult:
    kind: str
    filename: str
    rows: int
    changes: list[Change] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    committed: bool = False

    def _count(self, action: str) -> int:
        return sum(1 for c in self.changes if c.action == action)

    @property
    def created(self) -> int:
        return self._count("create")

    @property
    def updated(self) -> int:
        return self._count("update")

    @property
    def unchanged(self) -> int:
        return self._count("unchanged")

    @property
    def fatal(self) -> list[Problem]:
        return [p for p in self.problems if p.fatal]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.fatal]

    @property
    def ok(self) -> bool:
        return not self.fatal

    @property
    def summary(self) -> str:
        """``新增 29 项，修改 0 项，不变 0 项；问题 1 处（其中 1 处须修改后才能导入）``"""
        text = f"新增 {self.created} 项，修改 {self.updated} 项，不变 {self.unchanged} 项"
        if self.problems:
            text += f"；问题 {len(self.problems)} 处（其中 {len(self.fatal)} 处须修改后才能导入）"
        return text


def import_file(*, kind: str, data: bytes, filename: str, jurisdiction: Jurisdiction, plan: Plan | None = None,
                user=None, commit: bool, progress: Callable[[int, int], None] | None = None,
                scope=None) -> ImportResult:
    """Read ``data`` as a table of ``kind`` into ``jurisdiction`` (and ``plan``).

    ``commit=False`` is the dry run: the same checks and writes, rolled back. With
    ``commit=True`` the writes stay only if no problem is fatal. A file refused as a whole
    (too big, a zip bomb, not .xlsx/.csv) raises ApplicationError. ``scope`` is what a layout
    bound to one campaign writes into (``SCOPED_KINDS``: a third-party evaluator's grant); those
    kinds are imported from their own pages, never from the jurisdiction's import page.
    """
    if kind not in KINDS and kind not in SCOPED_KINDS:
        raise ApplicationError(ERR_KIND.format(kind=kind, kinds="、".join(KINDS)))
    if plan is not None and plan.jurisdiction_id != jurisdiction.id:
        raise ApplicationError(ERR_PLAN_ELSEWHERE.format(plan=plan.name, jurisdiction=jurisdiction))
    with _gc_paused():
        return _import(kind=kind, data=data, filename=filename, jurisdiction=jurisdiction, plan=plan, user=user,
                       commit=commit, progress=progress, scope=scope)


@contextmanager
def _gc_paused():
    """Pause the cyclic garbage collector while a table is read and diffed.

    Reading builds hundreds of thousands of short-lived objects; with a Django process's heap
    behind them, the collector's repeated full passes took as long as the reading itself
    (benchmarks/import_values.py). Nothing here builds reference cycles worth collecting
    mid-import, and the collector resumes (and runs once) when the import ends.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
            gc.collect(0)


def _import(*, kind, data, filename, jurisdiction, plan, user, commit, progress, scope=None) -> ImportResult:
    table = read_table(data, name=filename, max_bytes=settings.PLANEVAL_UPLOAD_MAX_BYTES)
    layout = LAYOUTS[kind]
    with transaction.atomic():
        ctx = Context(kind=kind, jurisdiction=jurisdiction, plan=plan, user=user, now=timezone.now(),
                      units=UnitMatcher(jurisdiction), progress=progress, scope=scope)
        sheet = Sheet(table, layout.COLUMNS, ctx)
        if not ctx.problems:
            if sheet.rows:
                layout.run(sheet, ctx)
            else:
                ctx.problem(None, None, ERR_NO_ROWS)
        committed = commit and not any(p.fatal for p in ctx.problems)
        result = ImportResult(kind=kind, filename=filename, rows=len(sheet.rows), changes=ctx.changes,
                              problems=sorted(ctx.problems, key=lambda p: p.row or 0), committed=committed)
        if committed:
            _audit_import(result, data=data, jurisdiction=jurisdiction, plan=plan, user=user)
        else:
            transaction.set_rollback(True)
    if commit and not committed:
        # A refused commit changed nothing; the attempt is recorded on its own.
        _audit_import(result, data=data, jurisdiction=jurisdiction, plan=plan, user=user)
    return result


def _audit_import(result: ImportResult, *, data: bytes, jurisdiction, plan, user) -> None:
    """One IMPORT event per committed (or refused) file. The values it changed keep their
    old → new in ObservationRevision and the other histories, written in the same transaction."""
    audit_record(
        action=AuditAction.IMPORT, user=user if user is not None and user.is_authenticated else None,
        target=plan or jurisdiction, outcome=AuditOutcome.SUCCESS if result.committed else AuditOutcome.FAILURE,
        detail={"kind": result.kind, "file": result.filename, "sha256": hashlib.sha256(data).hexdigest(),
                "bytes": len(data), "rows": result.rows, "created": result.created, "updated": result.updated,
                "unchanged": result.unchanged, "problems": len(result.problems), "fatal": len(result.fatal)},
    )


_LEVEL_SUFFIXES = (("省", Jurisdiction.Level.PROVINCE), ("自治区", Jurisdiction.Level.PROVINCE),
                   ("县", Jurisdiction.Level.COUNTY), ("区", Jurisdiction.Level.DISTRICT),
                   ("市", Jurisdiction.Level.CITY))


@transaction.atomic
def import_target(*, jurisdiction_name: str, plan_name: str | None, create: bool) -> tuple[Jurisdiction, Plan | None]:
    """The jurisdiction (by name or full name) and plan an import writes to; made when ``create``."""
    key = cells.key_of(jurisdiction_name)
    matches = [j for j in Jurisdiction.objects.all() if key in (cells.key_of(j.name), cells.key_of(j.full_name))]
    if len(matches) > 1:
        raise ApplicationError(ERR_AMBIGUOUS_JURISDICTION.format(name=jurisdiction_name))
    if matches:
        jurisdiction = matches[0]
    elif create:
        level = next((lvl for suffix, lvl in _LEVEL_SUFFIXES if jurisdiction_name.strip().endswith(suffix)),
                     Jurisdiction.Level.DISTRICT)
        jurisdiction = Jurisdiction.objects.create(name=jurisdiction_name.strip(), level=level)
    else:
        raise ApplicationError(ERR_NO_JURISDICTION.format(name=jurisdiction_name))
    if not plan_name:
        return jurisdiction, None
    plans = {cells.key_of(p.name): p for p in Plan.objects.filter(jurisdiction=jurisdiction)}
    plan = plans.get(cells.key_of(plan_name))
    if plan is None:
        if not create:
            raise ApplicationError(ERR_NO_PLAN_FOUND.format(jurisdiction=jurisdiction, name=plan_name))
        # A plan named …纲要 is the outline; anything else a special plan that supports it.
        is_outline = "纲要" in plan_name
        outlines = [p for p in plans.values() if p.kind == Plan.Kind.OUTLINE]
        plan = Plan.objects.create(
            jurisdiction=jurisdiction, name=plan_name.strip(),
            kind=Plan.Kind.OUTLINE if is_outline else Plan.Kind.SPECIAL,
            outline=None if is_outline or len(outlines) != 1 else outlines[0],
        )
    return jurisdiction, plan


def import_template(kind: str) -> bytes:
    """A blank .xlsx in the layout of ``kind``: styled header, one example row (示例), 填表说明."""
    if kind not in KINDS:
        raise ApplicationError(ERR_KIND.format(kind=kind, kinds="、".join(KINDS)))
    from .blanks import template_bytes

    return template_bytes(LAYOUTS[kind], title=KIND_LABELS[kind])
