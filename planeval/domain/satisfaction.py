"""The satisfaction index of a 1–5 scale and its 95% confidence interval (docs/surveys.md).

Each answer maps linearly to 0–100 (1 → 0, 2 → 25, 3 → 50, 4 → 75, 5 → 100) and the index is
the mean. The interval is Student's t: mean ± t(0.975, n − 1) · s / √n, with s the sample
standard deviation. t rather than the normal 1.96 because one area of one survey often has a
few dozen answers, where 1.96 would claim more precision than the data hold; for large n the
two agree. The interval describes sampling noise only: an open online questionnaire is not a
random sample, and self-selection is not in it.
"""
from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

SCALE_MIN, SCALE_MAX = 1, 5
CONFIDENCE = 0.95
FAVOURABLE = frozenset({4, 5})   # 满意 and 非常满意


def scale_to_index(score: int) -> float:
    """One answer on the 1–5 scale as 0–100."""
    if not SCALE_MIN <= score <= SCALE_MAX:
        raise ValueError(f"scale answer out of range: {score}")
    return (score - SCALE_MIN) * 100 / (SCALE_MAX - SCALE_MIN)


@dataclass(frozen=True)
class SatisfactionIndex:
    """The index of ``n`` answers; ``low``/``high`` are None below two answers (no spread to measure)."""

    n: int
    index: float | None
    low: float | None
    high: float | None
    favourable_share: float | None   # share of 4 and 5 answers (满意率), 0–100

    @property
    def half_width(self) -> float | None:
        return None if self.low is None or self.index is None else (self.high - self.low) / 2


def satisfaction_index(scores: Iterable[int]) -> SatisfactionIndex:
    """Mean of the mapped answers with its t interval, clipped to the 0–100 the index can take."""
    values = [scale_to_index(s) for s in scores]
    n = len(values)
    if n == 0:
        return SatisfactionIndex(0, None, None, None, None)
    favourable = 100 * sum(1 for s in values if s >= scale_to_index(min(FAVOURABLE))) / n
    mean = sum(values) / n
    if n < 2:
        return SatisfactionIndex(n, mean, None, None, favourable)
    variance = sum((v - mean) ** 2 for v in values) / (n - 1)
    half = t_quantile(1 - (1 - CONFIDENCE) / 2, n - 1) * math.sqrt(variance / n)
    return SatisfactionIndex(n, mean, max(0.0, mean - half), min(100.0, mean + half), favourable)


def t_quantile(p: float, df: int) -> float:
    """The p-quantile of Student's t with ``df`` degrees of freedom (p > 0.5), by bisection on the CDF."""
    if not 0.5 < p < 1 or df < 1:
        raise ValueError("t_quantile needs 0.5 < p < 1 and df ≥ 1")
    low, high = 0.0, 1.0
    while t_cdf(high, df) < p:
        high *= 2
    for _ in range(100):
        middle = (low + high) / 2
        if t_cdf(middle, df) < p:
            low = middle
        else:
            high = middle
    return (low + high) / 2


def t_cdf(t: float, df: int) -> float:
    """P(T ≤ t) for Student's t, through the regularised incomplete beta function."""
    x = df / (df + t * t)
    tail = 0.5 * _incomplete_beta(df / 2, 0.5, x)
    return 1 - tail if t >= 0 else tail


def _incomplete_beta(a: float, b: float, x: float) -> float:
    # I_x(a, b) by the continued fraction (Numerical Recipes, betai/betacf), using the symmetry
    # I_x(a, b) = 1 − I_(1−x)(b, a) where the fraction converges slowly.
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    front = math.exp(math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log(1 - x))
    if x < (a + 1) / (a + b + 2):
        return front * _beta_fraction(a, b, x) / a
    return 1 - front * _beta_fraction(b, a, 1 - x) / b


def _beta_fraction(a: float, b: float, x: float) -> float:
    tiny, eps = 1e-300, 3e-16
    qab, qap, qam = a + b, a + 1, a - 1
    c, d = 1.0, 1 - qab * x / qap
    d = 1 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 300):
        m2 = 2 * m
        for numerator in (m * (b - m) * x / ((qam + m2) * (a + m2)),
                          -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))):
            d = 1 + numerator * d
            d = 1 / (d if abs(d) > tiny else tiny)
            c = 1 + numerator / c
            c = c if abs(c) > tiny else tiny
            h *= d * c
        if abs(d * c - 1) < eps:
            break
    return h
