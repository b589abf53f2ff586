"""Disaggregation: an indicator's total for a period split by one dimension must add up.

Ordos' emergency-system plan asks that safety indicators be analysed by 事故类型, 发生时间,
行业领域 and 地区分布. A breakdown is a list of (category, value) whose sum is the total the
indicator reports for that period; a breakdown that does not add up is refused, with the
difference named, because a chart of parts that disagree with the headline figure misleads.
"""
from __future__ import annotations

from decimal import Decimal
from enum import StrEnum


class Dimension(StrEnum):
    TYPE = "type"
    TIME = "time"
    INDUSTRY = "industry"
    REGION = "region"

    @property
    def label(self) -> str:
        return DIMENSION_LABELS[self]


DIMENSION_LABELS = {
    Dimension.TYPE: "事故类型",
    Dimension.TIME: "发生时间",
    Dimension.INDUSTRY: "行业领域",
    Dimension.REGION: "地区分布",
}

NO_PARTS = "请至少填写一个分项。"
DUPLICATE_CATEGORY = "分项“{category}”重复出现。"
NEGATIVE_PART = "分项“{category}”的数值不能为负数。"
EMPTY_CATEGORY = "第{line}个分项没有名称。"
DOES_NOT_ADD_UP = "各分项合计为{parts}，与{year}年总数{total}不一致（相差{difference}），未保存。"


def _plain(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text


def breakdown_problem(total: Decimal, parts: list[tuple[str, Decimal]], *, year: int) -> str | None:
    """Why ``parts`` cannot stand as the breakdown of ``total``; None when they add up exactly."""
    if not parts:
        return NO_PARTS
    seen: set[str] = set()
    for line, (category, value) in enumerate(parts, start=1):
        if not category.strip():
            return EMPTY_CATEGORY.format(line=line)
        if category in seen:
            return DUPLICATE_CATEGORY.format(category=category)
        seen.add(category)
        if value < 0:
            return NEGATIVE_PART.format(category=category)
    summed = sum((value for _, value in parts), Decimal(0))
    if summed != total:
        return DOES_NOT_ADD_UP.format(parts=_plain(summed), year=year, total=_plain(total),
                                      difference=_plain(summed - total))
    return None
