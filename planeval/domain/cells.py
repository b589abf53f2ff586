"""How the cells of a published table are read: headers, numbers with 预计 marks, unit lists, numbering.

Pure rules shared by the analyst's sheet and the import engine. Full-width and half-width
forms are treated alike (NFKC), and the spaces a PDF or a line break left inside a cell
(``指标 属性``, ``目标值 2021-2025 年``) do not count.
"""
from __future__ import annotations

import datetime
import math
import re
import unicodedata
from decimal import Decimal, InvalidOperation

from planeval.domain.periods import Granularity, Period

# Cells that say "no figure" in Chinese tables.
EMPTY_MARKS = frozenset({"", "-", "—", "－", "--", "——", "/", "／", "无", "N/A", "n/a", "#N/A"})
ESTIMATE_MARK = re.compile(r"[（(]?预计(数|值)?[）)]?")
_PART_PREFIX = re.compile(r"^其中\s*[:：、，,]?\s*")
_CHINESE_NUMERAL = re.compile(r"^[一二三四五六七八九十百零〇]+$")
_SECTION_NUMBER = re.compile(r"^\s*[（(]\s*([一二三四五六七八九十百零〇]+)\s*[）)]\s*")
# A name list in one cell: 区科委、区金融办 / 区商务委 区投促办 / 区科委，区商务委
_NAME_SEPARATORS = re.compile(r"[、,，;；/／\s]+")
# Two sentences in one 主要内容 cell: the item's title (ending 。) then, after a space, its content.
_TITLE_AND_CONTENT = re.compile(r"^(?P<title>[^。]+。)\s+(?P<content>\S.*)$", re.DOTALL)


class NotANumber(ValueError):
    """A cell that should hold a number holds something else."""


def text_of(value) -> str:
    """A cell as text: None → "", 12.0 → "12", dates as ISO, strings stripped."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value).strip()


def key_of(text: str) -> str:
    """The form two names are compared in: NFKC, no whitespace, curly quotes as straight."""
    folded = unicodedata.normalize("NFKC", text or "")
    folded = folded.replace("“", '"').replace("”", '"').replace("‘", "'").replace("’", "'")
    return re.sub(r"\s+", "", folded)


def header_key(value) -> str:
    """A header cell in comparable form: ``目标值 2021-2025 年`` → ``目标值2021-2025年``."""
    return key_of(text_of(value)).replace('"', "").replace("—", "-").replace("–", "-")


def number_of(value) -> tuple[Decimal | None, bool]:
    """A number cell → (value, is_estimate). Empty and dash cells are (None, False).

    ``12.3（预计）`` is an estimate; ``1,234`` and ``45%`` are read as 1234 and 45.
    Raises NotANumber for anything else.
    """
    if value is None:
        return None, False
    if isinstance(value, bool):
        raise NotANumber(str(value))
    if isinstance(value, int):
        return Decimal(value), False
    if isinstance(value, float):
        if not math.isfinite(value):
            raise NotANumber(repr(value))
        return Decimal(repr(value)), False
    cell = unicodedata.normalize("NFKC", str(value)).strip()
    estimate = bool(ESTIMATE_MARK.search(cell))
    cleaned = ESTIMATE_MARK.sub("", cell).replace(",", "").replace("%", "").strip()
    if cleaned in EMPTY_MARKS:
        return None, False
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        raise NotANumber(str(value).strip()) from None
    if not number.is_finite():
        raise NotANumber(str(value).strip())
    return number, estimate


def is_empty_mark(text: str) -> bool:
    return unicodedata.normalize("NFKC", text or "").strip() in EMPTY_MARKS


def split_part(name: str) -> tuple[str, bool]:
    """``其中：智能软件`` → (``智能软件``, True): a sub-target row of the indicator above."""
    match = _PART_PREFIX.match(name)
    return (name[match.end():].strip(), True) if match else (name, False)


def split_names(cell: str) -> list[str]:
    """The unit names of one cell, in order (the first is the lead)."""
    return [name for name in _NAME_SEPARATORS.split(cell or "") if name]


def is_collective(name: str) -> bool:
    """各街镇, 各投促分中心: a collective reference, not one unit."""
    return name.startswith("各") and len(name) > 1


def is_area_number(text: str) -> bool:
    """一, 十二: the number of a task area (the top level of 附件3)."""
    return bool(_CHINESE_NUMERAL.match(text or ""))


def split_section(cell: str) -> tuple[str, str]:
    """``(一) 深化…`` → (``（一）``, ``深化…``); numbers are written full-width as in the seeds."""
    match = _SECTION_NUMBER.match(cell or "")
    if not match:
        return "", (cell or "").strip()
    return f"（{match.group(1)}）", cell[match.end():].strip()


def split_title(cell: str) -> tuple[str, str]:
    """An item's 主要内容 cell → (title, content): the first sentence when a space follows it."""
    text = (cell or "").strip()
    match = _TITLE_AND_CONTENT.match(text)
    if not match:
        return text, ""
    return match["title"].strip(), match["content"].strip()


