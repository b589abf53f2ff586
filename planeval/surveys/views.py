"""The DRC's and units' pages of the public's voice. Each view: authorise, call one service or selector, render."""
from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from planeval.core.errors import ApplicationError
from planeval.organizations.models import Unit
from planeval.planning.models import Indicator, Task
from planeval.reports.downloads import list_download
from planeval.reports.tables import ListTable

from . import charts, selectors, services
from .access import (
    access_questionnaire,
    access_suggestion,
    access_voice,
    may_write,
    user_units,
)
from .models import Question, Questionnaire, Suggestion

SAVED = "已保存。"
BAD_DATE = "日期时间格式不正确，请按“2023-05-01 09:00”填写。"
BAD_YEAR = "请填写正确的年份。"


def _int(value) -> int | None:
    return int(value) if str(value or "").isdigit() else None


def _datetime(value: str) -> datetime.datetime | None:
    value = (value or "").strip().replace("T", " ")
    if not value:
        return None
    for pattern in ("%Y-%m-%d %H:%M", "%Y-%m-%d"):
        try:
            return timezone.make_aware(datetime.datetime.strptime(value, pattern))
        except ValueError:
            continue
    raise ApplicationError(BAD_DATE)


def _done(request, call, success: str = SAVED) -> bool:
    """Run a service call; a refusal becomes an error message and changes nothing."""
    try:
        call()
    except ApplicationError as refused:
        messages.error(request, refused.message)
        return False
    messages.success(request, success)
    return True


@login_required
def index(request, campaign_id: int):
    """问卷调查与人民建议征集: the campaign's questionnaires and the suggestion counts."""
    campaign = access_voice(request.user, campaign_id)
    if request.method == "POST":
        campaign = access_voice(request.user, campaign_id, write=True)
        created = []
        if _done(request, lambda: created.append(services.questionnaire_create(
                campaign=campaign, title=request.POST.get("title", ""), intro=request.POST.get("intro", ""),
                user=request.user)), "问卷已创建，请添加题目。"):
            return redirect("surveys:questionnaire", questionnaire_id=created[0].id)
        return redirect("surveys:index", campaign_id=campaign.id)
    return render(request, "surveys/index.html", {
        "campaign": campaign, "jurisdiction": campaign.jurisdiction,
        "questionnaires": selectors.campaign_questionnaires(campaign),
        "counts": selectors.voice_counts(campaign), "can_write": may_write(request.user, campaign),
    })


@login_required
def questionnaire(request, questionnaire_id: int):
    """The builder: settings, questions in order, status, history."""
    q = access_questionnaire(request.user, questionnaire_id)
    campaign = q.campaign
    return render(request, "surveys/questionnaire.html", {
        "q": q, "campaign": campaign, "jurisdiction": campaign.jurisdiction,
        "questions": q.questions.select_related("area", "indicator").prefetch_related("options"),
        "kinds": Question.Kind.choices, "areas": [(a, selectors.area_label(a))
                                                  for a in selectors.campaign_areas(campaign)],
        "indicators": selectors.campaign_indicators(campaign).filter(parent__isnull=True),
        "editable": q.status == Questionnaire.Status.DRAFT, "can_write": may_write(request.user, campaign),
        "events": q.events.select_related("by")[:30],
        "public_url": request.build_absolute_uri(reverse("surveys:public_survey", args=[q.public_id])),
    })


@login_required
@require_POST
def questionnaire_settings(request, questionnaire_id: int):
    q = access_questionnaire(request.user, questionnaire_id, write=True)
    _done(request, lambda: services.questionnaire_settings_save(
        questionnaire=q, title=request.POST.get("title", ""), intro=request.POST.get("intro", ""),
        opens_at=_datetime(request.POST.get("opens_at", "")), closes_at=_datetime(request.POST.get("closes_at", "")),
        user=request.user))
    return redirect("surveys:questionnaire", questionnaire_id=q.id)


