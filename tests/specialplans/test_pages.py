"""The pages: the report form (htmx and plain, optimistic locking), the route over HTTP, the
.docx read back, the list and its export, the DRC's board, and what other apps take from here."""
import io

import openpyxl
from django.urls import reverse

from planeval.adjustments import services as adjustment_services
from planeval.planning.models import Indicator, Plan
from planeval.reports.builders import midterm_report
from planeval.specialplans import selectors
from planeval.specialplans.models import SpecialPlanEvaluation, Step

from .conftest import (
    PLAN,
    act,
    docx_text,
    flashed,
    fresh,
    step,
    user,
    walk_to_reviewing,
)


def report_body(evaluation, **data):
    return {"version": fresh(evaluation).version, "conclusion": "B", "section-1.1": "", **data}


def test_htmx_save_swaps_the_form_and_keeps_the_text(as_user, evaluation):
    client = as_user("kewei")
    url = reverse("specialplans:report", args=[evaluation.id])
    response = client.post(url, report_body(evaluation, **{"section-2.1": "主要任务有序推进。"}), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="sp-work">') and "评估报告已保存。" in html
    # The step forms are swapped with the report, so they carry the new version.
    assert f'name="version" value="{fresh(evaluation).version}"' in html.split('aria-label="办理"')[1]
    assert "主要任务有序推进。" in html
    assert fresh(evaluation).sections == {"2.1": "主要任务有序推进。"}


def test_a_stale_form_is_refused_and_what_was_typed_stays(as_user, evaluation):
    client = as_user("kewei")
    url = reverse("specialplans:report", args=[evaluation.id])
    client.post(url, report_body(evaluation, **{"section-1.1": "第一稿"}))
    response = client.post(url, {"version": 1, "conclusion": "C", "section-1.1": "旧页面上的修改"},
                           HTTP_HX_REQUEST="true")
    assert response.status_code == 409
    html = response.content.decode()
    assert "保存冲突" in html and "您的保存未生效" in html and "旧页面上的修改" in html
    assert fresh(evaluation).sections["1.1"] == "第一稿" and fresh(evaluation).conclusion == "B"


def test_the_route_over_http_with_messages(as_user, evaluation):
    kewei, fgw, leader = as_user("kewei"), as_user("fgw"), as_user("leader")
    assert "已征求意见。" in flashed(act(kewei, evaluation, "consult", comment="征求区相关部门意见"))
    act(kewei, evaluation, "submit")
    response = act(fgw, evaluation, "feedback")
    assert "“出具反馈意见”须填写意见。" in flashed(response)
    assert fresh(evaluation).state == "submitted"
    act(fgw, evaluation, "feedback", comment="请补充数据来源。")
    assert fresh(evaluation).state == "revising"
    act(kewei, evaluation, "send")
    page = leader.get(reverse("specialplans:detail", args=[evaluation.id])).content.decode()
    assert "step-approve" in page and "step-return" in page
    assert "已审定。" in flashed(act(leader, evaluation, "approve"))
    act(kewei, evaluation, "file")
    assert fresh(evaluation).state == "filed"
    page = fgw.get(reverse("specialplans:detail", args=[evaluation.id])).content.decode()
    assert "请补充数据来源。" in page and "已报发改委备案" in page


def test_docx_has_framework_sections_text_and_adjustment_chapter(as_user, evaluation, campaign):
    as_user("kewei").post(reverse("specialplans:report", args=[evaluation.id]),
                          report_body(evaluation, **{"section-1.1": "中期完成情况良好。", "section-4.2": "加快项目建设。"}))
    # The plan gets an indicator of its own, with an adjustment proposed on it: Putuo's 专章.
    indicator = Indicator.objects.create(plan=evaluation.plan, name="软件和信息服务业营业收入", measure_unit="亿元",
                                         target_text="1000", lead_unit=evaluation.unit)
    adjustment_services.adjustment_draft(campaign=campaign, user=user("kewei"), unit=evaluation.unit,
                                         item_type="indicator", item=indicator, kind="target", after="900",
                                         reason="受外部环境影响", basis="按年均增速测算")
    response = as_user("fgw").get(reverse("specialplans:download", args=[evaluation.id]))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    text = docx_text(response.content)
    assert f"《{PLAN}》中期评估报告" in text
    assert "第一部分：“十四五”规划主要指标完成情况评估" in text and "中期完成情况良好。" in text
    assert "加快项目建设。" in text and "B 进展良好" in text
    assert "规划指标调整专章" in text and "由“1000”调整为“900”" in text and "受外部环境影响" in text
    assert "软件和信息服务业营业收入" in text          # the plan's own indicator table
    assert "当前状态：起草中（未审定稿）" in text


def test_docx_without_adjustments_has_no_chapter(as_user, evaluation):
    text = docx_text(as_user("kewei").get(reverse("specialplans:download", args=[evaluation.id])).content)
    assert "规划指标调整专章" not in text and "主要指标评估表" not in text


def test_list_filters_and_export(as_user, campaign):
    client = as_user("fgw")
    url = reverse("specialplans:list", args=[campaign.id])
    page = client.get(url, {"state": "filed"}).content.decode()
    filed = SpecialPlanEvaluation.objects.filter(campaign=campaign, state="filed").select_related("plan")
    assert filed and all(e.plan.name in page for e in filed)
    assert PLAN not in page and "示例数据" in page
    response = client.get(reverse("specialplans:export", args=[campaign.id, "xlsx"]), {"state": "filed"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == ("序号", "规划名称", "规划类型", "牵头部门", "状态")
    assert len(rows) == 1 + filed.count() and all(r[4] == "已报发改委备案" for r in rows[1:])


def test_board_shows_special_plan_states(as_user, campaign):
    page = as_user("fgw").get(reverse("submissions:board", args=[campaign.id])).content.decode()
    assert "专项规划评估" in page
    counts = {label: n for _code, label, n in selectors.state_counts(campaign)}
    assert sum(counts.values()) == 44
    for label, n in counts.items():
        assert f"<b>{n}</b><span>{label}</span>" in page
    assert reverse("specialplans:list", args=[campaign.id]) in page


def test_demo_spreads_the_44_plans_over_the_route(campaign):
    states = {s for s in SpecialPlanEvaluation.objects.filter(campaign=campaign).values_list("state", flat=True)}
    assert {"drafting", "consulting", "submitted", "revising", "reviewing", "approved", "filed"} <= states
    assert SpecialPlanEvaluation.objects.filter(campaign=campaign, is_sample=False).count() == 0
    packaged = SpecialPlanEvaluation.objects.filter(campaign=campaign, in_package=True).first()
    assert [s.action for s in Step.objects.filter(evaluation=packaged).order_by("id")] == [
        "edit", "consult", "submit", "feedback", "send", "approve", "file", "package"]
    assert packaged.conclusion and packaged.sections


def test_report_part_and_package(campaign):
    (section,) = selectors.report_part(campaign)
    text = "".join(section.paragraphs)
    approved = SpecialPlanEvaluation.objects.filter(campaign=campaign, state__in=("approved", "filed")).count()
    assert section.title == "专项规划中期评估情况"
    assert "共44项" in text and f"已经分管区领导审定{approved}项" in text
    packaged = list(SpecialPlanEvaluation.objects.filter(campaign=campaign, in_package=True).select_related("plan"))
    assert len(packaged) == 4 and all(f"《{e.plan.name}》" in text for e in packaged)
    documents = selectors.package_documents(campaign)
    assert [title for title, _f, _b in documents] == [f"《{e.plan.name}》中期评估报告" for e in packaged]
    _title, filename, content = documents[0]
    assert filename.endswith("中期评估报告.docx")
    assert "已经分管区领导审定" in docx_text(content)


def test_midterm_report_has_the_special_plan_section(campaign):
    titles = [s.title for s in midterm_report(campaign).sections]
    # A numbered part of 一、规划实施总体进展情况, before the problems.
    special = next(n for n, title in enumerate(titles) if title.endswith("）专项规划中期评估情况"))
    assert special < titles.index("二、规划实施面临的主要问题和风险挑战")
    SpecialPlanEvaluation.objects.filter(campaign=campaign).delete()
    assert not any("专项规划中期评估情况" in s.title for s in midterm_report(campaign).sections)
    assert selectors.package_documents(campaign) == []


def test_due_items_one_per_plan_done_once_sent(campaign, evaluation):
    items = {i.key: i for i in selectors.due_items(campaign)}
    assert len(items) == 44
    mine = items[f"specialplan:{evaluation.id}"]
    assert not mine.done and mine.unit_ids == (evaluation.unit_id,)
    assert mine.url == reverse("specialplans:detail", args=[evaluation.id])
    assert mine.due_on == selectors.due_on(campaign)
    step(evaluation, "kewei", "consult")
    step(evaluation, "kewei", "submit")
    assert {i.key: i for i in selectors.due_items(campaign)}[f"specialplan:{evaluation.id}"].done


def test_a_campaign_with_only_the_outline_has_no_evaluations(campaign):
    from planeval.specialplans import services

    outline_only = Plan.objects.filter(jurisdiction=campaign.jurisdiction, kind=Plan.Kind.OUTLINE)
    campaign.plans.set(outline_only)
    SpecialPlanEvaluation.objects.filter(campaign=campaign).delete()
    assert services.evaluations_create(campaign=campaign) == 0
    assert selectors.report_part(campaign) == ()
    assert selectors.due_items(campaign) == []


def test_a_step_with_a_document_over_http_and_its_download(as_user, evaluation):
    from django.core.files.uploadedfile import SimpleUploadedFile

    kewei = as_user("kewei")
    bad = SimpleUploadedFile("征求意见汇总.docx", b"plain text, not Word")
    response = act(kewei, evaluation, "consult", comment="征求意见", document=bad)
    assert "文件“征求意见汇总.docx”不是允许的格式（PDF、Word、Excel、JPG、PNG），未上传。" in flashed(response)
    assert fresh(evaluation).state == "drafting" and not Step.objects.filter(evaluation=evaluation).exists()
    good = SimpleUploadedFile("征求意见汇总.pdf", b"%PDF-1.4 summary")
    act(kewei, evaluation, "consult", comment="征求意见", document=good)
    saved = Step.objects.get(evaluation=evaluation, action="consult")
    download = as_user("fgw").get(reverse("specialplans:document", args=[saved.id]))
    assert b"".join(download.streaming_content) == b"%PDF-1.4 summary"
    assert "征求意见汇总.pdf" in download["Content-Disposition"] or "%E5%BE%81" in download["Content-Disposition"]


def test_drc_marks_an_approved_report_for_the_package(as_user, evaluation, campaign):
    fgw = as_user("fgw")
    detail = reverse("specialplans:detail", args=[evaluation.id])
    assert 'name="in_package"' not in fgw.get(detail).content.decode()     # not approved yet
    walk_to_reviewing(evaluation)
    step(evaluation, "leader", "approve")
    assert 'name="in_package"' in fgw.get(detail).content.decode()
    response = fgw.post(reverse("specialplans:package", args=[evaluation.id]),
                        {"in_package": "on", "version": fresh(evaluation).version}, follow=True)
    assert "已设置随中期评估报告报送。" in flashed(response)
    assert fresh(evaluation).in_package
    assert f"《{PLAN}》中期评估报告" in [t for t, _f, _b in selectors.package_documents(campaign)]
