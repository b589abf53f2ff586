"""The public pages: a questionnaire and the suggestion form, without an account (docs/surveys.md).

Protections: Django's CSRF token on every form; one answer per device through a signed random
cookie (a deterrent, not a proof: clearing cookies makes a new device); a rate limit per client
address kept in the database (HTTP 429, nothing stored); no personal data asked.
"""
from __future__ import annotations

import secrets

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from planeval.audit.services import client_address
from planeval.campaigns.models import Campaign
from planeval.core.errors import ApplicationError
from planeval.domain import survey_answers, voice_flow
from planeval.planning.models import Task

from . import selectors, services
from .models import Questionnaire

DEVICE_COOKIE = "planeval_device"
DEVICE_SALT = "planeval.surveys.device-cookie"
DEVICE_MAX_AGE = 400 * 24 * 3600   # the longest lifetime browsers grant a cookie
THANKS = "提交成功，感谢您的参与！"
SUGGESTION_THANKS = "建议已提交，经审核后公开。感谢您的参与！"


def device_token(request) -> str:
    """The device's random token from its signed cookie; "" when absent or tampered with."""
    return request.get_signed_cookie(DEVICE_COOKIE, default="", salt=DEVICE_SALT) or ""


def _with_device(request, response):
    """Give a device without a valid cookie a new random one (so the form can be posted)."""
    if not device_token(request):
        response.set_signed_cookie(DEVICE_COOKIE, secrets.token_urlsafe(24), salt=DEVICE_SALT,
                                   max_age=DEVICE_MAX_AGE, httponly=True, samesite="Lax",
                                   secure=settings.SESSION_COOKIE_SECURE)
    return response


def _lists(data) -> dict[str, list[str]]:
    """A QueryDict as plain lists (``QueryDict.get`` would give only the last of a multiple choice)."""
    return {key: data.getlist(key) for key in data}


def _questions(questionnaire):
    return list(questionnaire.questions.select_related("area").prefetch_related("options").order_by("position", "id"))


@never_cache
def survey(request, public_id):
    """Show the questionnaire; on POST store one answer sheet or refuse it and store nothing."""
    questionnaire = get_object_or_404(Questionnaire.objects.select_related("campaign__jurisdiction"),
                                      public_id=public_id)
    if questionnaire.status == Questionnaire.Status.DRAFT:
        raise Http404   # a draft has no public existence yet
    context = {"q": questionnaire, "questions": _questions(questionnaire), "errors": {}, "posted": {},
               "accepting": voice_flow.accepting_answers(questionnaire.status, timezone.now(),
                                                         questionnaire.opens_at, questionnaire.closes_at)}
    status = 200
    if request.method == "POST":
        try:
            services.response_submit(questionnaire=questionnaire, posted=_lists(request.POST),
                                     device_token=device_token(request), address=client_address(request))
        except services.RateLimited as refused:
            context["refusal"], status = refused.message, 429
        except services.AnswersInvalid as refused:
            context["refusal"], context["errors"], status = refused.message, refused.extra["errors"], 400
            context["posted"] = {k: request.POST.getlist(k) for k in request.POST if k.startswith("q")}
        except ApplicationError as refused:
            context["refusal"] = refused.message
            status = 409 if refused.message == services.ALREADY_ANSWERED else 400
        else:
            return redirect("surveys:public_thanks", public_id=questionnaire.public_id)
    for question in context["questions"]:
        question.error = context["errors"].get(question.id, "")
        question.field = survey_answers.field_name(question.id)
        question.posted = context["posted"].get(question.field, [])
    return _with_device(request, render(request, "surveys/public_survey.html", context, status=status))


@never_cache
def survey_thanks(request, public_id):
    questionnaire = get_object_or_404(Questionnaire, public_id=public_id)
    return render(request, "surveys/public_thanks.html", {"q": questionnaire, "message": THANKS})


@never_cache
def suggest(request, campaign_id: int):
    """人民建议征集: the form, and the published suggestions with their answers."""
    campaign = get_object_or_404(Campaign.objects.select_related("jurisdiction"), id=campaign_id)
    areas = [(a, selectors.area_label(a)) for a in selectors.campaign_areas(campaign)]
    context = {"campaign": campaign, "areas": areas, "posted": {}, "open": campaign.status != "closed",
               "published": selectors.published_suggestions(campaign)[:50]}
    status = 200
    if request.method == "POST":
        area_id = request.POST.get("area", "")
        area = Task.objects.filter(id=int(area_id)).first() if area_id.isdigit() else None
        try:
            services.suggestion_submit(campaign=campaign, area=area, title=request.POST.get("title", ""),
                                       content=request.POST.get("content", ""), device_token=device_token(request),
                                       address=client_address(request))
        except services.RateLimited as refused:
            context["refusal"], status = refused.message, 429
        except ApplicationError as refused:
            context["refusal"], status = refused.message, 400
            context["posted"] = {"title": request.POST.get("title", ""), "content": request.POST.get("content", ""),
                                 "area": area_id}
        else:
            return redirect(f"{reverse('surveys:public_suggest', args=[campaign.id])}?sent=1")
    elif request.GET.get("sent"):
        context["thanks"] = SUGGESTION_THANKS
    return _with_device(request, render(request, "surveys/public_suggest.html", context, status=status))
