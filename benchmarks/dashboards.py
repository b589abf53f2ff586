"""Time the dashboards at the demo's size (1×) and with ten times the items (10×).

Loads the demo into a throw-away SQLite database (or DATABASE_URL's PostgreSQL database),
renders each dashboard page as fgw, grows the 普陀区 outline to ten times its indicators,
tasks and projects (with assessments, values and task reports), and renders again. Prints the
best of three runs and the number of queries, which must not change between 1× and 10×.

    .venv/bin/python benchmarks/dashboards.py
"""
from __future__ import annotations

import os
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ["PLANEVAL_VAR_DIR"] = tempfile.mkdtemp(prefix="planeval-bench-")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django

django.setup()

from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, setup_test_environment
from django.utils import timezone

RUNS = 3


def best(client, url) -> tuple[float, int]:
    times, queries = [], 0
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
        queries = len(captured)
    return min(times), queries


def grow(campaign, factor: int) -> None:
    """(factor − 1) more copies of every outline indicator, leaf task and project, with their data."""
    from planeval.accounts.models import User
    from planeval.assessment.models import IndicatorAssessment, ProjectAssessment
    from planeval.monitoring.models import Observation
    from planeval.planning.models import Indicator, Plan, Project, Task

    outline = Plan.objects.get(jurisdiction=campaign.jurisdiction, kind=Plan.Kind.OUTLINE)
    fgw, now = User.objects.get(username="fgw"), timezone.now()
    indicators = list(Indicator.objects.filter(plan=outline, parent__isnull=True))
    leaves = list(Task.objects.filter(plan=outline, children__isnull=True))
    projects = list(Project.objects.filter(plan__in=campaign.plans.all()))
    for copy in range(1, factor):
        new = Indicator.objects.bulk_create([Indicator(
            plan=outline, category=i.category, number=f"{i.number}-{copy}", position=i.position, name=f"{i.name}（{copy}）",
            measure_unit=i.measure_unit, baseline=i.baseline, target_text=i.target_text, target=i.target,
            target_kind=i.target_kind, attribute=i.attribute, lead_unit=i.lead_unit) for i in indicators])
        IndicatorAssessment.objects.bulk_create([IndicatorAssessment(
            campaign=campaign, indicator=i, computed_at=now, target_kind=i.target_kind, suggestion="ABCD"[n % 4],
            warning=("red", "yellow", "green")[n % 3]) for n, i in enumerate(new)])
        Observation.objects.bulk_create([Observation(
            indicator=i, year=year, kind="actual", value=Decimal(year - 2000), recorded_by=fgw, recorded_at=now)
            for i in new for year in (2021, 2022)])
        Task.objects.bulk_create([Task(plan=outline, parent_id=t.parent_id, depth=t.depth, number=t.number,
                                       position=t.position, title=f"{t.title}（{copy}）", lead_unit=t.lead_unit)
                                  for t in leaves])
        new_projects = Project.objects.bulk_create([Project(
            plan=p.plan, name=f"{p.name}（{copy}）", lead_unit=p.lead_unit, status=p.status,
            total_investment=p.total_investment, completed_investment=p.completed_investment) for p in projects])
        ProjectAssessment.objects.bulk_create([ProjectAssessment(
            campaign=campaign, project=p, computed_at=now, warning="yellow", schedule_elapsed=0.5,
            investment_progress=0.3) for p in new_projects])


def main() -> None:
    setup_test_environment()
    call_command("migrate", verbosity=0)
    from planeval.demo.services import demo_load

    demo_load(password=settings.DEMO_PASSWORD)
    from planeval.accounts.models import User
    from planeval.campaigns.models import Campaign
    from planeval.planning.models import Indicator

    campaign = Campaign.objects.get(jurisdiction__name="普陀区")
    indicator = Indicator.objects.filter(plan__jurisdiction=campaign.jurisdiction, lead_unit__name="区科委").first()
    client = Client()
    client.force_login(User.objects.get(username="fgw"))
    pages = {
        "overview": f"/c/{campaign.id}/overview/", "screen": f"/c/{campaign.id}/overview/screen/",
        "items (all indicators)": f"/c/{campaign.id}/overview/items/?kind=indicator",
        "tasks": f"/c/{campaign.id}/overview/tasks/", "projects": f"/c/{campaign.id}/overview/projects/",
        "indicator": f"/indicators/{indicator.id}/",
    }
    before = {name: best(client, url) for name, url in pages.items()}
    grow(campaign, 10)
    after = {name: best(client, url) for name, url in pages.items()}
    print(f"database: {connection.vendor}")
    for name in pages:
        (t1, q1), (t10, q10) = before[name], after[name]
        flag = "" if q1 == q10 else "  <-- query count grew"
        print(f"{name:24} 1×: {t1 * 1000:6,.0f} ms {q1:3} queries   10×: {t10 * 1000:6,.0f} ms {q10:3} queries{flag}")


if __name__ == "__main__":
    main()
