"""Low-level WordprocessingML helpers for the official (公文) format of ``docx.py``.

python-docx covers the Latin-centred basics; Chinese official documents need a few things
it does not expose, so they are written straight into the XML here:

* East Asian fonts live in ``w:rFonts/@w:eastAsia``; ``font.name`` sets only ``w:ascii`` and
  ``w:hAnsi``, and any ``*Theme`` attribute silently wins over an explicit name.
* The default template is US Letter, adds space after every paragraph, uses blue theme
  headings and declares Japanese as its East Asian theme language.
* Page numbers are a complex field, a repeated table header is ``w:tblHeader``.

Nothing here knows about plans or indicators; it only formats.
"""
from __future__ import annotations

import copy
import functools

import re

from lxml import etree
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.styles.style import ParagraphStyle
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from .documents import DocumentFormat

A4_SHORT_CM = 21.0
A4_LONG_CM = 29.7

# Attributes that make Word take the font from the theme instead of the explicit name.
_THEME_FONT_ATTRIBUTES = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")

# Characters XML 1.0 forbids; lxml refuses them, and user text may carry them (pasted from
# old spreadsheets). Tab, newline and carriage return are allowed and handled by callers.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

# Fonts declared in the font table, with the name Word should try when the exact face is
# missing: Windows ships 仿宋/楷体 but not the *_GB2312 faces many offices install.
_CJK_FONT_ALTERNATES = {
    "仿宋_GB2312": "仿宋",
    "楷体_GB2312": "楷体",
    "仿宋": "FangSong",
    "楷体": "KaiTi",
    "黑体": "SimHei",
    "宋体": "SimSun",
}


def clean_text(text: object) -> str:
    """Text safe for WordprocessingML: ``None`` → "", XML-illegal control characters dropped."""
    if text is None:
        return ""
    return _XML_ILLEGAL.sub("", str(text))


# ---------------------------------------------------------------- fonts


def _strip_theme_fonts(r_fonts) -> None:
    for attribute in _THEME_FONT_ATTRIBUTES:
        r_fonts.attrib.pop(qn(attribute), None)


def _set_r_fonts(r_pr, *, east_asia: str, latin: str) -> None:
    r_fonts = r_pr.get_or_add_rFonts()
    _strip_theme_fonts(r_fonts)
    r_fonts.set(qn("w:ascii"), latin)
    r_fonts.set(qn("w:hAnsi"), latin)
    r_fonts.set(qn("w:cs"), latin)
    r_fonts.set(qn("w:eastAsia"), east_asia)
    # Curly quotes “ ” and some dashes are shared by Latin and CJK; without the hint Word draws
    # them in the Latin font, which looks cramped in “十四五”.
    r_fonts.set(qn("w:hint"), "eastAsia")


def _set_size(r_pr, size_pt: float) -> None:
    half_points = str(round(size_pt * 2))
    for tag in ("w:sz", "w:szCs"):
        element = r_pr.find(qn(tag))
        if element is None:
            element = OxmlElement(tag)
            r_pr.insert_element_before(
                element, *_R_PR_AFTER_SZ if tag == "w:sz" else _R_PR_AFTER_SZ[1:]
            )
        element.set(qn("w:val"), half_points)


# Children of w:rPr that must come after w:sz (schema order), so inserts stay valid.
_R_PR_AFTER_SZ = (
    "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText",
    "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout",
    "w:specVanish", "w:oMath",
)


def style_run(run: Run, *, east_asia: str, latin: str, size_pt: float | None = None,
              bold: bool | None = None) -> Run:
    """Give one run its fonts explicitly (East Asian and Latin), and optionally size and weight.

    A new run (no rPr yet) gets a copy of a prepared rPr: python-docx's get-or-add chain
    walks the schema order for every child and made a 112-task table take seconds.
    """
    r = run._r
    if r.rPr is None:
        r.insert(0, copy.deepcopy(_run_properties(east_asia, latin, size_pt, bold)))
        return run
    r_pr = r.get_or_add_rPr()
    _set_r_fonts(r_pr, east_asia=east_asia, latin=latin)
    if bold is not None:
        run.font.bold = bold
    if size_pt is not None:
        _set_size(r_pr, size_pt)
    return run


def run_properties(east_asia: str, latin: str, size_pt: float | None, bold: bool | None):
    """The prepared rPr for these fonts (shared: copy it before inserting)."""
    return _run_properties(east_asia, latin, size_pt, bold)


