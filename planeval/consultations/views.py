"""征求意见 in the browser (logged in). Each view: authorise (access.py), call one service or selector, render."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from planeval.core.errors import ApplicationError
from planeval.domain import consultation as rules
from planeval.organizations.models import Unit
from planeval.reports.downloads import attachment, list_download
from planeval.reports.services import FORMATS, ExportedFile, safe_filename

from . import access, selectors, services
from .documents import record_docx
from .forms import AnswerForm, CommentForm, InviteForm, RoundForm, VersionForm

VERSION_SAVED = "已形成第{number}版（{stage}）。"
ROUND_OPENED = "已发起征求意见，请添加征求意见对象。"
INVITED = "已邀请{name}。"
ANSWERED = "已答复：{decision}。"
COMMENTED = "意见已提交，感谢您的意见！"
NO_COMMENT_SAVED = "已反馈：无意见。"
NO_RECORD = "尚未发起征求意见，暂无征求意见情况。"


def _version_context(campaign, who):
    latest = selectors.latest_version(campaign)
    stage = rules.Stage(latest.stage) if latest else None
    next_label = ""
    if stage is None:
        next_label = rules.STAGE_LABELS[rules.Stage.DRAFT]
    elif stage is not rules.Stage.FINAL:
        next_label = rules.STAGE_LABELS[rules.STAGE_ORDER[rules.STAGE_ORDER.index(stage) + 1]]
    return {"latest": latest, "next_label": next_label, "expected_number": latest.number if latest else 0,
            "open_count": selectors.open_comment_count(campaign), "can_consult": stage in rules.CONSULTABLE}


@login_required
def index(request, campaign_id: int):
    """The DRC's (and leaders', observers') overview; a department's list of what it was asked to read."""
    campaign, who = access.access_consultation(request.user, campaign_id)
    context = {"campaign": campaign, "who": who, "jurisdiction": campaign.jurisdiction,
               "mine": selectors.unit_invitations(campaign, who.unit_ids) if who.unit_ids else []}
    if who.can_read_all:
        record = selectors.consultation_record(campaign)
        context.update(_version_context(campaign, who), versions=selectors.versions(campaign),
                       rounds=selectors.rounds(campaign), record=record)
    return render(request, "consultations/index.html", context)


def _version_post(request, campaign_id: int, service):
    campaign, _who = access.access_manage(request.user, campaign_id)
    form = VersionForm(request.POST)
    if not form.is_valid():
        messages.error(request, services.VERSION_STALE.format(who="他人", when="刚才", number="?"))
        return redirect("consultations:index", campaign_id=campaign.id)
    try:
        version = service(campaign=campaign, user=request.user, expected_number=form.cleaned_data["expected_number"],
                          note=form.cleaned_data["note"])
    except ApplicationError as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, VERSION_SAVED.format(number=version.number, stage=version.get_stage_display()))
    return redirect("consultations:index", campaign_id=campaign.id)


@login_required
@require_POST
def version_record(request, campaign_id: int):
    return _version_post(request, campaign_id, services.version_record)


@login_required
@require_POST
def version_promote(request, campaign_id: int):
    return _version_post(request, campaign_id, services.version_promote)


@login_required
def version(request, version_id: int):
    """A kept version's text, as it was when it was formed (older versions stay readable)."""
    draft = access.access_version(request.user, version_id)
    who = access.standing(request.user, draft.campaign)
    return render(request, "consultations/version.html", {
        "draft": draft, "campaign": draft.campaign, "jurisdiction": draft.campaign.jurisdiction, "who": who,
        "round_form": RoundForm(), "can_consult": rules.Stage(draft.stage) in rules.CONSULTABLE,
    })


@login_required
def version_docx(request, version_id: int):
    draft = access.access_version(request.user, version_id)
    name = safe_filename(f"{draft.title}第{draft.number}版.docx")
    return attachment(ExportedFile(bytes(draft.docx), name, FORMATS["docx"]))


@login_required
@require_POST
def round_open(request, version_id: int):
    draft = access.access_version(request.user, version_id, manage=True)
    form = RoundForm(request.POST)
    form.is_valid()
    data = form.cleaned_data
    try:
        round_ = services.round_open(version=draft, user=request.user, title=data.get("title", ""),
                                     deadline=data.get("deadline"))
    except ApplicationError as refused:
        messages.error(request, refused.message)
        return redirect("consultations:version", version_id=draft.id)
    messages.success(request, ROUND_OPENED)
    return redirect("consultations:round", round_id=round_.id)


def _units(campaign):
    return Unit.objects.filter(jurisdiction=campaign.jurisdiction).order_by("name")


