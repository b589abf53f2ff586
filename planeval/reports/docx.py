"""Word (.docx) renderers: report dataclasses in, bytes out, in the official Chinese format.

Format choices (Putuo's 格式要求 first, GB/T 9704-2012 practice where they are silent):

* A4, margins from ``DocumentFormat`` (2.8 cm left/right, 2.54 cm top/bottom).
* Title 黑体 二号 centred; level-1 headings (一、/第一部分) 黑体 三号; level-2 headings
  (（一）) 楷体 三号 regular, as 公文 practice does for the second level (一级黑体、
  二级楷体、三级仿宋加粗); body 仿宋 三号, first line indented two characters, exact line
  spacing ``fmt.line_spacing_pt`` (28 pt).
* Tables 五号 with their own single-line exact spacing, header row repeated on every page;
  the page number "— 1 —" centred at the bottom (阿拉伯数字，靠下居中).
* The unit and date close the report before the appendices (单位、时间请写在报告最后，附件前).

Nothing here imports Django: the dataclasses of ``documents.py`` are the whole input.
"""
from __future__ import annotations

import copy
import io
from collections.abc import Callable, Sequence

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.enum.section import WD_SECTION
from docx.oxml.ns import qn
from docx.shared import Cm
from docx.table import _Row

from . import docx_format as f
from .documents import (
    RATING_LABELS,
    AdjustmentPlan,
    CaseEntry,
    Chart,
    DocumentFormat,
    IndicatorRow,
    IndicatorTable,
    MidtermReport,
    ProjectRow,
    ReviewRow,
    SelfReport,
    TaskTable,
)

SUBHEADING_FONT = "楷体_GB2312"      # level-2 headings and captions (公文: 二级标题楷体)
PAGE_NUMBER_FONT = "宋体"            # GB/T 9704: 4号半角宋体阿拉伯数字
PAGE_NUMBER_SIZE_PT = 14
CAPTION_SIZE_PT = 14                  # 四号
SAMPLE_MARK = "（示例数据）"
WARNING_FILLS = {"绿": "C6EFCE", "黄": "FFEB9C", "红": "FFC7CE"}

INDICATOR_HEADERS = ("类别", "指标", "“十四五”规划目标", "中期完成数", "评估结论",
                     "预计到规划期末完成数", "说明")
INDICATOR_WEIGHTS = (1.6, 4.6, 2.4, 1.8, 2.0, 2.2, 4.4)
INDICATOR_CENTRED = (0, 2, 3, 4, 5)
TASK_HEADERS = ("类别", "主要任务", "推进情况", "评估结论", "预计到规划期末完成情况")
TASK_WEIGHTS = (2.2, 8.0, 6.0, 2.2, 2.6)
TASK_CENTRED = (0, 3, 4)
PROJECT_HEADERS = ("项目", "牵头单位", "状态", "总投资", "已完成投资", "进展", "预警")
PROJECT_WEIGHTS = (4.0, 2.4, 1.8, 1.8, 1.9, 4.6, 1.2)
PROJECT_CENTRED = (1, 2, 3, 4, 6)
ADJUSTMENT_HEADERS = ("序号", "调整事项", "责任单位", "调整前", "调整后", "调整理由", "测算依据")
ADJUSTMENT_WEIGHTS = (1.0, 3.0, 2.0, 1.9, 1.9, 3.4, 3.4)
ADJUSTMENT_CENTRED = (0, 2, 3, 4)
# 第三方评估 (planeval/reviews): items where an outside evaluator's conclusion differs.
REVIEW_HEADERS = ("序号", "事项", "牵头单位", "自评结论", "第三方评估结论", "评估机构", "第三方评估意见")
REVIEW_WEIGHTS = (1.0, 4.2, 2.0, 1.8, 1.8, 2.6, 5.2)
REVIEW_CENTRED = (0, 3, 4)
REVIEW_CAPTION = "第三方评估结论与自评结论不一致的事项"
STRONG_MARK = "（相差两级及以上）"
STRONG_FILL, DIFFERENT_FILL = "FFC7CE", "FFEB9C"
CASE_PARTS = (("基本情况", "summary"), ("主要做法", "measures"), ("取得成效", "results"))


