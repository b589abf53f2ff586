"""Writes of the public's voice: building questionnaires, taking anonymous answers and suggestions,
moderating and routing suggestions, and turning a survey result into an indicator value.

Every DRC or unit step writes a history row (QuestionnaireEvent, SuggestionStep) and an audit
event. Anonymous submissions write neither an audit event nor an address: the audit log keeps
the client address, and a member of the public's address is not kept (docs/surveys.md).
"""
from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.crypto import salted_hmac

from planeval.audit.actions import Action
from planeval.audit.services import audit_record
from planeval.core.errors import ApplicationError, StaleVersionError
from planeval.domain import rate_limit, survey_answers, voice_flow
from planeval.domain.periods import Period
from planeval.domain.satisfaction import satisfaction_index
from planeval.monitoring.models import Observation
from planeval.monitoring.services import observation_record

from .models import (
    Answer,
    Option,
    Question,
    Questionnaire,
    QuestionnaireEvent,
    RateCounter,
    Response,
    Suggestion,
    SuggestionStep,
)

QUESTIONS_FROZEN = "问卷已发布，题目不能再修改；如需修改，请“另存为新版本”后在新版本中修改。"
TITLE_REQUIRED = "请填写问卷标题。"
QUESTION_TEXT_REQUIRED = "请填写题目。"
BAD_KIND = "请选择题型。"
OPTIONS_NEEDED = "单选题和多选题至少需要两个不同的选项（每行一个）。"
OPTIONS_NOT_ALLOWED = "满意度题和文字题不需要选项。"
FOREIGN_AREA = "所选规划领域不属于本评估工作的规划纲要。"
FOREIGN_INDICATOR = "所选指标不属于本评估工作的规划。"
NO_QUESTIONS = "问卷还没有题目，不能发布。"
BAD_DATES = "截止时间须晚于开始时间。"
NOT_ACCEPTING = "该问卷目前不在收集期内，暂不能提交。"
ALREADY_ANSWERED = "本设备已提交过该问卷，每台设备只能提交一次。感谢您的参与！"
NO_DEVICE = "请允许浏览器保存 Cookie 后重新打开问卷再提交。"
RATE_LIMITED = "提交过于频繁：同一网络地址在{minutes}分钟内最多提交{limit}次，请稍后再试。"
ANSWERS_INVALID = "有题目未按要求填写，请检查标红的题目。"
SUGGESTION_CLOSED = "本次评估工作已结束，暂不接受建议。"
SUGGESTION_TOO_SHORT = "请填写标题和至少10个字的建议内容。"
SUGGESTION_TOO_LONG = "建议内容请不超过2000字。"
SUGGESTION_DUPLICATE = "您已提交过相同内容的建议，请勿重复提交。"
REASON_REQUIRED = "不予公开须填写理由。"
UNIT_REQUIRED = "请选择承办单位。"
FOREIGN_UNIT = "承办单位须为本行政区划的单位。"
REPLY_REQUIRED = "请选择办理结果并填写答复内容。"
STALE_SUGGESTION = "该建议已被他人处理，您的操作未生效。请刷新页面后查看。"
NO_SCALE_ANSWERS = "该指标关联的满意度题还没有回答，无法计算满意度指数。"
NO_LINKED_QUESTION = "问卷中没有与该指标关联的满意度题。"
MIN_OPTIONS = 2


def _event(questionnaire: Questionnaire, *, action: str, detail: str, user, audit_action: str = Action.SETTING_CHANGE):
    QuestionnaireEvent.objects.create(questionnaire=questionnaire, action=action, detail=detail, by=user,
                                      at=timezone.now())
    audit_record(action=audit_action, user=user, target=questionnaire, detail={"change": action, "detail": detail})


# --- building a questionnaire ---------------------------------------------------------------------

@transaction.atomic
def questionnaire_create(*, campaign, title: str, intro: str = "", user) -> Questionnaire:
    title = (title or "").strip()
    if not title:
        raise ApplicationError(TITLE_REQUIRED)
    questionnaire = Questionnaire.objects.create(campaign=campaign, title=title[:120], intro=(intro or "").strip(),
                                                 created_by=user, created_at=timezone.now())
    _event(questionnaire, action="创建", detail=questionnaire.title, user=user)
    return questionnaire


