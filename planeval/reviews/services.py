"""Writes of third-party evaluation and typical cases.

Each service checks what the state allows, refuses stale versions, writes the change and its
``ReviewRevision`` rows in one transaction, and appends an audit event last (docs/audit.md).
"""
from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from planeval.accounts.access import ancestor_ids
from planeval.accounts.models import Role, RoleAssignment
from planeval.audit.actions import Action as AuditAction
from planeval.audit.services import audit_record, audit_text
from planeval.campaigns.models import Campaign
from planeval.core.errors import STALE_VERSION, ApplicationError, StaleVersionError
from planeval.domain.review_compare import LETTERS
from planeval.submissions.evidence import upload_check
from planeval.submissions.locks import assert_submission_editable
from planeval.submissions.models import Submission

from .models import Case, Conclusion, EvaluatorGrant, ReviewRevision

ORGANISATION_REQUIRED = "请填写第三方评估机构的名称。"
ORGANISATION_TAKEN = "“{name}”已获授权评估本项工作。"
NOT_AN_OBSERVER = "评估账户“{username}”不是本区（或上级）的观察员账户，请先在管理后台为其授予观察员角色。"
GRANT_REVOKED = "该评估机构的授权已撤销，不能再记录评估结论。"
CAMPAIGN_CLOSED = "评估工作已结束，不能再修改。"
NOT_AN_ITEM = "该事项不属于本次评估工作。"
BAD_RATING = "评估结论须为A、B、C、D之一。"
EMPTY_CONCLUSION = "请选择评估结论或填写评估意见。"
CASE_FIELDS_REQUIRED = "请填写案例标题、案例类型、基本情况、主要做法和取得成效。"
BAD_POSITION = "报告中的次序须为1至999的整数。"

CONCLUSION_FIELDS = ("rating", "comment")
CASE_FIELDS = ("title", "area", "kind", "summary", "measures", "results")


def _text(value) -> str:
    return "" if value is None else str(value)


def _record(*, campaign, object_type: str, obj, old: dict, user, now) -> None:
    """One ReviewRevision per changed field (old → new); the caller appends the audit event."""
    changed = [name for name in old if _text(old[name]) != _text(getattr(obj, name))]
    ReviewRevision.objects.bulk_create(
        ReviewRevision(campaign=campaign, object_type=object_type, object_id=obj.pk, field=name,
                       old_value=_text(old[name]), new_value=_text(getattr(obj, name)), changed_by=user,
                       changed_at=now)
        for name in changed)


def _who_when(obj) -> tuple[str, str]:
    who = (obj.updated_by.full_name or obj.updated_by.username) if obj.updated_by_id else "他人"
    when = timezone.localtime(obj.updated_at).strftime("%m月%d日%H:%M") if obj.updated_at else "刚才"
    return who, when


def _assert_fresh(obj, expected_version: int | None) -> None:
    if obj.pk and expected_version is not None and expected_version != obj.version:
        who, when = _who_when(obj)
        raise StaleVersionError(STALE_VERSION.format(who=who, when=when), extra={"theirs": obj})


def _assert_open(campaign: Campaign) -> None:
    if campaign.status == Campaign.Status.CLOSED:
        raise ApplicationError(CAMPAIGN_CLOSED)


# --- evaluators ------------------------------------------------------------------------------------

@transaction.atomic
def grant_create(*, campaign: Campaign, organisation: str, account=None, user) -> EvaluatorGrant:
    """Commission an outside evaluator for ``campaign``; ``account`` is its observer login, if it has one."""
    organisation = " ".join((organisation or "").split())
    if not organisation:
        raise ApplicationError(ORGANISATION_REQUIRED)
    if EvaluatorGrant.objects.filter(campaign=campaign, organisation=organisation).exists():
        raise ApplicationError(ORGANISATION_TAKEN.format(name=organisation))
    if account is not None and not RoleAssignment.objects.filter(
            user=account, role=Role.OBSERVER, jurisdiction_id__in=ancestor_ids(campaign.jurisdiction)).exists():
        raise ApplicationError(NOT_AN_OBSERVER.format(username=account.username))
    now = timezone.now()
    grant = EvaluatorGrant.objects.create(campaign=campaign, organisation=organisation, user=account,
                                          granted_by=user, granted_at=now)
    ReviewRevision.objects.create(campaign=campaign, object_type="grant", object_id=grant.pk, field="organisation",
                                  new_value=organisation, changed_by=user, changed_at=now)
    audit_record(action=AuditAction.ROLE_CHANGE, user=user, target=grant,
                 detail={"grant": "third_party_evaluator", "campaign_id": campaign.pk, "organisation": organisation,
                         "account": account.username if account is not None else ""})
    return grant