def rating_text(rating: str, suggestion: str = "") -> str:
    """What the 评估结论 cell shows: "B 进展良好" for the unit's rating, else the suggestion.

    The short form keeps the column narrow; the table's 注 lines spell the four classes out.
    """
    if rating:
        return _short_rating(rating)
    if suggestion:
        return f"（系统建议：{_short_rating(suggestion)}）"
    return ""


def _short_rating(rating: str) -> str:
    return RATING_LABELS.get(rating, rating).split("、")[0]


class Composer:
    """One document being written: the python-docx Document plus the format in force."""

    def __init__(self, fmt: DocumentFormat, *, landscape: bool = False) -> None:
        self.fmt = fmt
        self.landscape = landscape
        self.doc = docx.Document()
        f.apply_document_defaults(self.doc, fmt)
        section = self.doc.sections[0]
        f.set_page(section, fmt, landscape=landscape)
        if fmt.page_number not in ("", "none"):
            # Only the centred bottom position exists for now (Putuo: 靠下居中); any other
            # value still gets page numbers rather than silently losing them.
            f.add_page_number_footer(section, font=PAGE_NUMBER_FONT, latin=fmt.latin_font,
                                     size_pt=PAGE_NUMBER_SIZE_PT)
        self._add_styles()
        self.figure_count = 0
        self._row_prototypes: dict = {}

    def _add_styles(self) -> None:
        fmt, doc = self.fmt, self.doc
        center = WD_ALIGN_PARAGRAPH.CENTER
        common = {"latin": fmt.latin_font}
        self.styles = {
            "title": f.add_paragraph_style(
                doc, style_id="PETitle", name="PE 标题", east_asia=fmt.title_font,
                size_pt=fmt.title_size_pt, line_pt=max(fmt.line_spacing_pt,
                                                       round(fmt.title_size_pt * 1.5)),
                alignment=center, **common),
            "heading1": f.add_paragraph_style(
                doc, style_id="PEHeading1", name="PE 一级标题", east_asia=fmt.heading_font,
                size_pt=fmt.heading_size_pt, line_pt=fmt.line_spacing_pt,
                first_line_chars=2, outline_level=0, keep_with_next=True, **common),
            "heading2": f.add_paragraph_style(
                doc, style_id="PEHeading2", name="PE 二级标题", east_asia=SUBHEADING_FONT,
                size_pt=fmt.heading_size_pt, line_pt=fmt.line_spacing_pt,
                first_line_chars=2, outline_level=1, keep_with_next=True, **common),
            "body": f.add_paragraph_style(
                doc, style_id="PEBody", name="PE 正文", east_asia=fmt.body_font,
                size_pt=fmt.body_size_pt, line_pt=fmt.line_spacing_pt, first_line_chars=2,
                alignment=WD_ALIGN_PARAGRAPH.JUSTIFY, **common),
            "caption": f.add_paragraph_style(
                doc, style_id="PECaption", name="PE 图表题", east_asia=SUBHEADING_FONT,
                size_pt=CAPTION_SIZE_PT, line_pt=fmt.line_spacing_pt, alignment=center,
                **common),
            "cell": f.add_paragraph_style(
                doc, style_id="PETableText", name="PE 表格文字", east_asia=fmt.body_font,
                size_pt=fmt.table_size_pt, line_pt=self.table_line_pt, **common),
            "note": f.add_paragraph_style(
                doc, style_id="PENote", name="PE 表注", east_asia=fmt.body_font,
                size_pt=fmt.table_size_pt, line_pt=self.table_line_pt, **common),
        }

    @property
    def table_line_pt(self) -> float:
        return round(self.fmt.table_size_pt * 1.4)

    # ------------------------------------------------------------ paragraphs

    def _new_paragraph(self, style: str):
        paragraph = self.doc.add_paragraph()
        f.set_paragraph_style(paragraph, self.styles[style].style_id)
        return paragraph

    def _paragraph(self, text: str, style: str, *, east_asia: str, size_pt: float,
                   line_pt: float, bold: bool = False, alignment=None, indent_chars: int = 0):
        paragraph = self.doc.add_paragraph()
        indent = (indent_chars, size_pt) if indent_chars else None
        prepared = alignment in (None, WD_ALIGN_PARAGRAPH.CENTER) and f.set_prepared_paragraph(
            paragraph, self.styles[style].style_id, line_pt, alignment == WD_ALIGN_PARAGRAPH.CENTER, indent)
        if not prepared:
            f.set_paragraph_style(paragraph, self.styles[style].style_id)
            f.set_exact_spacing(paragraph, line_pt)
            if alignment is not None:
                paragraph.alignment = alignment
            if indent:
                f.set_first_line_indent_chars(paragraph._p.get_or_add_pPr(), indent_chars, size_pt)
        lines = f.clean_text(text).split("\n")
        for index, line in enumerate(lines):
            run = paragraph.add_run(line)
            if index < len(lines) - 1:
                run.add_break()
            f.style_run(run, east_asia=east_asia, latin=self.fmt.latin_font, size_pt=size_pt,
                        bold=bold)
        return paragraph

    def title(self, text: str):
        fmt = self.fmt
        style = self.styles["title"]
        return self._paragraph(text, "title", east_asia=fmt.title_font,
                               size_pt=fmt.title_size_pt,
                               line_pt=style.paragraph_format.line_spacing.pt,
                               alignment=WD_ALIGN_PARAGRAPH.CENTER)

    def heading(self, text: str, level: int = 1):
        fmt = self.fmt
        if level <= 1:
            return self._paragraph(text, "heading1", east_asia=fmt.heading_font,
                                   size_pt=fmt.heading_size_pt, line_pt=fmt.line_spacing_pt)
        return self._paragraph(text, "heading2", east_asia=SUBHEADING_FONT,
                               size_pt=fmt.heading_size_pt, line_pt=fmt.line_spacing_pt)

    def body(self, text: str, *, alignment=None):
        fmt = self.fmt
        return self._paragraph(text, "body", east_asia=fmt.body_font, size_pt=fmt.body_size_pt,
                               line_pt=fmt.line_spacing_pt, alignment=alignment, indent_chars=2)

    def plain(self, text: str, *, alignment=None):
        """A body-font line without the first-line indent (signature, subtitle, labels)."""
        paragraph = self.body(text, alignment=alignment)
        paragraph.paragraph_format.first_line_indent = Cm(0)
        paragraph._p.pPr.ind.set(f.qn("w:firstLineChars"), "0")
        return paragraph

    def blank(self):
        paragraph = self._new_paragraph("body")
        f.set_exact_spacing(paragraph, self.fmt.line_spacing_pt)
        return paragraph

    def caption(self, text: str, *, above: bool = False):
        """A centred caption: 图 n below its figure, a table's title above it (kept with it)."""
        paragraph = self._paragraph(text, "caption", east_asia=SUBHEADING_FONT,
                                    size_pt=CAPTION_SIZE_PT, line_pt=self.fmt.line_spacing_pt,
                                    alignment=WD_ALIGN_PARAGRAPH.CENTER)
        paragraph.paragraph_format.keep_with_next = above
        return paragraph

    def label(self, text: str, *, new_page: bool = False):
        """An appendix label (附件 / 附表1) at the top left, 黑体 三号, as GB/T 9704 places it.

        *new_page* starts a page with "page break before" on the label itself: a separate
        paragraph holding a page break can be left alone on a blank page when LibreOffice
        moves a following table that does not fit.
        """
        fmt = self.fmt
        paragraph = self._paragraph(text, "heading1", east_asia=fmt.heading_font,
                                    size_pt=fmt.heading_size_pt, line_pt=fmt.line_spacing_pt)
        paragraph.paragraph_format.first_line_indent = Cm(0)
        paragraph._p.pPr.ind.set(f.qn("w:firstLineChars"), "0")
        # An appendix label is not a chapter: keep it out of the outline.
        f.set_outline_level(paragraph._p.get_or_add_pPr(), 9)
        paragraph.paragraph_format.page_break_before = new_page
        return paragraph

    def notes(self, notes: Sequence[str]) -> None:
        for index, note in enumerate(notes):
            text = note if index or note.startswith("注") else f"注：{note}"
            self._paragraph(text, "note", east_asia=self.fmt.body_font,
                            size_pt=self.fmt.table_size_pt, line_pt=self.table_line_pt)

    def new_section(self, *, landscape: bool) -> None:
        """Start a new page with its own orientation; the footer carries over (linked)."""
        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        f.set_page(section, self.fmt, landscape=landscape)
        self.landscape = landscape

    def picture(self, png: bytes, width_cm: float = 15.0) -> None:
        paragraph = self._new_paragraph("caption")
        paragraph.paragraph_format.line_spacing = 1.0   # the style's exact spacing would crop it
        paragraph.paragraph_format.keep_with_next = True
        run = paragraph.add_run()
        run.add_picture(io.BytesIO(png), width=Cm(min(width_cm, self._width_cm())))
        f.style_run(run, east_asia=self.fmt.body_font, latin=self.fmt.latin_font)

    # ------------------------------------------------------------ tables

    def _width_cm(self) -> float:
        return f.text_width_cm(self.fmt, landscape=self.landscape)

    def table(self, headers: Sequence[str], weights: Sequence[float]):
        """A bordered table with a repeated header row; widths share the text width by weight.

        Rows are added with ``add_row``.
        """
        total = sum(weights)
        widths = [self._width_cm() * weight / total for weight in weights]
        table = self.doc.add_table(rows=1, cols=len(headers))
        f.prepare_table(table, widths)
        header = table.rows[0]
        f.repeat_as_header(header)
        for cell, text in zip(header.cells, headers):
            self.cell_text(cell, text, header=True)
        return table

    def add_row(self, table, values: Sequence[str], centred: Sequence[int] = ()):
        """Append a row; the columns listed in *centred* are centred (short values, codes).

        The first row of a kind is laid out through python-docx (widths, styles, alignment)
        and kept, empty, as a prototype; later rows are copies of it with their text filled
        in. Same XML, a fraction of the time for a 112-task table.
        """
        key = (id(table), tuple(centred))
        prototype = self._row_prototypes.get(key)
        if prototype is None:
            row = table.add_row()   # python-docx copies the grid widths into the new cells
            for index, cell in enumerate(row.cells):
                self.cell_text(cell, "", alignment=WD_ALIGN_PARAGRAPH.CENTER if index in centred else None)
            prototype = self._row_prototypes[key] = copy.deepcopy(row._tr)
            table._tbl.remove(row._tr)
        tr = copy.deepcopy(prototype)
        table._tbl.append(tr)
        run_properties = f.run_properties(self.fmt.body_font, self.fmt.latin_font, self.fmt.table_size_pt, None)
        for tc, value in zip(tr.iter(qn("w:tc")), values):
            f.fill_cell(tc, value, run_properties)
        return _Row(tr, table)

    def cell_text(self, cell, text: str, *, header: bool = False, bold: bool = False,
                  alignment=None) -> None:
        """Write text into a cell: table font 五号, own exact spacing, every run styled."""
        fmt = self.fmt
        for index, line in enumerate(f.clean_text(text).split("\n")):
            paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
            centred = header or alignment == WD_ALIGN_PARAGRAPH.CENTER
            prepared = alignment in (None, WD_ALIGN_PARAGRAPH.CENTER) and f.set_prepared_paragraph(
                paragraph, self.styles["cell"].style_id, self.table_line_pt, centred)
            if not prepared:
                f.set_paragraph_style(paragraph, self.styles["cell"].style_id)
                f.set_exact_spacing(paragraph, self.table_line_pt)
                if header or alignment is not None:
                    paragraph.alignment = alignment or WD_ALIGN_PARAGRAPH.CENTER
            if not line:
                # No run at all: python-docx only treats run-less cells as empty when merging,
                # and an empty run would leave a stray blank line in the merged 类别 cell.
                continue
            run = paragraph.add_run(line)
            f.style_run(run, east_asia=fmt.heading_font if header else fmt.body_font,
                        latin=fmt.latin_font, size_pt=fmt.table_size_pt,
                        bold=bold or None)
        f.centre_vertically(cell)

    def to_bytes(self) -> bytes:
        core = self.doc.core_properties
        core.author = "planeval"
        core.last_modified_by = "planeval"
        core.language = "zh-CN"
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return buffer.getvalue()


