"""What must be true before a unit may submit: every item judged, C/D explained, shortfalls answered.

The engine suggests; the unit decides. These checks only ask that the unit's decision is
complete: a conclusion for every item, the causes for a C or D, and for a projected
shortfall either a recovery measure or a full adjustment proposal (before, after,
reason, calculation basis).
"""
from __future__ import annotations

from dataclasses import dataclass

RATINGS = ("A", "B", "C", "D")

NO_RATING = "{label}尚未给出评估结论。"
NEEDS_EXPLANATION = "{label}评为{rating}，须说明原因。"
NEEDS_REMEDY = "{label}预计期末难以完成目标，须填写赶超措施或提出调整建议（调整前、调整后、理由、测算依据）。"
ADJUSTMENT_INCOMPLETE = "{label}的调整建议不完整：须填写调整前、调整后、调整理由和测算依据。"


@dataclass(frozen=True)
class ItemDecision:
    label: str                      # how a person names it: 指标“新增养老床位数”
    rating: str = ""                # the unit's own conclusion A–D, "" when not yet given
    explanation: str = ""           # causes, required for C and D
    projected_shortfall: bool = False
    recovery_measures: str = ""
    adjustment: tuple[str, str, str, str] | None = None  # before, after, reason, basis


def item_problems(item: ItemDecision) -> list[str]:
    """Problems of one item, in the order a person would fix them."""
    problems = []
    if item.rating not in RATINGS:
        return [NO_RATING.format(label=item.label)]
    if item.rating in ("C", "D") and not item.explanation.strip():
        problems.append(NEEDS_EXPLANATION.format(label=item.label, rating=item.rating))
    adjustment_given = item.adjustment is not None and any(part.strip() for part in item.adjustment)
    if adjustment_given and not all(part.strip() for part in item.adjustment):
        problems.append(ADJUSTMENT_INCOMPLETE.format(label=item.label))
    shortfall = item.projected_shortfall or item.rating in ("C", "D")
    if shortfall and not item.recovery_measures.strip() and not adjustment_given:
        problems.append(NEEDS_REMEDY.format(label=item.label))
    return problems


def submission_problems(items: list[ItemDecision]) -> list[str]:
    """All problems that stop a submission; empty when it may go to the DRC."""
    return [problem for item in items for problem in item_problems(item)]
