"""Reporting periods: a year, a half-year or a month, and time elapsed.

A period is written ``2022`` (a year), ``2023H1`` (a half-year) or
``2023-06`` (a month). Time elapsed in a plan counts the end of the period:
2022 is two of five years of a 2021–2025 plan (40%), 2023H1 is 2.5 (50%).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class Granularity(StrEnum):
    YEAR = "year"
    HALF = "half"
    MONTH = "month"


_PATTERN = re.compile(r"^\s*(\d{4})(?:\s*(?:H([12])|-(\d{1,2})))?\s*$", re.IGNORECASE)


@dataclass(frozen=True, order=True)
class Period:
    year: int
    granularity: Granularity = Granularity.YEAR
    index: int = 0  # 0 for a year, 1–2 for a half, 1–12 for a month

    def __post_init__(self) -> None:
        limits = {Granularity.YEAR: (0, 0), Granularity.HALF: (1, 2), Granularity.MONTH: (1, 12)}
        low, high = limits[self.granularity]
        if not low <= self.index <= high:
            raise ValueError(f"无效的期间：{self.year} {self.granularity} {self.index}")

    @classmethod
    def parse(cls, text: str) -> "Period":
        match = _PATTERN.match(str(text))
        if not match:
            raise ValueError(f"无法识别的期间“{text}”，应写作 2022、2023H1 或 2023-06")
        year, half, month = match.groups()
        if half:
            return cls(int(year), Granularity.HALF, int(half))
        if month:
            return cls(int(year), Granularity.MONTH, int(month))
        return cls(int(year))

    def __str__(self) -> str:
        if self.granularity is Granularity.HALF:
            return f"{self.year}H{self.index}"
        if self.granularity is Granularity.MONTH:
            return f"{self.year}-{self.index:02d}"
        return str(self.year)

    @property
    def label(self) -> str:
        """Chinese label for tables: 2022年, 2023年上半年, 2023年6月."""
        if self.granularity is Granularity.HALF:
            return f"{self.year}年{'上' if self.index == 1 else '下'}半年"
        if self.granularity is Granularity.MONTH:
            return f"{self.year}年{self.index}月"
        return f"{self.year}年"

    @property
    def years_to_end(self) -> float:
        """Years from 1 January of ``year`` to the end of the period (1.0, 0.5, 0.5 …)."""
        if self.granularity is Granularity.HALF:
            return 0.5 * self.index
        if self.granularity is Granularity.MONTH:
            return self.index / 12
        return 1.0

    def elapsed_fraction(self, *, start_year: int, end_year: int) -> float:
        """Share of the plan period ``start_year..end_year`` (inclusive) gone by the period's end."""
        span = end_year - start_year + 1
        gone = (self.year - start_year) + self.years_to_end
        return max(0.0, min(1.0, gone / span))
