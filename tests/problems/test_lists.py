"""The problem list and support requests through the pages: proposals from C/D items, edits with history,
status, the DRC's compile and answer, filters, exports read back, and the midterm report's citation."""
import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from planeval.accounts.models import Role, RoleAssignment, User
from planeval.audit.models import AuditEvent
from planeval.campaigns.models import Campaign
from planeval.core.errors import STALE_VERSION
from planeval.domain import problem_list as rules
from planeval.domain.topic_flow import Deadline
from planeval.organizations.models import Unit
from planeval.problems import selectors, services
from planeval.problems.models import Problem, SupportRequest
from planeval.reports.builders import midterm_report
from planeval.submissions.models import IndicatorReport
from planeval.topics import access as topic_access
from planeval.topics import services as topic_services


@pytest.fixture
def world(demo):
    """'fangguan' fills for 区房管局, whose sample submission rates one indicator D."""
    campaign = Campaign.objects.get(jurisdiction__name="普陀区")
    unit = Unit.objects.get(jurisdiction=campaign.jurisdiction, name="区房管局")
    user = User.objects.create(username="fangguan")
    RoleAssignment.objects.create(user=user, role=Role.FILLER, jurisdiction=campaign.jurisdiction, unit=unit)
    return {"campaign": campaign, "unit": unit}


def test_proposals_come_from_the_units_d_rated_item_and_are_confirmed_once(world, as_user):
    campaign, unit = world["campaign"], world["unit"]
    report = IndicatorReport.objects.get(submission__campaign=campaign, submission__unit=unit, rating="D")
    client = as_user("fangguan")
    page = client.get(reverse("problems:proposals", args=[campaign.id])).content.decode()
    assert f"指标“{report.indicator.name}”情况变化、难以完成（自评D）" in page
    assert report.explanation in page

    before = Problem.objects.count()
    response = client.post(reverse("problems:proposals", args=[campaign.id]), {
        "key": f"indicator:{report.indicator_id}", "problem": "住房供应进度滞后", "causes": "", "measures": "加快供应"})
    assert response.status_code == 400
    assert rules.CAUSES_EMPTY in response.content.decode()
    assert Problem.objects.count() == before                       # refused: nothing saved

    response = client.post(reverse("problems:proposals", args=[campaign.id]), {
        "key": f"indicator:{report.indicator_id}", "problem": "住房供应进度滞后", "causes": report.explanation,
        "measures": "加快供应"})
    assert response.status_code == 302
    entry = Problem.objects.get(campaign=campaign, unit=unit)
    assert (entry.origin, entry.indicator_id, entry.status) == ("report", report.indicator_id, "open")
    assert entry.steps.get().actor.username == "fangguan"
    # Confirmed once: it is no longer proposed, and a second confirmation is refused.
    assert selectors.proposals(campaign, unit) == []
    response = client.post(reverse("problems:proposals", args=[campaign.id]), {
        "key": f"indicator:{report.indicator_id}", "problem": "再次", "causes": "原因", "measures": "措施"})
    assert "该建议条目已列入清单或已不存在" in response.content.decode()
    assert Problem.objects.filter(campaign=campaign, unit=unit).count() == 1


def _new_problem(world, client):
    client.post(reverse("problems:new", args=[world["campaign"].id]),
                {"problem": "保障房筹措难", "causes": "房源紧张", "measures": "多渠道筹措"})
    return Problem.objects.get(unit=world["unit"], problem="保障房筹措难")


def test_a_unit_edits_its_entry_with_history_and_a_stale_form_is_refused(world, as_user):
    client = as_user("fangguan")
    entry = _new_problem(world, client)
    url = reverse("problems:detail", args=[entry.id])
    assert client.post(url, {"problem": "保障房筹措难", "causes": "房源紧张、资金不足", "measures": "多渠道筹措",
                             "version": 1}).status_code == 302
    response = client.post(url, {"problem": "旧页面", "causes": "旧", "measures": "旧", "version": 1})
    assert response.status_code == 409
    assert STALE_VERSION.split("{who}")[0] in response.content.decode()
    entry.refresh_from_db()
    assert (entry.problem, entry.causes, entry.version) == ("保障房筹措难", "房源紧张、资金不足", 2)
    edit = entry.steps.get(action="edit")
    assert edit.detail["changed"] == {"causes": ["房源紧张", "房源紧张、资金不足"]}
    assert AuditEvent.objects.filter(target_type="problems.problem", target_id=str(entry.id),
                                     action="value_change").count() == 2


