"""Writes across levels: assigning upper-level tasks, reporting on them, the upward review,
peer values and breakdowns. Each service is atomic and records who did what and when."""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone

from planeval.accounts.access import is_drc, role_assignments
from planeval.audit.actions import Action as AuditAction
from planeval.audit.services import audit_record, audit_text
from planeval.core.errors import ApplicationError, StaleVersionError
from planeval.domain.breakdown import Dimension, breakdown_problem
from planeval.domain.periods import Granularity
from planeval.exchange.reading import read_table
from planeval.monitoring.models import Observation
from planeval.organizations.models import Jurisdiction
from planeval.planning.models import Indicator, Task

from .models import (
    Breakdown, BreakdownPart, BreakdownRevision, PeerJurisdiction, PeerValue, PeerValueRevision, TaskAssignment,
    TaskAssignmentUpdate, UpwardReview, UpwardReviewStep,
)

DRC = "drc"

NOT_DRC = "只有发改委统筹人员可以执行此操作。"
NOT_PARENT_DRC = "只有上级发改委可以进行衔接审查。"
NOT_UPPER_TASK = "该任务不是上级规划中的任务，不能分解到下级。"
NOT_A_CHILD = "“{name}”不是本级的下级行政区划。"
NO_CHILDREN_CHOSEN = "请至少选择一个下级行政区划。"
BAD_PERCENT = "完成进度应为0到100之间的整数。"
STALE_ASSIGNMENT = "该任务的进展已被他人修改，请刷新后重新填报。"
NO_PARENT = "本行政区划没有上级行政区划，不能报上级审查。"
NOT_OWN_DRC = "只有本级发改委可以报上级发改委衔接审查。"
ALREADY_SENT = "已报上级发改委，正在衔接审查中，不能重复报送。"
ALREADY_ACCEPTED = "上级发改委已衔接审查通过，不需再报送。"
NOT_WAITING = "该评估工作当前不在待审查状态（{state}）。"
OPINION_REQUIRED = "退回修改须填写衔接意见。"
PEER_NAME_REQUIRED = "请填写对标地区名称。"
PEER_IS_SELF = "对标地区不能是本行政区划自身。"
BAD_YEAR = "年份“{text}”无效，应为2000至2035之间的年份。"
BAD_NUMBER = "数值“{text}”不是有效的数字。"
IMPORT_ROW = "第{row}行：{reason}"
IMPORT_HEADER = "文件第一行应为表头：对标地区、年份、数值、来源（来源可省略）。"
IMPORT_EMPTY = "文件中没有数据行。"
NO_TOTAL = "该指标{year}年还没有数值（统计数或预计数），无法核对分项合计，请先录入总数。"
BAD_DIMENSION = "分析维度无效。"

IMPORT_MAX_BYTES = 2 * 1024 * 1024


class NotDrc(ApplicationError):
    """The user holds no DRC role over the jurisdiction (views answer 403)."""


def is_own_drc(user, jurisdiction: Jurisdiction) -> bool:
    """A DRC role held in ``jurisdiction`` itself: the one who sends its evaluation upward (a DRC
    above it reviews rather than sends)."""
    return user.is_superuser or any(a.jurisdiction_id == jurisdiction.id and a.role == DRC
                                    for a in role_assignments(user))


def _require_drc(user, jurisdiction: Jurisdiction, message: str = NOT_DRC) -> None:
    if not is_drc(user, jurisdiction):
        raise NotDrc(message)


# --- upper-level tasks -------------------------------------------------------------------------------

@transaction.atomic
def task_assign(*, task: Task, jurisdictions: list[Jurisdiction], user) -> list[TaskAssignment]:
    """Hand an upper-level task of a city's or province's plan to some of its child jurisdictions.

    Children already holding the task keep their assignment and its progress.
    """
    owner = task.plan.jurisdiction
    _require_drc(user, owner)
    if not task.is_upper_level:
        raise ApplicationError(NOT_UPPER_TASK)
    if not jurisdictions:
        raise ApplicationError(NO_CHILDREN_CHOSEN)
    for jurisdiction in jurisdictions:
        if jurisdiction.parent_id != owner.id:
            raise ApplicationError(NOT_A_CHILD.format(name=jurisdiction.name))
    now = timezone.now()
    existing = set(TaskAssignment.objects.filter(task=task).values_list("jurisdiction_id", flat=True))
    TaskAssignment.objects.bulk_create([
        TaskAssignment(task=task, jurisdiction=j, assigned_by=user, assigned_at=now)
        for j in jurisdictions if j.id not in existing
    ])
    return list(TaskAssignment.objects.filter(task=task, jurisdiction__in=jurisdictions))


