"""指标调整方案 (.docx, .xlsx) and 方案说明 (.docx), downloaded as the DRC and read back."""
import io

import pytest
from django.urls import reverse
from docx import Document

from .conftest import docx_text, xlsx_cells

pytestmark = pytest.mark.django_db


def download(client, campaign, kind, fmt) -> bytes:
    response = client.get(reverse("reports:compiled", args=[campaign.id, kind, fmt]))
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_the_plan_lists_approved_changes_only_as_word(as_user, campaign):
    content = download(as_user("fgw"), campaign, "adjustment-plan", "docx")
    document = Document(io.BytesIO(content))
    assert document.paragraphs[0].text == "关于普陀区“十四五”规划纲要部分指标的调整方案"
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["序号", "调整事项", "责任单位", "调整前", "调整后", "调整理由", "测算依据"]
    rows = [[c.text for c in row.cells] for row in table.rows[1:]]
    # The demo's applied sample is in; its pending sample (新增企业上市数, still under review) is not.
    assert len(rows) == 1
    number, item, unit, before, after, reason, basis = rows[0]
    assert (number, unit, before, after) == ("1", "区商务委", "累计 15", "累计 12")
    assert item == "指标“新增跨国公司地区总部数”（个）（示例数据）"
    assert "地区总部认定放缓" in reason and "按年均2.4家推算" in basis
    assert "新增企业上市数" not in docx_text(content)


def test_the_plan_as_a_sheet_says_how_it_was_decided(as_user, campaign):
    cells = xlsx_cells(download(as_user("fgw"), campaign, "adjustment-plan", "xlsx"))
    for text in ("调整类型", "办理状态", "审定情况", "累计 15", "累计 12", "目标值调整", "已生效"):
        assert text in cells, text
    decision = next(c for c in cells if c.startswith("区政府常务会议"))
    assert "2023-09-12" in decision and "2023-11-03报区人大常委会" in decision and "2023-11-08起生效" in decision


def test_the_explanation_walks_through_each_change(as_user, campaign):
    text = docx_text(download(as_user("fgw"), campaign, "adjustment-explanation", "docx"))
    assert text.startswith("关于普陀区“十四五”规划纲要实施情况中期评估报告和部分指标调整方案的说明")
    for part in ("一、调整的必要性", "二、调整的原则", "三、调整的主要内容", "本次共提出调整1项（目标值调整1项）",
                 "（一）关于指标“新增跨国公司地区总部数”（个）（示例数据）", "由“累计 15”调整为“累计 12”"):
        assert part in text, part


def test_a_unit_cannot_download_the_compiled_plan(as_user, campaign):
    assert as_user("kewei").get(reverse("reports:compiled", args=[campaign.id, "adjustment-plan", "docx"])) \
        .status_code == 403