def test_status_moves_are_recorded_and_a_wrong_one_changes_nothing(world, as_user):
    client = as_user("fangguan")
    entry = _new_problem(world, client)
    url = reverse("problems:status", args=[entry.id])
    client.post(url, {"status": "in_progress", "note": "已启动", "version": 1})
    response = client.post(url, {"status": "open", "version": 2}, follow=True)
    assert "问题当前为“推进中”，不能改为“待解决”。" in response.content.decode()
    entry.refresh_from_db()
    assert (entry.status, entry.version) == ("in_progress", 2)
    assert [(s.from_status, s.to_status) for s in entry.steps.filter(action="status")] == [("open", "in_progress")]


def test_other_units_cannot_touch_an_entry(world, as_user):
    entry = _new_problem(world, as_user("fangguan"))
    response = as_user("kewei").post(reverse("problems:detail", args=[entry.id]),
                                     {"problem": "改", "causes": "改", "measures": "改", "version": 1})
    assert response.status_code == 403
    assert as_user("fgw").post(reverse("problems:status", args=[entry.id]),
                               {"status": "solved", "version": 1}).status_code == 403
    entry.refresh_from_db()
    assert (entry.problem, entry.status) == ("保障房筹措难", "open")


def test_the_drc_filters_and_exports_what_it_sees(world, as_user):
    campaign = world["campaign"]
    _new_problem(world, as_user("fangguan"))
    client = as_user("fgw")
    unit = world["unit"]
    page = client.get(reverse("problems:list", args=[campaign.id]), {"unit": unit.id}).content.decode()
    assert "保障房筹措难" in page and "科技企业孵化载体空间不足" not in page

    xlsx = client.get(reverse("problems:export", args=[campaign.id, "xlsx"]), {"status": "open"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == ("序号", "责任单位", "问题", "原因", "措施")
    expected = Problem.objects.filter(campaign=campaign, status="open").count()
    assert len(rows) - 1 == expected
    assert ("区房管局", "保障房筹措难", "房源紧张", "多渠道筹措") in [r[1:5] for r in rows]
    assert all(r[7] == "待解决" for r in rows[1:])

    body = client.get(reverse("problems:export", args=[campaign.id, "csv"])).content.decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(body)))
    assert len(lines) - 1 == Problem.objects.filter(campaign=campaign).count()
    assert AuditEvent.objects.filter(action="export", detail__file="普陀区问题清单.csv").exists()
    assert client.get(reverse("problems:export", args=[campaign.id, "pdf"])).status_code == 404


def test_a_unit_exports_only_its_own_entries(world, as_user):
    campaign = world["campaign"]
    _new_problem(world, as_user("fangguan"))
    body = as_user("fangguan").get(reverse("problems:export", args=[campaign.id, "csv"])).content.decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(body)))[1:]
    assert [line[1] for line in lines] == ["区房管局"]


