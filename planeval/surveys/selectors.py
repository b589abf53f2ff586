"""Reads of the public's voice: a questionnaire's results, suggestion lists, and the report's figures.

Counts run in the database (one grouped query each); the free-text summary runs jieba over the
texts of one questionnaire or campaign (planeval/domain/keywords.py).
"""
from __future__ import annotations

import datetime
import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from planeval.domain import keywords as text_keywords
from planeval.domain.satisfaction import SatisfactionIndex, satisfaction_index
from planeval.planning.models import Indicator, Plan, Task

from .models import Answer, Question, Questionnaire, Response, Suggestion

NO_AREA = "综合（未关联领域）"


def campaign_areas(campaign):
    """The plan areas of a campaign: the top-level tasks of its outline (Putuo: 八个方面)."""
    return Task.objects.filter(plan__in=campaign.plans.filter(kind=Plan.Kind.OUTLINE), parent__isnull=True) \
        .order_by("plan_id", "position", "id")


def campaign_indicators(campaign):
    return Indicator.objects.filter(plan__in=campaign.plans.all()).order_by("plan_id", "position", "id")


def area_label(area: Task | None) -> str:
    """“六、坚持绿色发展”: the area's number and the first clause of its title, short enough for a chart axis."""
    if area is None:
        return NO_AREA
    return f"{area.number}、{area.title.split('，')[0]}" if area.number else area.title.split("，")[0]


@dataclass(frozen=True)
class Distribution:
    question: Question
    rows: tuple[tuple[str, int, float], ...]   # label, count, share of the answers to this question (%)
    answered: int
    index: SatisfactionIndex | None = None     # scale questions: the question's own index


@dataclass(frozen=True)
class AreaSatisfaction:
    label: str
    result: SatisfactionIndex
    indicators: tuple[Indicator, ...] = ()


@dataclass(frozen=True)
class AreaText:
    label: str
    summary: text_keywords.TextSummary


@dataclass(frozen=True)
class Results:
    questionnaire: Questionnaire
    responses: int
    by_day: tuple[tuple[datetime.date, int], ...]
    satisfaction: tuple[AreaSatisfaction, ...]
    distributions: tuple[Distribution, ...]
    texts: tuple[AreaText, ...]
    is_sample: bool


def results(questionnaire: Questionnaire, *, keyword_count: int = 8) -> Results:
    questions = list(questionnaire.questions.select_related("area", "indicator").prefetch_related("options")
                     .order_by("position", "id"))
    responses = Response.objects.filter(questionnaire=questionnaire)
    tz = timezone.get_current_timezone()
    by_day = tuple((row["day"], row["n"]) for row in responses.annotate(day=TruncDate("submitted_at", tzinfo=tz))
                   .values("day").annotate(n=Count("id")).order_by("day"))
    answers = Answer.objects.filter(question__questionnaire=questionnaire)
    # Satisfaction by area: every 1–5 answer of the area's scale questions, pooled.
    scores: dict[int | None, list[int]] = defaultdict(list)
    for area_id, score in answers.filter(question__kind=Question.Kind.SCALE, score__isnull=False) \
            .values_list("question__area_id", "score"):
        scores[area_id].append(score)
    areas = {q.area_id: q.area for q in questions}
    indicators = defaultdict(dict)
    for q in questions:
        if q.kind == Question.Kind.SCALE and q.indicator_id:
            indicators[q.area_id][q.indicator_id] = q.indicator
    scale_areas = list(dict.fromkeys(q.area_id for q in questions if q.kind == Question.Kind.SCALE))
    satisfaction = tuple(AreaSatisfaction(area_label(areas[a]), satisfaction_index(scores.get(a, [])),
                                          tuple(indicators[a].values())) for a in scale_areas)
    # Choice distributions: one grouped count of the selected options.
    picked = {option_id: n for option_id, n in
              answers.filter(question__kind__in=(Question.Kind.SINGLE, Question.Kind.MULTIPLE))
              .values("options").annotate(n=Count("id")).values_list("options", "n") if option_id is not None}
    answered = dict(answers.values("question_id").annotate(n=Count("id")).values_list("question_id", "n"))
    distributions = []
    for q in questions:
        if q.kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
            total = answered.get(q.id, 0)
            distributions.append(Distribution(q, tuple((o.label, picked.get(o.id, 0),
                                                        round(100 * picked.get(o.id, 0) / total, 1) if total else 0.0)
                                                       for o in q.options.all()), total))
        elif q.kind == Question.Kind.SCALE:
            counts = dict(answers.filter(question=q).values("score").annotate(n=Count("id")).values_list("score", "n"))
            total = sum(counts.values())
            distributions.append(Distribution(q, tuple((label, counts.get(score, 0),
                                                        round(100 * counts.get(score, 0) / total, 1) if total else 0.0)
                                                       for score, label in SCALE_LABELS.items()), total,
                                              satisfaction_index(s for s, n in counts.items() for _ in range(n))))
    texts: dict[int | None, list[str]] = defaultdict(list)
    last_text = 0
    for area_id, text, answer_id in answers.filter(question__kind=Question.Kind.TEXT).exclude(text="") \
            .values_list("question__area_id", "text", "id"):
        texts[area_id].append(text)
        last_text = max(last_text, answer_id)
    text_areas = [a for a in dict.fromkeys(q.area_id for q in questions if q.kind == Question.Kind.TEXT) if texts[a]]
    summaries = _text_summaries(questionnaire.id, last_text, keyword_count, text_areas, texts)
    return Results(
        questionnaire=questionnaire, responses=responses.count(), by_day=by_day, satisfaction=satisfaction,
        distributions=tuple(distributions),
        texts=tuple(AreaText(area_label(areas[a]), summaries[a]) for a in text_areas),
        is_sample=questionnaire.is_sample or responses.filter(is_sample=True).exists(),
    )


