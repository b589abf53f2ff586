"""The Word renderers, checked the way a reviewer of an official document would check them."""
import dataclasses
import io

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Pt

from planeval.reports.charts import chart_png
from planeval.reports.docx import (
    adjustment_plan_docx,
    indicator_table_docx,
    midterm_report_docx,
    self_report_docx,
    task_table_docx,
)
from planeval.reports.documents import RATING_LABELS, Section

EMU_PER_CM = 360000


def open_docx(data: bytes):
    return Document(io.BytesIO(data))


def all_text(document) -> str:
    """Every w:t of the body, tables included, in document order."""
    return "".join(node.text or "" for node in document.element.body.iter(qn("w:t")))


def east_asian_font(run_element) -> str | None:
    r_fonts = run_element.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
    return None if r_fonts is None else r_fonts.get(qn("w:eastAsia"))


def body_paragraphs(document):
    return [p for p in document.paragraphs if p.style.style_id == "PEBody" and p.text.strip()]


def cm(length) -> float:
    return length / EMU_PER_CM


@pytest.fixture
def self_report_doc(self_report):
    return open_docx(self_report_docx(self_report))


@pytest.fixture
def midterm_doc(midterm_report, charts):
    images = {chart.title: chart_png(chart) for chart in charts}
    return open_docx(midterm_report_docx(midterm_report, images))


@pytest.fixture
def every_document(self_report, midterm_report, indicator_table, task_table, adjustment_plan):
    return {
        "self_report": open_docx(self_report_docx(self_report)),
        "midterm": open_docx(midterm_report_docx(midterm_report, {})),
        "indicators": open_docx(indicator_table_docx(indicator_table, self_report.fmt)),
        "tasks": open_docx(task_table_docx(task_table, self_report.fmt)),
        "adjustment": open_docx(adjustment_plan_docx(adjustment_plan)),
    }


# ---------------------------------------------------------------- format on every document


def test_every_section_is_a4_with_the_official_margins(every_document):
    for name, document in every_document.items():
        for section in document.sections:
            short, long = sorted((cm(section.page_width), cm(section.page_height)))
            assert short == pytest.approx(21.0, abs=0.01), name
            assert long == pytest.approx(29.7, abs=0.01), name
            assert cm(section.left_margin) == pytest.approx(2.8, abs=0.01), name
            assert cm(section.right_margin) == pytest.approx(2.8, abs=0.01), name
            assert cm(section.top_margin) == pytest.approx(2.54, abs=0.01), name
            assert cm(section.bottom_margin) == pytest.approx(2.54, abs=0.01), name


def test_every_run_has_an_east_asian_font(every_document):
    for name, document in every_document.items():
        runs = list(document.element.body.iter(qn("w:r")))
        for footer_part in {section.footer.part for section in document.sections}:
            runs += list(footer_part.element.iter(qn("w:r")))
        assert runs, name
        missing = [run.xpath("string(.//w:t)") for run in runs if not east_asian_font(run)]
        assert missing == [], name


def test_no_theme_fonts_and_chinese_theme_language(every_document):
    for name, document in every_document.items():
        for part in (document.element, document.styles.element):
            for r_fonts in part.iter(qn("w:rFonts")):
                assert not any(key.endswith("Theme") or key.endswith("theme")
                               for key in r_fonts.attrib), name
        theme_lang = document.settings.element.find(qn("w:themeFontLang"))
        assert theme_lang.get(qn("w:eastAsia")) == "zh-CN", name


def test_doc_defaults_add_no_space_after(self_report_doc):
    spacing = self_report_doc.styles.element.find(
        f"{qn('w:docDefaults')}/{qn('w:pPrDefault')}/{qn('w:pPr')}/{qn('w:spacing')}")
    assert spacing.get(qn("w:after")) == "0"


