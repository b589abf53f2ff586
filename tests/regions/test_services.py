"""Across levels, on the loaded demo: upper-level tasks, the upward review, peer values, breakdowns."""
from decimal import Decimal

import pytest

from planeval.accounts.models import Role, RoleAssignment, User
from planeval.campaigns.models import Campaign
from planeval.core.errors import ApplicationError, StaleVersionError
from planeval.domain.breakdown import DOES_NOT_ADD_UP
from planeval.monitoring.models import Observation
from planeval.organizations.models import Jurisdiction
from planeval.planning.models import Plan, Task
from planeval.regions import services
from planeval.regions.models import (
    Breakdown, BreakdownRevision, PeerValue, PeerValueRevision, TaskAssignment, TaskAssignmentUpdate, UpwardReview,
)


@pytest.fixture
def putuo(demo):
    return Jurisdiction.objects.get(name="普陀区")


@pytest.fixture
def fgw(demo):
    return User.objects.get(username="fgw")


@pytest.fixture
def city_drc(putuo):
    user = User.objects.create(username="shanghai_fgw")
    RoleAssignment.objects.create(user=user, role=Role.DRC, jurisdiction=putuo.parent)
    return user


@pytest.fixture
def with_2022_value(putuo):
    """An outline indicator of Putuo and its 2022 figure (official, else the estimate)."""
    observation = (Observation.objects.filter(indicator__plan__jurisdiction=putuo, year=2022, granularity="year",
                                              kind__in=["actual", "estimate"], value__gt=10).select_related("indicator")
                   .order_by("indicator_id", "kind").first())
    return observation.indicator, services.indicator_year_total(observation.indicator, 2022)


# --- breakdowns ----------------------------------------------------------------------------------

def test_a_breakdown_that_adds_up_is_stored_and_one_that_does_not_is_refused(with_2022_value, fgw):
    indicator, total = with_2022_value
    parts = [("城区", total - Decimal(1)), ("开发区", Decimal(1))]
    services.breakdown_record(indicator=indicator, year=2022, dimension="region", parts=parts, user=fgw)
    with pytest.raises(ApplicationError) as refused:
        services.breakdown_record(indicator=indicator, year=2022, dimension="region",
                                  parts=[("城区", total), ("开发区", Decimal(2))], user=fgw)
    assert refused.value.message == DOES_NOT_ADD_UP.format(
        parts=format((total + 2).normalize(), "f"), year=2022, total=format(total.normalize(), "f"), difference="2")
    stored = Breakdown.objects.get(indicator=indicator, year=2022, dimension="region")
    assert [(p.category, p.value) for p in stored.parts.all()] == parts   # the refusal changed nothing


def test_replacing_a_breakdown_keeps_the_old_parts_in_its_history(with_2022_value, fgw):
    indicator, total = with_2022_value
    services.breakdown_record(indicator=indicator, year=2022, dimension="type", parts=[("甲", total)], user=fgw)
    services.breakdown_record(indicator=indicator, year=2022, dimension="type",
                              parts=[("甲", total - 1), ("乙", Decimal(1))], user=fgw)
    last = BreakdownRevision.objects.filter(breakdown__indicator=indicator).latest("id")
    assert last.old_parts == [["甲", str(Breakdown.objects.get(indicator=indicator, dimension="type").total
                                         .quantize(Decimal("0.000001")))]]
    assert [c for c, _ in last.new_parts] == ["甲", "乙"] and last.changed_by == fgw


def test_no_breakdown_without_a_total(with_2022_value, fgw):
    indicator, _ = with_2022_value
    with pytest.raises(ApplicationError) as refused:
        services.breakdown_record(indicator=indicator, year=2010, dimension="type", parts=[("甲", 1)], user=fgw)
    assert refused.value.message == services.NO_TOTAL.format(year=2010)


def test_only_a_drc_records_breakdowns(with_2022_value, demo):
    indicator, total = with_2022_value
    with pytest.raises(ApplicationError) as refused:
        services.breakdown_record(indicator=indicator, year=2022, dimension="type", parts=[("甲", total)],
                                  user=User.objects.get(username="kewei"))
    assert refused.value.message == services.NOT_DRC
    assert not Breakdown.objects.filter(indicator=indicator).exists()