@transaction.atomic
def questionnaire_settings_save(*, questionnaire: Questionnaire, title: str, intro: str,
                                opens_at: datetime.datetime | None, closes_at: datetime.datetime | None,
                                user) -> Questionnaire:
    """Dates may change at any time; the title and introduction only in the draft, as the questions."""
    questionnaire = Questionnaire.objects.select_for_update().get(id=questionnaire.id)
    title, intro = (title or "").strip()[:120], (intro or "").strip()
    if opens_at and closes_at and closes_at <= opens_at:
        raise ApplicationError(BAD_DATES)
    wording_changed = (title, intro) != (questionnaire.title, questionnaire.intro)
    if wording_changed and not voice_flow.questions_editable(questionnaire.status):
        raise ApplicationError(QUESTIONS_FROZEN)
    if not title:
        raise ApplicationError(TITLE_REQUIRED)
    before = f"{questionnaire.title}｜{_when(questionnaire.opens_at)}–{_when(questionnaire.closes_at)}"
    questionnaire.title, questionnaire.intro = title, intro
    questionnaire.opens_at, questionnaire.closes_at = opens_at, closes_at
    questionnaire.save(update_fields=["title", "intro", "opens_at", "closes_at"])
    after = f"{title}｜{_when(opens_at)}–{_when(closes_at)}"
    if before != after or wording_changed:
        _event(questionnaire, action="修改设置", detail=f"{before} → {after}", user=user)
    return questionnaire


def _when(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else "不限"


def _assert_editable(questionnaire: Questionnaire) -> None:
    if not voice_flow.questions_editable(questionnaire.status):
        raise ApplicationError(QUESTIONS_FROZEN)


@transaction.atomic
def question_add(*, questionnaire: Questionnaire, kind: str, text: str, required: bool = True,
                 options: list[str] | None = None, area=None, indicator=None, user) -> Question:
    """Append a question. ``area`` must be a top-level task of the campaign's outline, ``indicator``
    one of the campaign's plans' indicators."""
    questionnaire = Questionnaire.objects.select_for_update().select_related("campaign").get(id=questionnaire.id)
    _assert_editable(questionnaire)
    text = (text or "").strip()
    if kind not in Question.Kind.values:
        raise ApplicationError(BAD_KIND)
    if not text:
        raise ApplicationError(QUESTION_TEXT_REQUIRED)
    labels = list(dict.fromkeys(label.strip()[:120] for label in (options or []) if label.strip()))
    if kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE) and len(labels) < MIN_OPTIONS:
        raise ApplicationError(OPTIONS_NEEDED)
    if kind in (Question.Kind.SCALE, Question.Kind.TEXT) and labels:
        raise ApplicationError(OPTIONS_NOT_ALLOWED)
    from .selectors import campaign_areas, campaign_indicators

    if area is not None and not campaign_areas(questionnaire.campaign).filter(id=area.id).exists():
        raise ApplicationError(FOREIGN_AREA)
    if indicator is not None and not campaign_indicators(questionnaire.campaign).filter(id=indicator.id).exists():
        raise ApplicationError(FOREIGN_INDICATOR)
    position = (questionnaire.questions.aggregate(last=Max("position"))["last"] or 0) + 1
    question = Question.objects.create(questionnaire=questionnaire, position=position, kind=kind, text=text[:300],
                                       required=required, area=area, indicator=indicator)
    Option.objects.bulk_create([Option(question=question, position=i, label=label)
                                for i, label in enumerate(labels, start=1)])
    _event(questionnaire, action="新增题目", detail=f"{position}. {question.text}（{question.get_kind_display()}）",
           user=user)
    return question


@transaction.atomic
def question_remove(*, question: Question, user) -> None:
    questionnaire = Questionnaire.objects.select_for_update().get(id=question.questionnaire_id)
    _assert_editable(questionnaire)
    detail = f"{question.position}. {question.text}"
    question.delete()
    _event(questionnaire, action="删除题目", detail=detail, user=user)


@transaction.atomic
def question_move(*, question: Question, up: bool, user) -> None:
    """Swap the question with its neighbour above (``up``) or below."""
    questionnaire = Questionnaire.objects.select_for_update().get(id=question.questionnaire_id)
    _assert_editable(questionnaire)
    ordered = list(questionnaire.questions.order_by("position", "id"))
    index = next(i for i, q in enumerate(ordered) if q.id == question.id)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(ordered):
        return
    ordered[index], ordered[other] = ordered[other], ordered[index]
    for position, item in enumerate(ordered, start=1):
        if item.position != position:
            Question.objects.filter(id=item.id).update(position=position)
    _event(questionnaire, action="调整顺序", detail=f"{question.text} {'上移' if up else '下移'}", user=user)


