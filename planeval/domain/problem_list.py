"""The problem list (问题清单) and the list of items needing support from the level above (需上级支持事项).

Putuo asks units to tie the evaluation to the 大调研 lists (问题清单、措施清单…); Jiangbei asks for a
list of the main indicators, major projects and policies that need the upper level's support
(清单化梳理需要上级支持的主要指标、重大项目、重大政策). A unit's C/D-rated items are where its
problems are already written down: their 原因说明 become the causes, their 赶超措施 / 下一步工作思路
the measures. The unit confirms or edits each proposal; nothing is entered for it.
Pure Python.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

ITEM_LABELS = {"indicator": "指标", "task": "任务", "project": "项目"}
PROPOSED_RATINGS = frozenset({"C", "D"})


class Status(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    SOLVED = "solved"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]


STATUS_LABELS = {Status.OPEN: "待解决", Status.IN_PROGRESS: "推进中", Status.SOLVED: "已解决"}
# A solved problem may come back (推进中) when it recurs; nothing jumps back to 待解决 once work began.
STATUS_MOVES = {
    Status.OPEN: frozenset({Status.IN_PROGRESS, Status.SOLVED}),
    Status.IN_PROGRESS: frozenset({Status.SOLVED}),
    Status.SOLVED: frozenset({Status.IN_PROGRESS}),
}

PROBLEM_EMPTY = "请填写问题描述。"
CAUSES_EMPTY = "请填写问题原因。"
MEASURES_EMPTY = "请填写拟采取的措施。"
TEXT_TOO_LONG = "“{field}”不能超过{limit}字。"
STATUS_MOVE = "问题当前为“{now}”，不能改为“{new}”。"
PROBLEM_LIMIT, TEXT_LIMIT = 500, 4000


@dataclass(frozen=True)
class ProblemText:
    problem: str
    causes: str
    measures: str


def problem_problems(entry: ProblemText) -> list[str]:
    """What is missing or too long in a problem entry (empty when it may be saved)."""
    found = []
    if not entry.problem.strip():
        found.append(PROBLEM_EMPTY)
    elif len(entry.problem.strip()) > PROBLEM_LIMIT:
        found.append(TEXT_TOO_LONG.format(field="问题", limit=PROBLEM_LIMIT))
    if not entry.causes.strip():
        found.append(CAUSES_EMPTY)
    if not entry.measures.strip():
        found.append(MEASURES_EMPTY)
    for label, text in (("原因", entry.causes), ("措施", entry.measures)):
        if len(text.strip()) > TEXT_LIMIT:
            found.append(TEXT_TOO_LONG.format(field=label, limit=TEXT_LIMIT))
    return found


def status_move_problem(now: Status, new: Status) -> str:
    """The refusal for moving ``now`` → ``new``, or '' when the move is allowed."""
    if new in STATUS_MOVES[now]:
        return ""
    return STATUS_MOVE.format(now=now.label, new=new.label)


@dataclass(frozen=True)
class RatedItem:
    """A unit's judgement of one item, as its report holds it."""

    item_type: str       # indicator, task, project
    item_id: int
    name: str
    rating: str          # A-D or ''
    explanation: str     # 原因说明
    measures: str        # 赶超措施 (indicators) or 下一步工作思路/计划 (tasks, projects)


@dataclass(frozen=True)
class Proposal:
    key: str             # "indicator:12": one list entry per rated item
    item_type: str
    item_id: int
    rating: str
    text: ProblemText


RATING_PHRASES = {"C": "进展较慢、需要加快推进", "D": "情况变化、难以完成"}


def proposals_from_report(items: list[RatedItem], taken: set[str]) -> list[Proposal]:
    """One proposed entry per C/D-rated item not yet in the list (``taken`` holds the keys already used).

    The causes and measures are the unit's own words; when it left them empty the proposal says
    so, and the unit must fill them in before the entry can be saved.
    """
    proposals = []
    for item in items:
        key = f"{item.item_type}:{item.item_id}"
        if item.rating not in PROPOSED_RATINGS or key in taken:
            continue
        label = ITEM_LABELS[item.item_type]
        problem = f"{label}“{item.name}”{RATING_PHRASES[item.rating]}（自评{item.rating}）"
        proposals.append(Proposal(key=key, item_type=item.item_type, item_id=item.item_id, rating=item.rating,
                                  text=ProblemText(problem=problem[:PROBLEM_LIMIT],
                                                   causes=item.explanation.strip(),
                                                   measures=item.measures.strip())))
    return proposals