# ---------------------------------------------------------------- table blocks


def _merge_runs(table, column: int, keys: Sequence[str], first_data_row: int = 1) -> None:
    """Merge *column* vertically over each run of equal consecutive keys (类别 cells).

    Only the first row of a run carries the text (see ``_first_of_run``), so the merge keeps
    one copy of it.
    """
    start = 0
    for index in range(1, len(keys) + 1):
        if index == len(keys) or keys[index] != keys[start]:
            f.merge_vertically(table, column, first_data_row + start, first_data_row + index - 1)
            start = index


def _first_of_run(key: str, keys: list[str]) -> str:
    """*key* if it starts a new run of equal keys, else "" (the cell will be merged away)."""
    return key if not keys or keys[-1] != key else ""


def _indicator_label(row: IndicatorRow) -> str:
    label = f"{row.number}、{row.name}" if row.number else row.name
    if row.unit:
        label += f"（{row.unit}）"
    if row.attribute == "约束性":
        label += "〔约束性〕"
    return label


def _part_label(part: IndicatorRow, parent: IndicatorRow, first: bool) -> str:
    label = part.name
    if part.unit and part.unit != parent.unit:
        label += f"（{part.unit}）"
    return ("其中：" if first else "　　　") + label


def _indicator_cells(row: IndicatorRow, label: str) -> list[str]:
    return [row.category, label, row.target_text, row.current,
            rating_text(row.rating, row.suggestion), row.forecast, row.explanation]