@transaction.atomic
def questionnaire_transition(*, questionnaire: Questionnaire, action: str, user) -> Questionnaire:
    """发布 / 结束收集 / 重新开放, by the state table of domain/voice_flow."""
    questionnaire = Questionnaire.objects.select_for_update().get(id=questionnaire.id)
    try:
        move = voice_flow.questionnaire_move(questionnaire.status, action,
                                             state_label=questionnaire.get_status_display())
    except ValueError as refused:
        raise ApplicationError(str(refused)) from None
    if move.target == voice_flow.OPEN and not questionnaire.questions.exists():
        raise ApplicationError(NO_QUESTIONS)
    questionnaire.status = move.target
    questionnaire.save(update_fields=["status"])
    _event(questionnaire, action=move.label, detail=f"{move.source} → {move.target}", user=user,
           audit_action=Action.TRANSITION)
    return questionnaire


@transaction.atomic
def questionnaire_new_version(*, questionnaire: Questionnaire, user) -> Questionnaire:
    """A new draft with the same questions and options, and its own public link; the old one stays as it was."""
    source = Questionnaire.objects.get(id=questionnaire.id)
    latest = Questionnaire.objects.filter(campaign_id=source.campaign_id, title=source.title) \
        .aggregate(v=Max("version"))["v"] or source.version
    copy = Questionnaire.objects.create(campaign_id=source.campaign_id, title=source.title, intro=source.intro,
                                        version=latest + 1, previous=source, created_by=user,
                                        created_at=timezone.now(), is_sample=source.is_sample)
    for question in source.questions.prefetch_related("options"):
        new = Question.objects.create(questionnaire=copy, position=question.position, kind=question.kind,
                                      text=question.text, required=question.required, area_id=question.area_id,
                                      indicator_id=question.indicator_id)
        Option.objects.bulk_create([Option(question=new, position=o.position, label=o.label)
                                    for o in question.options.all()])
    _event(copy, action="新建版本", detail=f"由第{source.version}版复制", user=user)
    return copy


# --- anonymous submissions -----------------------------------------------------------------------

class RateLimited(ApplicationError):
    """Too many submissions from one address in the current window: answered with HTTP 429."""


def device_key(token: str) -> str:
    """The stored form of a device cookie: a keyed hash, so the table does not hold the cookie itself."""
    return salted_hmac("planeval.surveys.device", token).hexdigest() if token else ""


def _rate_key(scope: str, address: str, window: datetime.datetime) -> str:
    # Keyed with SECRET_KEY and salted with the window: the stored value cannot be reversed to an
    # address by trying all 2³² IPv4 addresses, and the same client's rows of two hours do not match.
    bucket = rate_limit.client_bucket(address)
    return salted_hmac("planeval.surveys.rate", f"{scope}|{bucket}|{window.isoformat()}").hexdigest()