@transaction.atomic
def task_assignment_report(*, assignment: TaskAssignment, user, percent: int, progress: str, rating: str,
                           expected_version: int) -> TaskAssignment:
    """The child jurisdiction's DRC reports its progress on an assigned task (kept in the update log)."""
    _require_drc(user, assignment.jurisdiction)
    if not isinstance(percent, int) or not 0 <= percent <= 100:
        raise ApplicationError(BAD_PERCENT)
    locked = TaskAssignment.objects.select_for_update().get(id=assignment.id)
    if locked.version != expected_version:
        raise StaleVersionError(STALE_ASSIGNMENT)
    now = timezone.now()
    old_percent, old_progress, old_rating = locked.percent, locked.progress, locked.rating
    locked.percent, locked.progress, locked.rating = percent, progress.strip(), rating
    locked.updated_by, locked.updated_at, locked.version = user, now, locked.version + 1
    locked.save(update_fields=["percent", "progress", "rating", "updated_by", "updated_at", "version"])
    TaskAssignmentUpdate.objects.create(assignment=locked, percent=percent, progress=locked.progress,
                                        rating=rating, by=user, at=now)
    audit_record(action=AuditAction.VALUE_CHANGE, user=user, target=locked,
                 detail={"changes": {"percent": [old_percent, percent],
                                     "progress": [audit_text(old_progress), audit_text(locked.progress)],
                                     "rating": [old_rating, rating]}})
    return locked


# --- 报上级发改委衔接审查 ---------------------------------------------------------------------------------

@transaction.atomic
def upward_review_send(*, campaign, user, comment: str = "") -> UpwardReview:
    """The district DRC sends its evaluation to the DRC one level up; a returned one may be sent again."""
    jurisdiction = campaign.jurisdiction
    if not is_own_drc(user, jurisdiction):
        raise NotDrc(NOT_OWN_DRC)
    if jurisdiction.parent_id is None:
        raise ApplicationError(NO_PARENT)
    now = timezone.now()
    review = UpwardReview.objects.select_for_update().filter(campaign=campaign).first()
    previous_state = review.state if review is not None else ""
    if review is None:
        review = UpwardReview.objects.create(campaign=campaign, reviewer_id=jurisdiction.parent_id,
                                             state=UpwardReview.State.SENT, sent_at=now)
    elif review.state == UpwardReview.State.SENT:
        raise ApplicationError(ALREADY_SENT)
    elif review.state == UpwardReview.State.ACCEPTED:
        raise ApplicationError(ALREADY_ACCEPTED)
    else:
        review.state, review.sent_at, review.decided_at = UpwardReview.State.SENT, now, None
        review.save(update_fields=["state", "sent_at", "decided_at"])
    UpwardReviewStep.objects.create(review=review, action=UpwardReviewStep.Action.SEND, comment=comment.strip(),
                                    actor=user, at=now)
    audit_record(action=AuditAction.TRANSITION, user=user, target=review,
                 detail={"action": UpwardReviewStep.Action.SEND.value, "from": previous_state,
                         "to": review.state, "comment": audit_text(comment.strip())})
    return review


@transaction.atomic
def upward_review_decide(*, review: UpwardReview, user, accept: bool, opinion: str) -> UpwardReview:
    """The parent DRC records its 衔接意见 and accepts or returns the district's evaluation."""
    _require_drc(user, review.reviewer, NOT_PARENT_DRC)
    locked = UpwardReview.objects.select_for_update().get(id=review.id)
    if locked.state != UpwardReview.State.SENT:
        raise ApplicationError(NOT_WAITING.format(state=locked.get_state_display()))
    if not accept and not opinion.strip():
        raise ApplicationError(OPINION_REQUIRED)
    now = timezone.now()
    previous_state = locked.state
    locked.state = UpwardReview.State.ACCEPTED if accept else UpwardReview.State.RETURNED
    locked.decided_at = now
    locked.save(update_fields=["state", "decided_at"])
    UpwardReviewStep.objects.create(
        review=locked, action=UpwardReviewStep.Action.ACCEPT if accept else UpwardReviewStep.Action.RETURN,
        comment=opinion.strip(), actor=user, at=now)
    audit_record(action=AuditAction.TRANSITION, user=user, target=locked,
                 detail={"action": "accept" if accept else "return", "from": previous_state, "to": locked.state,
                         "comment": audit_text(opinion.strip())})
    return locked


