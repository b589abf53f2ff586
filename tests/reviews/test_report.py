"""The compiled report cites third-party disagreements and carries the selected cases; the unit's
自评报告 carries its own cases under Putuo's 附件：典型案例剖析. Each .docx is read back."""
import io

import docx
from django.urls import reverse

from planeval.organizations.models import Unit
from planeval.reports.services import export_document
from planeval.reviews import selectors, services
from planeval.reviews.models import Case

from .conftest import client_as


def _text(content: bytes) -> tuple[str, list[list[list[str]]]]:
    document = docx.Document(io.BytesIO(content))
    paragraphs = "\n".join(p.text for p in document.paragraphs)
    tables = [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables]
    return paragraphs, tables


def _review_table(tables):
    return next(t for t in tables if t[0][:5] == ["序号", "事项", "牵头单位", "自评结论", "第三方评估结论"])


def test_the_compiled_report_lists_the_items_where_the_evaluator_disagrees(campaign, grant):
    rows = selectors.disagreements(campaign)
    assert len(rows) == 2   # the demo: one letter off, two letters off
    exported = export_document(campaign=campaign, kind="midterm-report", fmt="docx")
    paragraphs, tables = _text(exported.content)
    assert "（四）第三方评估情况" in paragraphs
    assert "委托华东规划评估研究中心（示例）开展第三方评估" in paragraphs
    assert "不一致2项（相差两级及以上1项）" in paragraphs
    table = _review_table(tables)
    assert len(table) == 3
    strong = next(r for r in rows if r.agreement.value == "strong")
    line = next(row for row in table[1:] if strong.item.name in row[1])
    assert line[3].startswith(strong.item.self_rating)
    assert line[4] == f"{strong.outside_rating}（相差两级及以上）"
    assert line[5] == "华东规划评估研究中心（示例）"
    assert line[6] == strong.conclusion.comment + "（示例数据）"


def test_agreeing_conclusions_are_not_cited(campaign, grant):
    for row in selectors.disagreements(campaign):
        services.conclusion_save(grant=grant, item_type=row.item.item_type, item_id=row.item.item_id,
                                 rating=row.item.self_rating, comment="复核后同意", user=grant.user,
                                 expected_version=None)
    paragraphs, tables = _text(export_document(campaign=campaign, kind="midterm-report", fmt="docx").content)
    assert "不一致0项" in paragraphs
    assert not any(t[0][:5] == ["序号", "事项", "牵头单位", "自评结论", "第三方评估结论"] for t in tables)


def test_the_compiled_report_appends_the_selected_cases_in_order(campaign):
    unit = Unit.objects.get(jurisdiction=campaign.jurisdiction, name="区科委")
    kewei_case = Case.objects.get(campaign=campaign, unit=unit)
    other = Case.objects.exclude(pk=kewei_case.pk).get(campaign=campaign)
    fgw = client_as("fgw")
    fgw.post(reverse("reviews:case_select", args=[other.id]), {"selected": "on", "position": "1"})
    fgw.post(reverse("reviews:case_select", args=[kewei_case.id]), {"selected": "on", "position": "2"})
    paragraphs, _ = _text(export_document(campaign=campaign, kind="midterm-report", fmt="docx").content)
    appendix = paragraphs[paragraphs.rindex("典型案例"):]
    first, second = f"案例1　{other.title}（示例数据）", f"案例2　{kewei_case.title}（示例数据）"
    assert appendix.index(first) < appendix.index(second)
    assert f"报送单位：{other.unit.full_name or other.unit.name}" in appendix
    assert "主要做法：" in appendix and "取得成效：" in appendix
    fgw.post(reverse("reviews:case_select", args=[other.id]), {"selected": ""})
    paragraphs, _ = _text(export_document(campaign=campaign, kind="midterm-report", fmt="docx").content)
    assert other.title not in paragraphs and f"案例1　{kewei_case.title}" in paragraphs


def test_the_units_self_report_carries_its_own_cases_under_the_appendix(campaign):
    unit = Unit.objects.get(jurisdiction=campaign.jurisdiction, name="区科委")
    client_as("kewei").post(reverse("reviews:case_new", args=[campaign.id]), {
        "title": "科技金融服务创新", "area": "坚持创新驱动", "kind": "policy", "summary": "概况。",
        "measures": "做法一。\n做法二。", "results": "成效。"})
    paragraphs, _ = _text(export_document(campaign=campaign, kind="self-report", fmt="docx", unit=unit).content)
    appendix = paragraphs[paragraphs.index("附件：典型案例剖析"):]
    assert "案例1　打造“一轴一园一中心”科技创新承载区（示例数据）" in appendix
    assert "案例2　科技金融服务创新" in appendix
    assert "主要做法：做法一。\n做法二。" in appendix and "案例类型：政策" in appendix
    # Another unit's case stays out of 区科委's report.
    assert "推行“一网通办”" not in paragraphs