def test_the_breakdown_page_charts_what_was_entered_and_reshows_a_refused_entry(with_2022_value, as_user):
    indicator, total = with_2022_value
    client = as_user("fgw")
    response = client.post(f"/i/{indicator.id}/breakdown/",
                           {"year": "2022", "dimension": "time", "parts": f"第一季度，{total}\n第二季度，3"})
    html = response.content.decode()
    assert response.status_code == 200 and "不一致（相差3）" in html and "第二季度，3" in html
    client.post(f"/i/{indicator.id}/breakdown/",
                {"year": "2022", "dimension": "time", "parts": f"第一季度，{total - 3}\n第二季度，3"})
    html = client.get(f"/i/{indicator.id}/breakdown/").content.decode()
    assert "按发生时间" in html and 'id="chart-option-breakdown-0"' in html and "第二季度" in html


# --- peers ---------------------------------------------------------------------------------------

def test_peer_values_rank_with_our_own_and_a_change_keeps_the_old_value(with_2022_value, fgw, as_user):
    indicator, total = with_2022_value
    services.peer_value_record(indicator=indicator, peer_name="长宁区", year=2022, value=str(total + 10), user=fgw)
    services.peer_value_record(indicator=indicator, peer_name="长宁区", year=2022, value=str(total + 20), user=fgw)
    value = PeerValue.objects.get(indicator=indicator, peer__name="长宁区", year=2022)
    assert value.value == total + 20
    assert list(PeerValueRevision.objects.filter(value=value).values_list("old_value", "new_value")) == [
        (None, total + 10), (total + 10, total + 20)]
    html = as_user("leader").get(f"/i/{indicator.id}/peers/").content.decode()
    assert "长宁区" in html and "普陀区（本地区）" in html and 'id="chart-option-peer-bars"' in html


def test_a_peer_file_is_imported_whole_or_not_at_all(with_2022_value, fgw):
    indicator, _ = with_2022_value
    good = "对标地区,年份,数值,来源\n静安区,2021,3.5,统计年鉴\n静安区,2022,3.9,统计年鉴\n".encode("utf-8-sig")
    assert services.peer_values_import(indicator=indicator, data=good, filename="对标.csv", user=fgw) == 2
    bad = "对标地区,年份,数值\n杨浦区,2022,4.1\n杨浦区,二〇二二,4.2\n".encode("utf-8-sig")
    with pytest.raises(ApplicationError) as refused:
        services.peer_values_import(indicator=indicator, data=bad, filename="对标.csv", user=fgw)
    assert refused.value.message == services.IMPORT_ROW.format(row=3, reason=services.BAD_YEAR.format(text="二〇二二"))
    assert not PeerValue.objects.filter(indicator=indicator, peer__name="杨浦区").exists()
    assert PeerValue.objects.filter(indicator=indicator, peer__name="静安区").count() == 2


def test_a_jurisdiction_is_not_its_own_peer(with_2022_value, fgw):
    indicator, _ = with_2022_value
    with pytest.raises(ApplicationError) as refused:
        services.peer_value_record(indicator=indicator, peer_name="普陀区", year=2022, value="1", user=fgw)
    assert refused.value.message == services.PEER_IS_SELF


# --- upward review -------------------------------------------------------------------------------

def test_the_upward_review_is_sent_returned_with_an_opinion_resent_and_accepted(putuo, fgw, city_drc):
    campaign = Campaign.objects.get(jurisdiction=putuo)
    review = services.upward_review_send(campaign=campaign, user=fgw, comment="请审查。")
    with pytest.raises(ApplicationError) as refused:
        services.upward_review_send(campaign=campaign, user=fgw)
    assert refused.value.message == services.ALREADY_SENT
    with pytest.raises(ApplicationError) as refused:
        services.upward_review_decide(review=review, user=fgw, accept=True, opinion="")
    assert refused.value.message == services.NOT_PARENT_DRC
    with pytest.raises(ApplicationError) as refused:   # the city reviews; it does not send for Putuo
        services.upward_review_send(campaign=campaign, user=city_drc)
    assert refused.value.message == services.NOT_OWN_DRC
    with pytest.raises(ApplicationError) as refused:
        services.upward_review_decide(review=review, user=city_drc, accept=False, opinion=" ")
    assert refused.value.message == services.OPINION_REQUIRED
    services.upward_review_decide(review=review, user=city_drc, accept=False, opinion="与全市指标口径不一致。")
    services.upward_review_send(campaign=campaign, user=fgw, comment="已修改。")
    services.upward_review_decide(review=review, user=city_drc, accept=True, opinion="同意。")
    review.refresh_from_db()
    assert review.state == UpwardReview.State.ACCEPTED
    assert [(s.action, s.actor.username, s.comment) for s in review.steps.all()] == [
        ("send", "fgw", "请审查。"), ("return", "shanghai_fgw", "与全市指标口径不一致。"),
        ("send", "fgw", "已修改。"), ("accept", "shanghai_fgw", "同意。")]