def fill_cell(tc, text: str, run_properties) -> None:
    """Write *text* into an empty prototype cell: one paragraph per line, each run given
    a copy of *run_properties*; extra lines copy the first paragraph's properties."""
    first = tc.find(qn("w:p"))
    previous = first
    for index, line in enumerate(clean_text(text).split("\n")):
        if index == 0:
            paragraph = first
        else:
            paragraph = OxmlElement("w:p")
            p_pr = first.find(qn("w:pPr"))
            if p_pr is not None:
                paragraph.append(copy.deepcopy(p_pr))
            previous.addnext(paragraph)
        previous = paragraph
        if line:
            run = OxmlElement("w:r")
            run.append(copy.deepcopy(run_properties))
            t = OxmlElement("w:t")
            t.text = line
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            run.append(t)
            paragraph.append(run)


@functools.lru_cache(maxsize=64)
def _run_properties(east_asia: str, latin: str, size_pt: float | None, bold: bool | None):
    """The rPr a run with these fonts gets, built once the slow, schema-checked way."""
    r_pr = OxmlElement("w:rPr")
    _set_r_fonts(r_pr, east_asia=east_asia, latin=latin)
    if bold is not None:
        b = OxmlElement("w:b")
        if not bold:
            b.set(qn("w:val"), "0")
        r_pr.insert_element_before(b, *_R_PR_AFTER_B)
    if size_pt is not None:
        _set_size(r_pr, size_pt)
    return r_pr


# Children of w:rPr that come after w:b (schema order).
_R_PR_AFTER_B = (
    "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps", "w:strike", "w:dstrike", "w:outline", "w:shadow",
    "w:emboss", "w:imprint", "w:noProof", "w:snapToGrid", "w:vanish", "w:webHidden", "w:color",
    "w:spacing", "w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect",
    "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang",
    "w:eastAsianLayout", "w:specVanish", "w:oMath",
)


def _style_character_format(style, *, east_asia: str, latin: str, size_pt: float,
                            bold: bool = False) -> None:
    r_pr = style.element.get_or_add_rPr()
    _set_r_fonts(r_pr, east_asia=east_asia, latin=latin)
    style.font.bold = bold
    _set_size(r_pr, size_pt)
    style.font.color.rgb = None


# ---------------------------------------------------------------- document defaults


def apply_document_defaults(document: DocxDocument, fmt: DocumentFormat) -> None:
    """Replace the template's Latin/Japanese defaults with the Chinese official ones.

    docDefaults get explicit fonts, zh-CN language, no space after paragraphs and single
    spacing (so tables start from single spacing, never from the body's exact 28 pt); every
    theme font reference in styles.xml is removed; the settings' East Asian theme language
    becomes zh-CN so Word never falls back to a Japanese face.
    """
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    r_pr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_r_fonts(r_pr, east_asia=fmt.body_font, latin=fmt.latin_font)
    _set_size(r_pr, fmt.body_size_pt)
    lang = r_pr.find(qn("w:lang"))
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")

    spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")
    spacing.set(qn("w:lineRule"), "auto")

    for r_fonts in styles.iter(qn("w:rFonts")):
        _strip_theme_fonts(r_fonts)

    normal = document.styles["Normal"]
    _style_character_format(normal, east_asia=fmt.body_font, latin=fmt.latin_font,
                            size_pt=fmt.body_size_pt)
    normal.paragraph_format.space_after = Pt(0)

    theme_lang = document.settings.element.find(qn("w:themeFontLang"))
    if theme_lang is None:
        theme_lang = OxmlElement("w:themeFontLang")
        document.settings.element.append(theme_lang)
    theme_lang.set(qn("w:val"), "en-US")
    theme_lang.set(qn("w:eastAsia"), "zh-CN")

    alternates = dict(_CJK_FONT_ALTERNATES)
    if fmt.body_font_fallback and fmt.body_font_fallback != fmt.body_font:
        alternates[fmt.body_font] = fmt.body_font_fallback
    _declare_cjk_fonts(document, alternates)


def _declare_cjk_fonts(document: DocxDocument, alternates: dict[str, str]) -> None:
    """Add the Chinese faces to word/fontTable.xml with GB2312 charset and an alternate name.

    python-docx loads the font table as an opaque part, so its bytes are rewritten. Word uses
    ``w:altName`` and the charset to choose a substitute when a face is not installed.
    """
    for part in document.part.package.iter_parts():
        if str(part.partname) != "/word/fontTable.xml":
            continue
        fonts = parse_xml(part.blob)
        declared = {font.get(qn("w:name")) for font in fonts.findall(qn("w:font"))}
        for name, alternate in alternates.items():
            if name in declared:
                continue
            font = OxmlElement("w:font", {qn("w:name"): name})
            for tag, value in (("w:altName", alternate), ("w:charset", "86"),
                               ("w:family", "modern"), ("w:pitch", "fixed")):
                font.append(OxmlElement(tag, {qn("w:val"): value}))
            fonts.append(font)
        part._blob = etree.tostring(fonts, xml_declaration=True, encoding="UTF-8",
                                    standalone=True)


