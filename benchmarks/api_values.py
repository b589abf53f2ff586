"""Time the REST API on the demo: a bulk upsert of 100 values, and full pages of the busiest lists.

Loads the demo into a throw-away SQLite database, gives kewei (区科委) a token, and prints the
best of five runs of each request with its number of queries. Every bulk run is rolled back,
so each one writes the same 100 new cells. Goal: a 100-row upsert under 2 s; a 200-row page
under 0.3 s.

    .venv/bin/python benchmarks/api_values.py
"""
from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ["PLANEVAL_VAR_DIR"] = tempfile.mkdtemp(prefix="planeval-bench-")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.pop("DATABASE_URL", None)

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

ROWS = 100
RUNS = 5


def best(run) -> tuple[float, int]:
    times, queries = [], 0
    for _ in range(RUNS):
        reset_queries()
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            run()
            times.append(time.perf_counter() - start)
        queries = len(captured)
    return min(times), queries


def main() -> None:
    setup_test_environment()
    call_command("migrate", verbosity=0)
    from planeval.demo.services import demo_load

    demo_load(password=settings.DEMO_PASSWORD)
    from rest_framework.test import APIClient

    from planeval.accounts.models import User
    from planeval.api.services import api_token_rotate
    from planeval.campaigns.models import Campaign
    from planeval.planning.models import Indicator
    from planeval.submissions.services import submission_get_or_create

    campaign = Campaign.objects.get(jurisdiction__name="普陀区")
    kewei = User.objects.get(username="kewei")
    indicators = list(Indicator.objects.filter(plan__jurisdiction=campaign.jurisdiction, lead_unit__name="区科委"))
    submission = submission_get_or_create(campaign=campaign, unit=indicators[0].lead_unit)
    periods = [f"{year}-{month:02d}" for year in (2021, 2022, 2023, 2024) for month in range(1, 13)]
    rows = [{"indicator": indicator.id, "period": period, "kind": "estimate", "value": str(10 + n), "version": 0}
            for n, (indicator, period) in enumerate((i, p) for p in periods for i in indicators)][:ROWS]
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token_rotate(user=kewei)}")

    def bulk():
        with transaction.atomic():
            response = client.post(f"/api/v1/submissions/{submission.id}/values/", rows, format="json")
            assert response.status_code == 200, response.json()
            transaction.set_rollback(True)

    seconds, queries = best(bulk)
    print(f"bulk upsert of {len(rows)} values over {len(indicators)} indicators: {seconds * 1000:,.0f} ms, "
          f"{queries} queries ({seconds / len(rows) * 1000:.1f} ms a row)")
    admin = APIClient()
    admin.credentials(HTTP_AUTHORIZATION=f"Token {api_token_rotate(user=User.objects.get(username='admin'))}")
    for name in ("indicators", "tasks", "values", "submissions"):
        client_for = admin if name != "submissions" else APIClient()
        if name == "submissions":
            client_for.credentials(
                HTTP_AUTHORIZATION=f"Token {api_token_rotate(user=User.objects.get(username='fgw'))}")
        seconds, queries = best(lambda: client_for.get(f"/api/v1/{name}/?page_size=200"))
        print(f"GET /api/v1/{name}/?page_size=200: {seconds * 1000:,.0f} ms, {queries} queries")


if __name__ == "__main__":
    main()