# --- 需上级支持事项 ------------------------------------------------------------------------------------

class SupportKind(StrEnum):
    INDICATOR = "indicator"
    PROJECT = "project"
    POLICY = "policy"


SUPPORT_KIND_LABELS = {SupportKind.INDICATOR: "指标", SupportKind.PROJECT: "项目", SupportKind.POLICY: "政策"}


class SupportStatus(StrEnum):
    RAISED = "raised"
    COMPILED = "compiled"
    ANSWERED = "answered"

    @property
    def label(self) -> str:
        return SUPPORT_STATUS_LABELS[self]


SUPPORT_STATUS_LABELS = {SupportStatus.RAISED: "已提出", SupportStatus.COMPILED: "已汇总上报",
                         SupportStatus.ANSWERED: "已答复"}
LEVELS = ("市级", "省级", "国家")


class SupportAction(StrEnum):
    COMPILE = "compile"
    ANSWER = "answer"

    @property
    def label(self) -> str:
        return {SupportAction.COMPILE: "汇总上报", SupportAction.ANSWER: "登记上级答复"}[self]


SUPPORT_MOVES = {
    (SupportStatus.RAISED, SupportAction.COMPILE): SupportStatus.COMPILED,
    (SupportStatus.COMPILED, SupportAction.ANSWER): SupportStatus.ANSWERED,
}
SUPPORT_ITEM_EMPTY = "请填写需支持的事项。"
SUPPORT_NEED_EMPTY = "请填写需要上级支持的内容。"
SUPPORT_LEVEL = "请选择向哪一级争取支持（市级、省级或国家）。"
SUPPORT_WRONG_STATE = "该事项当前为“{now}”，不能{action}。"
ANSWER_EMPTY = "请填写上级的答复内容。"


@dataclass(frozen=True)
class SupportText:
    kind: str
    item: str
    need: str
    level: str


def support_problems(entry: SupportText) -> list[str]:
    found = []
    if entry.kind not in set(SupportKind):
        found.append("请选择事项类别（指标、项目或政策）。")
    if not entry.item.strip():
        found.append(SUPPORT_ITEM_EMPTY)
    elif len(entry.item.strip()) > PROBLEM_LIMIT:
        found.append(TEXT_TOO_LONG.format(field="事项", limit=PROBLEM_LIMIT))
    if not entry.need.strip():
        found.append(SUPPORT_NEED_EMPTY)
    elif len(entry.need.strip()) > TEXT_LIMIT:
        found.append(TEXT_TOO_LONG.format(field="支持内容", limit=TEXT_LIMIT))
    if entry.level not in LEVELS:
        found.append(SUPPORT_LEVEL)
    return found


def support_move(now: SupportStatus, action: SupportAction, *, answer: str = "") -> SupportStatus:
    """The status after the DRC's step; ValueError with the Chinese reason when refused."""
    new = SUPPORT_MOVES.get((now, action))
    if new is None:
        raise ValueError(SUPPORT_WRONG_STATE.format(now=now.label, action=action.label))
    if action is SupportAction.ANSWER and not answer.strip():
        raise ValueError(ANSWER_EMPTY)
    return new


# --- the compiled report --------------------------------------------------------------------------

def problems_overview(*, problems: dict[str, int], supports: dict[str, int]) -> str:
    """The sentence of the report's problems part that cites the lists (counts by status and kind)."""
    total = sum(problems.values())
    text = (f"各单位梳理形成问题清单{total}项，其中待解决{problems.get(Status.OPEN, 0)}项、"
            f"推进中{problems.get(Status.IN_PROGRESS, 0)}项、已解决{problems.get(Status.SOLVED, 0)}项")
    count = sum(supports.values())
    if count:
        kinds = "、".join(f"{label}{supports[kind]}项" for kind, label in SUPPORT_KIND_LABELS.items()
                          if supports.get(kind))
        text += f"；梳理需上级支持事项{count}项（{kinds}）"
    return text + "。"


def problem_line(*, unit: str, problem: str, causes: str, measures: str) -> str:
    return f"{unit}：{_clause(problem)}。原因：{_clause(causes)}。措施：{_clause(measures)}。"


def _clause(text: str) -> str:
    return " ".join(text.split()).rstrip("。；;.")
