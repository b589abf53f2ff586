"""第三方评估结论: an outside evaluator's conclusions, one row per item (事项类型, 序号, 事项名称,
评估结论, 评估意见).

The table is imported into one evaluator's grant (``ctx.scope``) from the evaluator's own page
(planeval/reviews), never from the jurisdiction's import page. An item is found among the
campaign's items by its type and name (or, for tasks, its number); the letter is read leniently
(``B``, ``b``, ``B 进展良好…``). Every write goes through ``reviews.services.conclusion_save``,
which keeps the history and the audit trail.
"""
from __future__ import annotations

from planeval.core.errors import ApplicationError
from planeval.domain import cells
from planeval.domain.review_compare import rating_letter

from .base import Column, Context, Sheet, describe

TITLE = "第三方评估结论"
COLUMNS = (
    Column("item_type", "事项类型", ("类型", "类别"), required=True, width=10, note="指标、任务或项目"),
    Column("number", "序号", ("编号",), width=8, note="指标、任务的序号（与规划纲要一致）；项目可留空"),
    Column("name", "事项名称", ("名称", "指标名称", "任务名称", "项目名称", "指标", "任务", "项目"), required=True,
           width=40, note="指标名称、任务名称或项目名称，与规划纲要一致"),
    Column("rating", "评估结论", ("第三方评估结论", "结论"), required=True, width=10,
           note="A、B、C、D之一：A进展超前、B进展良好、C进展较慢、D情况变化难以完成；只写意见时可留空"),
    Column("comment", "评估意见", ("意见", "评估说明", "说明", "理由"), width=60,
           note="评估依据和意见，C、D请说明原因"),
)
EXAMPLE = ("示例", "1", "地区生产总值年均增长率", "B", "经核查统计数据，进度与时间进度基本同步。")

TYPE_NAMES = {"指标": "indicator", "主要指标": "indicator", "任务": "task", "主要任务": "task", "重点任务": "task",
              "项目": "project", "重大项目": "project", "重点项目": "project"}
ERR_TYPE = "“{value}”不是事项类型，应为指标、任务或项目"
ERR_NO_ITEM = "本次评估工作中找不到{type}“{name}”（请核对名称或序号，或下载含全部事项的模板）"
ERR_RATING = "“{value}”不是评估结论，应为A、B、C、D之一"
ERR_EMPTY = "评估结论和评估意见不能都为空"
ERR_DUPLICATE = "{type}“{name}”在本表中重复出现（第{first}行已有）"
ERR_NO_SCOPE = "第三方评估结论须在“第三方评估”页面上传"
FIELD_LABELS = {"rating": "评估结论", "comment": "评估意见"}


class _Items:
    """The campaign's items by (type, name key) and (type, number)."""

    def __init__(self, campaign):
        from planeval.reviews.selectors import campaign_items

        self.by_name, self.by_number = {}, {}
        for item in campaign_items(campaign):
            self.by_name.setdefault((item.item_type, cells.key_of(item.name)), item)
            if item.number:
                self.by_number.setdefault((item.item_type, cells.key_of(item.number)), item)

    def find(self, item_type: str, number: str, name: str):
        found = self.by_name.get((item_type, cells.key_of(name)))
        if found is None and number:
            found = self.by_number.get((item_type, cells.key_of(number)))
        return found


def run(sheet: Sheet, ctx: Context) -> None:
    from planeval.reviews.selectors import grant_conclusions
    from planeval.reviews.services import conclusion_save

    grant = ctx.scope
    if grant is None:
        ctx.problem(None, None, ERR_NO_SCOPE)
        return
    items = _Items(grant.campaign)
    existing = grant_conclusions(grant)
    seen: dict[tuple, int] = {}
    total = len(sheet.rows)
    for done, row in enumerate(sheet.rows, start=1):
        ctx.tick(done, total)
        type_text, name = sheet.required_text(row, "item_type"), sheet.required_text(row, "name")
        if type_text is None or name is None:
            continue
        item_type = TYPE_NAMES.get(cells.key_of(type_text))
        if item_type is None:
            ctx.problem(row.number, sheet.header("item_type"), ERR_TYPE.format(value=type_text))
            continue
        item = items.find(item_type, sheet.text(row, "number"), name)
        if item is None:
            ctx.problem(row.number, sheet.header("name"), ERR_NO_ITEM.format(type=type_text, name=name))
            continue
        raw_rating, comment = sheet.text(row, "rating"), sheet.text(row, "comment")
        rating = rating_letter(raw_rating)
        if raw_rating and not rating:
            ctx.problem(row.number, sheet.header("rating"), ERR_RATING.format(value=raw_rating))
            continue
        if not rating and not comment:
            ctx.problem(row.number, sheet.header("rating"), ERR_EMPTY)
            continue
        if ctx.seen_before(seen, item.key, row.number, sheet.header("name"), ERR_DUPLICATE,
                           type=item.type_label, name=item.name):
            continue
        before = existing.get(item.key)
        label = f"{item.type_label} {item.label}"
        try:
            _, changed = conclusion_save(grant=grant, item_type=item.item_type, item_id=item.item_id, rating=rating,
                                         comment=comment, user=ctx.actor, expected_version=None)
        except ApplicationError as refused:
            ctx.problem(row.number, None, refused.message)
            continue
        if before is None:
            ctx.change(row.number, "create", label, f"评估结论 {rating or '（空）'}")
        elif not changed:
            ctx.change(row.number, "unchanged", label)
        else:
            ctx.change(row.number, "update", label,
                       describe([(FIELD_LABELS[f], getattr(before, f), v) for f, v in
                                 (("rating", rating), ("comment", comment)) if f in changed]))
