"""联系人: the liaison table units send back (单位, 姓名, 职务, 科室, 联系电话, 电子邮箱).

Contacts belong to the jurisdiction's current evaluation (the latest one not closed), or to
no evaluation when there is none, and are matched by (unit, name) within it.
"""
from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from planeval.campaigns.models import Campaign
from planeval.domain import cells
from planeval.organizations.models import Contact

from .base import Column, Context, Sheet, describe

TITLE = "联系人"
COLUMNS = (
    Column("unit", "单位", ("单位名称", "部门", "责任部门", "所在单位"), required=True, width=20),
    Column("name", "姓名", ("联系人", "联系人姓名"), required=True, width=10),
    Column("post", "职务", ("职务/职称",), width=14),
    Column("department", "科室", ("处室", "所在科室", "科室/处室"), width=14),
    Column("phone", "联系电话", ("电话", "手机", "联系方式", "办公电话"), width=16),
    Column("email", "电子邮箱", ("邮箱", "email", "e-mail"), width=22),
)
EXAMPLE = ("示例", "张三", "科长", "综合科", "021-12345678", "zhangsan@example.gov.cn")

ERR_ONE_UNIT = "联系人只能属于一个单位"
ERR_EMAIL = "“{value}”不是有效的电子邮箱"
ERR_DUPLICATE = "联系人“{name}”在本表中重复出现（第{first}行已有）"
FIELD_LABELS = {"post": "职务", "department": "科室", "phone": "联系电话", "email": "电子邮箱"}


def current_campaign(jurisdiction) -> Campaign | None:
    return (Campaign.objects.filter(jurisdiction=jurisdiction).exclude(status=Campaign.Status.CLOSED)
            .order_by("-id").first())


def run(sheet: Sheet, ctx: Context) -> None:
    campaign = current_campaign(ctx.jurisdiction)
    existing = {(c.unit_id, cells.key_of(c.name)): c
                for c in Contact.objects.filter(unit__jurisdiction=ctx.jurisdiction, campaign=campaign)}
    seen: dict[tuple, int] = {}
    total = len(sheet.rows)
    for done, row in enumerate(sheet.rows, start=1):
        ctx.tick(done, total)
        unit_text, name = sheet.required_text(row, "unit"), sheet.required_text(row, "name")
        if unit_text is None or name is None:
            continue
        units, _collective, ok = sheet.units(row, "unit")
        if not ok:
            continue
        if len(units) != 1:
            ctx.problem(row.number, sheet.header("unit"), ERR_ONE_UNIT)
            continue
        unit = units[0]
        key = (unit.id, cells.key_of(name))
        if ctx.seen_before(seen, key, row.number, sheet.header("name"), ERR_DUPLICATE, name=name):
            continue
        values = {field: sheet.text(row, field) for field in FIELD_LABELS if sheet.text(row, field)}
        if "email" in values:
            try:
                validate_email(values["email"])
            except ValidationError:
                ctx.problem(row.number, sheet.header("email"), ERR_EMAIL.format(value=values["email"]))
                continue
        label = f"{unit.name} {name}"
        contact = existing.get(key)
        if contact is None:
            existing[key] = Contact.objects.create(unit=unit, campaign=campaign, name=name, **values)
            ctx.change(row.number, "create", label)
            continue
        changed = [(FIELD_LABELS[f], getattr(contact, f), v) for f, v in values.items() if getattr(contact, f) != v]
        if not changed:
            ctx.change(row.number, "unchanged", label)
            continue
        for field, value in values.items():
            setattr(contact, field, value)
        contact.is_sample = False
        contact.save()
        ctx.change(row.number, "update", label, describe(changed))