def _write_indicator_table(composer: Composer, table_data: IndicatorTable) -> None:
    if not table_data.rows:
        composer.body("（暂无相关指标。）")
        return
    table = composer.table(INDICATOR_HEADERS, INDICATOR_WEIGHTS)
    categories: list[str] = []
    for row in table_data.rows:
        cells = _indicator_cells(row, _indicator_label(row))
        cells[0] = _first_of_run(row.category, categories)
        composer.add_row(table, cells, INDICATOR_CENTRED)
        categories.append(row.category)
        for index, part in enumerate(row.parts):
            cells = _indicator_cells(part, _part_label(part, row, index == 0))
            cells[0] = ""                    # parts sit in their parent's category
            composer.add_row(table, cells, INDICATOR_CENTRED)
            categories.append(row.category)
    _merge_runs(table, 0, categories)


def _write_task_table(composer: Composer, table_data: TaskTable) -> None:
    if not table_data.rows:
        composer.body("（暂无相关任务。）")
        return
    table = composer.table(TASK_HEADERS, TASK_WEIGHTS)
    areas: list[str] = []
    current_section = None
    for task in table_data.rows:
        if task.section and task.section != current_section:
            # A section heading row: its title spans every column right of 类别.
            row = composer.add_row(table, [_first_of_run(task.area, areas), "", "", "", ""],
                                   TASK_CENTRED)
            merged = f.span_columns(row, 1)
            composer.cell_text(merged, task.section, bold=True)
            areas.append(task.area)
        current_section = task.section
        heading = f"{task.number}．{task.title}" if task.number else task.title
        text = "\n".join(part for part in (heading, task.content) if part)
        if task.lead_units:
            text += f"\n（牵头单位：{task.lead_units}）"
        composer.add_row(table, [_first_of_run(task.area, areas), text, task.progress,
                                 rating_text(task.rating), task.expected_completion],
                         TASK_CENTRED)
        areas.append(task.area)
    _merge_runs(table, 0, areas)