@login_required
@require_POST
def question_add(request, questionnaire_id: int):
    q = access_questionnaire(request.user, questionnaire_id, write=True)
    area_id, indicator_id = _int(request.POST.get("area")), _int(request.POST.get("indicator"))
    _done(request, lambda: services.question_add(
        questionnaire=q, kind=request.POST.get("kind", ""), text=request.POST.get("text", ""),
        required=request.POST.get("required") == "on",
        options=request.POST.get("options", "").splitlines(),
        area=Task.objects.filter(id=area_id).first() if area_id else None,
        indicator=Indicator.objects.filter(id=indicator_id).first() if indicator_id else None,
        user=request.user), "题目已添加。")
    return redirect("surveys:questionnaire", questionnaire_id=q.id)


def _question(request, questionnaire_id: int, question_id: int):
    q = access_questionnaire(request.user, questionnaire_id, write=True)
    return q, get_object_or_404(Question, id=question_id, questionnaire=q)


@login_required
@require_POST
def question_remove(request, questionnaire_id: int, question_id: int):
    q, question = _question(request, questionnaire_id, question_id)
    _done(request, lambda: services.question_remove(question=question, user=request.user), "题目已删除。")
    return redirect("surveys:questionnaire", questionnaire_id=q.id)


@login_required
@require_POST
def question_move(request, questionnaire_id: int, question_id: int):
    q, question = _question(request, questionnaire_id, question_id)
    _done(request, lambda: services.question_move(question=question, up=request.POST.get("direction") == "up",
                                                  user=request.user), "顺序已调整。")
    return redirect("surveys:questionnaire", questionnaire_id=q.id)


@login_required
@require_POST
def questionnaire_transition(request, questionnaire_id: int):
    q = access_questionnaire(request.user, questionnaire_id, write=True)
    _done(request, lambda: services.questionnaire_transition(questionnaire=q, action=request.POST.get("action", ""),
                                                             user=request.user), "问卷状态已更新。")
    return redirect("surveys:questionnaire", questionnaire_id=q.id)


@login_required
@require_POST
def questionnaire_version(request, questionnaire_id: int):
    q = access_questionnaire(request.user, questionnaire_id, write=True)
    copy = services.questionnaire_new_version(questionnaire=q, user=request.user)
    messages.success(request, f"已创建第{copy.version}版（草稿），可修改题目后发布。")
    return redirect("surveys:questionnaire", questionnaire_id=copy.id)


@login_required
def results(request, questionnaire_id: int):
    """Results: answers over time, satisfaction per area with its interval, choices, free-text keywords."""
    q = access_questionnaire(request.user, questionnaire_id)
    data = selectors.results(q)
    return render(request, "surveys/results.html", {
        "q": q, "campaign": q.campaign, "jurisdiction": q.campaign.jurisdiction, "data": data,
        "over_time": charts.responses_over_time(data), "satisfaction_chart": charts.satisfaction_by_area(data),
        "distributions": [(d, charts.distribution_chart(i, d)) for i, d in enumerate(data.distributions)],
        "indicators": selectors.indicator_choices(q), "can_write": may_write(request.user, q.campaign),
        "this_year": timezone.localdate().year,
    })


@login_required
def results_export(request, questionnaire_id: int, fmt: str):
    q = access_questionnaire(request.user, questionnaire_id)
    headers, rows = selectors.raw_answers(q)
    return list_download(ListTable(title=f"{q.title}（第{q.version}版）答卷", headers=headers, rows=rows), fmt)


@login_required
@require_POST
def indicator_record(request, questionnaire_id: int):
    """记为指标数据: the satisfaction index of the questions tied to an indicator becomes its 统计数."""
    q = access_questionnaire(request.user, questionnaire_id, write=True)
    indicator = next((i for i in selectors.indicator_choices(q) if i.id == _int(request.POST.get("indicator"))), None)
    year = _int(request.POST.get("year"))

    def record():
        if indicator is None:
            raise ApplicationError(services.NO_LINKED_QUESTION)
        if year is None or not 2000 <= year <= 2100:
            raise ApplicationError(BAD_YEAR)
        services.survey_indicator_record(questionnaire=q, indicator=indicator, year=year, user=request.user)

    _done(request, record, f"已记为指标“{indicator.name if indicator else ''}”{year or ''}年的统计数。")
    return redirect("surveys:results", questionnaire_id=q.id)