# --- peer benchmarks ---------------------------------------------------------------------------------

def parse_year(text) -> int:
    try:
        year = int(str(text).strip().removesuffix("年"))
    except ValueError:
        raise ApplicationError(BAD_YEAR.format(text=text)) from None
    if not 2000 <= year <= 2035:
        raise ApplicationError(BAD_YEAR.format(text=text))
    return year


def parse_number(text) -> Decimal:
    try:
        value = Decimal(str(text).strip().replace(",", ""))
    except (InvalidOperation, ValueError):
        raise ApplicationError(BAD_NUMBER.format(text=text)) from None
    if not value.is_finite():
        raise ApplicationError(BAD_NUMBER.format(text=text))
    return value


def _peer(owner: Jurisdiction, name: str, *, is_sample: bool = False) -> PeerJurisdiction:
    name = name.strip()
    if not name:
        raise ApplicationError(PEER_NAME_REQUIRED)
    if name in (owner.name, owner.full_name):
        raise ApplicationError(PEER_IS_SELF)
    in_deployment = Jurisdiction.objects.filter(name=name).exclude(id=owner.id).order_by("id").first()
    peer, _ = PeerJurisdiction.objects.get_or_create(
        owner=owner, name=name, defaults={"jurisdiction": in_deployment, "is_sample": is_sample})
    return peer


def _peer_value_write(*, indicator: Indicator, peer: PeerJurisdiction, year: int, value: Decimal, source: str,
                      user, is_sample: bool, now) -> PeerValue:
    row = PeerValue.objects.select_for_update().filter(indicator=indicator, peer=peer, year=year).first()
    old = row.value if row else None
    if row is None:
        row = PeerValue.objects.create(indicator=indicator, peer=peer, year=year, value=value, source=source,
                                       is_sample=is_sample, recorded_by=user, recorded_at=now)
    elif old != value or row.source != source:
        row.value, row.source, row.is_sample, row.recorded_by, row.recorded_at = value, source, is_sample, user, now
        row.save(update_fields=["value", "source", "is_sample", "recorded_by", "recorded_at"])
    else:
        return row
    PeerValueRevision.objects.create(value=row, old_value=old, new_value=value, source=source, changed_by=user,
                                     changed_at=now)
    audit_record(action=AuditAction.VALUE_CHANGE, user=user, target=row,
                 detail={"peer": peer.name, "indicator_id": indicator.pk, "year": year, "old": old, "new": value})
    return row


@transaction.atomic
def peer_value_record(*, indicator: Indicator, peer_name: str, year, value, source: str = "", user,
                      is_sample: bool = False) -> PeerValue:
    """One peer's figure for one of our indicators; a changed figure keeps the old one in its history."""
    owner = indicator.plan.jurisdiction
    _require_drc(user, owner)
    year, number = parse_year(year), parse_number(value)
    peer = _peer(owner, peer_name, is_sample=is_sample)
    return _peer_value_write(indicator=indicator, peer=peer, year=year, value=number, source=source.strip(),
                             user=user, is_sample=is_sample, now=timezone.now())


