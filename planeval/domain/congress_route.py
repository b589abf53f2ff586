"""The legal route of the 提请审议 package, in the order the seeds give it.

政府常务会议 → 党委常委会 → 人大常委会审议 → 公开发布 → 报上级发改委备案 (Putuo, Hongqiao:
the report and the adjustment plan go to the district government's executive meeting and the
party committee's standing committee, then to the people's congress standing committee; the
evaluation is published and a copy goes to the higher-level DRC — Rongshui: within 15 working
days). A step can be recorded only after the steps it rests on, on a date not before theirs.
Publishing and the copy to the higher-level DRC both follow the congress's review, in either
order: Jiangbei has the city DRC check the report before it is published (报市发改委审核衔接后正式发布).
"""
from __future__ import annotations

from datetime import date
from enum import StrEnum


class RouteStep(StrEnum):
    GOVERNMENT = "government"
    PARTY = "party"
    CONGRESS = "congress"
    PUBLISH = "publish"
    FILING = "filing"


STEP_LABELS = {
    RouteStep.GOVERNMENT: "区政府常务会议",
    RouteStep.PARTY: "区委常委会",
    RouteStep.CONGRESS: "人大常委会审议",
    RouteStep.PUBLISH: "公开发布",
    RouteStep.FILING: "报上级发改委备案",
}
ORDER = tuple(RouteStep)
# The step each step rests on (the chain before it follows from there).
REQUIRES = {
    RouteStep.GOVERNMENT: None,
    RouteStep.PARTY: RouteStep.GOVERNMENT,
    RouteStep.CONGRESS: RouteStep.PARTY,
    RouteStep.PUBLISH: RouteStep.CONGRESS,
    RouteStep.FILING: RouteStep.CONGRESS,
}


def _before(step: RouteStep) -> list[RouteStep]:
    """Every step ``step`` rests on, from the first step of the route."""
    chain, current = [], REQUIRES[step]
    while current is not None:
        chain.append(current)
        current = REQUIRES[current]
    return chain[::-1]


# Rongshui: 按程序报审后15个工作日内，抄报市发展改革委 — counted from the congress's review.
FILING_WORKING_DAYS = 15

EARLIER_MISSING = "请先登记“{missing}”，再登记“{step}”：审议程序须按顺序办理。"
EARLIER_DATE = "“{step}”的日期（{day}）不能早于已登记的“{earlier}”（{earlier_day}）。"
LATER_RECORDED = "“{step}”的日期（{day}）不能晚于已登记的“{later}”（{later_day}）。"


def route_check(step: RouteStep, day: date, recorded: dict[RouteStep, date]) -> str:
    """'' when ``step`` on ``day`` may be recorded given the steps already ``recorded``; else why not."""
    for earlier in _before(step):
        if earlier not in recorded:
            return EARLIER_MISSING.format(missing=STEP_LABELS[earlier], step=STEP_LABELS[step])
        if day < recorded[earlier]:
            return EARLIER_DATE.format(step=STEP_LABELS[step], day=_cn(day), earlier=STEP_LABELS[earlier],
                                       earlier_day=_cn(recorded[earlier]))
    for later in (other for other in ORDER if step in _before(other)):
        if later in recorded and recorded[later] < day:
            return LATER_RECORDED.format(step=STEP_LABELS[step], day=_cn(day), later=STEP_LABELS[later],
                                         later_day=_cn(recorded[later]))
    return ""


def next_step(recorded: dict[RouteStep, date]) -> RouteStep | None:
    """The first step of the route not yet recorded (the form's default)."""
    return next((step for step in ORDER if step not in recorded), None)


def _cn(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"
