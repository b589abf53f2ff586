"""How long the demo district's compiled report takes, next to python-docx alone writing the same.

    .venv/bin/python benchmarks/report_build.py

Sets up a throw-away SQLite database with the demo, then times (best of 5):
  builders   the database → MidtermReport dataclasses
  charts     the report's charts rendered to PNG (matplotlib)
  render     MidtermReport → .docx with the official format (fonts on every run, fields, headers)
  floor      python-docx alone writing the same paragraphs, tables and images, unformatted
The goal (issue 5) is full build (builders + charts + render) within 1.5× of the floor and under 1 s.
"""
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

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402


def best_of(n, fn):
    times = []
    for _ in range(n):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), result


def floor_docx(report, images) -> bytes:
    """The same content with python-docx and nothing else: the cost of writing the words."""
    from docx import Document

    document = Document()
    document.add_paragraph(report.title)
    for section in report.sections:
        document.add_paragraph(section.title)
        for paragraph in section.paragraphs:
            document.add_paragraph(paragraph)
    for png in images.values():
        document.add_picture(io.BytesIO(png))
    for rows, width in (([(r.category, r.name, r.target_text, r.current, r.rating, r.forecast, r.explanation)
                          for top in report.indicators.rows for r in (top, *top.parts)], 7),
                        ([(t.area, f"{t.number} {t.title}", t.progress, t.rating, t.expected_completion)
                          for t in report.tasks.rows], 5)):
        table = document.add_table(rows=1, cols=width)
        for row in rows:  # add_row + its cells: table.cell(i, j) would be quadratic
            for cell, text in zip(table.add_row().cells, row):
                cell.text = text
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def main():
    call_command("migrate", verbosity=0)
    from planeval.demo.services import demo_load

    demo_load(password=settings.DEMO_PASSWORD)
    from planeval.campaigns.models import Campaign
    from planeval.reports import builders, charts, docx

    campaign = Campaign.objects.get(jurisdiction__name="普陀区")
    t_build, report = best_of(5, lambda: builders.midterm_report(campaign))
    t_charts, images = best_of(5, lambda: {c.title: charts.chart_png(c) for c in report.charts})
    t_render, content = best_of(5, lambda: docx.midterm_report_docx(report, images))
    t_floor, floor = best_of(5, lambda: floor_docx(report, images))
    full = t_build + t_charts + t_render
    words = sum(len(p) for s in report.sections for p in s.paragraphs)
    print(f"demo district report: {len(report.sections)} sections, {words} characters of text, "
          f"{len(report.indicators.rows)} indicators, {len(report.tasks.rows)} tasks, {len(report.charts)} charts")
    print(f"builders  {t_build * 1000:7.0f} ms")
    print(f"charts    {t_charts * 1000:7.0f} ms")
    print(f"render    {t_render * 1000:7.0f} ms   ({len(content) // 1024} KiB)")
    print(f"full      {full * 1000:7.0f} ms")
    print(f"floor     {t_floor * 1000:7.0f} ms   python-docx alone, same content ({len(floor) // 1024} KiB)")
    print(f"document  {(t_build + t_render) * 1000:7.0f} ms   builders + render: the same paragraphs, tables and "
          f"images as the floor")
    print(f"ratio     {(t_build + t_render) / t_floor:7.2f} ×   document / floor   (goal ≤ 1.5)")
    print(f"ratio     {full / t_floor:7.2f} ×   full / floor, charts included (goal: full < 1000 ms)")


if __name__ == "__main__":
    main()
