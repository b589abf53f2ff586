"""The outside evaluator: its own conclusions by form (htmx, optimistic locking) or spreadsheet."""
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from planeval.audit.models import AuditEvent
from planeval.campaigns.models import Campaign
from planeval.core.errors import STALE_VERSION
from planeval.reviews import selectors, services
from planeval.reviews.models import Conclusion, ConclusionUpload, ItemType, ReviewRevision
from planeval.reviews.access import NOT_GRANTED

from .conftest import client_as, workbook_bytes

STALE_PREFIX = STALE_VERSION.split("{who}")[0]
STALE_SUFFIX = STALE_VERSION.split("{when}")[1]


def _item(campaign, item_type=ItemType.INDICATOR, index=15):
    return [i for i in selectors.campaign_items(campaign) if i.item_type == item_type][index]


def test_the_evaluator_records_a_conclusion_through_htmx_with_history_and_audit(campaign, grant):
    item = _item(campaign)
    url = reverse("reviews:conclusion", args=[grant.id, item.item_type, item.item_id])
    client = client_as("pinggu")
    form = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-post="' in form and 'name="version" value="0"' in form and "<tr" in form.lstrip()[:5]
    response = client.post(url, {"rating": "C", "comment": "进度偏慢。", "version": "0"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "rating-C" in response.content.decode() and "已保存" in response.content.decode()
    stored = Conclusion.objects.get(grant=grant, item_type=item.item_type, item_id=item.item_id)
    assert (stored.rating, stored.comment, stored.version) == ("C", "进度偏慢。", 1)
    assert stored.updated_by.username == "pinggu"
    assert set(ReviewRevision.objects.filter(object_type="conclusion", object_id=stored.id)
               .values_list("field", "new_value")) == {("rating", "C"), ("comment", "进度偏慢。")}
    event = AuditEvent.objects.filter(target_type="reviews.conclusion", target_id=str(stored.id)).get()
    assert event.action == "value_change" and event.user.username == "pinggu"
    assert event.detail["changes"]["rating"] == ["", "C"]


def test_a_stale_form_is_refused_and_nothing_is_overwritten(campaign, grant):
    item = _item(campaign, index=16)
    url = reverse("reviews:conclusion", args=[grant.id, item.item_type, item.item_id])
    client_as("pinggu").post(url, {"rating": "B", "comment": "第一次", "version": "0"})
    # The DRC, recording on the evaluator's behalf, saves first …
    client_as("fgw").post(url, {"rating": "A", "comment": "发改委代录", "version": "1"})
    # … then the evaluator saves the form it opened at version 1.
    response = client_as("pinggu").post(url, {"rating": "D", "comment": "晚到的修改", "version": "1"})
    assert response.status_code == 409
    html = response.content.decode()
    assert STALE_PREFIX in html and STALE_SUFFIX in html
    stored = Conclusion.objects.get(grant=grant, item_type=item.item_type, item_id=item.item_id)
    assert (stored.rating, stored.comment, stored.version) == ("A", "发改委代录", 2)
    htmx = client_as("pinggu").post(url, {"rating": "D", "comment": "晚到的修改", "version": "1"},
                                    HTTP_HX_REQUEST="true").content.decode()
    assert STALE_PREFIX in htmx and "当前已保存：A 发改委代录" in htmx


def test_a_bad_letter_is_refused_by_the_service(campaign, grant):
    item = _item(campaign, index=17)
    with pytest.raises(Exception) as refused:
        services.conclusion_save(grant=grant, item_type=item.item_type, item_id=item.item_id, rating="E",
                                 comment="", user=grant.user, expected_version=None)
    assert refused.value.message == services.BAD_RATING
    assert not Conclusion.objects.filter(grant=grant, item_type=item.item_type, item_id=item.item_id).exists()


def test_the_evaluator_sees_only_the_campaign_it_was_granted(campaign, grant):
    other = Campaign.objects.create(jurisdiction=campaign.jurisdiction, name="普陀区某专项规划评估（测试）")
    other.plans.set(campaign.plans.all())
    client = client_as("pinggu")
    assert client.get(reverse("reviews:start", args=[campaign.id])).status_code == 302
    refused = client.get(reverse("reviews:start", args=[other.id]))
    assert refused.status_code == 403
    from planeval.reviews.models import EvaluatorGrant

    drc_grant = services.grant_create(campaign=other, organisation="另一家机构（测试）", account=None,
                                      user=grant.granted_by)
    assert client.get(reverse("reviews:grant", args=[drc_grant.id])).status_code == 403
    assert NOT_GRANTED in client.get(reverse("reviews:grant", args=[drc_grant.id])).content.decode()
    item = _item(other)
    assert client.post(reverse("reviews:conclusion", args=[drc_grant.id, item.item_type, item.item_id]),
                       {"rating": "A", "version": "0"}).status_code == 403
    assert not Conclusion.objects.filter(grant=drc_grant).exists()
    assert EvaluatorGrant.objects.filter(user__username="pinggu").count() == 1


def test_a_revoked_evaluator_can_no_longer_record(campaign, grant):
    services.grant_revoke(grant=grant, user=grant.granted_by)
    item = _item(campaign, index=18)
    response = client_as("pinggu").post(reverse("reviews:conclusion", args=[grant.id, item.item_type, item.item_id]),
                                        {"rating": "A", "version": "0"})
    assert response.status_code == 403
    # The DRC still may open the page, and the service refuses with the reason.
    response = client_as("fgw").post(reverse("reviews:conclusion", args=[grant.id, item.item_type, item.item_id]),
                                     {"rating": "A", "version": "0"})
    assert services.GRANT_REVOKED in response.content.decode()
    assert AuditEvent.objects.filter(target_type="reviews.evaluatorgrant",
                                     detail__revoke="third_party_evaluator").exists()


def _upload(client, grant, data, name="结论.xlsx"):
    return client.post(reverse("reviews:upload", args=[grant.id]),
                       {"file": SimpleUploadedFile(name, data, "application/octet-stream")})


def test_an_upload_with_a_bad_row_is_refused_naming_the_row_and_changes_nothing(campaign, grant):
    good, other = _item(campaign, index=19), _item(campaign, ItemType.TASK, index=5)
    before = Conclusion.objects.filter(grant=grant).count()
    data = workbook_bytes([
        ("指标", good.number, good.name, "B", "进展良好"),
        ("任务", other.number, other.name, "进展很好", ""),          # row 3: not a letter
        ("指标", "", "不存在的指标", "C", ""),                         # row 4: no such item
    ])
    client = client_as("pinggu")
    html = _upload(client, grant, data).content.decode()
    assert "第3行“评估结论”列：“进展很好”不是评估结论，应为A、B、C、D之一" in html
    assert "第4行“事项名称”列：本次评估工作中找不到指标“不存在的指标”" in html
    assert "确认导入</button>" not in html
    assert Conclusion.objects.filter(grant=grant).count() == before


def test_an_upload_is_previewed_then_committed(campaign, grant):
    first, task = _item(campaign, index=20), _item(campaign, ItemType.TASK, index=6)
    data = workbook_bytes([("指标", first.number, first.name, "B 进展良好", "按期推进"),
                           ("主要任务", task.number, task.name, "c", "需加快")])
    client = client_as("pinggu")
    response = _upload(client, grant, data)
    html = response.content.decode()
    assert response.status_code == 200 and "新增 2 项" in html and "确认导入</button>" in html
    assert not Conclusion.objects.filter(grant=grant, item_id=first.item_id, item_type="indicator").exists()
    kept = ConclusionUpload.objects.get(grant=grant)
    response = client.post(reverse("reviews:upload_commit", args=[kept.id]))
    assert response.status_code == 302
    assert Conclusion.objects.get(grant=grant, item_type="indicator", item_id=first.item_id).rating == "B"
    assert Conclusion.objects.get(grant=grant, item_type="task", item_id=task.item_id).comment == "需加快"
    kept.refresh_from_db()
    assert kept.committed_at is not None
    assert AuditEvent.objects.filter(action="import", detail__kind="evaluations", outcome="success").exists()
    # Importing the same file again changes nothing.
    again = _upload(client, grant, data).content.decode()
    assert "新增 0 项，修改 0 项，不变 2 项" in again


def test_the_template_lists_the_campaigns_items_and_reads_back(campaign, grant):
    client = client_as("pinggu")
    blank = load_workbook(io.BytesIO(client.get(reverse("reviews:template", args=[grant.id])).content))
    assert [c.value for c in blank.active[1]] == ["事项类型", "序号", "事项名称", "评估结论", "评估意见"]
    assert blank.active["A2"].value == "示例"
    full = client.get(reverse("reviews:template", args=[grant.id]) + "?items=1").content
    sheet = load_workbook(io.BytesIO(full)).active
    assert sheet.max_row == 2 + len(selectors.campaign_items(campaign))
    html = _upload(client, grant, full, "全部事项.xlsx").content.decode()
    assert "须修改后才能导入" not in html.split("预检结果")[1]   # every listed item is found again
