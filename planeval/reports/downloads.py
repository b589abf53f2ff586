"""File responses for every download button: Chinese file names per RFC 5987 / RFC 6266."""
from urllib.parse import quote

from django.http import Http404, HttpResponse

from planeval.audit.middleware import EXPORT_ATTRIBUTE

from .services import ExportedFile
from .tables import LIST_FORMATS, ListTable, export_list


def content_disposition(filename: str) -> str:
    """``attachment; filename*=UTF-8''…``: browsers show 普陀区主要指标.xlsx, not mojibake."""
    return f"attachment; filename*=UTF-8''{quote(filename)}"


def attachment(exported: ExportedFile, *, rows: int | None = None) -> HttpResponse:
    """The file as a download. The audit middleware records every attachment as an EXPORT event;
    the file name and, for lists, the row count go into that event."""
    response = HttpResponse(exported.content, content_type=exported.content_type)
    response["Content-Disposition"] = content_disposition(exported.filename)
    setattr(response, EXPORT_ATTRIBUTE, {"file": exported.filename, "bytes": len(exported.content),
                                         **({"rows": rows} if rows is not None else {})})
    return response


def list_download(table: ListTable, fmt: str) -> HttpResponse:
    """A list page's 导出 Excel / 导出 CSV; any other format is a 404, as for an unknown page."""
    if fmt not in LIST_FORMATS:
        raise Http404
    return attachment(export_list(table, fmt), rows=len(table.rows))