# ---------------------------------------------------------------- paragraph styles


def add_paragraph_style(document: DocxDocument, *, style_id: str, name: str, east_asia: str,
                        latin: str, size_pt: float, bold: bool = False,
                        line_pt: float | None = None, first_line_chars: int = 0,
                        alignment=None, outline_level: int | None = None,
                        keep_with_next: bool = False) -> ParagraphStyle:
    """Create (or reuse) one of our own paragraph styles.

    Headings get ``w:outlineLvl`` so they show in Word's navigation pane and a table of
    contents, without the built-in Heading styles' blue theme fonts.
    """
    styles = document.styles
    if name in [s.name for s in styles]:
        return styles[name]
    from docx.enum.style import WD_STYLE_TYPE

    style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.style_id = style_id
    style.base_style = styles["Normal"]
    style.quick_style = True
    _style_character_format(style, east_asia=east_asia, latin=latin, size_pt=size_pt,
                            bold=bold)
    paragraph_format = style.paragraph_format
    paragraph_format.space_before = Pt(0)
    paragraph_format.space_after = Pt(0)
    if line_pt is not None:
        paragraph_format.line_spacing = Pt(line_pt)
        paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    if alignment is not None:
        paragraph_format.alignment = alignment
    if keep_with_next:
        paragraph_format.keep_with_next = True
    if first_line_chars:
        set_first_line_indent_chars(style.element.get_or_add_pPr(), first_line_chars, size_pt)
    if outline_level is not None:
        set_outline_level(style.element.get_or_add_pPr(), outline_level)
    return style


def set_outline_level(p_pr, level: int) -> None:
    """``w:outlineLvl`` (0 = level 1), inserted where the schema wants it."""
    element = p_pr.find(qn("w:outlineLvl"))
    if element is None:
        element = OxmlElement("w:outlineLvl")
        p_pr.insert_element_before(element, "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
                                   "w:pPrChange")
    element.set(qn("w:val"), str(level))


def set_first_line_indent_chars(p_pr, chars: int, size_pt: float) -> None:
    """Indent the first line by *chars* characters (公文: 首行缩进两个字符).

    ``w:firstLineChars`` is in hundredths of a character and follows the font size in Word;
    ``w:firstLine`` (twips) is the same distance for readers that ignore the Chars form.
    """
    ind = p_pr.get_or_add_ind()
    ind.set(qn("w:firstLineChars"), str(chars * 100))
    ind.set(qn("w:firstLine"), str(round(chars * size_pt * 20)))


def set_paragraph_style(paragraph: Paragraph, style_id: str) -> None:
    """Point the paragraph at a style by id.

    ``paragraph.style = style`` makes python-docx scan every style of styles.xml for the
    default one on each call, which dominates the time of a 100-row table.
    """
    paragraph._p.get_or_add_pPr().style = style_id


def set_exact_spacing(paragraph: Paragraph, line_pt: float) -> None:
    """Exact line spacing set on the paragraph itself, not left to inheritance.

    When the paragraph properties hold only a style (the common case for a new paragraph) a
    prepared w:spacing is appended; otherwise python-docx places it in schema order.
    """
    p_pr = paragraph._p.get_or_add_pPr()
    if all(child.tag in _P_PR_BEFORE_SPACING for child in p_pr):
        p_pr.append(copy.deepcopy(_exact_spacing(line_pt)))
        return
    paragraph_format = paragraph.paragraph_format
    paragraph_format.line_spacing = Pt(line_pt)
    paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    paragraph_format.space_before = Pt(0)
    paragraph_format.space_after = Pt(0)


def set_prepared_paragraph(paragraph: Paragraph, style_id: str, line_pt: float, centred: bool,
                           indent: tuple[int, float] | None = None) -> bool:
    """Style, exact spacing, first-line indent and alignment of a new paragraph in one prepared copy.

    *indent* is (characters, font size). Returns False (and does nothing) when the paragraph
    already has properties; the caller then sets them one by one.
    """
    p = paragraph._p
    if p.pPr is not None:
        return False
    p.insert(0, copy.deepcopy(_paragraph_properties(style_id, line_pt, centred, indent)))
    return True