def test_footer_has_a_centred_page_field(every_document):
    for name, document in every_document.items():
        footer = document.sections[0].footer
        paragraph = footer.paragraphs[0]
        assert paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER, name
        kinds = [node.get(qn("w:fldCharType")) for node in paragraph._p.iter(qn("w:fldChar"))]
        assert kinds == ["begin", "separate", "end"], name
        instructions = [node.text for node in paragraph._p.iter(qn("w:instrText"))]
        assert instructions == [" PAGE "], name
        assert paragraph.text.startswith("—") and paragraph.text.endswith("—")


def test_first_table_row_repeats_as_header(every_document):
    for name, document in every_document.items():
        for table in document.tables:
            tr_pr = table.rows[0]._tr.trPr
            assert tr_pr is not None and tr_pr.find(qn("w:tblHeader")) is not None, name


def test_table_cells_use_five_point_text_without_the_body_line_spacing(self_report_doc):
    for table in self_report_doc.tables:
        for row in table.rows:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    assert paragraph.paragraph_format.line_spacing != Pt(28)
                    assert paragraph.paragraph_format.line_spacing_rule == WD_LINE_SPACING.EXACTLY
                    for run in paragraph.runs:
                        assert run.font.size == Pt(10.5)


# ---------------------------------------------------------------- the self-evaluation report


def test_title_is_heiti_22pt_centred(self_report_doc):
    title = self_report_doc.paragraphs[0]
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert "自评报告" in title.text
    for run in title.runs:
        assert run.font.size == Pt(22)
        assert east_asian_font(run._r) == "黑体"


def test_body_is_fangsong_16pt_with_exact_28pt_lines_and_two_character_indent(self_report_doc):
    paragraphs = body_paragraphs(self_report_doc)
    assert len(paragraphs) >= 5
    for paragraph in paragraphs:
        assert paragraph.paragraph_format.line_spacing == Pt(28)
        assert paragraph.paragraph_format.line_spacing_rule == WD_LINE_SPACING.EXACTLY
        for run in paragraph.runs:
            assert run.font.size == Pt(16)
            assert east_asian_font(run._r) == "仿宋_GB2312"
            assert run._r.find(f"{qn('w:rPr')}/{qn('w:rFonts')}").get(qn("w:ascii")) \
                == "Times New Roman"
    indented = [p for p in paragraphs
                if p._p.pPr.ind is not None and p._p.pPr.ind.get(qn("w:firstLineChars")) == "200"]
    assert indented, "body paragraphs are indented two characters"


def test_headings_use_own_styles_with_outline_levels(self_report_doc):
    levels = {}
    for paragraph in self_report_doc.paragraphs:
        if paragraph.style.style_id in ("PEHeading1", "PEHeading2"):
            outline = paragraph.style.element.pPr.find(qn("w:outlineLvl"))
            levels[paragraph.text] = int(outline.get(qn("w:val")))
            assert not paragraph.style.name.startswith("Heading")
            run = paragraph.runs[0]
            expected = "黑体" if paragraph.style.style_id == "PEHeading1" else "楷体_GB2312"
            assert east_asian_font(run._r) == expected
            assert run.font.size == Pt(16)
    assert levels["第一部分：“十四五”规划主要指标完成情况评估"] == 0
    assert levels["（一）重大项目推进情况"] == 1


def test_every_indicator_task_and_rating_appears(self_report_doc, indicator_table, task_table):
    text = all_text(self_report_doc)
    for row in indicator_table.rows:
        assert row.name in text
        for part in row.parts:
            assert part.name in text
    for task in task_table.rows:
        assert f"{task.number}．{task.title}" in text
    for rating in "ABCD":
        assert RATING_LABELS[rating].split("、")[0] in text
    assert "〔约束性〕" in text
    assert "受资本市场阶段性收紧影响" in text    # the C row's explanation


def test_composite_indicator_parts_are_rows_under_their_parent(self_report_doc):
    indicator_table = self_report_doc.tables[0]
    labels = [row.cells[1].text for row in indicator_table.rows]
    parent = labels.index("4、重点培育产业税收占比（%）")
    assert labels[parent + 1] == "其中：智能软件"
    assert [label.strip("　") for label in labels[parent + 2:parent + 5]] == \
        ["研发服务", "科技金融", "生命健康"]


