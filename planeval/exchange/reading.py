"""Reading an uploaded .xlsx or .csv safely: refuse before parsing, then hand back plain rows.

The checks run in this order, each before anything heavier looks at the bytes:
size, what the content is (not what the name says), the zip's declared sizes and
compression ratios (a zip bomb is refused without inflating it), and every XML part's
prolog through defusedxml (a DOCTYPE — entity bombs, external entities — is refused).
Only then does openpyxl read the workbook, in read-only mode, and zipfile never inflates
a member beyond the size the checks accepted.

No Django here: the analyst's sheet (``assess``) reads through the same door.
"""
from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, iterparse

from planeval.core.errors import ApplicationError

# --- messages (shown to users as is) -----------------------------------------------------------
ERR_TOO_BIG = "文件“{name}”大小为{size}，超过上限{limit}，未读取。"
ERR_EMPTY_FILE = "文件“{name}”是空文件。"
ERR_FORMAT = "不支持的文件“{name}”：只接受 .xlsx 工作簿或 .csv 文件。"
ERR_OLD_XLS = "文件“{name}”是旧版 Excel（.xls）格式，请在 Excel 中另存为 .xlsx 后再上传。"
ERR_NOT_XLSX = "文件“{name}”的扩展名是 .xlsx，但内容不是 Excel 工作簿，未读取。"
ERR_NOT_DOCX = "文件“{name}”的扩展名是 .docx，但内容不是 Word 文档，未读取。"
ERR_NOT_CSV = "文件“{name}”的扩展名是 .csv，但内容不是文本表格，未读取。"
ERR_NOT_UTF8 = "文件“{name}”不是 UTF-8 编码的 .csv 文件。请在 Excel 中另存为“CSV UTF-8（逗号分隔）”，或直接上传 .xlsx。"
ERR_BOMB = "文件“{name}”解压后过大（压缩比异常），疑似“压缩炸弹”，已拒绝。"
ERR_XML_DTD = "文件“{name}”内含 XML 文档类型声明（DTD/实体），可能是恶意构造的文件，已拒绝。"
ERR_UNREADABLE = "无法读取文件“{name}”：不是有效的 .xlsx 工作簿。"
ERR_TOO_MANY_ROWS = "文件“{name}”超过{limit}行，请拆分后分批导入。"

# Limits on what a workbook may inflate to. A real planning table is a few MB of XML;
# 40,000 values fit in well under 20 MB.
MAX_MEMBERS = 2_000
MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_RATIO = 100            # for members above RATIO_FLOOR; worksheets compress 5–30 ×
RATIO_FLOOR = 1024 * 1024
MAX_ROWS = 200_000
XML_SUFFIXES = (".xml", ".rels", ".vml")
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"


class FileRefused(ApplicationError):
    """The file is refused as a whole (too big, a bomb, not a table)."""


class FileUnreadable(FileRefused):
    """The content is not what a table file should be (wrong format, broken, wrong encoding)."""


@dataclass(frozen=True)
class Table:
    """The first worksheet's rows: (1-based row number, cell values) with empty rows left out."""

    format: str          # "xlsx" | "csv"
    rows: list[tuple[int, Sequence]]


