"""The consultation record (征求意见情况) as plain dataclasses, and its Word document.

``selectors.consultation_record`` fills the dataclasses; ``record_docx`` writes them with the
compiled report's composer (Chinese fonts, Putuo's format) and touches no ORM.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from planeval.reports.documents import DocumentFormat
from planeval.reports.docx import SAMPLE_MARK, Composer

READER_HEADERS = ("序号", "类别", "读者", "请阅章节", "反馈截止", "反馈情况", "意见数")
READER_WEIGHTS = (0.9, 1.5, 3.4, 4.6, 1.9, 2.2, 1.2)
COMMENT_HEADERS = ("序号", "提出人", "章节", "意见", "处理", "理由", "答复时间")
COMMENT_WEIGHTS = (0.9, 2.2, 2.6, 5.2, 1.5, 4.0, 2.0)


@dataclass(frozen=True)
class ReaderRow:
    kind: str           # 部门 / 人大代表 / 政协委员 / 专家 / 企业代表
    name: str           # 区科委, 张某某（区人大代表）
    sections: str       # the asked sections' titles, joined by 、
    deadline: str       # 2023-07-31
    answered: str       # 已反馈 2023-07-20 / 无意见 / 未反馈（已逾期）
    comments: int
    is_sample: bool = False


@dataclass(frozen=True)
class CommentRow:
    reader: str
    section: str
    text: str
    quote: str
    decision: str       # 采纳 / 部分采纳 / 不采纳 / 未答复
    reason: str
    answered: str       # who and when, "" while open
    is_sample: bool = False


@dataclass(frozen=True)
class ConsultationRecord:
    title: str                      # 普陀区“十四五”规划实施中期评估报告征求意见情况
    rounds: tuple[str, ...]         # "征求意见稿（第2版）征求意见，2023-07-01起，截止2023-07-31"
    summary: str                    # the adoption sentence
    counts: dict                    # 采纳 / 部分采纳 / 不采纳 / 未答复 / 合计
    readers: tuple[ReaderRow, ...]
    comments: tuple[CommentRow, ...]
    fmt: DocumentFormat = field(default_factory=DocumentFormat)


def _mark(text: str, is_sample: bool) -> str:
    return text + SAMPLE_MARK if is_sample else text


def record_docx(record: ConsultationRecord) -> bytes:
    """征求意见情况: the rounds, a summary, who was asked and answered, each comment and its handling."""
    composer = Composer(record.fmt)
    composer.title(record.title)
    composer.blank()
    composer.heading("一、征求意见的基本情况", 1)
    for line in record.rounds:
        composer.body(line)
    composer.body(record.summary)
    composer.heading("二、征求意见对象及反馈情况", 1)
    if record.readers:
        table = composer.table(READER_HEADERS, READER_WEIGHTS)
        for number, row in enumerate(record.readers, start=1):
            composer.add_row(table, [str(number), row.kind, _mark(row.name, row.is_sample), row.sections,
                                     row.deadline, row.answered, str(row.comments)], (0, 1, 4, 5, 6))
    else:
        composer.body("（尚未邀请读者。）")
    composer.heading("三、意见及采纳情况", 1)
    if record.comments:
        table = composer.table(COMMENT_HEADERS, COMMENT_WEIGHTS)
        for number, row in enumerate(record.comments, start=1):
            text = f"{row.text}\n（引用原文：{row.quote}）" if row.quote else row.text
            composer.add_row(table, [str(number), _mark(row.reader, row.is_sample), row.section, text,
                                     row.decision, row.reason, row.answered], (0, 4))
    else:
        composer.body("（尚未收到意见。）")
    return composer.to_bytes()
