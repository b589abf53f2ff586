"""What a user sees when a request fails: a generic Chinese page, never a trace or a setting.

A server error gets an error id (a UUID) that the page shows and that is logged with the
traceback on the ``planeval.errors`` logger, so the support desk finds the record a user quotes.
The pages render without the request's context processors: an error caused by the database
must not be raised again while the error page is drawn.
"""
from __future__ import annotations

import logging
import sys
import uuid

from django.http import HttpResponse, JsonResponse
from django.template import loader

logger = logging.getLogger("planeval.errors")

SERVER_ERROR = "系统内部错误，本次操作未完成。请稍后重试；如问题持续，请将下方错误编号告知系统管理员。"
BAD_REQUEST = "请求无法处理：提交的内容不完整或格式不正确，本次操作未生效。请返回上一页重新操作。"
CSRF_FAILED = "页面已过期或无法确认请求来自本系统，本次提交未生效。请返回上一页，刷新页面后重新提交。"


def log_server_error(request, exc_info=None) -> str:
    """Log the failure with its traceback under a new error id and return the id."""
    error_id = str(uuid.uuid4())
    logger.error("未处理的异常 error_id=%s %s %s", error_id, getattr(request, "method", ""),
                 getattr(request, "path", ""), exc_info=exc_info or sys.exc_info(),
                 extra={"error_id": error_id})
    return error_id


def _page(template: str, status: int, **context) -> HttpResponse:
    return HttpResponse(loader.get_template(template).render(context), status=status)


def server_error(request):
    """handler500: Django calls it inside the ``except`` block, so sys.exc_info() is the failure."""
    error_id = log_server_error(request)
    if request.path.startswith("/api/"):
        from planeval.api.errors import server_error_body

        return JsonResponse(server_error_body(error_id), status=500, json_dumps_params={"ensure_ascii": False})
    return _page("500.html", 500, message=SERVER_ERROR, error_id=error_id)


def bad_request(request, exception=None):
    return _page("400.html", 400, message=BAD_REQUEST)


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: Django's reason (English, technical) goes to the log, not to the user."""
    logging.getLogger("django.security.csrf").warning("CSRF 校验失败 %s：%s", request.path, reason)
    return _page("403_csrf.html", 403, message=CSRF_FAILED)
