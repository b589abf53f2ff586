"""Time the assessment engine over a province's 4,000 indicators (DOMAIN.md, "Scale to plan for").

Builds 4,000 varied indicators reproducibly (every target kind, ~10 values each, some
forecasts, references, estimates and composites), assesses them all, and prints the best of
five runs. Goal: well under one second.

    .venv/bin/python benchmarks/assess_4000.py
"""
from __future__ import annotations

import random
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from planeval.domain.assessment import IndicatorInput, assess_indicator  # noqa: E402
from planeval.domain.targets import Direction, Target, TargetKind  # noqa: E402

COUNT = 4000
SEED = 20230419  # the date of Putuo's work plan
YEARS = ("2021", "2022")


def d(x: float) -> Decimal:
    return Decimal(f"{x:.2f}")


def level_like(rng: random.Random, kind: TargetKind) -> IndicatorInput:
    baseline = rng.uniform(10, 1000)
    lower = rng.random() < 0.3
    goal = baseline * (rng.uniform(0.6, 0.95) if lower else rng.uniform(1.05, 1.6))
    values, v = {}, baseline
    for year in YEARS:
        v *= rng.uniform(0.9, 1.15)
        values[year] = d(v)
    low, high = d(goal), d(goal)
    if kind is TargetKind.RANGE:
        low, high = d(goal * 0.95), d(goal * 1.05)
    direction = Direction.LOWER if lower or kind is TargetKind.AT_MOST else Direction.HIGHER
    forecasts = {2025: d(goal * rng.uniform(0.8, 1.2))} if rng.random() < 0.3 else {}
    return IndicatorInput(name="指标", unit=rng.choice(["件", "%", "亿元"]), baseline=d(baseline),
                          target=Target(kind, "", low=low, high=high, direction=direction),
                          binding=rng.random() < 0.3, values=values, forecasts=forecasts,
                          estimates=frozenset({"2022"}) if rng.random() < 0.2 else frozenset())


def cumulative(rng: random.Random) -> IndicatorInput:
    goal = rng.uniform(10, 2000)
    values = {year: d(goal / 5 * rng.uniform(0.5, 1.4)) for year in YEARS}
    values["2023H1"] = d(goal / 10 * rng.uniform(0.3, 1.5))
    forecasts = {y: d(goal / 5 * rng.uniform(0.6, 1.3)) for y in (2023, 2024, 2025)} if rng.random() < 0.3 else {}
    return IndicatorInput(name="新增", unit="家", target=Target(TargetKind.CUMULATIVE, "", low=d(goal), high=d(goal),
                                                               cumulative=True), values=values, forecasts=forecasts)


def rates(rng: random.Random, kind: TargetKind) -> IndicatorInput:
    goal = rng.uniform(1, 8)
    five_year = kind is TargetKind.REDUCTION and rng.random() < 0.5
    target = Target(kind, "", low=d(goal * (5 if five_year else 1)), high=d(goal * (5 if five_year else 1)),
                    annual_rate=True, cumulative=five_year)
    return IndicatorInput(name="增长率", unit="%", target=target,
                          values={year: d(rng.uniform(-3, 10)) for year in YEARS})


def relative(rng: random.Random) -> IndicatorInput:
    reference = {year: d(rng.uniform(2, 7)) for year in YEARS} if rng.random() < 0.7 else {}
    return IndicatorInput(name="地区生产总值年均增长率", unit="%",
                          target=Target(TargetKind.RELATIVE, "与市保持同步", annual_rate=True, relative_to="市",
                                        relation="in_step"),
                          values={year: d(rng.uniform(-2, 9)) for year in YEARS}, reference=reference)


def composite(rng: random.Random) -> IndicatorInput:
    parts = tuple(level_like(rng, TargetKind.LEVEL) for _ in range(4))
    total = sum((p.target.low for p in parts), Decimal(0))
    baseline = sum((p.baseline for p in parts), Decimal(0))
    return IndicatorInput(name="合计", target=Target(TargetKind.COMPOSITE, "", low=total, high=total),
                          baseline=baseline, parts=parts)


def build(count: int = COUNT, seed: int = SEED) -> list[IndicatorInput]:
    rng = random.Random(seed)
    makers = [
        lambda: level_like(rng, TargetKind.LEVEL), lambda: level_like(rng, TargetKind.AT_LEAST),
        lambda: level_like(rng, TargetKind.AT_MOST), lambda: level_like(rng, TargetKind.APPROXIMATELY),
        lambda: level_like(rng, TargetKind.RANGE), lambda: cumulative(rng), lambda: cumulative(rng),
        lambda: rates(rng, TargetKind.GROWTH_RATE), lambda: rates(rng, TargetKind.REDUCTION),
        lambda: relative(rng), lambda: composite(rng),
        lambda: IndicatorInput(name="定性", target=Target(TargetKind.QUALITATIVE, "全覆盖")),
    ]
    return [rng.choice(makers)() for _ in range(count)]


def main() -> None:
    items = build()
    timings = []
    for _ in range(5):
        start = time.perf_counter()
        results = [assess_indicator(item) for item in items]
        timings.append(time.perf_counter() - start)
    judged = sum(r.suggestion is not None for r in results)
    best = min(timings)
    print(f"assessed {len(items)} indicators ({judged} with a suggestion): best of 5 {best * 1000:.0f} ms "
          f"({best / len(items) * 1e6:.0f} µs per indicator)")


if __name__ == "__main__":
    main()