_PERIOD_HEAD = re.compile(
    r"^(?P<year>\d{4})(?:年)?(?:(?P<half>上半年|下半年|H[12])|-(?P<month>\d{1,2})|(?P<cmonth>\d{1,2})月)?$",
    re.IGNORECASE,
)
# Suffix → observation kind; the longest first so 预计数 is not read as 预计.
_KIND_SUFFIXES = (
    ("统计数", "actual"), ("实际值", "actual"), ("实际数", "actual"), ("完成数", "actual"),
    ("预计数", "estimate"), ("预计值", "estimate"), ("预计", "estimate"),
    ("预测数", "forecast"), ("预测值", "forecast"), ("预测", "forecast"),
    ("参照值", "reference"), ("参照数", "reference"),
)


def value_column(header: str) -> tuple[Period, str | None] | None:
    """A wide-form value column: ``2022`` ``2022年统计数`` ``2023H1（预计）`` ``2024预测`` ``参照2022``.

    Returns (period, kind) where kind is None for a plain year column (统计数, unless a cell
    says 预计); None when the header is not a period at all. Raises ValueError for a header
    that starts with a year but cannot be read.
    """
    body = header_key(header).replace("(", "").replace(")", "")
    kind = None
    if body.startswith("参照"):
        kind, body = "reference", body[2:]
    for suffix, suffix_kind in _KIND_SUFFIXES:
        if body.endswith(suffix):
            if kind is not None:
                raise ValueError(header)
            kind, body = suffix_kind, body[: -len(suffix)]
            break
    if not re.match(r"^\d{4}", body):
        if kind is not None:
            raise ValueError(header)
        return None
    match = _PERIOD_HEAD.match(body)
    if not match:
        raise ValueError(header)
    year = int(match["year"])
    half = match["half"]
    month = match["month"] or match["cmonth"]
    if half:
        period = Period(year, Granularity.HALF, 1 if half.upper() in ("H1", "上半年") else 2)
    elif month:
        period = Period(year, Granularity.MONTH, int(month))
    else:
        period = Period(year)
    if kind == "forecast" and period.granularity is not Granularity.YEAR:
        raise ValueError(header)
    return period, kind


_DATE_FORMS = (
    re.compile(r"^(?P<y>\d{4})[-./年](?P<m>\d{1,2})(?:[-./月](?P<d>\d{1,2})日?|月)?$"),
    re.compile(r"^(?P<y>\d{4})年?$"),
)


def date_of(value) -> datetime.date | None:
    """``2023-06-30`` ``2023年6月`` ``2023.6`` ``2024年`` or an Excel date → a date (first day when vague).

    Raises ValueError for text that is not a date.
    """
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = key_of(text_of(value))
    if is_empty_mark(text):
        return None
    for form in _DATE_FORMS:
        match = form.match(text)
        if match:
            parts = match.groupdict()
            return datetime.date(int(parts["y"]), int(parts.get("m") or 1), int(parts.get("d") or 1))
    raise ValueError(text)