@transaction.atomic
def peer_values_import(*, indicator: Indicator, data: bytes, filename: str, user) -> int:
    """Peer values from a .csv/.xlsx (columns 对标地区, 年份, 数值, 来源): all rows or none.

    The file goes through the exchange app's safe reader (size, bombs, DTDs, encodings).
    """
    owner = indicator.plan.jurisdiction
    _require_drc(user, owner)
    table = read_table(data, name=filename, max_bytes=IMPORT_MAX_BYTES, max_rows=5_000)
    if not table.rows:
        raise ApplicationError(IMPORT_EMPTY)
    header = [str(cell or "").strip() for cell in table.rows[0][1]]
    if header[:3] != ["对标地区", "年份", "数值"]:
        raise ApplicationError(IMPORT_HEADER)
    parsed = []
    for number, cells in table.rows[1:]:
        cells = list(cells) + [None] * 4
        try:
            name = str(cells[0] or "").strip()
            if not name:
                raise ApplicationError(PEER_NAME_REQUIRED)
            if name in (owner.name, owner.full_name):
                raise ApplicationError(PEER_IS_SELF)
            parsed.append((name, parse_year(cells[1]), parse_number(cells[2]), str(cells[3] or "").strip()))
        except ApplicationError as refused:
            raise ApplicationError(IMPORT_ROW.format(row=number, reason=refused.message)) from None
    if not parsed:
        raise ApplicationError(IMPORT_EMPTY)
    now = timezone.now()
    for name, year, value, source in parsed:
        _peer_value_write(indicator=indicator, peer=_peer(owner, name), year=year, value=value,
                          source=source or filename, user=user, is_sample=False, now=now)
    return len(parsed)


# --- breakdowns --------------------------------------------------------------------------------------

def indicator_year_total(indicator: Indicator, year: int) -> Decimal | None:
    """The indicator's figure for the year the breakdown must add up to: official, else the estimate."""
    rows = dict(Observation.objects.filter(
        indicator=indicator, year=year, granularity=Granularity.YEAR, period_index=0,
        kind__in=[Observation.Kind.ACTUAL, Observation.Kind.ESTIMATE]).values_list("kind", "value"))
    return rows.get(Observation.Kind.ACTUAL, rows.get(Observation.Kind.ESTIMATE))


def parse_parts(text: str) -> list[tuple[str, Decimal]]:
    """Lines of ``分项，数值`` (comma, full-width comma, tab or colon) into (category, value)."""
    parts = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        for separator in ("\t", "，", ",", "：", ":"):
            if separator in line:
                category, _, value = line.rpartition(separator)
                break
        else:
            raise ApplicationError(BAD_NUMBER.format(text=line))
        parts.append((category.strip(), parse_number(value)))
    return parts


@transaction.atomic
def breakdown_record(*, indicator: Indicator, year, dimension: str, parts: list[tuple[str, Decimal]], user,
                     is_sample: bool = False) -> Breakdown:
    """Split the indicator's total for ``year`` along ``dimension``; refused unless the parts add up.

    Replacing a breakdown keeps the old parts in ``BreakdownRevision``.
    """
    _require_drc(user, indicator.plan.jurisdiction)
    year = parse_year(year)
    try:
        dimension = Dimension(dimension)
    except ValueError:
        raise ApplicationError(BAD_DIMENSION) from None
    total = indicator_year_total(indicator, year)
    if total is None:
        raise ApplicationError(NO_TOTAL.format(year=year))
    problem = breakdown_problem(total, parts, year=year)
    if problem:
        raise ApplicationError(problem)
    now = timezone.now()
    breakdown = Breakdown.objects.select_for_update().filter(indicator=indicator, year=year,
                                                             dimension=dimension).first()
    old = []
    if breakdown is None:
        breakdown = Breakdown.objects.create(indicator=indicator, year=year, dimension=dimension, total=total,
                                             is_sample=is_sample, recorded_by=user, recorded_at=now)
    else:
        old = [[p.category, str(p.value)] for p in breakdown.parts.all()]
        breakdown.parts.all().delete()
        breakdown.total, breakdown.is_sample, breakdown.recorded_by, breakdown.recorded_at = total, is_sample, user, now
        breakdown.save(update_fields=["total", "is_sample", "recorded_by", "recorded_at"])
    BreakdownPart.objects.bulk_create([
        BreakdownPart(breakdown=breakdown, position=position, category=category.strip(), value=value)
        for position, (category, value) in enumerate(parts, start=1)
    ])
    revision = BreakdownRevision.objects.create(breakdown=breakdown, old_parts=old,
                                                new_parts=[[c.strip(), str(v)] for c, v in parts], changed_by=user,
                                                changed_at=now)
    audit_record(action=AuditAction.VALUE_CHANGE, user=user, target=breakdown,
                 detail={"indicator_id": indicator.pk, "year": year, "dimension": dimension.value,
                         "old": old, "new": revision.new_parts})
    return breakdown
