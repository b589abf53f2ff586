"""The bulk upsert of values: every row or none, stale versions answered with 409, bad rows listed by index."""
from decimal import Decimal

import pytest

from planeval.api import errors
from planeval.assessment.models import IndicatorAssessment
from planeval.api.services import BULK_REFUSED, PERIOD_OUTSIDE_PLAN
from planeval.api.values import DUPLICATE_ROW, EMPTY, KIND_INVALID, VALUE_INVALID
from planeval.domain import workflow
from planeval.monitoring.models import Observation, ObservationRevision
from planeval.planning.models import Indicator
from planeval.submissions.access import NO_WRITE, NOT_OUR_ITEM
from planeval.submissions.models import Submission

KEWEI_INDICATOR = "新增高新技术企业数"


@pytest.fixture
def indicator(demo):
    return Indicator.objects.get(plan__jurisdiction__name="普陀区", name=KEWEI_INDICATOR)


@pytest.fixture
def stored(indicator):
    """A value the demo already holds for kewei's indicator (a sample actual)."""
    return Observation.objects.filter(indicator=indicator, kind="actual").order_by("year").first()


def url(submission) -> str:
    return f"/api/v1/submissions/{submission.id}/values/"


def snapshot(indicator):
    return sorted(Observation.objects.filter(indicator=indicator).values_list("year", "granularity", "kind", "value",
                                                                              "version", "note"))


def test_kewei_updates_and_adds_values_with_history(api, kewei_submission, indicator, stored):
    Observation.objects.filter(pk=stored.pk).update(note="统计局口径")
    assessed_before = IndicatorAssessment.objects.get(campaign=kewei_submission.campaign,
                                                      indicator=indicator).computed_at
    response = api("kewei").post(url(kewei_submission), [
        {"indicator": indicator.id, "period": str(stored.period), "kind": "actual", "value": "41",
         "source": "区科委统计", "version": stored.version},
        {"indicator": indicator.id, "period": "2023-05", "kind": "estimate", "value": 60.5, "source": "",
         "note": "按趋势", "version": 0},
    ], format="json")
    assert response.status_code == 200, response.json()
    first, second = response.json()["results"]
    assert first["value"] == "41.000000" and first["version"] == stored.version + 1 and first["recorded_by"] == "kewei"
    assert first["note"] == "统计局口径"  # a row without "note" keeps the stored one
    assert second["period"] == "2023-05" and second["kind"] == "estimate" and second["note"] == "按趋势"
    history = ObservationRevision.objects.filter(indicator=indicator, changed_by__username="kewei")
    assert {(r.period, r.action) for r in history} == {(str(stored.period), "updated"), ("2023-05", "created")}
    assert Submission.objects.get(pk=kewei_submission.pk).state == "draft"  # as a save on the form would
    assessment = IndicatorAssessment.objects.get(campaign=kewei_submission.campaign, indicator=indicator)
    assert assessment.computed_at > assessed_before  # the engine ran again on the new values


def test_a_stale_version_is_409_and_nothing_is_written(api, kewei_submission, indicator, stored):
    before = snapshot(indicator)
    response = api("kewei").post(url(kewei_submission), [
        {"indicator": indicator.id, "period": "2023-05", "kind": "estimate", "value": "50", "version": 0},
        {"indicator": indicator.id, "period": str(stored.period), "kind": "actual", "value": "99",
         "version": stored.version - 1},
    ], format="json")
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "stale_version" and "本次提交的数据均未写入" in body["detail"]
    conflict, = body["conflicts"]
    assert conflict["index"] == 1 and "您的保存未生效" in conflict["detail"]
    assert conflict["current"]["version"] == stored.version
    assert Decimal(conflict["current"]["value"]) == stored.value
    assert snapshot(indicator) == before