# --- suggestions -----------------------------------------------------------------------------------

@login_required
def suggestions(request, campaign_id: int):
    campaign = access_voice(request.user, campaign_id)
    state = request.GET.get("state", "") if request.GET.get("state") in Suggestion.State.values else ""
    area_id = _int(request.GET.get("area"))
    return render(request, "surveys/suggestions.html", {
        "campaign": campaign, "jurisdiction": campaign.jurisdiction,
        "rows": selectors.suggestions_for(campaign, state=state, area_id=area_id)[:500],
        "states": Suggestion.State.choices, "state": state, "area_id": area_id,
        "areas": [(a, selectors.area_label(a)) for a in selectors.campaign_areas(campaign)],
        "summary": selectors.suggestion_summary(campaign), "can_write": may_write(request.user, campaign),
    })


@login_required
def suggestions_export(request, campaign_id: int, fmt: str):
    campaign = access_voice(request.user, campaign_id)
    rows = [[s.id, timezone.localtime(s.submitted_at), selectors.area_label(s.area), s.title, s.content,
             s.get_state_display(), s.unit.name if s.unit else "", s.get_outcome_display(), s.reply, s.is_sample]
            for s in selectors.suggestions_for(campaign)]
    return list_download(ListTable(title=f"{campaign.jurisdiction.name}人民建议", rows=rows, headers=[
        "编号", "提交时间", "规划领域", "标题", "建议内容", "状态", "承办单位", "办理结果", "答复内容", "示例数据"]), fmt)


@login_required
def suggestion(request, suggestion_id: int):
    s = access_suggestion(request.user, suggestion_id)
    campaign = s.campaign
    writer = may_write(request.user, campaign)
    return render(request, "surveys/suggestion.html", {
        "s": s, "campaign": campaign, "jurisdiction": campaign.jurisdiction, "can_write": writer,
        "can_answer": s.unit_id in user_units(request.user) and s.state == Suggestion.State.ROUTED,
        "steps": s.steps.select_related("by", "unit"), "outcomes": Suggestion.Outcome.choices,
        "units": Unit.objects.filter(jurisdiction_id=campaign.jurisdiction_id).order_by("id") if writer else (),
    })


def _version(request) -> int | None:
    return _int(request.POST.get("version"))


@login_required
@require_POST
def suggestion_moderate(request, suggestion_id: int):
    s = access_suggestion(request.user, suggestion_id, action="moderate")
    publish = request.POST.get("decision") == "publish"
    _done(request, lambda: services.suggestion_moderate(suggestion=s, publish=publish,
                                                        reason=request.POST.get("reason", ""), user=request.user,
                                                        expected_version=_version(request)),
          "已公开。" if publish else "已标记为不予公开。")
    return redirect("surveys:suggestion", suggestion_id=s.id)


@login_required
@require_POST
def suggestion_route(request, suggestion_id: int):
    s = access_suggestion(request.user, suggestion_id, action="moderate")
    unit_id = _int(request.POST.get("unit"))
    _done(request, lambda: services.suggestion_route(suggestion=s, unit=Unit.objects.filter(id=unit_id).first()
                                                     if unit_id else None, note=request.POST.get("note", ""),
                                                     user=request.user, expected_version=_version(request)),
          "已转办。")
    return redirect("surveys:suggestion", suggestion_id=s.id)


@login_required
@require_POST
def suggestion_answer(request, suggestion_id: int):
    s = access_suggestion(request.user, suggestion_id, action="answer")
    _done(request, lambda: services.suggestion_answer(suggestion=s, outcome=request.POST.get("outcome", ""),
                                                      reply=request.POST.get("reply", ""), user=request.user,
                                                      expected_version=_version(request)), "答复已记录。")
    return redirect("surveys:suggestion", suggestion_id=s.id)


@login_required
def unit_inbox(request):
    """人民建议办理: the suggestions routed to the user's units."""
    units = user_units(request.user)
    return render(request, "surveys/inbox.html", {"rows": selectors.suggestions_routed_to(units)})
