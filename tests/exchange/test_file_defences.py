"""Files are refused as a whole before anything parses them: size, content, zip bombs, XML entity tricks."""
import io
import tracemalloc
import zipfile

import pytest

from planeval.core.errors import ApplicationError
from planeval.exchange import reading
from planeval.planning.models import Plan

from . import workbooks
from .conftest import run_import

PLANS = workbooks.table(["序号", "规划名称", "牵头部门"], [[1, "普陀区科技创新“十四五”规划", "区科委"]])


def refused(data: bytes, filename: str, jurisdiction) -> str:
    with pytest.raises(ApplicationError) as error:
        run_import("plans", data, jurisdiction, filename=filename)
    assert not Plan.objects.filter(jurisdiction=jurisdiction).exists()
    return error.value.message


def _rewrite(data: bytes, member: str, content: bytes) -> bytes:
    """The same workbook with one part replaced."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item.filename, content if item.filename == member else source.read(item.filename))
    return out.getvalue()


def _bomb(megabytes: int) -> bytes:
    """A real workbook-shaped zip whose worksheet inflates to ``megabytes`` of zeros (ratio ≈ 1000)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(PLANS)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            if item.filename != "xl/worksheets/sheet1.xml":
                target.writestr(item.filename, source.read(item.filename))
        with target.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            chunk = b"0" * (1024 * 1024)
            for _ in range(megabytes):
                sheet.write(chunk)
    return out.getvalue()


def test_the_seed_workbook_itself_is_accepted(putuo_fresh):
    assert run_import("plans", PLANS, putuo_fresh).ok


def test_a_text_file_renamed_xlsx_is_refused(putuo_fresh):
    data = "序号,规划名称,牵头部门\n1,普陀区科技创新“十四五”规划,区科委\n".encode()
    assert refused(data, "plans.xlsx", putuo_fresh) == reading.ERR_NOT_XLSX.format(name="plans.xlsx")


def test_other_files_are_refused_by_content_not_name(putuo_fresh):
    assert refused(PLANS, "plans.csv", putuo_fresh) == reading.ERR_NOT_CSV.format(name="plans.csv")
    assert refused(PLANS, "plans.txt", putuo_fresh) == reading.ERR_FORMAT.format(name="plans.txt")
    ole = reading.OLE_MAGIC + b"\x00" * 512
    assert refused(ole, "plans.xlsx", putuo_fresh) == reading.ERR_OLD_XLS.format(name="plans.xlsx")
    docx = io.BytesIO()
    with zipfile.ZipFile(docx, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    assert refused(docx.getvalue(), "plans.xlsx", putuo_fresh) == reading.ERR_NOT_XLSX.format(name="plans.xlsx")
    assert refused(b"\xd6\xb8\xb1\xea,1\n", "plans.csv", putuo_fresh) == reading.ERR_NOT_UTF8.format(name="plans.csv")


def test_a_file_over_the_upload_limit_is_refused(putuo_fresh, settings):
    settings.PLANEVAL_UPLOAD_MAX_BYTES = 1024
    message = refused(PLANS, "plans.xlsx", putuo_fresh)
    assert message.startswith("文件“plans.xlsx”大小为") and "超过上限1 KB" in message


@pytest.mark.parametrize("megabytes", [300, 40], ids=["over-total-limit", "over-ratio"])
def test_a_zip_bomb_is_refused_without_inflating_it(putuo_fresh, megabytes):
    data = _bomb(megabytes)
    assert len(data) < 2 * 1024 * 1024   # a few hundred KB on disk
    tracemalloc.start()
    try:
        message = refused(data, "plans.xlsx", putuo_fresh)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert message == reading.ERR_BOMB.format(name="plans.xlsx")
    assert peak < 20 * 1024 * 1024   # far below what inflating it would take


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE sst [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&secret;</t></si></sst>"""


@pytest.mark.parametrize("member,content", [
    ("xl/worksheets/sheet1.xml", BILLION_LAUGHS),
    ("xl/workbook.xml", BILLION_LAUGHS),
    ("xl/sharedStrings.xml", EXTERNAL_ENTITY),
], ids=["laughs-in-sheet", "laughs-in-workbook", "external-entity"])
def test_xml_entity_tricks_inside_the_workbook_are_refused(putuo_fresh, member, content):
    data = _rewrite(PLANS, member, content) if member != "xl/sharedStrings.xml" else _with_part(PLANS, member, content)
    assert refused(data, "plans.xlsx", putuo_fresh) == reading.ERR_XML_DTD.format(name="plans.xlsx")


def _with_part(data: bytes, member: str, content: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        present = member in source.namelist()
    if present:
        return _rewrite(data, member, content)
    out = io.BytesIO(data)
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(member, content)
    return out.getvalue()


def test_a_broken_workbook_is_unreadable_not_a_crash(putuo_fresh):
    data = _rewrite(PLANS, "xl/workbook.xml", b"<workbook><sheets><sheet")
    assert refused(data, "plans.xlsx", putuo_fresh) == reading.ERR_UNREADABLE.format(name="plans.xlsx")


def test_utf8_csv_with_a_bom_is_read(putuo_fresh):
    data = "\ufeff序号,规划名称,牵头部门\n1,普陀区科技创新“十四五”规划,区科委\n".encode()
    result = run_import("plans", data, putuo_fresh, filename="目录.csv")
    assert result.ok and result.created == 1