@transaction.atomic
def grant_revoke(*, grant: EvaluatorGrant, user) -> EvaluatorGrant:
    """Withdraw a grant: the evaluator can no longer record; its conclusions stay, out of the comparison."""
    grant = EvaluatorGrant.objects.select_for_update().get(pk=grant.pk)
    if grant.revoked_at is not None:
        return grant
    now = timezone.now()
    grant.revoked_at, grant.revoked_by = now, user
    grant.save(update_fields=["revoked_at", "revoked_by"])
    ReviewRevision.objects.create(campaign_id=grant.campaign_id, object_type="grant", object_id=grant.pk,
                                  field="revoked_at", new_value=now.isoformat(), changed_by=user, changed_at=now)
    audit_record(action=AuditAction.ROLE_CHANGE, user=user, target=grant,
                 detail={"revoke": "third_party_evaluator", "campaign_id": grant.campaign_id,
                         "organisation": grant.organisation})
    return grant


@transaction.atomic
def conclusion_save(*, grant: EvaluatorGrant, item_type: str, item_id: int, rating: str, comment: str, user,
                    expected_version: int | None, is_sample: bool = False) -> tuple[Conclusion, list[str]]:
    """Record the evaluator's conclusion on one item of its campaign. Returns (conclusion, changed fields).

    The caller has checked the item belongs to the campaign (``selectors.campaign_item``; the
    import checks its rows the same way) — the service re-checks the letter, the grant and the state.
    """
    grant = EvaluatorGrant.objects.select_for_update(of=("self",)).select_related("campaign").get(pk=grant.pk)
    if not grant.is_active:
        raise ApplicationError(GRANT_REVOKED)
    _assert_open(grant.campaign)
    rating, comment = (rating or "").strip().upper(), (comment or "").strip()
    if rating and rating not in LETTERS:
        raise ApplicationError(BAD_RATING)
    conclusion = (Conclusion.objects.select_for_update(of=("self",))
                  .filter(grant=grant, item_type=item_type, item_id=item_id).select_related("updated_by").first())
    if conclusion is None:
        if not rating and not comment:
            raise ApplicationError(EMPTY_CONCLUSION)
        conclusion = Conclusion(grant=grant, item_type=item_type, item_id=item_id)
    _assert_fresh(conclusion, expected_version)
    old = {name: getattr(conclusion, name) for name in CONCLUSION_FIELDS}
    if conclusion.pk and old == {"rating": rating, "comment": comment} and conclusion.is_sample == is_sample:
        return conclusion, []
    now = timezone.now()
    conclusion.rating, conclusion.comment, conclusion.is_sample = rating, comment, is_sample
    if conclusion.pk:
        conclusion.version += 1
    else:
        old = {name: "" for name in CONCLUSION_FIELDS}
    conclusion.updated_by, conclusion.updated_at = user, now
    conclusion.save()
    changed = [name for name in CONCLUSION_FIELDS if _text(old[name]) != _text(getattr(conclusion, name))]
    _record(campaign=grant.campaign, object_type="conclusion", obj=conclusion, old=old, user=user, now=now)
    audit_record(action=AuditAction.VALUE_CHANGE, user=user, target=conclusion,
                 detail={"campaign_id": grant.campaign_id, "organisation": grant.organisation,
                         "item": f"{item_type}#{item_id}",
                         "changes": {name: [audit_text(old[name]), audit_text(getattr(conclusion, name))]
                                     for name in changed}})
    return conclusion, changed