def test_support_requests_raised_compiled_and_answered(world, as_user):
    campaign = world["campaign"]
    unit_client, drc = as_user("fangguan"), as_user("fgw")
    response = unit_client.post(reverse("problems:support_new", args=[campaign.id]),
                                {"kind": "policy", "item": "", "need": "", "level": "市级"})
    assert response.status_code == 400
    assert rules.SUPPORT_ITEM_EMPTY in response.content.decode()
    unit_client.post(reverse("problems:support_new", args=[campaign.id]),
                     {"kind": "policy", "item": "租赁住房用地政策", "need": "争取用地指标", "level": "市级"})
    entry = SupportRequest.objects.get(campaign=campaign, item="租赁住房用地政策")
    assert (entry.status, entry.unit.name) == ("raised", "区房管局")

    assert unit_client.post(reverse("problems:support_advance", args=[entry.id, "compile"]),
                            {"version": 1}).status_code == 403
    response = drc.post(reverse("problems:support_advance", args=[entry.id, "answer"]),
                        {"version": 1, "answer": "同意"}, follow=True)
    assert "该事项当前为“已提出”，不能登记上级答复。" in response.content.decode()
    drc.post(reverse("problems:support_advance", args=[entry.id, "compile"]), {"version": 1})
    entry.refresh_from_db()
    assert entry.status == "compiled"
    # Compiled: the unit can no longer change it.
    response = unit_client.post(reverse("problems:support_detail", args=[entry.id]),
                                {"kind": "policy", "item": "改", "need": "改", "level": "市级", "version": 2})
    assert services.SUPPORT_CLOSED in response.content.decode()
    response = drc.post(reverse("problems:support_advance", args=[entry.id, "answer"]),
                        {"version": 2, "answer": " "}, follow=True)
    assert rules.ANSWER_EMPTY in response.content.decode()
    drc.post(reverse("problems:support_advance", args=[entry.id, "answer"]),
             {"version": 2, "answer": "纳入市级研究", "answered_on": "2023-12-20"})
    entry.refresh_from_db()
    assert (entry.status, entry.answer, entry.answered_on.isoformat(), entry.item) == \
        ("answered", "纳入市级研究", "2023-12-20", "租赁住房用地政策")
    assert [s.action for s in entry.steps.all()] == ["create", "compile", "answer"]

    xlsx = drc.get(reverse("problems:support_export", args=[campaign.id, "xlsx"]), {"kind": "policy"})
    rows = list(load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert rows[0][:4] == ("序号", "类别", "事项", "需要上级支持的内容")
    assert {r[1] for r in rows[1:]} == {"政策"}
    assert ("政策", "租赁住房用地政策", "争取用地指标", "市级", "区房管局", "已答复", "纳入市级研究", "2023-12-20") in \
        [r[1:9] for r in rows]


def test_the_midterm_report_cites_the_problem_list(world, as_user):
    campaign = world["campaign"]
    report = midterm_report(campaign)
    problems = next(s for s in report.sections if s.title.startswith("二、"))
    total = Problem.objects.filter(campaign=campaign).count()
    supports = SupportRequest.objects.filter(campaign=campaign).count()
    assert problems.paragraphs[0].startswith(f"各单位梳理形成问题清单{total}项")
    assert f"梳理需上级支持事项{supports}项" in problems.paragraphs[0]
    assert any(p.startswith("区科委：（示例数据）科技企业孵化载体空间不足。原因：") for p in problems.paragraphs)


def test_demo_entries_carry_the_sample_badge(world, as_user):
    page = as_user("fgw").get(reverse("problems:support_list", args=[world["campaign"].id])).content.decode()
    assert "示例数据" in page and "已答复" in page and "已汇总上报" in page


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_list_pages_read_a_fixed_number_of_queries(world, as_user):
    """Twenty more entries add no query to the DRC's lists (of problems, of support requests, of topics)."""
    campaign, unit = world["campaign"], world["unit"]
    client = as_user("fgw")
    urls = [reverse("problems:list", args=[campaign.id]), reverse("problems:support_list", args=[campaign.id]),
            reverse("topics:list", args=[campaign.id])]
    before = [_queries(client, url) for url in urls]
    filler = User.objects.get(username="fangguan")
    for n in range(20):
        services.problem_create(campaign=campaign, user=filler, unit=unit, problem=f"问题{n}", causes="原因",
                                measures="措施")
        services.support_create(campaign=campaign, user=filler, unit=unit, kind="project", item=f"项目{n}",
                                need="支持", level="市级")
    fgw = User.objects.get(username="fgw")
    others = list(Unit.objects.filter(jurisdiction=campaign.jurisdiction).exclude(id=unit.id)[:3])
    for n in range(20):
        topic_services.topic_create(campaign=campaign, user=fgw, who=topic_access.topic_standing(fgw, campaign),
                                    title=f"专题{n}", scope="", lead_unit=unit, supporting_units=others,
                                    deadline=Deadline(on=datetime.date(2023, 9, 1)))
    assert [_queries(client, url) for url in urls] == before
