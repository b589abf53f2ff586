"""Reads of 征求意见: versions, rounds, a reader's view, the consultation record, due items.

Each function runs a fixed number of queries whatever the number of readers and comments.
"""
from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q
from django.urls import reverse
from django.utils import timezone

from planeval.domain import consultation as rules
from planeval.domain.reminders import DueItem
from planeval.reports import builders
from planeval.reports.tables import ListTable

from .documents import CommentRow, ConsultationRecord, ReaderRow, record_docx
from .models import Answer, Comment, DraftVersion, Invitation, Round

RECORD_COLUMNS = ("轮次", "读者类别", "读者", "请阅章节", "反馈情况", "章节", "意见", "引用原文", "处理", "理由",
                  "答复人", "答复时间", "示例数据")


def latest_version(campaign) -> DraftVersion | None:
    return DraftVersion.objects.filter(campaign=campaign).defer("docx").order_by("-number").first()


def current_stage(campaign) -> rules.Stage:
    """The stage of the newest version (初稿 before any version exists)."""
    latest = latest_version(campaign)
    return rules.Stage(latest.stage) if latest else rules.Stage.DRAFT


def open_comment_count(campaign) -> int:
    return Comment.objects.filter(invitation__round__campaign=campaign, decision="").count()


def versions(campaign) -> list[DraftVersion]:
    return list(DraftVersion.objects.filter(campaign=campaign).defer("docx").select_related("created_by")
                .order_by("-number"))


def rounds(campaign) -> list[Round]:
    return list(Round.objects.filter(campaign=campaign).select_related("draft", "created_by").annotate(
        invited=Count("invitations", distinct=True),
        answered=Count("invitations", filter=Q(invitations__answered_at__isnull=False), distinct=True),
        comment_count=Count("invitations__comments", distinct=True),
        open_count=Count("invitations__comments", filter=Q(invitations__comments__decision=""), distinct=True),
    ).order_by("-created_at", "-id"))


def _comments_with_answers():
    return Prefetch("comments", queryset=Comment.objects.select_related("answered_by", "author").prefetch_related(
        Prefetch("answers", queryset=Answer.objects.select_related("answered_by"))).order_by("created_at", "id"))


def round_invitations(round_: Round) -> list[Invitation]:
    return _labelled(list(round_.invitations.select_related("unit").prefetch_related(_comments_with_answers())
                          .order_by("id")))


def unit_invitations(campaign, unit_ids) -> list[Invitation]:
    """A department's invitations in the campaign, newest round first."""
    invitations = list(Invitation.objects.filter(round__campaign=campaign, unit_id__in=unit_ids)
                       .select_related("round__draft", "unit").order_by("-round__created_at", "id"))
    return _labelled(invitations)


def _labelled(invitations: list[Invitation]) -> list[Invitation]:
    """Each invitation with ``status_label``: 已反馈（date） / 无意见（date） / 未反馈 / 未反馈（已逾期）."""
    today = timezone.localdate()
    for invitation in invitations:
        invitation.status_label = answered_label(invitation, today)
    return invitations


@dataclass(frozen=True)
class ReaderSection:
    key: str
    title: str
    level: int
    paragraphs: tuple[str, ...]
    comments: tuple[Comment, ...]


def reader_sections(invitation: Invitation) -> list[ReaderSection]:
    """Only the sections the reader was asked to read, each with the reader's own comments and their handling."""
    asked = set(invitation.sections)
    comments: dict[str, list[Comment]] = {}
    for comment in invitation.comments.select_related("answered_by").order_by("created_at", "id"):
        comments.setdefault(comment.section_key, []).append(comment)
    return [ReaderSection(s["key"], s["title"], s["level"], tuple(s["paragraphs"]), tuple(comments.get(s["key"], ())))
            for s in invitation.round.draft.sections if s["key"] in asked]


def _date(day) -> str:
    return day.isoformat() if day else ""


def answered_label(invitation: Invitation, today) -> str:
    if invitation.no_comment:
        return f"无意见（{_date(timezone.localdate(invitation.answered_at))}）"
    if invitation.answered_at:
        return f"已反馈（{_date(timezone.localdate(invitation.answered_at))}）"
    return "未反馈（已逾期）" if today > invitation.deadline else "未反馈"


def _who(user) -> str:
    return (user.full_name or user.username) if user is not None else ""


