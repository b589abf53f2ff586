"""The four conclusions (A/B/C/D), their warning colours, and the thresholds that pick one.

The seeds' conclusions: A 进展超前、可以提前完成; B 进展良好、可以如期完成;
C 进展较慢、需要加快推进; D 情况变化、难以完成. The engine only *suggests* one; the unit
decides. ``Thresholds`` holds every number a campaign may tune and round-trips through
JSON so a campaign can store its own.
"""
from __future__ import annotations

import math
from dataclasses import asdict, dataclass, fields
from enum import StrEnum

from . import assessment_text as text
from .data_checks import DataCheck


class Rating(StrEnum):
    A = "A"
    B = "B"
    C = "C"
    D = "D"

    @property
    def label(self) -> str:
        """The seeds' wording: 进展超前、可以提前完成 …"""
        return text.RATING_LABELS[self.value]

    @property
    def severity(self) -> int:
        """0 for A up to 3 for D, so the worst of several is ``max(key=severity)``."""
        return "ABCD".index(self.value)


class WarningLevel(StrEnum):
    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"

    @property
    def label(self) -> str:
        """绿 / 黄 / 红."""
        return text.WARNING_LABELS[self.value]


@dataclass(frozen=True)
class Thresholds:
    """Every tunable number of the engine; the defaults are documented in docs/methodology.md.

    ahead_margin           A needs progress >= time elapsed + this (0.10 = 10 points ahead)
    on_track               B needs anticipated >= this (1.0: the target is reached by 2025)
    on_track_anticipatory  B for anticipatory (预期性) indicators already from this (0.95)
    slow                   C from this anticipated ratio, D below it (0.75)
    approx_relative        band of an "about" (左右) target, relative to the target (±2%)
    approx_points          band of an "about" target in percent units, in points (±2)
    approx_rate_points     band of an "about" annual-rate target, in points (±0.5)
    jump_bound             a year-on-year change beyond this is flagged (0.50 = ±50%)
    parts_tolerance        parts may differ from their total by this share (1%)
    lag_yellow_points      projects/tasks this many points behind schedule are yellow (10)
    lag_red_points         more than this many points behind is red (30)
    """

    ahead_margin: float = 0.10
    on_track: float = 1.0
    on_track_anticipatory: float = 0.95
    slow: float = 0.75
    approx_relative: float = 0.02
    approx_points: float = 2.0
    approx_rate_points: float = 0.5
    jump_bound: float = 0.50
    parts_tolerance: float = 0.01
    lag_yellow_points: float = 10.0
    lag_red_points: float = 30.0

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise ValueError(f"研判阈值“{f.name}”应为数字，而不是“{value}”")
            if not math.isfinite(value) or value < 0:
                raise ValueError(f"研判阈值“{f.name}”应为非负有限数，而不是“{value}”")
        if not self.slow <= self.on_track_anticipatory <= self.on_track:
            raise ValueError("研判阈值应满足 slow ≤ on_track_anticipatory ≤ on_track")
        if self.lag_yellow_points > self.lag_red_points:
            raise ValueError("研判阈值应满足 lag_yellow_points ≤ lag_red_points")

    def to_dict(self) -> dict[str, float]:
        """JSON-ready form, stored with a campaign."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict | None) -> "Thresholds":
        """Rebuild from ``to_dict()``; missing keys keep their defaults, unknown keys are refused."""
        data = dict(data or {})
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise ValueError(f"未知的研判阈值：{'、'.join(unknown)}")
        converted = {}
        for key, value in data.items():
            try:
                converted[key] = float(value)
            except (TypeError, ValueError):
                raise ValueError(f"研判阈值“{key}”应为数字，而不是“{value}”") from None
        return cls(**converted)


DEFAULT_THRESHOLDS = Thresholds()

# Ratios computed from decimal inputs land a hair off their exact value (0.4 + 0.1 vs 0.5);
# a boundary reached on paper must count as reached.
_EPS = 1e-9

_WARNINGS = {
    Rating.A: WarningLevel.GREEN,
    Rating.B: WarningLevel.GREEN,
    Rating.C: WarningLevel.YELLOW,
    Rating.D: WarningLevel.RED,
}


def warning_for(rating: Rating | None) -> WarningLevel | None:
    """A/B green, C yellow, D red; no rating, no warning."""
    return None if rating is None else _WARNINGS[rating]


def worst_rating(ratings) -> Rating | None:
    """The worst of several suggestions (D worst), ignoring ``None``."""
    judged = [r for r in ratings if r is not None]
    return max(judged, key=lambda r: r.severity) if judged else None


def suggest_rating(
    *,
    anticipated: float | None,
    progress: float | None,
    expected: float,
    binding: bool,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
    tolerance_allowed: bool = True,
    reaches_ahead: bool = True,
    ahead_bound: str = "",
) -> tuple[Rating | None, tuple[str, ...]]:
    """Pick A/B/C/D from the anticipated ratio and progress against time, with the reason.

    A  anticipated >= on_track and progress >= expected + ahead_margin (and, for a range,
       the projection reaches its upper end: ``reaches_ahead``, shown as ``ahead_bound``)
    B  anticipated >= on_track, or >= on_track_anticipatory for an anticipatory indicator
       when ``tolerance_allowed`` (ratio-type measures of thresholds switch it off)
    C  anticipated >= slow
    D  below.
    Binding (约束性) indicators never get the tolerance: any projected shortfall is C or D.
    """
    if anticipated is None or not math.isfinite(anticipated):
        return None, ()
    ratio = text.fmt_share(anticipated)
    if anticipated >= thresholds.on_track - _EPS:
        ahead = progress is not None and progress >= expected + thresholds.ahead_margin - _EPS
        if ahead and reaches_ahead:
            lead = text.fmt_points(progress - expected)
            return Rating.A, (text.RATING_A.format(anticipated=ratio, lead=lead),)
        reasons = (text.RATING_B.format(anticipated=ratio),)
        if ahead and not reaches_ahead:
            reasons += (text.NOT_AHEAD_RANGE.format(high=ahead_bound),)
        return Rating.B, reasons
    if not binding and tolerance_allowed and anticipated >= thresholds.on_track_anticipatory - _EPS:
        tolerance = text.fmt_share(thresholds.on_track - thresholds.on_track_anticipatory)
        return Rating.B, (text.RATING_B_TOLERANCE.format(anticipated=ratio, tolerance=tolerance),)
    strict = (text.BINDING_STRICT,) if binding else ()
    if anticipated >= thresholds.slow - _EPS:
        return Rating.C, strict + (text.RATING_C.format(anticipated=ratio),)
    slow = text.fmt_share(thresholds.slow)
    return Rating.D, strict + (text.RATING_D.format(anticipated=ratio, slow=slow),)


def check_explanation(rating: Rating | str | None, explanation: str | None) -> tuple[DataCheck, ...]:
    """A C or D conclusion (the unit's, for an indicator or a task) needs a written explanation.

    Returns one ``DataCheck('explanation_missing', …)`` when the explanation is blank, so the
    workflow can refuse to submit; nothing otherwise.
    """
    try:
        rating = Rating(rating) if rating else None
    except ValueError:
        return ()
    if rating in (Rating.C, Rating.D) and not (explanation or "").strip():
        message = text.CHECK_EXPLANATION_MISSING.format(rating=rating.value, label=rating.label)
        return (DataCheck("explanation_missing", message),)
    return ()