def test_one_bad_row_writes_nothing_and_every_bad_row_is_named(api, kewei_submission, indicator, stored):
    before = snapshot(indicator)
    response = api("kewei").post(url(kewei_submission), [
        {"indicator": indicator.id, "period": str(stored.period), "kind": "actual", "value": "41",
         "version": stored.version},
        {"indicator": indicator.id, "period": "2022", "kind": "actual", "value": "很多", "version": 0},
        {"indicator": indicator.id, "period": "2022年", "kind": "estimate", "value": "1", "version": 0},
        {"indicator": indicator.id, "period": "2022", "kind": "reference", "value": "1", "version": 0},
        {"indicator": indicator.id, "period": "2024", "kind": "forecast", "value": "1"},
    ], format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == errors.INVALID
    assert {(e["index"], e["field"]) for e in body["errors"]} == {(1, "value"), (2, "period"), (3, "kind"),
                                                                    (4, "version")}
    by_index = {e["index"]: e["detail"] for e in body["errors"]}
    assert by_index[1] == VALUE_INVALID and by_index[3] == KIND_INVALID
    assert by_index[2] == "无法识别的期间“2022年”，应写作 2022、2023H1 或 2023-06"
    assert snapshot(indicator) == before


def test_rows_refused_by_the_service_are_listed_too(api, kewei_submission, indicator, stored):
    before = snapshot(indicator)
    response = api("kewei").post(url(kewei_submission), [
        {"indicator": indicator.id, "period": "2023-05", "kind": "estimate", "value": "50", "version": 0},
        {"indicator": indicator.id, "period": "2031", "kind": "forecast", "value": "50", "version": 0},
    ], format="json")
    assert response.status_code == 400
    assert response.json()["detail"] == BULK_REFUSED.format(count=1)
    assert response.json()["errors"] == [{"index": 1, "field": "period", "detail": PERIOD_OUTSIDE_PLAN.format(
        period="2031", start=2020, end=2025)}]
    assert snapshot(indicator) == before


def test_the_same_cell_twice_is_refused(api, kewei_submission, indicator):
    row = {"indicator": indicator.id, "period": "2024", "kind": "forecast", "value": "50", "version": 0}
    response = api("kewei").post(url(kewei_submission), [row, row], format="json")
    assert response.status_code == 400
    assert response.json()["errors"] == [{"index": 1, "field": "non_field_errors",
                                          "detail": DUPLICATE_ROW.format(first=0)}]
    assert api("kewei").post(url(kewei_submission), [], format="json").json()["errors"][0]["detail"] == EMPTY


def test_emptying_a_value_deletes_it_with_history(api, kewei_submission, indicator, stored):
    response = api("kewei").post(url(kewei_submission), [
        {"indicator": indicator.id, "period": str(stored.period), "kind": "actual", "value": None,
         "version": stored.version}], format="json")
    assert response.status_code == 200 and response.json()["results"] == [None]
    assert not Observation.objects.filter(pk=stored.pk).exists()
    assert ObservationRevision.objects.get(indicator=indicator, action="deleted").old_value == stored.value


def test_observer_and_other_units_cannot_write(api, kewei_submission, indicator, stored):
    before = snapshot(indicator)
    row = [{"indicator": indicator.id, "period": str(stored.period), "kind": "actual", "value": "1",
            "version": stored.version}]
    for role in ("observer", "fgw", "leader"):
        response = api(role).post(url(kewei_submission), row, format="json")
        assert response.status_code == 403 and response.json()["detail"] == NO_WRITE, role
    other = Indicator.objects.get(plan__jurisdiction__name="普陀区", name="每万人口高价值发明专利拥有量")
    response = api("kewei").post(url(kewei_submission), [{**row[0], "indicator": other.id}], format="json")
    assert response.status_code == 403 and response.json()["detail"] == NOT_OUR_ITEM
    assert snapshot(indicator) == before


def test_a_report_under_review_refuses_values(api, kewei_submission, indicator, stored):
    Submission.objects.filter(pk=kewei_submission.pk).update(state="submitted")
    before = snapshot(indicator)
    response = api("kewei").post(url(kewei_submission), [
        {"indicator": indicator.id, "period": str(stored.period), "kind": "actual", "value": "1",
         "version": stored.version}], format="json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["detail"] == workflow.UNDER_REVIEW
    assert snapshot(indicator) == before


def test_values_near_the_limit_are_stored_not_a_server_error(api, kewei_submission, indicator):
    """Found by benchmarks/load_test.py: values within the API's limit made the engine's figures
    (the sum so far, the extrapolated 预计期末完成数) too large for their columns, and the whole
    save failed with a server error. The values are stored; a figure that cannot be stored is left out."""
    big = "90000000000000"  # 14 digits, exact in every database

    def version(year, kind):
        stored = Observation.objects.filter(indicator=indicator, year=year, granularity="year", kind=kind).first()
        return stored.version if stored else 0

    cells = [(2021, "actual"), (2022, "actual"), (2023, "actual"), (2024, "forecast"), (2025, "forecast"),
             (2024, "estimate")]
    response = api("kewei").post(url(kewei_submission), [
        {"indicator": indicator.id, "period": str(year), "kind": kind, "value": big, "version": version(year, kind)}
        for year, kind in cells], format="json")
    assert response.status_code == 200, response.content
    assert Observation.objects.get(indicator=indicator, year=2024, kind="estimate").value == Decimal(big)
    assessment = IndicatorAssessment.objects.get(campaign=kewei_submission.campaign, indicator=indicator)
    for figure in (assessment.current, assessment.forecast):
        assert figure is None or abs(figure) < 10 ** 14