# --- typical cases ---------------------------------------------------------------------------------

def _assert_unit_may_write(campaign: Campaign, unit) -> None:
    """A case is part of the unit's 自评报告 (Putuo's 附件：典型案例剖析): it may change only while the
    campaign is open and the unit's report is editable (planeval/submissions/locks.py)."""
    _assert_open(campaign)
    submission = Submission.objects.filter(campaign=campaign, unit=unit).only("state").first()
    if submission is not None:
        assert_submission_editable(submission)


def _clean_case_fields(fields: dict) -> dict:
    cleaned = {name: (fields.get(name) or "").strip() for name in CASE_FIELDS}
    if not all(cleaned[name] for name in ("title", "kind", "summary", "measures", "results")) \
            or cleaned["kind"] not in Case.Kind.values:
        raise ApplicationError(CASE_FIELDS_REQUIRED)
    return cleaned


@transaction.atomic
def case_save(*, campaign: Campaign, unit, fields: dict, user, case: Case | None = None, upload=None,
              expected_version: int | None = None, is_sample: bool = False) -> Case:
    """Create (``case`` None) or change a unit's typical case, with its optional attachment."""
    _assert_unit_may_write(campaign, unit)
    cleaned = _clean_case_fields(fields)
    now = timezone.now()
    if case is None:
        case = Case(campaign=campaign, unit=unit, created_by=user, created_at=now, is_sample=is_sample)
        old = {name: "" for name in (*CASE_FIELDS, "attachment_name")}
    else:
        case = Case.objects.select_for_update(of=("self",)).select_related("updated_by").get(pk=case.pk)
        _assert_fresh(case, expected_version)
        old = {name: getattr(case, name) for name in (*CASE_FIELDS, "attachment_name")}
    for name, value in cleaned.items():
        setattr(case, name, value)
    if upload is not None:
        case.attachment_name = upload_check(upload)
        case.attachment_size = upload.size
        case.attachment = upload
    changed = [name for name in old if _text(old[name]) != _text(getattr(case, name))]
    if case.pk and not changed:
        return case
    if case.pk:
        case.version += 1
    case.updated_by, case.updated_at = user, now
    case.save()
    _record(campaign=campaign, object_type="case", obj=case, old=old, user=user, now=now)
    audit_record(action=AuditAction.VALUE_CHANGE, user=user, target=case,
                 detail={"campaign_id": campaign.pk, "unit": unit.name,
                         "changes": {name: [audit_text(old[name]), audit_text(getattr(case, name))]
                                     for name in changed}})
    return case


@transaction.atomic
def case_select(*, case: Case, selected: bool, position: int | None, user) -> Case:
    """The DRC's choice (选用) of a case for the compiled report's appendix, and its place there.

    A case chosen without a position goes last. Selection never changes what the unit wrote, so
    it does not move the case's ``version`` (a unit editing at the same time is not refused).
    """
    case = Case.objects.select_for_update().get(pk=case.pk)
    _assert_open(case.campaign)
    if position is not None and not 1 <= position <= 999:
        raise ApplicationError(BAD_POSITION)
    if selected and position is None:
        last = (Case.objects.filter(campaign_id=case.campaign_id, selected=True).exclude(pk=case.pk)
                .order_by("-position").values_list("position", flat=True).first())
        position = case.position if case.selected and case.position else (last or 0) + 1
    old = {"selected": case.selected, "position": case.position}
    case.selected, case.position = selected, position if selected else None
    if old == {"selected": case.selected, "position": case.position}:
        return case
    now = timezone.now()
    case.selected_by, case.selected_at = user, now
    case.save(update_fields=["selected", "position", "selected_by", "selected_at"])
    _record(campaign=case.campaign, object_type="case", obj=case, old=old, user=user, now=now)
    audit_record(action=AuditAction.VALUE_CHANGE, user=user, target=case,
                 detail={"campaign_id": case.campaign_id, "selection": {
                     "selected": [old["selected"], case.selected], "position": [old["position"], case.position]}})
    return case