@login_required
def round_detail(request, round_id: int):
    """Who was asked, who answered, every comment; the DRC answers each one here."""
    round_ = access.access_round(request.user, round_id)
    who = access.standing(request.user, round_.campaign)
    invitations = selectors.round_invitations(round_)
    for invitation in invitations:
        invitation.section_labels = [round_.draft.section_titles().get(k, k) for k in invitation.sections]
    return render(request, "consultations/round.html", {
        "round": round_, "campaign": round_.campaign, "jurisdiction": round_.campaign.jurisdiction, "who": who,
        "invitations": invitations, "decisions": list(rules.DECISION_LABELS.items()),
        "invite_form": InviteForm(units=_units(round_.campaign), sections=round_.draft.sections),
        "reader_kinds": list(rules.READER_LABELS.items()),
        "open": selectors.current_stage(round_.campaign) in rules.CONSULTABLE,
    })


@login_required
@require_POST
def invite(request, round_id: int):
    round_ = access.access_round(request.user, round_id, manage=True)
    form = InviteForm(request.POST, units=_units(round_.campaign), sections=round_.draft.sections)
    if not form.is_valid():
        messages.error(request, services.SECTIONS_REQUIRED if "sections" in form.errors else services.NAME_REQUIRED)
        return redirect("consultations:round", round_id=round_.id)
    data = form.cleaned_data
    unit = Unit.objects.filter(id=data["unit"]).first() if data["unit"] else None
    try:
        invitation = services.invitation_add(round_=round_, user=request.user, kind=data["kind"], unit=unit,
                                             name=data["name"], affiliation=data["affiliation"],
                                             sections=data["sections"], deadline=data["deadline"])
    except ApplicationError as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, INVITED.format(name=invitation.name))
    return redirect("consultations:round", round_id=round_.id)


@login_required
@require_POST
def answer(request, comment_id: int):
    comment = access.access_comment(request.user, comment_id)
    form = AnswerForm(request.POST)
    form.is_valid()
    data = form.cleaned_data
    try:
        comment = services.comment_answer(comment=comment, user=request.user, decision=data.get("decision", ""),
                                          reason=data.get("reason", ""), expected_version=data.get("version") or 0)
    except ApplicationError as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, ANSWERED.format(decision=comment.get_decision_display()))
    return redirect(f"{reverse('consultations:round', args=[comment.invitation.round_id])}#comment-{comment.id}")


def reading_context(invitation, *, form_action: str, no_comment_action: str, errors=(), posted=None):
    return {"invitation": invitation, "round": invitation.round, "campaign": invitation.round.campaign,
            "sections": selectors.reader_sections(invitation), "errors": list(errors), "posted": posted or {},
            "form_action": form_action, "no_comment_action": no_comment_action,
            "open": selectors.current_stage(invitation.round.campaign) in rules.CONSULTABLE}


@login_required
def reading(request, invitation_id: int):
    """A department's reading page: only the sections it was asked to read, and its comments."""
    invitation = access.access_invitation(request.user, invitation_id)
    errors, posted, status = [], {}, 200
    if request.method == "POST":
        form = CommentForm(request.POST)
        form.is_valid()
        posted = form.cleaned_data
        try:
            services.comment_post(invitation=invitation, user=request.user, section_key=posted.get("section", ""),
                                  text=posted.get("text", ""), quote=posted.get("quote", ""))
        except ApplicationError as refused:
            errors, status = [refused.message], 400
        else:
            messages.success(request, COMMENTED)
            return redirect("consultations:reading", invitation_id=invitation.id)
    context = reading_context(invitation, form_action=reverse("consultations:reading", args=[invitation.id]),
                              no_comment_action=reverse("consultations:reading_no_comment", args=[invitation.id]),
                              errors=errors, posted=posted)
    context["jurisdiction"] = invitation.round.campaign.jurisdiction
    return render(request, "consultations/reading.html", context, status=status)


@login_required
@require_POST
def reading_no_comment(request, invitation_id: int):
    invitation = access.access_invitation(request.user, invitation_id)
    try:
        services.invitation_no_comment(invitation=invitation, user=request.user)
    except ApplicationError as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, NO_COMMENT_SAVED)
    return redirect("consultations:reading", invitation_id=invitation.id)


@login_required
def record_export(request, campaign_id: int, fmt: str):
    """征求意见情况 as .xlsx (a row per comment) or .docx (the document for the congress package)."""
    campaign, who = access.access_consultation(request.user, campaign_id)
    if not who.can_read_all:
        raise PermissionDenied(access.NO_ACCESS)
    if fmt == "xlsx":
        return list_download(selectors.record_table(campaign), fmt)
    if fmt != "docx":
        raise Http404
    record = selectors.consultation_record(campaign)
    if record is None:
        messages.error(request, NO_RECORD)
        return redirect("consultations:index", campaign_id=campaign.id)
    return attachment(ExportedFile(record_docx(record), safe_filename(f"{record.title}.docx"), FORMATS["docx"]))
