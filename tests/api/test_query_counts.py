"""Every list issues the same number of queries for one row as for a full page."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.submissions.test_query_counts import grow, report_everything

LISTS = ["jurisdictions", "units", "campaigns", "plans", "indicators", "values", "tasks", "projects", "submissions"]


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, response.json()
    return len(captured)


@pytest.mark.parametrize("name", LISTS)
def test_a_list_costs_the_same_for_one_row_and_many(api, name):
    client = api("admin" if name in ("jurisdictions", "campaigns") else "fgw")
    many = client.get(f"/api/v1/{name}/?page_size=100").json()["results"]
    assert len(many) > 1, name
    assert queries(client, f"/api/v1/{name}/?page_size=1") == queries(client, f"/api/v1/{name}/?page_size=100")


def test_a_submission_costs_the_same_with_more_items(api, putuo, kewei_submission):
    client = api("fgw")
    url = f"/api/v1/submissions/{kewei_submission.id}/"
    report_everything(kewei_submission)
    before = queries(client, url)
    grow(putuo, kewei_submission.unit)
    report_everything(kewei_submission)
    assert queries(client, url) == before
