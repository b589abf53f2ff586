"""The target grammar: published target text -> a typed Target.

CONTRACT (used by models, the assessment engine and the CLI): the dataclasses
below and ``parse_target(text, *, indicator_name="", unit="") -> Target``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import StrEnum

from planeval.domain.target_text import (
    Marks,
    NameTraits,
    as_text,
    has_any,
    looks_qualitative,
    normalise,
    read_relative,
    take_aspiration,
    take_totals,
    take_verbs,
    to_decimal,
)


class TargetKind(StrEnum):
    LEVEL = "level"                  # reach a value: 16, 4000
    RANGE = "range"                  # land between two values: 3-5
    AT_LEAST = "at_least"            # a floor: >84, ≥45, 不低于, 以上
    AT_MOST = "at_most"              # a ceiling: 0.01 for a death rate, 以内, ≤
    APPROXIMATELY = "approximately"  # about: 85左右, 约6%
    GROWTH_RATE = "growth_rate"      # average annual growth rate (年均增长率)
    CUMULATIVE = "cumulative"        # five-year sum: 累计1400, 新增…
    REDUCTION = "reduction"          # cut of an intensity: [13.5] five-year, or annual
    RELATIVE = "relative"            # judged against a reference: 与市保持同步, 完成市下达目标
    QUALITATIVE = "qualitative"      # words only (全覆盖) or text the grammar cannot read
    COMPOSITE = "composite"          # a total with labelled parts: 40 = 12+8+12+8


class Direction(StrEnum):
    HIGHER = "higher"  # more is better
    LOWER = "lower"    # less is better (death rates, intensities, unemployment)


@dataclass(frozen=True)
class TargetPart:
    label: str
    target: "Target"


@dataclass(frozen=True)
class Target:
    kind: TargetKind
    raw: str
    low: Decimal | None = None
    high: Decimal | None = None
    direction: Direction = Direction.HIGHER
    cumulative: bool = False          # a five-year total rather than an end-of-plan level
    annual_rate: bool = False         # values are annual rates (growth or reduction, in %)
    strict: bool = False              # '>' rather than '≥'
    aspirational: bool = False        # 力争
    relative_to: str | None = None    # e.g. "市", "市下达目标", "全省平均水平", "经济增长"
    relation: str | None = None       # "in_step" | "quota" | "above" | "not_below" ...
    parts: tuple[TargetPart, ...] = ()
    unit: str = ""                    # unit written inside the text (亿吨, %, 万亿元)
    reason: str = ""                  # why a text stayed qualitative/unparsed
    extras: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def value(self) -> Decimal | None:
        """The single target value where there is one (low == high)."""
        return self.low if self.low == self.high else None

    def to_dict(self) -> dict:
        """JSON-ready form; Decimals become strings so nothing is rounded."""
        def num(d: Decimal | None) -> str | None:
            return None if d is None else format(d, "f")

        return {
            "kind": str(self.kind),
            "raw": self.raw,
            "low": num(self.low),
            "high": num(self.high),
            "direction": str(self.direction),
            "cumulative": self.cumulative,
            "annual_rate": self.annual_rate,
            "strict": self.strict,
            "aspirational": self.aspirational,
            "relative_to": self.relative_to,
            "relation": self.relation,
            "parts": [{"label": p.label, "target": p.target.to_dict()} for p in self.parts],
            "unit": self.unit,
            "reason": self.reason,
            "extras": self.extras,
        }

    @classmethod
    def from_dict(cls, data: dict) -> "Target":
        def dec(v):
            return None if v is None else Decimal(v)

        return cls(
            kind=TargetKind(data["kind"]),
            raw=data.get("raw", ""),
            low=dec(data.get("low")),
            high=dec(data.get("high")),
            direction=Direction(data.get("direction", "higher")),
            cumulative=data.get("cumulative", False),
            annual_rate=data.get("annual_rate", False),
            strict=data.get("strict", False),
            aspirational=data.get("aspirational", False),
            relative_to=data.get("relative_to"),
            relation=data.get("relation"),
            parts=tuple(
                TargetPart(p["label"], cls.from_dict(p["target"])) for p in data.get("parts", ())
            ),
            unit=data.get("unit", ""),
            reason=data.get("reason", ""),
            extras=dict(data.get("extras") or {}),
        )


# Why a target stayed qualitative. Users read these, so they are written once, here.
REASON_QUALITATIVE = "定性目标"
REASON_UNREADABLE = "未能识别的目标表述"
REASON_EMPTY = "未填写目标值"

# A target cell is a few words; anything longer is prose pasted into the wrong column.
_MAX_LENGTH = 200


def parse_target(text: str, *, indicator_name: str = "", unit: str = "") -> Target:
    """Read a published target (``累计 1400``, ``>84``, ``与市保持同步`` …) into a Target.

    ``indicator_name`` and ``unit`` refine what the text alone says: ``3-5`` is an
    average annual growth rate under 年均增长率, ``50`` a five-year sum under 新增…,
    ``0.01`` a ceiling under 死亡率. See docs/targets.md for the whole grammar.

    Never raises: empty or unreadable text comes back as a qualitative Target with the
    raw text kept and ``reason`` saying why.
    """
    raw = as_text(text)
    try:
        traits = NameTraits.of(indicator_name, unit)
        return _read(normalise(raw).replace(" ", ""), raw, traits)
    except (ArithmeticError, LookupError, ValueError, RecursionError):
        # A safety net, not a path: an import of a whole table must not fail on one cell.
        return Target(kind=TargetKind.QUALITATIVE, raw=raw, reason=REASON_UNREADABLE)


def _read(text: str, raw: str, traits: NameTraits) -> Target:
    # References first: 与经济增长基本同步 contains 增长, which the verb step would eat.
    # Composites before verbs, so a part label keeps its words.
    if not text:
        return _qualitative(raw, traits, REASON_EMPTY)
    if len(text) > _MAX_LENGTH:
        return _qualitative(raw, traits, REASON_UNREADABLE)
    stretched = _read_with_stretch(text, raw, traits)
    if stretched:
        return stretched
    marks = Marks()
    rest = take_aspiration(text, marks)
    relative = read_relative(rest)
    if relative:
        return _relative_target(raw, traits, marks, *relative)
    rest = take_totals(rest, marks)
    composite = _read_composite(rest, raw, traits, marks)
    if composite:
        return composite
    reading = _read_figure(take_verbs(rest, marks))
    if reading:
        return _figure_target(raw, reading, marks, traits)
    reason = REASON_QUALITATIVE if looks_qualitative(text) else REASON_UNREADABLE
    return _qualitative(raw, traits, reason, aspirational=marks.aspirational)


def _direction(lower: bool) -> Direction:
    return Direction.LOWER if lower else Direction.HIGHER


def _qualitative(
    raw: str, traits: NameTraits, reason: str, *, aspirational: bool = False
) -> Target:
    return Target(
        kind=TargetKind.QUALITATIVE, raw=raw, direction=_direction(traits.lower),
        aspirational=aspirational, reason=reason,
    )


# 6左右（力争7）: the target is 6; 7 is the stretch goal, kept in extras["stretch"].
_STRETCH = re.compile(r"(?P<main>.+?)[(\[](?P<stretch>(?:力争|争取)[^()\[\]]+)[)\]]")


def _read_with_stretch(text: str, raw: str, traits: NameTraits) -> Target | None:
    match = _STRETCH.fullmatch(text)
    if not match:
        return None
    main = _read(match["main"], raw, traits)
    if main.kind is TargetKind.QUALITATIVE:
        return None
    stretch = _read(match["stretch"], match["stretch"], traits)
    return replace(main, extras={**main.extras, "stretch": stretch.to_dict()})


def _relative_target(raw: str, traits: NameTraits, marks: Marks, relation: str, ref: str) -> Target:
    return Target(
        kind=TargetKind.RELATIVE, raw=raw, direction=_direction(traits.lower),
        cumulative=traits.cumulative, annual_rate=traits.growth or traits.annual,
        aspirational=marks.aspirational, relative_to=ref, relation=relation,
    )


_UNSIGNED = r"\d+(?:\.\d+)?"
_COMPOSITE = re.compile(rf"(?P<total>{_UNSIGNED})(?P<unit>[%‰]?)(?P<body>.+)")
_PART = re.compile(rf"(?P<label>[^\d.%‰]+?)(?P<value>{_UNSIGNED})(?P<unit>[%‰]?)")
_LABEL = re.compile(r"[A-Za-z·\u3400-\u4dbf\u4e00-\u9fff]{2,20}")


def _read_composite(text: str, raw: str, traits: NameTraits, marks: Marks) -> Target | None:
    """``40（智能软件12、研发服务8…）`` or ``40 智能软件 12 研发服务 8 …``: a total with parts."""
    match = _COMPOSITE.fullmatch(text)
    if not match:
        return None
    body = re.sub(r"^[(\[]?(?:其中)?:?|[)\]]$", "", match["body"])
    body = re.sub(r"[、,;:]", "", body)
    parts, end = [], 0
    for part in _PART.finditer(body):
        label = part["label"]
        # Operator words as labels would make "3至5至7" or "85左右 90" look composite.
        if part.start() != end or not _LABEL.fullmatch(label) or has_any(label, _NOT_A_UNIT):
            return None
        value = to_decimal(part["value"])
        parts.append(TargetPart(label, Target(
            kind=TargetKind.LEVEL, raw=part.group(), low=value, high=value,
            direction=_direction(traits.lower), unit=part["unit"],
        )))
        end = part.end()
    total = to_decimal(match["total"])
    if len(parts) < 2 or end != len(body) or total is None:
        return None
    return Target(
        kind=TargetKind.COMPOSITE, raw=raw, low=total, high=total,
        direction=_direction(traits.lower),
        cumulative=traits.cumulative or marks.cumulative,
        annual_rate=traits.growth or traits.annual,
        aspirational=marks.aspirational, parts=tuple(parts), unit=match["unit"],
    )


@dataclass(frozen=True)
class _Operator:
    kind: TargetKind | None   # None: a neutral verb such as 达到 (reach)
    strict: bool = False
    soft: bool = False        # 控制在 implies a ceiling only when nothing else is said
    lower: bool = False       # 降至 (bring down to) shows less is better


_AT_LEAST, _AT_MOST = TargetKind.AT_LEAST, TargetKind.AT_MOST
_PREFIXES = {
    **dict.fromkeys(("≥", "不低于", "不少于", "不小于", "至少", "大于等于", "突破"), _Operator(_AT_LEAST)),
    **dict.fromkeys((">", "超过", "高于", "大于", "多于"), _Operator(_AT_LEAST, strict=True)),
    **dict.fromkeys(("≤", "不超过", "不高于", "不大于", "不多于", "至多", "最多"), _Operator(_AT_MOST)),
    **dict.fromkeys(("<", "低于", "小于", "少于"), _Operator(_AT_MOST, strict=True)),
    **dict.fromkeys(("约为", "大约", "约"), _Operator(TargetKind.APPROXIMATELY)),
    "控制在": _Operator(_AT_MOST, soft=True),
    **dict.fromkeys(
        ("降至", "降到", "降低到", "降低至", "下降到", "下降至", "减少到", "减少至", "压减到", "压减至"),
        _Operator(_AT_MOST, soft=True, lower=True),
    ),
    **dict.fromkeys(
        ("达到", "达", "提高到", "提高至", "提升到", "提升至", "增加到", "增加至", "增长到",
         "增长至", "保持在", "稳定在", "维持在", "保持", "实现", "="),
        _Operator(None),
    ),
}
_PREFIX = re.compile("|".join(re.escape(w) for w in sorted(_PREFIXES, key=len, reverse=True)))
_SUFFIXES = {
    **dict.fromkeys(("及以上", "或以上", "以上"), _AT_LEAST),
    **dict.fromkeys(("以下", "以内", "之内"), _AT_MOST),
    **dict.fromkeys(("左右", "上下", "前后"), TargetKind.APPROXIMATELY),
}
_NOT_A_UNIT = tuple(w for w in (*_PREFIXES, *_SUFFIXES) if len(w) > 1 or w in "约达") + (
    "目标", "水平", "标准", "要求", "覆盖", "同步", "下达", "力争", "其中",
)
_UNIT = re.compile(r"%|‰|[/()·A-Za-z\u3400-\u4dbf\u4e00-\u9fff]{1,10}")
_RANGE = re.compile(
    rf"(?P<low>[-+]?{_UNSIGNED})(?P<low_unit>[^\d~\-]*?)(?:-+|~|至|到)"
    rf"(?P<high>{_UNSIGNED})(?P<tail>.*)"
)
_SINGLE = re.compile(rf"(?P<low>[-+]?{_UNSIGNED})(?P<tail>.*)")


@dataclass(frozen=True)
class _Reading:
    """A figure or a range as written, before the name refines what it means."""

    kind: TargetKind
    low: Decimal
    high: Decimal
    strict: bool = False
    unit: str = ""
    bracketed: bool = False   # [13.5]: a five-year cumulative figure
    lower: bool = False       # a ceiling (以内, ≤, 控制在, 降至) says less is better


def _read_figure(text: str) -> _Reading | None:
    """``≥45``, ``6.5亿吨以上``, ``[13.5]``, ``3%～5%``, ``85左右`` … or None."""
    operators, bracketed = [], False
    for _ in range(8):  # bounded: a real target has two or three prefixes at most
        if text.startswith(("[", "(")):
            inner, closed, after = text[1:].partition("]" if text[0] == "[" else ")")
            if not closed:
                return None
            text, bracketed = inner + after, True
        elif word := _PREFIX.match(text):
            operators.append(_PREFIXES[word.group()])
            text = text[word.end():]
        else:
            break
    match = _RANGE.fullmatch(text) or _SINGLE.fullmatch(text)
    if not match:
        return None
    is_range = "high" in match.groupdict()
    tail, suffix = _split_suffix(match["tail"])
    unit = _unit_of(match["low_unit"] if is_range else "", tail)
    low, high = to_decimal(match["low"]), to_decimal(match["high"] if is_range else match["low"])
    if unit is None or low is None or high is None:
        return None
    kind, strict = _comparison(operators, suffix, is_range)
    if kind is None:
        return None
    return _Reading(
        kind, min(low, high), max(low, high), strict, unit, bracketed,
        lower=any(op.lower for op in operators) or kind is _AT_MOST,
    )


def _split_suffix(tail: str) -> tuple[str, TargetKind | None]:
    for word, kind in _SUFFIXES.items():
        if tail.endswith(word):
            return tail[: -len(word)], kind
    return tail, None


def _unit_of(low_unit: str, tail: str) -> str | None:
    """The unit written with the figure (亿吨, %, 万亿元), "" if none, None if not a unit."""
    units = {u for u in (low_unit, tail) if u}
    if len(units) > 1:
        return None  # 3万-5亿: two different units, no single reading
    unit = units.pop() if units else ""
    if unit and (not _UNIT.fullmatch(unit) or has_any(unit, _NOT_A_UNIT)):
        return None
    return unit


def _comparison(
    operators: list[_Operator], suffix: TargetKind | None, is_range: bool
) -> tuple[TargetKind | None, bool]:
    """Combine prefix and suffix operators into one kind; (None, False) if they disagree."""
    said = {op.kind for op in operators if op.kind and not op.soft}
    if suffix:
        said.add(suffix)
    if len(said) > 1:
        return None, False
    kind = next(iter(said), None) or next((op.kind for op in operators if op.soft), None)
    strict = any(op.strict for op in operators if op.kind is kind)
    if is_range:
        # A range is already a band; 控制在3-5 and 3-5左右 stay a range, ≥3-5 means nothing.
        if kind in (_AT_LEAST, _AT_MOST) and kind in said:
            return None, False
        return TargetKind.RANGE, False
    return kind or TargetKind.LEVEL, strict


def _figure_target(raw: str, reading: _Reading, marks: Marks, traits: NameTraits) -> Target:
    """Let the indicator's name and the words around the figure refine its kind.

    Order matters: a cut (降低率) beats a growth rate, which beats the lower-is-better
    ceiling, which beats a five-year sum; see docs/targets.md, "How name and text combine".
    """
    kind, extras = reading.kind, {}
    total = reading.bracketed or marks.cumulative or traits.cumulative
    reduction = traits.reduction or marks.verb == "reduction"
    growth = not reduction and (traits.growth or marks.annual)
    lower = traits.lower or reduction or reading.lower
    plain = kind in (TargetKind.LEVEL, TargetKind.RANGE)
    if reduction:
        # 降低率 3 is a yearly cut; [13.5], 累计下降 and a bare 下降13.5% are five-year cuts.
        annual = not total and (marks.annual or traits.annual or traits.reduction)
        cumulative = not annual
        if kind in (_AT_LEAST, TargetKind.APPROXIMATELY):
            # A cut target is always a floor on the cut; keep how it was worded.
            extras["bound"] = str(kind)
        if kind is not _AT_MOST:
            kind = TargetKind.REDUCTION
    elif growth:
        annual = not (reading.bracketed or marks.cumulative)
        cumulative = not annual
        kind = TargetKind.GROWTH_RATE if plain else kind
    else:
        annual, cumulative = False, total
        if lower and kind is TargetKind.LEVEL:
            kind = _AT_MOST  # for a lower-is-better quantity a bare figure is a ceiling
        elif cumulative and plain:
            kind = TargetKind.CUMULATIVE
        if marks.verb == "increase" and not cumulative:
            extras["change"] = "increase_by"  # 提高2个百分点: by, not to
    return Target(
        kind=kind, raw=raw, low=reading.low, high=reading.high,
        direction=_direction(lower), cumulative=cumulative, annual_rate=annual,
        strict=reading.strict,
        aspirational=marks.aspirational, unit=reading.unit, extras=extras,
    )