def test_the_city_drc_sees_the_review_in_its_queue_and_decides_there(putuo, fgw, city_drc, client):
    campaign = Campaign.objects.get(jurisdiction=putuo)
    review = services.upward_review_send(campaign=campaign, user=fgw)
    client.force_login(city_drc)
    html = client.get(f"/j/{putuo.parent_id}/upward-reviews/").content.decode()
    assert campaign.name in html and "已报送，待衔接审查" in html
    client.post(f"/upward-reviews/{review.id}/decide/", {"decision": "return", "opinion": ""})
    review.refresh_from_db()
    assert review.state == UpwardReview.State.SENT   # refused: no opinion
    client.post(f"/upward-reviews/{review.id}/decide/", {"decision": "return", "opinion": "请补充。"})
    review.refresh_from_db()
    assert review.state == UpwardReview.State.RETURNED


# --- upper-level tasks ---------------------------------------------------------------------------

def test_an_upper_level_task_is_assigned_and_each_progress_report_is_kept(putuo, fgw, city_drc):
    plan = Plan.objects.create(jurisdiction=putuo.parent, kind=Plan.Kind.OUTLINE, name="上海市规划（测试）")
    task = Task.objects.create(plan=plan, title="建设科创中心（测试）", is_upper_level=True)
    with pytest.raises(ApplicationError) as refused:
        services.task_assign(task=task, jurisdictions=[putuo], user=fgw)
    assert refused.value.message == services.NOT_DRC
    [assignment] = services.task_assign(task=task, jurisdictions=[putuo], user=city_drc)
    services.task_assignment_report(assignment=assignment, user=fgw, percent=40, progress="推进中", rating="B",
                                    expected_version=1)
    with pytest.raises(StaleVersionError):
        services.task_assignment_report(assignment=assignment, user=fgw, percent=50, progress="", rating="",
                                        expected_version=1)
    with pytest.raises(ApplicationError) as refused:
        services.task_assignment_report(assignment=assignment, user=fgw, percent=101, progress="", rating="",
                                        expected_version=2)
    assert refused.value.message == services.BAD_PERCENT
    assignment.refresh_from_db()
    assert (assignment.percent, assignment.version) == (40, 2)
    assert list(TaskAssignmentUpdate.objects.filter(assignment=assignment).values_list("percent", "by__username")) \
        == [(40, "fgw")]


def test_a_task_goes_only_to_children_of_its_plans_jurisdiction(putuo, city_drc):
    plan = Plan.objects.create(jurisdiction=putuo.parent, kind=Plan.Kind.OUTLINE, name="上海市规划（测试）")
    task = Task.objects.create(plan=plan, title="任务（测试）", is_upper_level=True)
    other = Jurisdiction.objects.get(name="红桥区")
    with pytest.raises(ApplicationError) as refused:
        services.task_assign(task=task, jurisdictions=[putuo, other], user=city_drc)
    assert refused.value.message == services.NOT_A_CHILD.format(name="红桥区")
    assert not TaskAssignment.objects.filter(task=task).exists()


def test_the_city_page_shows_each_district_side_by_side(putuo, city_drc, client):
    client.force_login(city_drc)
    html = client.get(f"/j/{putuo.parent_id}/children/").content.decode()
    assert "普陀区" in html and 'id="chart-option-children-ratings"' in html
    assert client.get(f"/j/{putuo.parent_id}/upper-tasks/").status_code == 200