@functools.lru_cache(maxsize=32)
def _paragraph_properties(style_id: str, line_pt: float, centred: bool, indent: tuple[int, float] | None):
    p_pr = OxmlElement("w:pPr")          # children in schema order: pStyle, spacing, ind, jc
    style = OxmlElement("w:pStyle")
    style.set(qn("w:val"), style_id)
    p_pr.append(style)
    p_pr.append(copy.deepcopy(_exact_spacing(line_pt)))
    if indent:
        chars, size_pt = indent
        ind = OxmlElement("w:ind")
        ind.set(qn("w:firstLineChars"), str(chars * 100))
        ind.set(qn("w:firstLine"), str(round(chars * size_pt * 20)))
        p_pr.append(ind)
    if centred:
        jc = OxmlElement("w:jc")
        jc.set(qn("w:val"), "center")
        p_pr.append(jc)
    return p_pr


@functools.lru_cache(maxsize=16)
def _exact_spacing(line_pt: float):
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:before"), "0")
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), str(round(line_pt * 20)))
    spacing.set(qn("w:lineRule"), "exact")
    return spacing


# Children of w:pPr that come before w:spacing (schema order).
_P_PR_BEFORE_SPACING = frozenset(qn(tag) for tag in (
    "w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl", "w:numPr",
    "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
    "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
    "w:snapToGrid",
))


# ---------------------------------------------------------------- page setup


def set_page(section, fmt: DocumentFormat, *, landscape: bool = False) -> None:
    """A4 set explicitly (the template is US Letter), margins from *fmt*."""
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    width, height = (A4_LONG_CM, A4_SHORT_CM) if landscape else (A4_SHORT_CM, A4_LONG_CM)
    section.page_width = Cm(width)
    section.page_height = Cm(height)
    section.left_margin = Cm(fmt.margin_left_cm)
    section.right_margin = Cm(fmt.margin_right_cm)
    section.top_margin = Cm(fmt.margin_top_cm)
    section.bottom_margin = Cm(fmt.margin_bottom_cm)
    section.header_distance = Cm(1.5)
    section.footer_distance = Cm(1.5)


def text_width_cm(fmt: DocumentFormat, *, landscape: bool = False) -> float:
    page = A4_LONG_CM if landscape else A4_SHORT_CM
    return page - fmt.margin_left_cm - fmt.margin_right_cm


def add_page_number_footer(section, *, font: str, latin: str, size_pt: float,
                           dashes: bool = True) -> None:
    """Centre "— 1 —" (GB/T 9704 style) in the footer as a live PAGE field.

    A complex field is four runs: ``fldChar begin``, ``instrText " PAGE "``,
    ``fldChar separate`` followed by the cached result, and ``fldChar end``. Word and
    LibreOffice replace the cached "1" with the real page number.
    """
    footer = section.footer
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER

    def run_with(element=None, text: str = "") -> Run:
        run = paragraph.add_run(text)
        if element is not None:
            run._r.append(element)
        return style_run(run, east_asia=font, latin=latin, size_pt=size_pt)

    if dashes:
        run_with(text="— ")
    run_with(OxmlElement("w:fldChar", {qn("w:fldCharType"): "begin"}))
    instruction = OxmlElement("w:instrText", {qn("xml:space"): "preserve"})
    instruction.text = " PAGE "
    run_with(instruction)
    run_with(OxmlElement("w:fldChar", {qn("w:fldCharType"): "separate"}))
    run_with(text="1")
    run_with(OxmlElement("w:fldChar", {qn("w:fldCharType"): "end"}))
    if dashes:
        run_with(text=" —")


# ---------------------------------------------------------------- tables


def prepare_table(table: Table, widths_cm: list[float]) -> None:
    """Fixed layout with explicit column widths, single borders, centred on the page.

    Fixed widths stop Word and LibreOffice from squeezing a long text column; both read the
    grid (``w:gridCol``) and the cell widths (``w:tcW``), so both are written.
    """
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    total = sum(widths_cm)
    tbl_w = tbl_pr.find(qn("w:tblW"))
    if tbl_w is None:
        tbl_w = OxmlElement("w:tblW")
        tbl_pr.insert_element_before(tbl_w, "w:jc", "w:tblCellSpacing", "w:tblInd",
                                     "w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar",
                                     "w:tblLook")
    tbl_w.set(qn("w:w"), str(round(Cm(total).twips)))
    tbl_w.set(qn("w:type"), "dxa")
    _set_table_borders(tbl_pr)
    _set_cell_margins(tbl_pr)
    for column, width in zip(table.columns, widths_cm):
        column.width = Cm(width)
    for row in table.rows:
        set_row_widths(row, widths_cm)