def _write_project_table(composer: Composer, projects: Sequence[ProjectRow]) -> None:
    if not projects:
        composer.body("（暂无重大项目。）")
        return
    table = composer.table(PROJECT_HEADERS, PROJECT_WEIGHTS)
    for project in projects:
        name = project.name + (SAMPLE_MARK if project.is_sample else "")
        row = composer.add_row(table, [name, project.lead_unit, project.status,
                                       project.total_investment,
                                       project.completed_investment, project.progress,
                                       project.warning], PROJECT_CENTRED)
        fill = WARNING_FILLS.get(project.warning[:1]) if project.warning else None
        if fill:
            f.shade_cell(row.cells[-1], fill)


def _write_table_block(composer: Composer, caption: str, write: Callable[[], None],
                       notes: Sequence[str] = ()) -> None:
    composer.caption(caption, above=True)
    write()
    composer.notes(notes)


def _table_document(title: str, scope: str, fmt: DocumentFormat,
                    write: Callable[[Composer], None], notes: Sequence[str]) -> bytes:
    composer = Composer(fmt, landscape=True)
    composer.title(title)
    if scope:
        composer.plain(f"填报单位：{scope}")
    write(composer)
    composer.notes(notes)
    return composer.to_bytes()


# ---------------------------------------------------------------- public renderers


def indicator_table_docx(table: IndicatorTable, fmt: DocumentFormat | None = None) -> bytes:
    """附件6 主要指标评估表 on landscape A4: title, scope, the table, then its 注 lines."""
    return _table_document(table.title, table.scope, fmt or DocumentFormat(),
                           lambda composer: _write_indicator_table(composer, table),
                           table.notes)


