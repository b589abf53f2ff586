"""The package as one .zip: every active document, numbered, and a 目录 (index) .docx first."""
from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass

from planeval.reports.documents import DocumentFormat

INDEX_HEADERS = ("序号", "文件", "类型", "日期", "文件名")
ROUTE_HEADERS = ("程序", "日期", "会议或机关", "文号", "结果")


@dataclass(frozen=True)
class IndexEntry:
    number: int
    title: str
    kind: str
    day: str
    filename: str


def index_docx(*, title: str, entries: Sequence[IndexEntry], route: Sequence[tuple[str, str, str, str, str]],
               fmt: DocumentFormat) -> bytes:
    """目录: the documents of the package and the route recorded so far, in the campaign's format."""
    # The report writer's composer gives the same fonts, page and table style as every deliverable.
    from planeval.reports.docx import Composer

    composer = Composer(fmt)
    composer.title(title)
    composer.blank()
    composer.heading("一、材料目录", 1)
    table = composer.table(INDEX_HEADERS, (0.6, 3.0, 1.4, 1.2, 2.6))
    for entry in entries:
        composer.add_row(table, [str(entry.number), entry.title, entry.kind, entry.day, entry.filename], (0, 3))
    if not entries:
        composer.body("（尚无材料。）")
    composer.heading("二、审议程序", 1)
    table = composer.table(ROUTE_HEADERS, (1.6, 1.2, 2.0, 1.6, 2.4))
    for row in route:
        composer.add_row(table, list(row), (1,))
    return composer.to_bytes()


def safe_name(name: str) -> str:
    return re.sub(r'[\\/:*?"<>|\s]+', "", name) or "文件"


def package_zip(*, index: bytes, files: Sequence[tuple[int, str, bytes]]) -> bytes:
    """00-目录.docx, then 01-<filename> ... in the index's order."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("00-目录.docx", index)
        for number, filename, content in files:
            archive.writestr(f"{number:02d}-{safe_name(filename)}", content)
    return buffer.getvalue()