def size_text(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{max(1, n // 1024)} KB"


def _declared_format(name: str) -> str | None:
    lower = name.lower()
    if lower.endswith((".xlsx", ".xlsm")):
        return "xlsx"
    if lower.endswith(".csv"):
        return "csv"
    return None


def check_upload(data: bytes, *, name: str, max_bytes: int) -> str:
    """The file's format ("xlsx" or "csv") from its content, or FileRefused saying why not."""
    if len(data) > max_bytes:
        raise FileRefused(ERR_TOO_BIG.format(name=name, size=size_text(len(data)), limit=size_text(max_bytes)))
    if not data:
        raise FileUnreadable(ERR_EMPTY_FILE.format(name=name))
    declared = _declared_format(name)
    if data.startswith(OLE_MAGIC):
        raise FileUnreadable(ERR_OLD_XLS.format(name=name))
    if declared is None:
        raise FileUnreadable(ERR_FORMAT.format(name=name))
    if data.startswith(ZIP_MAGIC):
        if declared != "xlsx":
            raise FileUnreadable(ERR_NOT_CSV.format(name=name))
        check_office_package(data, name=name, kind="xlsx")
        return "xlsx"
    if declared == "xlsx":
        raise FileUnreadable(ERR_NOT_XLSX.format(name=name))
    if b"\x00" in data[:65536]:
        raise FileUnreadable(ERR_NOT_CSV.format(name=name))
    return "csv"


# The part that makes a zip an Office package of each kind, and what to say when it is missing.
OFFICE_PARTS = {"xlsx": ("xl/workbook", ERR_NOT_XLSX), "docx": ("word/document", ERR_NOT_DOCX)}


def check_office_package(data: bytes, *, name: str, kind: str) -> None:
    """Refuse a workbook or Word file by its central directory before anything is inflated.

    Evidence files (planeval/submissions/evidence.py) pass through here too: the server never
    parses them, but whoever downloads one must not receive a zip bomb or an entity bomb from us.
    """
    part, not_it = OFFICE_PARTS[kind]
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError):
        raise FileUnreadable(ERR_UNREADABLE.format(name=name)) from None
    with archive:
        members = archive.infolist()
        names = {m.filename for m in members}
        if "[Content_Types].xml" not in names or not any(n.startswith(part) for n in names):
            raise FileUnreadable(not_it.format(name=name))
        if len(members) > MAX_MEMBERS or sum(m.file_size for m in members) > MAX_UNCOMPRESSED:
            raise FileRefused(ERR_BOMB.format(name=name))
        for member in members:
            ratio = member.file_size / max(member.compress_size, 1)
            if member.file_size > RATIO_FLOOR and ratio > MAX_RATIO:
                raise FileRefused(ERR_BOMB.format(name=name))
        for member in members:
            if member.filename.lower().endswith(XML_SUFFIXES):
                _check_xml_prolog(archive, member, name=name)


def _check_xml_prolog(archive: zipfile.ZipFile, member: zipfile.ZipInfo, *, name: str) -> None:
    """defusedxml up to the root element: a DOCTYPE can only come before it, so that is enough."""
    try:
        with archive.open(member) as stream:
            for _event, _element in iterparse(stream, events=("start",), forbid_dtd=True):
                break
    except DefusedXmlException:
        raise FileRefused(ERR_XML_DTD.format(name=name)) from None
    except (ParseError, zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError):
        raise FileUnreadable(ERR_UNREADABLE.format(name=name)) from None


def read_table(data: bytes, *, name: str, max_bytes: int, max_rows: int = MAX_ROWS) -> Table:
    """Check the upload, then read its first worksheet (or the CSV) into rows of cell values."""
    fmt = check_upload(data, name=name, max_bytes=max_bytes)
    rows = _read_xlsx(data, name=name) if fmt == "xlsx" else _read_csv(data, name=name)
    if rows and rows[-1][0] > max_rows:
        raise FileRefused(ERR_TOO_MANY_ROWS.format(name=name, limit=max_rows))
    return Table(fmt, [(number, row) for number, row in rows if any(cell is not None and cell != "" for cell in row)])


def _read_csv(data: bytes, *, name: str):
    try:
        content = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FileUnreadable(ERR_NOT_UTF8.format(name=name)) from None
    first_line = content.split("\n", 1)[0]
    try:
        dialect = csv.Sniffer().sniff(first_line, delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    try:
        return [(number, [cell.strip() for cell in row])
                for number, row in enumerate(csv.reader(io.StringIO(content), dialect), start=1)]
    except csv.Error:
        raise FileUnreadable(ERR_NOT_CSV.format(name=name)) from None


def _read_xlsx(data: bytes, *, name: str):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except DefusedXmlException:
        raise FileRefused(ERR_XML_DTD.format(name=name)) from None
    except Exception:  # openpyxl reports a broken workbook through many exception types
        raise FileUnreadable(ERR_UNREADABLE.format(name=name)) from None
    try:
        sheet = workbook.worksheets[0]
        # Some writers store a wrong <dimension>; read what is there, not what it claims.
        sheet.reset_dimensions()
        return list(enumerate(sheet.iter_rows(values_only=True), start=1))
    except DefusedXmlException:
        raise FileRefused(ERR_XML_DTD.format(name=name)) from None
    except (KeyError, ValueError, TypeError, zipfile.BadZipFile, OSError):
        raise FileUnreadable(ERR_UNREADABLE.format(name=name)) from None
    finally:
        workbook.close()