def task_table_docx(table: TaskTable, fmt: DocumentFormat | None = None) -> bytes:
    """附件7 主要任务评估表 on landscape A4: title, scope, the table, then its 注 lines."""
    return _table_document(table.title, table.scope, fmt or DocumentFormat(),
                           lambda composer: _write_task_table(composer, table),
                           table.notes)


def _write_sections(composer: Composer, sections, place_table: Callable[[str], None]) -> None:
    for section in sections:
        composer.heading(section.title, section.level)
        for text in section.paragraphs:
            composer.body(text)
        if section.table:
            place_table(section.table)


def self_report_docx(report: SelfReport) -> bytes:
    """A unit's 自评报告: title, the framework's sections with their tables, the unit and date,
    the approval state, then the 典型案例 appendices after the signature."""
    composer = Composer(report.fmt)
    composer.title(report.title)
    composer.blank()

    def place_table(name: str) -> None:
        if name == "indicators":
            _write_table_block(composer, report.indicators.title,
                               lambda: _write_indicator_table(composer, report.indicators),
                               report.indicators.notes)
        elif name == "tasks":
            _write_table_block(composer, report.tasks.title,
                               lambda: _write_task_table(composer, report.tasks),
                               report.tasks.notes)
        elif name == "projects":
            _write_table_block(composer, "重大项目推进情况表",
                               lambda: _write_project_table(composer, report.projects))

    _write_sections(composer, report.sections, place_table)
    _write_signature(composer, report.signature, report.state_note)
    _write_appendices(composer, report.appendices)
    return composer.to_bytes()


def _write_signature(composer: Composer, signature: str, state_note: str) -> None:
    composer.blank()
    composer.blank()
    for line in f.clean_text(signature).split("\n"):
        if line.strip():
            composer.plain(line.strip(), alignment=WD_ALIGN_PARAGRAPH.RIGHT)
    if state_note:
        composer.plain(f"（{state_note.strip('（）()')}）", alignment=WD_ALIGN_PARAGRAPH.RIGHT)


def _write_appendices(composer: Composer, appendices) -> None:
    for index, appendix in enumerate(appendices, start=1):
        composer.label("附件" if len(appendices) == 1 else f"附件{index}", new_page=True)
        composer.title(appendix.title)
        composer.blank()
        for text in appendix.paragraphs:
            composer.body(text)
        _write_cases(composer, appendix.cases)


def _write_cases(composer: Composer, cases: Sequence[CaseEntry]) -> None:
    """典型案例, one after another: 案例N heading, where it comes from, then 基本情况/主要做法/取得成效."""
    for number, case in enumerate(cases, start=1):
        composer.heading(f"案例{number}　{case.title}{SAMPLE_MARK if case.is_sample else ''}", 2)
        origin = "；".join(filter(None, (f"报送单位：{case.unit}", f"所属领域：{case.area}" if case.area else "",
                                         f"案例类型：{case.kind}")))
        composer.body(origin)
        for label, name in CASE_PARTS:
            for line, text in enumerate(t for t in getattr(case, name).splitlines() if t.strip()):
                composer.body(f"{label}：{text.strip()}" if line == 0 else text.strip())
        if case.attachment:
            composer.body(f"附件材料：{case.attachment}")


def _write_review_table(composer: Composer, rows: Sequence[ReviewRow]) -> None:
    table = composer.table(REVIEW_HEADERS, REVIEW_WEIGHTS)
    for number, review in enumerate(rows, start=1):
        outside = review.outside_rating + (STRONG_MARK if review.strong else "")
        comment = review.comment + (SAMPLE_MARK if review.is_sample else "")
        row = composer.add_row(table, [str(number), f"{review.item_type}：{review.item}", review.lead_unit,
                                       review.self_rating, outside, review.organisation, comment], REVIEW_CENTRED)
        f.shade_cell(row.cells[4], STRONG_FILL if review.strong else DIFFERENT_FILL)


def _write_chart(composer: Composer, chart: Chart, chart_images: dict[str, bytes]) -> None:
    composer.figure_count += 1
    png = chart_images.get(chart.title)
    if png:
        composer.picture(png)
    else:
        composer.plain(f"〔图表“{chart.title}”暂未生成〕", alignment=WD_ALIGN_PARAGRAPH.CENTER)
    composer.caption(f"图{composer.figure_count}　{chart.title}")