def _text_summaries(questionnaire_id: int, last_answer_id: int, top: int, areas, texts):
    """Keywords and themes per area, cached under a digest of the texts themselves, so a cached summary
    is always the summary of exactly these answers. Segmenting thousands of answers takes seconds; a
    results page viewed again should not pay it again (the digest costs milliseconds)."""
    digest = hashlib.sha256()
    for area in areas:
        digest.update(f"\x1e{area}\x1e".encode())
        for text in texts[area]:
            digest.update(text.encode() + b"\x1f")
    key = f"surveys:texts:{questionnaire_id}:{last_answer_id}:{top}:{digest.hexdigest()}"
    cached = cache.get(key)
    if cached is None:
        cached = {a: text_keywords.summarise(texts[a], top=top) for a in areas}
        cache.set(key, cached, timeout=24 * 3600)
    return cached


SCALE_LABELS = {1: "1分 非常不满意", 2: "2分 不满意", 3: "3分 一般", 4: "4分 满意", 5: "5分 非常满意"}


def raw_answers(questionnaire: Questionnaire) -> tuple[list[str], list[list]]:
    """Every answer sheet as one row (编号, 提交时间, 示例数据, then one column per question)."""
    questions = list(questionnaire.questions.order_by("position", "id"))
    headers = ["答卷编号", "提交时间", "示例数据"] + [f"{q.position}. {q.text}" for q in questions]
    cells: dict[int, dict[int, str | int]] = defaultdict(dict)
    for answer in Answer.objects.filter(response__questionnaire=questionnaire).prefetch_related("options"):
        if answer.score is not None:
            value = answer.score
        elif answer.text:
            value = answer.text
        else:
            value = "；".join(o.label for o in sorted(answer.options.all(), key=lambda o: (o.position, o.id)))
        cells[answer.response_id][answer.question_id] = value
    rows = [[r.id, timezone.localtime(r.submitted_at), r.is_sample] + [cells[r.id].get(q.id) for q in questions]
            for r in Response.objects.filter(questionnaire=questionnaire).order_by("submitted_at", "id")]
    return headers, rows


def indicator_choices(questionnaire: Questionnaire) -> list[Indicator]:
    """Indicators tied to a scale question of the questionnaire: those a result can give a value to."""
    ids = questionnaire.questions.filter(kind=Question.Kind.SCALE, indicator__isnull=False) \
        .values_list("indicator_id", flat=True)
    return list(Indicator.objects.filter(id__in=ids).order_by("position", "id"))


# --- suggestions -----------------------------------------------------------------------------------

def suggestions_for(campaign, *, state: str = "", area_id: int | None = None):
    rows = Suggestion.objects.filter(campaign=campaign).select_related("area", "unit")
    if state:
        rows = rows.filter(state=state)
    if area_id:
        rows = rows.filter(area_id=area_id)
    return rows.order_by("-submitted_at", "-id")


def suggestions_routed_to(units):
    return Suggestion.objects.filter(unit__in=units).select_related("area", "unit", "campaign") \
        .order_by("state", "-submitted_at", "-id")


