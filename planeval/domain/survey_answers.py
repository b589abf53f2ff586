"""Checking one public submission of a questionnaire against its questions (docs/surveys.md).

The form posts ``q<id>`` fields: an option id (single), option ids (multiple), 1–5 (scale) or
text. Every problem is reported per question in Chinese; a submission with any problem stores
nothing.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

SINGLE, MULTIPLE, SCALE, TEXT = "single", "multiple", "scale", "text"
TEXT_LIMIT = 2000

REQUIRED = "此题为必答题。"
BAD_CHOICE = "请从给出的选项中选择。"
ONE_CHOICE = "此题只能选择一项。"
BAD_SCALE = "请选择1至5分。"
TOO_LONG = f"回答请不超过{TEXT_LIMIT}字。"


@dataclass(frozen=True)
class QuestionSpec:
    id: int
    kind: str
    required: bool
    option_ids: frozenset[int] = frozenset()


@dataclass(frozen=True)
class CleanAnswer:
    question_id: int
    score: int | None = None
    text: str = ""
    option_ids: tuple[int, ...] = ()


def field_name(question_id: int) -> str:
    return f"q{question_id}"


def check_answers(questions: Sequence[QuestionSpec], posted: Mapping[str, Sequence[str]]
                  ) -> tuple[list[CleanAnswer], dict[int, str]]:
    """The clean answers of ``posted`` (a form's lists of values) and the errors by question id.

    A question left blank that is not required gives no answer at all.
    """
    answers: list[CleanAnswer] = []
    errors: dict[int, str] = {}
    for question in questions:
        raw = posted.get(field_name(question.id), ())
        raw = [raw] if isinstance(raw, str) else raw
        values = [v.strip() for v in raw if v and v.strip()]
        if not values:
            if question.required:
                errors[question.id] = REQUIRED
            continue
        try:
            answers.append(_clean(question, values))
        except ValueError as problem:
            errors[question.id] = str(problem)
    return answers, errors


def _clean(question: QuestionSpec, values: list[str]) -> CleanAnswer:
    if question.kind == TEXT:
        text = "\n".join(values)
        if len(text) > TEXT_LIMIT:
            raise ValueError(TOO_LONG)
        return CleanAnswer(question.id, text=text)
    if question.kind == SCALE:
        if len(values) != 1 or values[0] not in {"1", "2", "3", "4", "5"}:
            raise ValueError(BAD_SCALE)
        return CleanAnswer(question.id, score=int(values[0]))
    if not all(v.isdigit() and int(v) in question.option_ids for v in values):
        raise ValueError(BAD_CHOICE)
    chosen = tuple(dict.fromkeys(int(v) for v in values))
    if question.kind == SINGLE and len(chosen) != 1:
        raise ValueError(ONE_CHOICE)
    return CleanAnswer(question.id, option_ids=chosen)