def midterm_report_docx(report: MidtermReport, chart_images: dict[str, bytes]) -> bytes:
    """The compiled 中期评估报告 draft.

    Sections are written in order. A section whose ``table`` is "charts" or "indicators"
    receives the charts (images from *chart_images*, keyed by ``chart.title``, captioned
    图1, 图2 …); "projects" receives the project table. Charts or the project table that no
    section asked for follow the last section. 附表1 主要指标评估表 and 附表2 主要任务评估表
    close the report on landscape pages.
    """
    composer = Composer(report.fmt)
    composer.title(report.title)
    composer.plain(f"（{report.jurisdiction}　{report.generated_on.year}年"
                   f"{report.generated_on.month}月{report.generated_on.day}日生成草稿）",
                   alignment=WD_ALIGN_PARAGRAPH.CENTER)
    composer.blank()
    placed = {"charts": False, "projects": False}

    def place_charts() -> None:
        if not placed["charts"]:
            placed["charts"] = True
            for chart in report.charts:
                _write_chart(composer, chart, chart_images)

    def place_projects() -> None:
        if not placed["projects"]:
            placed["projects"] = True
            _write_table_block(composer, "重大项目推进情况表",
                               lambda: _write_project_table(composer, report.projects))

    def place_table(name: str) -> None:
        if name in ("charts", "indicators"):
            place_charts()
        elif name == "projects":
            place_projects()
        elif name == "reviews" and report.reviews:
            _write_table_block(composer, REVIEW_CAPTION, lambda: _write_review_table(composer, report.reviews))

    _write_sections(composer, report.sections, place_table)
    place_charts()
    if report.projects:
        place_projects()
    _write_midterm_appendices(composer, report)
    return composer.to_bytes()


def _write_midterm_appendices(composer: Composer, report: MidtermReport) -> None:
    composer.new_section(landscape=True)
    composer.label("附表1")
    composer.title(report.indicators.title or "主要指标评估表")
    _write_indicator_table(composer, report.indicators)
    composer.notes(report.indicators.notes)
    composer.label("附表2", new_page=True)
    composer.title(report.tasks.title or "主要任务评估表")
    _write_task_table(composer, report.tasks)
    composer.notes(report.tasks.notes)
    _write_case_appendix(composer, report.cases)


def _write_case_appendix(composer: Composer, cases: Sequence[CaseEntry]) -> None:
    """The 典型案例 the DRC selected, on portrait pages after the landscape tables."""
    if not cases:
        return
    composer.new_section(landscape=False)
    composer.label("附件")
    composer.title("典型案例")
    composer.blank()
    _write_cases(composer, cases)


def adjustment_plan_docx(plan: AdjustmentPlan) -> bytes:
    """指标调整方案: title, a short preamble, and the table of proposed changes."""
    composer = Composer(plan.fmt)
    composer.title(plan.title)
    composer.blank()
    composer.body(
        f"根据“十四五”规划实施中期评估结果，结合{plan.jurisdiction}发展面临的新形势、新要求，"
        f"对以下{len(plan.rows)}项指标（任务）提出调整建议，调整前后的数值、调整理由和测算依据如下表。"
    )
    if plan.rows:
        table = composer.table(ADJUSTMENT_HEADERS, ADJUSTMENT_WEIGHTS)
        for number, row in enumerate(plan.rows, start=1):
            item = row.item + (SAMPLE_MARK if row.is_sample else "")
            composer.add_row(table, [str(number), item, row.unit, row.before, row.after,
                                     row.reason, row.basis], ADJUSTMENT_CENTRED)
    else:
        composer.body("（暂无调整建议。）")
    return composer.to_bytes()


def adjustment_explanation_docx(plan: AdjustmentPlan) -> bytes:
    """方案说明: the explanation of the adjustment plan for the people's congress, in prose."""
    composer = Composer(plan.fmt)
    composer.title(plan.explanation_title or plan.title)
    composer.blank()
    for paragraph in plan.explanation:
        if paragraph.startswith(("一、", "二、", "三、")):
            composer.heading(paragraph, 1)
        elif paragraph.startswith("（") and "）关于" in paragraph[:6]:
            composer.heading(paragraph, 2)
        else:
            composer.body(paragraph)
    return composer.to_bytes()