def published_suggestions(campaign):
    """What the public page shows: published, routed and answered suggestions, newest first."""
    return Suggestion.objects.filter(campaign=campaign, state__in=(Suggestion.State.PUBLISHED, Suggestion.State.ROUTED,
                                                                   Suggestion.State.ANSWERED)) \
        .select_related("area").order_by("-submitted_at", "-id")


@dataclass(frozen=True)
class AreaSuggestions:
    label: str
    total: int
    counts: dict[str, int]          # state → count
    themes: tuple[text_keywords.Theme, ...]
    keywords: tuple[text_keywords.Keyword, ...]


def suggestion_summary(campaign, *, keyword_count: int = 6) -> tuple[AreaSuggestions, ...]:
    """Per area: how many suggestions, in which state, and their themes and keywords (rejected ones excluded
    from the themes: spam must not shape the report)."""
    rows = list(Suggestion.objects.filter(campaign=campaign).select_related("area")
                .values_list("area_id", "area__number", "area__title", "state", "title", "content"))
    order = {a.id: i for i, a in enumerate(campaign_areas(campaign))}
    groups: dict[int | None, list] = defaultdict(list)
    for row in rows:
        groups[row[0]].append(row)
    summaries = []
    for area_id in sorted(groups, key=lambda a: order.get(a, len(order))):
        items = groups[area_id]
        number, title = items[0][1], items[0][2]
        label = NO_AREA if area_id is None else (f"{number}、{title.split('，')[0]}" if number else title)
        kept = [f"{t}。{c}" for _, _, _, state, t, c in items if state != Suggestion.State.REJECTED]
        summary = text_keywords.summarise(kept, top=keyword_count)
        summaries.append(AreaSuggestions(label, len(items), dict(Counter(row[3] for row in items)), summary.themes,
                                         summary.keywords))
    return tuple(summaries)


def campaign_questionnaires(campaign):
    return Questionnaire.objects.filter(campaign=campaign).annotate(
        answers=Count("responses", distinct=True),
        questions_count=Count("questions", distinct=True)).order_by("-id")


def voice_counts(campaign) -> dict[str, int]:
    return Suggestion.objects.filter(campaign=campaign).aggregate(
        total=Count("id"), pending=Count("id", filter=Q(state=Suggestion.State.PENDING)),
        answered=Count("id", filter=Q(state=Suggestion.State.ANSWERED)))


@dataclass(frozen=True)
class VoiceReport:
    """What the compiled report says of the public's voice (planeval/reports/builders.py)."""

    paragraphs: tuple[str, ...]
    is_sample: bool


def voice_report(campaign) -> VoiceReport:
    """The report's figures: every non-draft questionnaire's satisfaction by area, the themes of all
    free-text answers, and the suggestions' counts and themes per area."""
    from planeval.domain import voice_text

    questionnaires = list(Questionnaire.objects.filter(campaign=campaign).exclude(status=Questionnaire.Status.DRAFT)
                          .order_by("id"))
    areas, texts, responses, sample = [], [], 0, False
    for q in questionnaires:
        data = results(q, keyword_count=5)
        responses += data.responses
        sample = sample or data.is_sample
        areas += [voice_text.AreaIndex(f"{a.label}", a.result.n, a.result.index, a.result.low, a.result.high)
                  for a in data.satisfaction]
        texts += list(Answer.objects.filter(question__questionnaire=q, question__kind=Question.Kind.TEXT)
                      .exclude(text="").values_list("text", flat=True))
    summary = text_keywords.summarise(texts, top=6)
    paragraphs = voice_text.survey_sentences(
        questionnaires=len(questionnaires), responses=responses, areas=areas,
        themes=[t.name for t in summary.themes[:4]], keywords=[k.word for k in summary.keywords])
    suggestions = Suggestion.objects.filter(campaign=campaign)
    counts = dict(suggestions.values("state").annotate(n=Count("id")).values_list("state", "n"))
    outcomes = dict(suggestions.exclude(outcome="").values("outcome").annotate(n=Count("id"))
                    .values_list("outcome", "n"))
    paragraphs += voice_text.suggestion_sentences(counts=counts, outcomes=outcomes, areas=[
        voice_text.AreaVoice(a.label, a.total, tuple(t.name for t in a.themes[:3])) for a in suggestion_summary(campaign)])
    sample = sample or suggestions.filter(is_sample=True).exists()
    if paragraphs and sample:
        paragraphs.append(voice_text.SAMPLE_NOTE)
    return VoiceReport(tuple(paragraphs), sample)
