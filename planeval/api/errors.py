"""One error shape for the whole API: ``{"detail": "中文说明", "code": "…"}``.

An unexpected failure is a 500 with code ``server_error`` and an ``error_id`` that is logged
with the traceback (planeval.core.error_views), never a trace in the body.

Validation errors add ``errors`` (one entry per bad field, with the item's ``index`` in a
bulk request); a stale version adds ``conflicts`` with the stored value and version; a
refused submit adds ``problems``. Every message here is written once and asserted in tests.
"""
from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.views import set_rollback

from planeval.core.error_views import log_server_error
from planeval.audit.middleware import REASON_ATTRIBUTE
from planeval.core.errors import ApplicationError, StaleVersionError

from .pagination import INVALID_PAGE

NOT_AUTHENTICATED = "未登录或未提供访问令牌：请在请求头中加入“Authorization: Token 令牌”。"
AUTHENTICATION_FAILED = "访问令牌无效，或该账户已停用。"
PERMISSION_DENIED = "您无权执行此操作。"
NOT_FOUND = "未找到该对象。"
INVALID = "提交的数据有误，请按 errors 逐项核对，本次请求未写入任何数据。"
METHOD_NOT_ALLOWED = "不支持该请求方法。"
PARSE_ERROR = "请求内容不是有效的 JSON。"
UNSUPPORTED_MEDIA_TYPE = "请求内容须为 application/json。"
NOT_ACCEPTABLE = "本接口只返回 application/json。"
THROTTLED = "请求过于频繁，请稍后再试。"
SERVER_ERROR = "服务器内部错误，本次请求未完成，未写入任何数据。请稍后重试；如问题持续，请将 error_id 告知系统管理员。"
CSRF_FAILED = "以浏览器登录状态调用修改类接口须附带 CSRF 令牌；程序调用请改用访问令牌（Authorization: Token …）。"

# The API's own codes for the errors a service raises; DRF's default_code for the rest.
REFUSED, STALE = "refused", "stale_version"

_MESSAGES = {
    exceptions.NotAuthenticated: NOT_AUTHENTICATED,
    exceptions.AuthenticationFailed: AUTHENTICATION_FAILED,
    exceptions.MethodNotAllowed: METHOD_NOT_ALLOWED,
    exceptions.ParseError: PARSE_ERROR,
    exceptions.UnsupportedMediaType: UNSUPPORTED_MEDIA_TYPE,
    exceptions.NotAcceptable: NOT_ACCEPTABLE,
    exceptions.Throttled: THROTTLED,
}


class ErrorItemSerializer(serializers.Serializer):
    index = serializers.IntegerField(allow_null=True, help_text="批量请求中出错条目的序号（从0起）")
    field = serializers.CharField(help_text="出错的字段；整条数据的问题为 non_field_errors")
    detail = serializers.CharField()


class CurrentValueSerializer(serializers.Serializer):
    value = serializers.DecimalField(max_digits=20, decimal_places=6, allow_null=True)
    version = serializers.IntegerField(allow_null=True)
    recorded_by = serializers.CharField(allow_null=True)
    recorded_at = serializers.DateTimeField(allow_null=True)


class ConflictSerializer(serializers.Serializer):
    index = serializers.IntegerField()
    detail = serializers.CharField()
    current = CurrentValueSerializer(allow_null=True)


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="中文说明，可直接展示给用户")
    code = serializers.CharField()
    errors = ErrorItemSerializer(many=True, required=False)
    conflicts = ConflictSerializer(many=True, required=False)
    problems = serializers.ListField(child=serializers.CharField(), required=False)
    error_id = serializers.CharField(required=False, help_text="服务器内部错误的编号，日志中可据此查到详情")


def flatten(detail, index: int | None = None, field: str = "") -> list[dict]:
    """DRF's nested validation errors as a flat list of {index, field, detail}."""
    if isinstance(detail, dict) and detail and index is None and not field and all(
            isinstance(key, int) for key in detail):
        # A list serializer's errors, keyed by the position of each bad item.
        return [entry for position, item in detail.items() for entry in flatten(item, position)]
    if isinstance(detail, dict):
        return [entry for key, value in detail.items()
                for entry in flatten(value, index, f"{field}.{key}" if field else str(key))]
    if isinstance(detail, list):
        if detail and all(isinstance(item, dict) for item in detail) and index is None and not field:
            # A list serializer: one dict per item, empty for the good ones.
            return [entry for position, item in enumerate(detail) for entry in flatten(item, position)]
        return [entry for item in detail for entry in flatten(item, index, field)]
    return [{"index": index, "field": field or "non_field_errors", "detail": str(detail)}]


def _lists(extra: dict, *names: str) -> dict:
    """The JSON-ready lists a service attached to its error (other extras, e.g. model rows, stay inside)."""
    return {name: extra[name] for name in names if isinstance(extra.get(name), list)}


def _body(detail: str, code: str, **extra) -> dict:
    return {"detail": detail, "code": code, **extra}


def server_error_body(error_id: str) -> dict:
    return _body(SERVER_ERROR, "server_error", error_id=error_id)


def exception_handler(exc, context):
    """Map what views and services raise to the API's error body; anything else is a logged 500."""
    headers = {}
    if isinstance(exc, StaleVersionError):
        return Response(_body(exc.message, STALE, **_lists(exc.extra, "conflicts")), status=status.HTTP_409_CONFLICT)
    if isinstance(exc, ApplicationError):
        return Response(_body(exc.message, REFUSED, **_lists(exc.extra, "errors", "problems")),
                        status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, Http404):
        return Response(_body(NOT_FOUND, "not_found"), status=status.HTTP_404_NOT_FOUND)
    if isinstance(exc, PermissionDenied):
        request = context.get("request")
        if request is not None:  # the reason goes into the ACCESS_DENIED audit event
            setattr(request._request, REASON_ATTRIBUTE, str(exc))
        return Response(_body(str(exc) or PERMISSION_DENIED, "permission_denied"), status=status.HTTP_403_FORBIDDEN)
    if isinstance(exc, exceptions.ValidationError):
        return Response(_body(INVALID, "invalid", errors=flatten(exc.detail)), status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, exceptions.APIException):
        if getattr(exc, "auth_header", None):
            headers["WWW-Authenticate"] = exc.auth_header
        if isinstance(exc, exceptions.NotFound):
            message = INVALID_PAGE if str(exc.detail) == INVALID_PAGE else NOT_FOUND
        elif isinstance(exc, exceptions.PermissionDenied):
            # DRF's session check words its refusal in English ("CSRF Failed: …"); nothing else is custom.
            message = CSRF_FAILED if str(exc.detail).startswith("CSRF Failed") else PERMISSION_DENIED
        else:
            message = next((text for kind, text in _MESSAGES.items() if isinstance(exc, kind)), str(exc.detail))
        code = exc.default_code if isinstance(exc.detail, (list, dict)) else getattr(exc.detail, "code", None)
        return Response(_body(message, code or exc.default_code), status=exc.status_code, headers=headers)
    error_id = log_server_error(context.get("request"), exc_info=(type(exc), exc, exc.__traceback__))
    set_rollback()
    return Response(server_error_body(error_id), status=status.HTTP_500_INTERNAL_SERVER_ERROR)