def consultation_record(campaign) -> ConsultationRecord | None:
    """征求意见情况 over every round of the campaign; None when no round was opened."""
    all_rounds = list(Round.objects.filter(campaign=campaign).select_related("draft").order_by("created_at", "id"))
    if not all_rounds:
        return None
    invitations = list(Invitation.objects.filter(round__campaign=campaign).select_related("round")
                       .prefetch_related(_comments_with_answers()).order_by("round__created_at", "round_id", "id"))
    today = timezone.localdate()
    readers, comments = [], []
    titles_by_round = {r.id: r.draft.section_titles() for r in all_rounds}
    for invitation in invitations:
        titles = titles_by_round[invitation.round_id]
        readers.append(ReaderRow(
            kind=rules.READER_LABELS[rules.ReaderKind(invitation.kind)], name=_reader(invitation),
            sections="、".join(titles.get(k, k) for k in invitation.sections), deadline=_date(invitation.deadline),
            answered=answered_label(invitation, today), comments=len(invitation.comments.all()),
            is_sample=invitation.is_sample))
        for c in invitation.comments.all():
            comments.append(CommentRow(
                reader=_reader(invitation), section=c.section_title, text=c.text, quote=c.quote,
                decision=rules.DECISION_LABELS[rules.Decision(c.decision)] if c.decision else "未答复",
                reason=c.reason,
                answered=(f"{_who(c.answered_by)} {timezone.localtime(c.answered_at):%Y-%m-%d}"
                          if c.answered_at else ""),
                is_sample=c.is_sample))
    counts = rules.adoption_counts(c.decision for i in invitations for c in i.comments.all())
    summary = rules.adoption_sentence(counts, asked=len(invitations),
                                      answered=sum(1 for i in invitations if i.answered_at))
    return ConsultationRecord(
        title=f"{campaign.jurisdiction.name}“十四五”规划实施中期评估报告征求意见情况",
        rounds=tuple(f"{r.title}：{rules.STAGE_LABELS[rules.Stage(r.draft.stage)]}（第{r.draft.number}版），"
                     f"{timezone.localtime(r.created_at):%Y-%m-%d}发出，反馈截止{r.deadline.isoformat()}。"
                     for r in all_rounds),
        summary=summary, counts=counts, readers=tuple(readers), comments=tuple(comments),
        fmt=builders.document_format(campaign))


def _reader(invitation: Invitation) -> str:
    if invitation.affiliation:
        return f"{invitation.name}（{invitation.affiliation}）"
    return invitation.name


def record_table(campaign) -> ListTable:
    """The record as one sheet: a row per comment, and a row for each reader without comments."""
    record_rows = []
    invitations = list(Invitation.objects.filter(round__campaign=campaign).select_related("round__draft")
                       .prefetch_related(_comments_with_answers()).order_by("round__created_at", "round_id", "id"))
    today = timezone.localdate()
    for invitation in invitations:
        reader = [invitation.round.title, invitation.get_kind_display(), _reader(invitation),
                  "、".join(invitation.round.draft.section_titles().get(k, k) for k in invitation.sections),
                  answered_label(invitation, today)]
        comments = invitation.comments.all()
        if not comments:
            record_rows.append([*reader, "", "", "", "", "", "", "", invitation.is_sample])
        for c in comments:
            record_rows.append([*reader, c.section_title, c.text, c.quote,
                                c.get_decision_display() if c.decision else "未答复", c.reason,
                                _who(c.answered_by), timezone.localtime(c.answered_at) if c.answered_at else None,
                                c.is_sample])
    return ListTable(title=f"{campaign.jurisdiction.name}征求意见情况", headers=RECORD_COLUMNS, rows=record_rows)


def record_document(campaign) -> tuple[str, str, bytes] | None:
    """The consultation record as (title, filename, .docx bytes) for the congress package; None without rounds."""
    record = consultation_record(campaign)
    if record is None:
        return None
    return record.title, f"{record.title}.docx", record_docx(record)


def due_items(campaign) -> list[DueItem]:
    """Invited departments' feedback, due on their deadline; done once they commented or said 无意见."""
    invitations = Invitation.objects.filter(round__campaign=campaign, unit__isnull=False).select_related("round")
    return [DueItem(key=f"consultation:{i.id}", title=f"《{i.round.title}》反馈意见", due_on=i.deadline,
                    unit_ids=(i.unit_id,), url=reverse("consultations:reading", args=[i.id]),
                    done=i.answered_at is not None)
            for i in invitations.order_by("id")]
