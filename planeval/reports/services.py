"""Exporting a deliverable: pick the builder and the renderer for a kind and a file format."""
from __future__ import annotations

import re
from dataclasses import dataclass

from planeval.core.errors import ApplicationError

from . import builders

KINDS = {
    "indicator-table": "主要指标评估表",
    "task-table": "主要任务评估表",
    "self-report": "自评报告",
    "midterm-report": "中期评估报告（初稿）",
    "adjustment-plan": "指标调整方案",
    "adjustment-explanation": "指标调整方案说明",
}
FORMATS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}
XLSX_KINDS = {"indicator-table", "task-table", "adjustment-plan"}

UNKNOWN_KIND = "未知的导出类型“{kind}”，可选：{choices}。"
UNKNOWN_FORMAT = "不支持的文件格式“{fmt}”，请使用 .docx、.xlsx 或 .pdf。"
NO_XLSX = "“{label}”只能导出为Word（.docx）或PDF。"
NEEDS_UNIT = "自评报告须指定单位。"


@dataclass(frozen=True)
class ExportedFile:
    content: bytes
    filename: str
    content_type: str


def export_check(kind: str, fmt: str) -> None:
    """Refuse, in Chinese, a kind or format that cannot be exported."""
    if kind not in KINDS:
        raise ApplicationError(UNKNOWN_KIND.format(kind=kind, choices="、".join(KINDS)))
    if fmt not in FORMATS:
        raise ApplicationError(UNKNOWN_FORMAT.format(fmt=fmt))
    if fmt == "xlsx" and kind not in XLSX_KINDS:
        raise ApplicationError(NO_XLSX.format(label=KINDS[kind]))


def _docx(kind: str, campaign, unit, submission) -> bytes:
    from . import charts, docx

    fmt = builders.document_format(campaign)
    if kind == "indicator-table":
        return docx.indicator_table_docx(builders.indicator_table(campaign, unit), fmt)
    if kind == "task-table":
        return docx.task_table_docx(builders.task_table(campaign, unit), fmt)
    if kind == "self-report":
        return docx.self_report_docx(builders.self_report(submission))
    if kind == "midterm-report":
        report = builders.midterm_report(campaign)
        images = {chart.title: charts.chart_png(chart) for chart in report.charts}
        return docx.midterm_report_docx(report, images)
    if kind == "adjustment-explanation":
        return docx.adjustment_explanation_docx(builders.adjustment_plan(campaign))
    return docx.adjustment_plan_docx(builders.adjustment_plan(campaign))


def _xlsx(kind: str, campaign, unit) -> bytes:
    from . import xlsx

    if kind == "indicator-table":
        return xlsx.indicator_table_xlsx(builders.indicator_table(campaign, unit))
    if kind == "task-table":
        return xlsx.task_table_xlsx(builders.task_table(campaign, unit))
    return xlsx.adjustment_plan_xlsx(builders.adjustment_plan(campaign))


def export_document(*, campaign, kind: str, fmt: str, unit=None) -> ExportedFile:
    """Build a deliverable of ``campaign`` (for one ``unit`` where given) as .docx, .xlsx or .pdf."""
    export_check(kind, fmt)
    submission = None
    if kind == "self-report":
        if unit is None:
            raise ApplicationError(NEEDS_UNIT)
        from planeval.submissions.services import submission_get_or_create

        submission = submission_get_or_create(campaign=campaign, unit=unit)
    if fmt == "xlsx":
        content = _xlsx(kind, campaign, unit)
    else:
        content = _docx(kind, campaign, unit, submission)
        if fmt == "pdf":
            from .pdf import PdfUnavailable, docx_to_pdf

            try:
                content = docx_to_pdf(content)
            except PdfUnavailable as missing:
                raise ApplicationError(str(missing)) from missing
    scope = unit.name if unit is not None else campaign.jurisdiction.name
    return ExportedFile(content, safe_filename(f"{scope}{KINDS[kind]}.{fmt}"), FORMATS[fmt])


def safe_filename(name: str) -> str:
    return re.sub(r'[\\/:*?"<>|\s]+', "", name)
