"""The audit list as a spreadsheet (the 导出 buttons of /audit/)."""
import json

from django.utils import timezone

from planeval.audit.actions import Action, Outcome
from planeval.reports.tables import ListTable

HEADERS = ("序号", "时间", "用户名", "地址", "事件", "对象类型", "对象编号", "对象", "结果", "详情", "哈希")


def event_table(events) -> ListTable:
    rows = [
        (e.id, timezone.localtime(e.at).strftime("%Y-%m-%d %H:%M:%S"), e.username, e.address,
         Action(e.action).label if e.action in Action.values else e.action, e.target_type, e.target_id,
         e.target_repr, Outcome(e.outcome).label if e.outcome in Outcome.values else e.outcome,
         json.dumps(e.detail, ensure_ascii=False, sort_keys=True), e.hash)
        for e in events.iterator(chunk_size=2000)
    ]
    return ListTable(title="审计记录", headers=HEADERS, rows=rows)