def test_category_cells_are_merged_vertically(self_report_doc):
    indicator_table = self_report_doc.tables[0]
    first_column = [row._tr.tc_lst[0] for row in indicator_table.rows[1:]]
    merges = [tc.tcPr.find(qn("w:vMerge")) if tc.tcPr is not None else None
              for tc in first_column]
    restart = [m is not None and m.get(qn("w:val")) == "restart" for m in merges]
    # 高质量发展 spans 8 rows (4 indicators + 4 parts); the two one-row categories do not merge.
    assert restart.count(True) == 1
    assert sum(1 for m in merges if m is not None) == 8
    categories = [cell.text for cell in indicator_table.columns[0].cells[1:]]
    assert categories.count("高质量发展") == 8    # python-docx repeats the merged cell
    assert indicator_table.cell(1, 0).text == "高质量发展"


def test_task_table_groups_by_area_with_section_rows(self_report_doc, task_table):
    tasks = self_report_doc.tables[1]
    headers = [cell.text for cell in tasks.rows[0].cells]
    assert headers == ["类别", "主要任务", "推进情况", "评估结论", "预计到规划期末完成情况"]
    text = "\n".join(cell.text for row in tasks.rows for cell in row.cells)
    assert "（一）深化“一轴一园一中心”科技创新布局" in text
    assert "（牵头单位：区科委、区金融办、苏河水岸经济发展带管委办）" in text


def test_project_table_marks_sample_rows(self_report_doc):
    projects = self_report_doc.tables[2]
    assert [cell.text for cell in projects.rows[0].cells] == \
        ["项目", "牵头单位", "状态", "总投资", "已完成投资", "进展", "预警"]
    names = [row.cells[0].text for row in projects.rows[1:]]
    assert names == ["上海清华国际创新中心", "真如境（红旗村改造）（示例数据）"]


def test_signature_closes_the_report_before_the_appendix(self_report_doc):
    texts = [p.text for p in self_report_doc.paragraphs]
    last_section = texts.index("第四部分：全面完成“十四五”规划的建议与思路")
    unit = texts.index("上海市普陀区科学技术委员会")
    date = texts.index("2023年7月10日")
    state = texts.index("（已经分管领导审定）")
    appendix = next(i for i, text in enumerate(texts) if text.startswith("典型案例"))
    assert last_section < unit < date < state < appendix
    for index in (unit, date, state):
        assert self_report_doc.paragraphs[index].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    label = self_report_doc.paragraphs[appendix - 1]
    assert label.text == "附件" and label.paragraph_format.page_break_before


def test_control_characters_in_user_text_do_not_break_the_document(self_report):
    dirty = dataclasses.replace(self_report, sections=(
        Section(title="第一部分\x0b：指标", paragraphs=("含有\x00控制字符\x1f的文字",)),))
    document = open_docx(self_report_docx(dirty))
    assert "含有控制字符的文字" in all_text(document)


def test_empty_tables_say_so_instead_of_drawing_an_empty_grid(self_report):
    empty = dataclasses.replace(
        self_report,
        indicators=dataclasses.replace(self_report.indicators, rows=()),
        tasks=dataclasses.replace(self_report.tasks, rows=()),
        projects=(),
    )
    document = open_docx(self_report_docx(empty))
    assert document.tables == []
    text = all_text(document)
    assert "暂无相关指标" in text and "暂无相关任务" in text and "暂无重大项目" in text


# ---------------------------------------------------------------- stand-alone tables


@pytest.mark.parametrize("render, table_fixture, first_header", [
    (indicator_table_docx, "indicator_table", "类别"),
    (task_table_docx, "task_table", "类别"),
])
def test_evaluation_tables_are_landscape_with_title_and_notes(render, table_fixture,
                                                              first_header, request):
    table_data = request.getfixturevalue(table_fixture)
    document = open_docx(render(table_data))
    section = document.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert cm(section.page_width) == pytest.approx(29.7, abs=0.01)
    assert document.paragraphs[0].text == table_data.title
    assert document.paragraphs[1].text == "填报单位：普陀区"
    assert document.tables[0].rows[0].cells[0].text == first_header
    notes = [p.text for p in document.paragraphs if p.style.style_id == "PENote"]
    assert notes[0].startswith("注：1、")
    assert len(notes) == len(table_data.notes)