def set_row_widths(row: _Row, widths_cm: list[float]) -> None:
    for cell, width in zip(row.cells, widths_cm):
        cell.width = Cm(width)


def _set_table_borders(tbl_pr, size_eighths: int = 4) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(OxmlElement(f"w:{edge}", {
            qn("w:val"): "single", qn("w:sz"): str(size_eighths),
            qn("w:space"): "0", qn("w:color"): "000000",
        }))
    existing = tbl_pr.find(qn("w:tblBorders"))
    if existing is not None:
        tbl_pr.remove(existing)
    tbl_pr.insert_element_before(borders, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook",
                                 "w:tblCaption", "w:tblDescription", "w:tblPrChange")


def _set_cell_margins(tbl_pr, *, vertical_twips: int = 30, horizontal_twips: int = 85) -> None:
    """A little air above and below cell text; the template's default is none."""
    margins = OxmlElement("w:tblCellMar")
    for edge, size in (("top", vertical_twips), ("left", horizontal_twips),
                       ("bottom", vertical_twips), ("right", horizontal_twips)):
        margins.append(OxmlElement(f"w:{edge}", {qn("w:w"): str(size), qn("w:type"): "dxa"}))
    existing = tbl_pr.find(qn("w:tblCellMar"))
    if existing is not None:
        tbl_pr.remove(existing)
    tbl_pr.insert_element_before(margins, "w:tblLook", "w:tblCaption", "w:tblDescription",
                                 "w:tblPrChange")


def repeat_as_header(row: _Row) -> None:
    """Mark the row as a header repeated at the top of every page (``w:tblHeader``).

    The row may also not split across pages, or the header would be torn in two.
    """
    tr_pr = row._tr.get_or_add_trPr()
    for tag in ("w:cantSplit", "w:tblHeader"):
        if tr_pr.find(qn(tag)) is None:
            tr_pr.append(OxmlElement(tag))


def shade_cell(cell: _Cell, fill_hex: str) -> None:
    """Background colour of one cell (``w:shd`` in ``w:tcPr``)."""
    tc_pr = cell._tc.get_or_add_tcPr()
    shd = tc_pr.find(qn("w:shd"))
    if shd is None:
        shd = OxmlElement("w:shd")
        tc_pr.insert_element_before(shd, "w:noWrap", "w:tcMar", "w:textDirection",
                                    "w:tcFitText", "w:vAlign", "w:hideMark", "w:headers",
                                    "w:cellIns", "w:cellDel", "w:cellMerge", "w:tcPrChange")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill_hex)


def centre_vertically(cell: _Cell) -> None:
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER


def merge_vertically(table: Table, column: int, first_row: int, last_row: int) -> _Cell:
    """Merge one column over rows *first_row*..*last_row* (``w:vMerge``); keeps the top text.

    The cells below the top one hold no run (``_first_of_run`` leaves them empty), so the
    merge only marks them: ``w:vMerge restart`` on the top cell, ``w:vMerge`` on the rest.
    python-docx's general ``merge`` re-measures the whole grid for every call.
    """
    rows = table._tbl.tr_lst           # the XML rows: python-docx's table.rows re-reads the grid
    top = _Cell(rows[first_row].tc_lst[column], table)
    centre_vertically(top)
    if last_row > first_row:
        _set_v_merge(top, "restart")
        for index in range(first_row + 1, last_row + 1):
            _set_v_merge(_Cell(rows[index].tc_lst[column], table), None)
    return top


def _set_v_merge(cell: _Cell, value: str | None) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    v_merge = OxmlElement("w:vMerge")
    if value:
        v_merge.set(qn("w:val"), value)
    tc_pr.insert_element_before(v_merge, "w:vAlign", "w:hideMark", "w:headers", "w:cellIns", "w:cellDel",
                                "w:cellMerge", "w:tcPrChange")


def span_columns(row: _Row, first: int) -> _Cell:
    """One cell from column *first* to the row's end (``w:gridSpan``), for a heading row."""
    cells = row.cells
    keep = cells[first]
    width = sum(cell.width or 0 for cell in cells[first:])
    for cell in cells[first + 1:]:
        row._tr.remove(cell._tc)
    tc_pr = keep._tc.get_or_add_tcPr()
    span = OxmlElement("w:gridSpan")
    span.set(qn("w:val"), str(len(cells) - first))
    tc_pr.insert_element_before(span, "w:hMerge", "w:vMerge", "w:tcBorders", "w:shd", "w:noWrap", "w:tcMar",
                                "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark", "w:headers",
                                "w:cellIns", "w:cellDel", "w:cellMerge", "w:tcPrChange")
    if width:
        keep.width = width
    return keep