"""Topic evaluations through the pages and services: defining, the report, input, the route, the report part."""
import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from planeval.accounts.models import Role, RoleAssignment, User
from planeval.audit.models import AuditEvent
from planeval.campaigns.models import Campaign
from planeval.core.errors import STALE_VERSION, ApplicationError
from planeval.domain import topic_flow as flow
from planeval.organizations.models import Unit
from planeval.reports.builders import midterm_report
from planeval.submissions.evidence import WRONG_TYPE
from planeval.topics import access, selectors, services
from planeval.topics.models import Contribution, Topic, TopicStep

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def uploads(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "uploads"
    return settings.MEDIA_ROOT


@pytest.fixture
def world(demo):
    """A topic led by 区金融办 (filler 'jinrong'), supported by 区科委 (filler 'kewei'), just assigned."""
    campaign = Campaign.objects.get(jurisdiction__name="普陀区")
    units = {u.name: u for u in Unit.objects.filter(jurisdiction=campaign.jurisdiction)}
    jinrong = User.objects.create(username="jinrong")
    RoleAssignment.objects.create(user=jinrong, role=Role.FILLER, jurisdiction=campaign.jurisdiction,
                                  unit=units["区金融办"])
    fgw = User.objects.get(username="fgw")
    topic = services.topic_create(
        campaign=campaign, user=fgw, who=access.topic_standing(fgw, campaign), title="金融服务实体经济",
        scope="评估范围", lead_unit=units["区金融办"], supporting_units=[units["区科委"]],
        deadline=flow.Deadline(on=datetime.date(2023, 9, 1)))
    return {"campaign": campaign, "units": units, "topic": topic, "jinrong": jinrong, "fgw": fgw}



def test_the_drc_assigns_a_topic_due_in_working_days_across_national_day(world, as_user):
    campaign, units = world["campaign"], world["units"]
    response = as_user("fgw").post(reverse("topics:new", args=[campaign.id]), {
        "title": "国资国企改革", "scope": "范围", "lead_unit": units["区国资委"].id,
        "supporting_units": [units["长征镇"].id, units["桃浦镇"].id],
        "deadline_event": "专题布置", "deadline_event_on": "2023-09-27", "deadline_days": 2})
    topic = Topic.objects.get(campaign=campaign, title="国资国企改革")
    assert response.status_code == 302
    assert topic.due_on == datetime.date(2023, 10, 7)    # 29 Sep – 6 Oct off, Saturday 7 Oct a workday
    assert topic.state == flow.State.ASSIGNED
    assert sorted(u.name for u in topic.supporting_units.all()) == ["桃浦镇", "长征镇"]
    step = TopicStep.objects.get(topic=topic)
    assert (step.action, step.actor.username) == ("create", "fgw")
    assert AuditEvent.objects.filter(target_type="topics.topic", target_id=str(topic.id), action="transition").exists()
    page = as_user("fgw").get(reverse("topics:detail", args=[topic.id])).content.decode()
    assert "专题布置后2个工作日内（2023年10月7日前）" in page


def test_bad_definitions_are_refused_and_change_nothing(world, as_user):
    campaign, units = world["campaign"], world["units"]
    before = Topic.objects.count()
    response = as_user("fgw").post(reverse("topics:new", args=[campaign.id]), {
        "title": "", "lead_unit": units["区科委"].id, "supporting_units": [units["区科委"].id]})
    content = response.content.decode()
    assert response.status_code == 400
    assert services.TITLE_EMPTY in content and services.LEAD_SUPPORTING in content
    assert flow.DEADLINE_MISSING in content
    assert Topic.objects.count() == before
    other = Unit.objects.exclude(jurisdiction=campaign.jurisdiction).first()
    with pytest.raises(ApplicationError, match=services.UNIT_OUTSIDE):
        services.topic_create(campaign=campaign, user=world["fgw"], who=access.topic_standing(world["fgw"], campaign),
                              title="跨区", scope="", lead_unit=other, supporting_units=[],
                              deadline=flow.Deadline(on=datetime.date(2023, 9, 1)))
    assert Topic.objects.count() == before


def test_an_uncovered_year_is_refused_with_the_calendar_message(world):
    campaign, fgw = world["campaign"], world["fgw"]
    with pytest.raises(ApplicationError, match="节假日日历未包含2099年"):
        services.topic_create(campaign=campaign, user=fgw, who=access.topic_standing(fgw, campaign), title="远期",
                              scope="", lead_unit=world["units"]["区科委"], supporting_units=[],
                              deadline=flow.Deadline(event="批复", event_on=datetime.date(2099, 1, 5), days=3))


def test_the_lead_writes_the_report_with_a_checked_file(world, as_user, uploads):
    topic = world["topic"]
    client = as_user("jinrong")
    fake = SimpleUploadedFile("专题报告.pdf", b"not a pdf at all", "application/pdf")
    response = client.post(reverse("topics:report", args=[topic.id]), {
        "summary": "结论", "findings": "", "suggestions": "", "version": topic.version, "file": fake})
    assert response.status_code == 400
    assert WRONG_TYPE.format(name="专题报告.pdf") in response.content.decode()
    assert Topic.objects.get(id=topic.id).summary == ""      # refused: nothing saved

    real = SimpleUploadedFile("专题报告.pdf", PDF, "application/pdf")
    response = client.post(reverse("topics:report", args=[topic.id]), {
        "summary": "金融服务总体向好", "findings": "发现", "suggestions": "建议", "version": topic.version,
        "file": real})
    assert response.status_code == 302
    topic.refresh_from_db()
    assert (topic.summary, topic.report_file_name, topic.version) == ("金融服务总体向好", "专题报告.pdf", 2)
    download = as_user("kewei").get(reverse("topics:file", args=[topic.id]))
    assert b"".join(download.streaming_content) == PDF
    assert "attachment" in download["Content-Disposition"]
    assert TopicStep.objects.filter(topic=topic, action="report").get().detail["changed"]["summary"] == \
        ["", "金融服务总体向好"]


def test_a_stale_report_form_is_refused(world, as_user):
    topic = world["topic"]
    client = as_user("jinrong")
    client.post(reverse("topics:report", args=[topic.id]), {"summary": "第一稿", "version": 1})
    response = client.post(reverse("topics:report", args=[topic.id]), {"summary": "旧页面上的稿子", "version": 1})
    assert response.status_code == 409
    assert STALE_VERSION.split("{who}")[0] in response.content.decode()
    assert Topic.objects.get(id=topic.id).summary == "第一稿"


def test_only_the_lead_writes_and_only_supporting_units_contribute(world, as_user):
    topic = world["topic"]
    assert as_user("kewei").post(reverse("topics:report", args=[topic.id]),
                                    {"summary": "越权", "version": 1}).status_code == 403
    assert as_user("jinrong").post(reverse("topics:contribute", args=[topic.id]),
                                      {"text": "越权", "version": 0}).status_code == 403
    response = as_user("kewei").post(reverse("topics:contribute", args=[topic.id]),
                                        {"text": "科技金融数据", "version": 0})
    assert response.status_code == 302
    contribution = Contribution.objects.get(topic=topic)
    assert (contribution.unit.name, contribution.text, contribution.version) == ("区科委", "科技金融数据", 1)
    as_user("kewei").post(reverse("topics:contribute", args=[topic.id]), {"text": "过期的材料", "version": 0})
    assert Contribution.objects.get(topic=topic).text == "科技金融数据"     # stale: unchanged
    assert Topic.objects.get(id=topic.id).summary == ""


def _act(client, topic, action, comment=""):
    topic = Topic.objects.get(id=topic.id)
    return client.post(reverse("topics:transition", args=[topic.id, action]),
                       {"version": topic.version, "comment": comment}, follow=True)


def test_the_route_from_assigned_to_accepted_feeds_the_midterm_report(world, as_user):
    topic, campaign = world["topic"], world["campaign"]
    lead, drc = as_user("jinrong"), as_user("fgw")
    _act(lead, topic, "start")
    response = _act(lead, topic, "submit")
    assert flow.REPORT_EMPTY in response.content.decode()
    assert Topic.objects.get(id=topic.id).state == flow.State.RESEARCHING
    lead.post(reverse("topics:report", args=[topic.id]),
              {"summary": "金融服务实体经济成效明显", "findings": "科技信贷增长较快", "version": 2})
    _act(lead, topic, "submit")
    response = _act(drc, topic, "return")
    assert flow.NEEDS_REASON in response.content.decode()
    assert Topic.objects.get(id=topic.id).state == flow.State.SUBMITTED
    _act(drc, topic, "return", "请补充数据")
    assert Topic.objects.get(id=topic.id).state == flow.State.RETURNED
    _act(lead, topic, "submit")
    _act(drc, topic, "accept", "同意")
    topic.refresh_from_db()
    assert topic.state == flow.State.ACCEPTED
    assert [s.action for s in topic.steps.all()] == ["create", "start", "report", "submit", "return", "submit",
                                                     "accept"]
    # Accepted: the definition and the report are closed.
    response = drc.post(reverse("topics:edit", args=[topic.id]), {"title": "改名", "lead_unit": topic.lead_unit_id,
                                                                  "deadline_on": "2023-09-01", "version": topic.version})
    assert services.NOT_EDITABLE in response.content.decode()
    assert Topic.objects.get(id=topic.id).title == "金融服务实体经济"

    part = selectors.report_part(campaign)
    assert part[0].title == selectors.TOPICS_TITLE
    assert any("围绕“金融服务实体经济”开展专题评估（由区金融办牵头、区科委配合）。金融服务实体经济成效明显。"
               "主要发现：科技信贷增长较快。" == p for p in part[0].paragraphs)
    report = midterm_report(campaign)
    titles = [s.title for s in report.sections]
    numbered = [t for t in titles if t.endswith("专题评估情况")]
    assert len(numbered) == 1 and numbered[0].startswith("（")
    assert titles.index(numbered[0]) < titles.index("二、规划实施面临的主要问题和风险挑战")


def test_the_drc_edits_a_topic_with_a_recorded_change(world, as_user):
    topic = world["topic"]
    units = world["units"]
    response = as_user("fgw").post(reverse("topics:edit", args=[topic.id]), {
        "title": "金融服务实体经济", "scope": "新的范围", "lead_unit": units["区金融办"].id,
        "supporting_units": [units["区科委"].id, units["区商务委"].id], "deadline_on": "2023-09-15",
        "version": topic.version})
    assert response.status_code == 302
    topic.refresh_from_db()
    assert topic.due_on == datetime.date(2023, 9, 15) and topic.version == 2
    changed = topic.steps.get(action="edit").detail["changed"]
    assert changed["due_on"] == ["2023-09-01", "2023-09-15"]
    assert changed["supporting_units"] == [["区科委"], ["区商务委", "区科委"]]


def test_due_items_for_reminders(world):
    topic, campaign = world["topic"], world["campaign"]
    items = {i.key: i for i in selectors.due_items(campaign)}
    mine = items[f"topic:{topic.id}"]
    assert mine.title == "专题评估《金融服务实体经济》报告报送"
    assert (mine.due_on, mine.unit_ids, mine.done) == (datetime.date(2023, 9, 1), (topic.lead_unit_id,), False)
    assert mine.url == reverse("topics:detail", args=[topic.id])
    accepted = Topic.objects.get(campaign=campaign, title="优化营商环境")
    assert items[f"topic:{accepted.id}"].done is True


def test_units_see_only_their_topics(world, as_user):
    page = as_user("kewei").get(reverse("topics:list", args=[world["campaign"].id])).content.decode()
    assert "金融服务实体经济" in page and "城区数字化转型" in page
    assert "优化营商环境" not in page
    drc_page = as_user("fgw").get(reverse("topics:list", args=[world["campaign"].id])).content.decode()
    assert "优化营商环境" in drc_page and "示例数据" in drc_page