def test_indicator_table_headers_follow_attachment_6(indicator_table):
    document = open_docx(indicator_table_docx(indicator_table))
    assert [cell.text for cell in document.tables[0].rows[0].cells] == [
        "类别", "指标", "“十四五”规划目标", "中期完成数", "评估结论", "预计到规划期末完成数", "说明"]


# ---------------------------------------------------------------- the compiled report


def test_midterm_report_has_captioned_charts_projects_and_both_appendix_tables(midterm_doc,
                                                                               charts):
    assert len(midterm_doc.inline_shapes) == len(charts)
    texts = [p.text for p in midterm_doc.paragraphs]
    for number, chart in enumerate(charts, start=1):
        assert f"图{number}　{chart.title}" in texts
    assert "附表1" in texts and "附表2" in texts
    assert texts.index("附表1") < texts.index("附表2")
    assert len(midterm_doc.tables) == 3       # projects, 附表1, 附表2
    appendix_section = midterm_doc.sections[-1]
    assert appendix_section.orientation == WD_ORIENT.LANDSCAPE
    assert midterm_doc.sections[0].orientation == WD_ORIENT.PORTRAIT
    title = midterm_doc.paragraphs[0]
    assert title.runs[0].font.size == Pt(22) and east_asian_font(title.runs[0]._r) == "黑体"


def test_charts_sit_in_the_indicator_section_before_the_project_section(midterm_doc):
    texts = [p.text for p in midterm_doc.paragraphs]
    indicators = texts.index("二、主要指标完成情况")
    figure_1 = next(i for i, t in enumerate(texts) if t.startswith("图1"))
    projects = texts.index("三、重大项目推进情况")
    assert indicators < figure_1 < projects


def test_missing_chart_image_leaves_a_visible_placeholder(midterm_report):
    document = open_docx(midterm_report_docx(midterm_report, {}))
    assert len(document.inline_shapes) == 0
    assert "〔图表“主要指标评估结论分布”暂未生成〕" in all_text(document)


def test_midterm_body_paragraphs_use_exact_line_spacing(midterm_doc):
    for paragraph in body_paragraphs(midterm_doc):
        assert paragraph.paragraph_format.line_spacing == Pt(28)


# ---------------------------------------------------------------- the adjustment plan


def test_adjustment_plan_lists_every_change(adjustment_plan):
    document = open_docx(adjustment_plan_docx(adjustment_plan))
    assert document.paragraphs[0].text == adjustment_plan.title
    table = document.tables[0]
    assert [cell.text for cell in table.rows[0].cells] == \
        ["序号", "调整事项", "责任单位", "调整前", "调整后", "调整理由", "测算依据"]
    assert [row.cells[0].text for row in table.rows[1:]] == ["1", "2"]
    assert table.rows[1].cells[4].text == "累计 8-15"
    assert "对以下2项指标" in all_text(document)


def test_a_missing_rating_shows_the_engine_suggestion(indicator_table):
    pending = dataclasses.replace(indicator_table, rows=(dataclasses.replace(
        indicator_table.rows[0], rating="", suggestion="C"),))
    document = open_docx(indicator_table_docx(pending))
    assert document.tables[0].rows[1].cells[4].text == "（系统建议：C 进展较慢）"


def test_font_table_declares_the_chinese_faces_with_fallbacks(self_report_doc):
    font_table = next(part for part in self_report_doc.part.package.iter_parts()
                      if str(part.partname) == "/word/fontTable.xml")
    from docx.oxml import parse_xml
    fonts = {font.get(qn("w:name")): font for font in parse_xml(font_table.blob)}
    assert fonts["仿宋_GB2312"].find(qn("w:altName")).get(qn("w:val")) == "仿宋"
    assert fonts["黑体"].find(qn("w:charset")).get(qn("w:val")) == "86"
