"""How long importing 10,000 value rows takes, next to openpyxl merely reading the same file.

    .venv/bin/python benchmarks/import_values.py

Sets up a throw-away SQLite database with one district, one plan and 10,000 indicators, then
writes a wide-form values workbook (one row per indicator; 2021, 2022 统计数, 2023H1 预计数)
and times (CPU time, best of 5; wall time beside it):
  read       openpyxl alone reading the file (read_only, values only): the floor
  read*      the same with the garbage collector paused, as import_file pauses it: the fair floor
  dry run    import_file(commit=False): every check and write, rolled back
  import     import_file(commit=True) into an empty plan: 30,000 observations + 30,000 revisions
  unchanged  the same file again: nothing to write
The goal (issue 7) is import within 2× of the floor.
"""
import gc
import io
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ["PLANEVAL_VAR_DIR"] = tempfile.mkdtemp(prefix="planeval-bench-")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.pop("DATABASE_URL", None)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402

ROWS = 10_000
HEADER = ["序号", "指标", "单位", "2021", "2022", "2023H1"]


def best_of(n, fn, before=None):
    """(best CPU seconds, best wall seconds, result): CPU time, so other processes on a shared
    machine do not blur the comparison; SQLite works inside this process, so it is counted."""
    cpu, wall = [], []
    for _ in range(n):
        if before:
            before()
        start_cpu, start_wall = time.process_time(), time.perf_counter()
        result = fn()
        cpu.append(time.process_time() - start_cpu)
        wall.append(time.perf_counter() - start_wall)
    return min(cpu), min(wall), result


def workbook_bytes() -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("指标数值")
    sheet.append(HEADER)
    for n in range(1, ROWS + 1):
        sheet.append([n, f"指标{n:05d}", "%", round(n * 0.37 % 100, 2), round(n * 0.41 % 100, 2),
                      f"{round(n * 0.13 % 50, 1)}（预计）"])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def paused_gc(fn):
    def run():
        gc.disable()
        try:
            return fn()
        finally:
            gc.enable()
    return run


def openpyxl_read(data: bytes) -> int:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    rows = sum(1 for _row in workbook.worksheets[0].iter_rows(values_only=True))
    workbook.close()
    return rows


def main():
    call_command("migrate", verbosity=0)
    from planeval.exchange.services import import_file
    from planeval.monitoring.models import Observation, ObservationRevision
    from planeval.organizations.models import Jurisdiction
    from planeval.planning.models import Indicator, Plan

    jurisdiction = Jurisdiction.objects.create(name="基准区", level=Jurisdiction.Level.DISTRICT)
    plan = Plan.objects.create(jurisdiction=jurisdiction, name="基准区规划纲要", kind=Plan.Kind.OUTLINE)
    Indicator.objects.bulk_create(Indicator(plan=plan, name=f"指标{n:05d}", measure_unit="%", position=n)
                                  for n in range(1, ROWS + 1))
    data = workbook_bytes()

    def run(commit):
        return import_file(kind="values", data=data, filename="values.xlsx", jurisdiction=jurisdiction, plan=plan,
                           commit=commit)

    def clear():
        with transaction.atomic():
            ObservationRevision.objects.all().delete()
            Observation.objects.all().delete()

    t_read, w_read, rows = best_of(5, lambda: openpyxl_read(data))
    t_paused, w_paused, _rows = best_of(5, paused_gc(lambda: openpyxl_read(data)))
    t_dry, w_dry, _preview = best_of(5, lambda: run(False))
    t_import, w_import, result = best_of(5, lambda: run(True), before=clear)
    t_same, w_same, same = best_of(5, lambda: run(True))
    assert result.ok and result.created == ROWS and same.unchanged == ROWS
    print(f"{ROWS:,} rows × 3 periods, file {len(data) // 1024} KiB; {Observation.objects.count():,} observations, "
          f"{ObservationRevision.objects.count():,} revisions written")
    print("            CPU ms   wall ms")
    print(f"read      {t_read * 1000:7.0f}  {w_read * 1000:7.0f}   openpyxl alone, read_only ({rows:,} rows)")
    print(f"read*     {t_paused * 1000:7.0f}  {w_paused * 1000:7.0f}   the same with the garbage collector paused, "
          f"as the import does: the fair floor")
    for label, t, w in (("dry run", t_dry, w_dry), ("import", t_import, w_import), ("unchanged", t_same, w_same)):
        print(f"{label:9} {t * 1000:7.0f}  {w * 1000:7.0f}   {t / t_read:5.2f} × read   {t / t_paused:5.2f} × read*"
              + ("   (goal ≤ 2 ×)" if label == "import" else ""))

if __name__ == "__main__":
    main()
