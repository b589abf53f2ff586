"""PDF preview through LibreOffice: real conversions when it is installed, refusal when not."""
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from planeval.reports import pdf
from planeval.reports.charts import chart_png
from planeval.reports.docx import midterm_report_docx, self_report_docx

REPO_ROOT = Path(__file__).resolve().parents[2]
OUTPUT_DIR = REPO_ROOT / "test-output"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"

needs_libreoffice = pytest.mark.skipif(
    not pdf.libreoffice_available(), reason="LibreOffice (soffice) is not installed here")


@needs_libreoffice
def test_self_report_converts_with_the_chinese_fonts_substituted(self_report):
    data = pdf.docx_to_pdf(self_report_docx(self_report))
    assert data.startswith(b"%PDF")
    assert pdf.pdf_page_count(data) >= 2
    # 仿宋_GB2312 → AR PL UKai, 黑体 → Noto Sans CJK: the aliases reached LibreOffice.
    assert b"UKai" in data
    assert b"NotoSansCJK" in data


@needs_libreoffice
def test_midterm_report_converts_and_page_one_is_saved_for_a_person(midterm_report, charts):
    images = {chart.title: chart_png(chart) for chart in charts}
    data = pdf.docx_to_pdf(midterm_report_docx(midterm_report, images))
    assert data.startswith(b"%PDF")
    assert pdf.pdf_page_count(data) >= 3
    if shutil.which("pdftoppm") is None:
        pytest.skip("poppler-utils (pdftoppm) is not installed here")
    png = pdf.pdf_first_page_png(data)
    assert png.startswith(PNG_MAGIC)
    OUTPUT_DIR.mkdir(exist_ok=True)
    (OUTPUT_DIR / "midterm-report-page1.png").write_bytes(png)


def test_missing_libreoffice_is_refused_in_chinese(monkeypatch):
    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    assert not pdf.libreoffice_available()
    with pytest.raises(pdf.PdfUnavailable, match="未安装LibreOffice，无法生成PDF预览"):
        pdf.docx_to_pdf(b"not used")
    with pytest.raises(pdf.PdfUnavailable, match="pdftoppm"):
        pdf.pdf_first_page_png(b"%PDF-1.7")


def test_fontconfig_file_aliases_the_official_fonts_and_keeps_the_system_ones():
    root = ET.fromstring(pdf.fontconfig_xml().split("\n", 2)[2])    # skip decl and doctype
    assert root.find("include").text == "/etc/fonts/fonts.conf"
    aliases = {alias.find("family").text: [f.text for f in alias.find("prefer")]
               for alias in root.findall("alias")}
    assert aliases["仿宋_GB2312"][0] == "AR PL UKai CN"
    assert aliases["楷体"][0] == "AR PL UKai CN"
    assert aliases["黑体"][0] == "Noto Sans CJK SC"
    assert aliases["宋体"][0] in ("Noto Serif CJK SC", "AR PL UMing CN")
    assert aliases["Times New Roman"][0] == "Liberation Serif"
    assert all(alias.get("binding") == "same" for alias in root.findall("alias"))


def test_page_count_reads_page_objects_not_the_pages_tree():
    fake = b"%PDF-1.7\n1 0 obj << /Type /Pages /Count 2 >>\n2 0 obj << /Type /Page >>\n" \
           b"3 0 obj <</Type/Page/Parent 1 0 R>>\n"
    assert pdf.pdf_page_count(fake) == 2