def rate_limit_consume(*, scope: str, address: str, limit: int, window_seconds: int, now=None) -> None:
    """Count one submission of ``address`` in the current window, or raise RateLimited at the limit.

    Must run inside the transaction that stores the submission, so a refused or failed submission
    leaves the count as it was. The conditional UPDATE (count < limit) is atomic on SQLite and
    PostgreSQL alike, so two app servers cannot both take the last slot.
    """
    now = now or timezone.now()
    window = rate_limit.window_start(now, window_seconds)
    key = _rate_key(scope, address, window)
    RateCounter.objects.filter(window_start__lt=window).delete()   # ended windows: nothing kept longer
    if RateCounter.objects.filter(key=key, window_start=window, count__lt=limit).update(count=F("count") + 1):
        return
    if limit > 0 and not RateCounter.objects.filter(key=key, window_start=window).exists():
        try:
            with transaction.atomic():
                RateCounter.objects.create(key=key, window_start=window, count=1)
            return
        except IntegrityError:   # another server created it first: count against it
            if RateCounter.objects.filter(key=key, window_start=window, count__lt=limit).update(
                    count=F("count") + 1):
                return
    raise RateLimited(RATE_LIMITED.format(minutes=window_seconds // 60, limit=limit))


def survey_rate_limit() -> tuple[int, int]:
    return settings.SURVEY_RATE_LIMIT, settings.SURVEY_RATE_WINDOW_MINUTES * 60


def question_specs(questionnaire: Questionnaire) -> list[survey_answers.QuestionSpec]:
    questions = questionnaire.questions.prefetch_related("options").order_by("position", "id")
    return [survey_answers.QuestionSpec(q.id, q.kind, q.required, frozenset(o.id for o in q.options.all()))
            for q in questions]


class AnswersInvalid(ApplicationError):
    """Some questions were not answered as asked; ``extra["errors"]`` maps question id → message."""


@transaction.atomic
def response_submit(*, questionnaire: Questionnaire, posted, device_token: str, address: str,
                    now=None) -> Response:
    """Store one anonymous answer sheet, or refuse it and store nothing.

    Refusals, in order: not in the collection period; no device cookie; this device answered
    already; the address is over the rate limit (HTTP 429); an answer not as asked.
    """
    now = now or timezone.now()
    questionnaire = Questionnaire.objects.get(id=questionnaire.id)
    if not voice_flow.accepting_answers(questionnaire.status, now, questionnaire.opens_at, questionnaire.closes_at):
        raise ApplicationError(NOT_ACCEPTING)
    key = device_key(device_token)
    if not key:
        raise ApplicationError(NO_DEVICE)
    if Response.objects.filter(questionnaire=questionnaire, device_key=key).exists():
        raise ApplicationError(ALREADY_ANSWERED)
    limit, window = survey_rate_limit()
    rate_limit_consume(scope=f"survey:{questionnaire.id}", address=address, limit=limit, window_seconds=window,
                       now=now)
    answers, errors = survey_answers.check_answers(question_specs(questionnaire), posted)
    if errors:
        raise AnswersInvalid(ANSWERS_INVALID, extra={"errors": errors})
    try:
        with transaction.atomic():
            response = Response.objects.create(questionnaire=questionnaire, submitted_at=now, device_key=key)
    except IntegrityError:   # the same device posted twice at once
        raise ApplicationError(ALREADY_ANSWERED) from None
    _answers_create(response, answers)
    return response


def _answers_create(response: Response, answers: list[survey_answers.CleanAnswer]) -> None:
    rows = Answer.objects.bulk_create([Answer(response=response, question_id=a.question_id, score=a.score,
                                              text=a.text) for a in answers])
    if rows and rows[0].pk is None:   # backends that do not return ids from bulk_create
        rows = list(Answer.objects.filter(response=response))
    by_question = {row.question_id: row for row in rows}
    Answer.options.through.objects.bulk_create([
        Answer.options.through(answer_id=by_question[a.question_id].id, option_id=option_id)
        for a in answers for option_id in a.option_ids])


# --- suggestions -----------------------------------------------------------------------------------

def _step(suggestion: Suggestion, *, move_action: str, source: str, target: str, user, note: str = "",
          unit=None) -> SuggestionStep:
    step = SuggestionStep.objects.create(suggestion=suggestion, action=move_action, from_state=source,
                                         to_state=target, unit=unit, note=note, by=user, at=timezone.now())
    if user is not None:
        audit_record(action=Action.TRANSITION, user=user, target=suggestion,
                     detail={"action": move_action, "from": source, "to": target,
                             "unit": unit.name if unit else "", "note": note[:500]})
    return step


@transaction.atomic
def suggestion_submit(*, campaign, area, title: str, content: str, device_token: str, address: str,
                      now=None) -> Suggestion:
    """A suggestion from the public. No account, no personal data; rate-limited per address."""
    now = now or timezone.now()
    if campaign.status == "closed":
        raise ApplicationError(SUGGESTION_CLOSED)
    key = device_key(device_token)
    if not key:
        raise ApplicationError(NO_DEVICE)
    title, content = (title or "").strip(), (content or "").strip()
    if not title or len(content) < 10:
        raise ApplicationError(SUGGESTION_TOO_SHORT)
    if len(content) > 2000:
        raise ApplicationError(SUGGESTION_TOO_LONG)
    if area is not None:
        from .selectors import campaign_areas

        if not campaign_areas(campaign).filter(id=area.id).exists():
            raise ApplicationError(FOREIGN_AREA)
    if Suggestion.objects.filter(campaign=campaign, device_key=key, content=content).exists():
        raise ApplicationError(SUGGESTION_DUPLICATE)
    rate_limit_consume(scope=f"suggestion:{campaign.id}", address=address, limit=settings.SUGGESTION_RATE_LIMIT,
                       window_seconds=settings.SURVEY_RATE_WINDOW_MINUTES * 60, now=now)
    suggestion = Suggestion.objects.create(campaign=campaign, area=area, title=title[:60], content=content,
                                           device_key=key, submitted_at=now)
    _step(suggestion, move_action="submit", source="", target=Suggestion.State.PENDING, user=None, note="公众提交")
    return suggestion


def _locked_suggestion(suggestion: Suggestion, expected_version: int | None) -> Suggestion:
    current = Suggestion.objects.select_for_update().get(id=suggestion.id)
    if expected_version is not None and expected_version != current.version:
        raise StaleVersionError(STALE_SUGGESTION)
    return current


def _advance(suggestion: Suggestion, action: str) -> voice_flow.Move:
    try:
        return voice_flow.suggestion_move(suggestion.state, action, state_label=suggestion.get_state_display())
    except ValueError as refused:
        raise ApplicationError(str(refused)) from None


@transaction.atomic
def suggestion_moderate(*, suggestion: Suggestion, publish: bool, reason: str = "", user,
                        expected_version: int | None = None) -> Suggestion:
    """The DRC publishes a suggestion or keeps it from the public with a reason (spam, abuse, personal data)."""
    suggestion = _locked_suggestion(suggestion, expected_version)
    move = _advance(suggestion, "publish" if publish else "reject")
    reason = (reason or "").strip()
    if not publish and not reason:
        raise ApplicationError(REASON_REQUIRED)
    suggestion.state, suggestion.reject_reason = move.target, "" if publish else reason[:200]
    suggestion.version += 1
    suggestion.save(update_fields=["state", "reject_reason", "version"])
    _step(suggestion, move_action=move.action, source=move.source, target=move.target, user=user, note=reason)
    return suggestion


@transaction.atomic
def suggestion_route(*, suggestion: Suggestion, unit, note: str = "", user,
                     expected_version: int | None = None) -> Suggestion:
    suggestion = _locked_suggestion(suggestion, expected_version)
    move = _advance(suggestion, "route")
    if unit is None:
        raise ApplicationError(UNIT_REQUIRED)
    if unit.jurisdiction_id != suggestion.campaign.jurisdiction_id:
        raise ApplicationError(FOREIGN_UNIT)
    suggestion.state, suggestion.unit = move.target, unit
    suggestion.version += 1
    suggestion.save(update_fields=["state", "unit", "version"])
    _step(suggestion, move_action=move.action, source=move.source, target=move.target, user=user,
          note=(note or "").strip(), unit=unit)
    return suggestion


@transaction.atomic
def suggestion_answer(*, suggestion: Suggestion, outcome: str, reply: str, user,
                      expected_version: int | None = None) -> Suggestion:
    """The routed unit records how it handled the suggestion (采纳 / 部分采纳 / 不采纳 / 已答复)."""
    suggestion = _locked_suggestion(suggestion, expected_version)
    move = _advance(suggestion, "answer")
    reply = (reply or "").strip()
    if outcome not in Suggestion.Outcome.values or not reply:
        raise ApplicationError(REPLY_REQUIRED)
    suggestion.state, suggestion.outcome, suggestion.reply = move.target, outcome, reply
    suggestion.version += 1
    suggestion.save(update_fields=["state", "outcome", "reply", "version"])
    _step(suggestion, move_action=move.action, source=move.source, target=move.target, user=user,
          note=f"{Suggestion.Outcome(outcome).label}：{reply}", unit=suggestion.unit)
    return suggestion


# --- a survey result as an indicator value --------------------------------------------------------

@transaction.atomic
def survey_indicator_record(*, questionnaire: Questionnaire, indicator, year: int, user) -> Observation:
    """Record the satisfaction index of the scale questions tied to ``indicator`` as its 统计数 for ``year``.

    Goes through monitoring.observation_record, so the value's history is written and a locked
    submission of the indicator's lead unit refuses the change. The source names the survey.
    """
    scores = list(Answer.objects.filter(question__questionnaire=questionnaire, question__indicator=indicator,
                                        question__kind=Question.Kind.SCALE, score__isnull=False)
                  .values_list("score", flat=True))
    if not questionnaire.questions.filter(indicator=indicator, kind=Question.Kind.SCALE).exists():
        raise ApplicationError(NO_LINKED_QUESTION)
    result = satisfaction_index(scores)
    if result.index is None:
        raise ApplicationError(NO_SCALE_ANSWERS)
    value = Decimal(str(result.index)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    interval = (f"95%置信区间{result.low:.1f}–{result.high:.1f}" if result.low is not None else "样本不足以计算置信区间")
    source = f"问卷调查“{questionnaire.title}”第{questionnaire.version}版"[:120]
    note = f"满意度指数，样本{result.n}份，{interval}（问卷编号{questionnaire.id}）"[:300]
    return observation_record(indicator=indicator, period=Period(year), kind=Observation.Kind.ACTUAL, value=value,
                              source=source, note=note, user=user, is_sample=questionnaire.is_sample)
