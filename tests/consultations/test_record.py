"""The consultation record (征求意见情况) exported as .xlsx and .docx and read back."""
import io

import docx
from openpyxl import load_workbook

from planeval.consultations import selectors
from planeval.consultations.models import Comment
from planeval.domain.consultation import OPEN_COMMENTS
from tests.conftest import client_for


def _docx_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_record_xlsx_read_back(campaign, sample_round):
    response = client_for("fgw").get(f"/c/{campaign.id}/consultation/record.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:9] == ("轮次", "读者类别", "读者", "请阅章节", "反馈情况", "章节", "意见", "引用原文", "处理")
    by_reader = {r[2]: r for r in rows[1:]}
    deputy = by_reader["王某某（示例数据）（区人大代表）"]
    assert deputy[1] == "人大代表" and deputy[8] == "部分采纳" and "养老服务设施缺口已补充" in deputy[9]
    assert by_reader["某科技有限公司（示例数据）（企业代表）"][8] == "未答复"
    assert by_reader["李某某（示例数据）（区政协委员）"][4].startswith("无意见")
    assert by_reader["区金融办"][4] == "未反馈（已逾期）"
    assert len(rows) - 1 == Comment.objects.filter(invitation__round=sample_round).count() + 2   # + 2 without comments


def test_record_docx_read_back(campaign):
    response = client_for("leader").get(f"/c/{campaign.id}/consultation/record.docx")
    assert response.status_code == 200
    text = _docx_text(response.content)
    assert "普陀区“十四五”规划实施中期评估报告征求意见情况" in text
    assert "共征求7位（家）读者意见，6位（家）反馈，收到意见5条，其中采纳2条、部分采纳1条、不采纳1条，尚未答复1条。" in text
    assert "约束性指标的保障措施由各牵头部门在自评报告中逐项提出" in text
    assert "政协委员" in text and "企业代表" in text and "示例数据" in text


def test_record_document_for_the_congress_package(campaign):
    title, filename, content = selectors.record_document(campaign)
    assert filename == f"{title}.docx"
    assert "尚未答复1条" in _docx_text(content)


def test_no_round_no_record(demo):
    from planeval.campaigns.models import Campaign

    other = Campaign.objects.exclude(jurisdiction__name="普陀区").first()
    assert selectors.record_document(other) is None
    assert selectors.due_items(other) == []


def test_index_shows_the_pending_gate(campaign):
    page = client_for("fgw").get(f"/c/{campaign.id}/consultation/").content.decode()
    assert "征求意见稿" in page and "尚有1条意见未答复" in page and "推进为送审稿" in page
    response = client_for("fgw").post(f"/c/{campaign.id}/consultation/versions/promote/",
                                      {"expected_number": 2}, follow=True)
    assert OPEN_COMMENTS.format(count=1) in response.content.decode()


def test_version_docx_is_the_kept_snapshot(campaign, consult_version):
    response = client_for("observer").get(f"/consultation/versions/{consult_version.id}/docx/")
    text = _docx_text(response.content)
    assert "（征求意见稿）" in text
    assert consult_version.sections[0]["title"] in text
