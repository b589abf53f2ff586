"""The audit events only the response knows about: refusals (any 403) and exports (any attachment)."""
from django.core.exceptions import PermissionDenied

from planeval.audit.actions import Action, Outcome
from planeval.audit.services import audit_record, request_address

REASON_ATTRIBUTE = "planeval_refusal"
# Set on a download response by planeval.reports.downloads: what was exported and how many rows.
EXPORT_ATTRIBUTE = "planeval_export"


class AuditMiddleware:
    """Records each refusal and each download once, whoever produced it.

    A 403 may come from a view's PermissionDenied, the separated-admin rule, a CSRF failure or
    the API's permission checks (DRF turns those into 403 responses inside the view), so the
    response status is the one place that sees them all. Likewise every file download leaves
    as an attachment. It sits just inside AuthenticationMiddleware so that request.user is
    known (DRF copies a token's user onto the request); the event is written in its own short
    transaction, after the view's has ended — a refusal or a download changes nothing else.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with request_address(request):
            response = self.get_response(request)
        if response.status_code == 403:
            audit_record(
                action=Action.ACCESS_DENIED, request=request, outcome=Outcome.DENIED,
                detail={"method": request.method, "path": request.get_full_path()[:500],
                        "reason": getattr(request, REASON_ATTRIBUTE, "")},
            )
        elif response.status_code == 200 and "attachment" in response.get("Content-Disposition", ""):
            audit_record(
                action=Action.EXPORT, request=request,
                detail={"path": request.get_full_path()[:500], **getattr(response, EXPORT_ATTRIBUTE, {})},
            )
        return response

    def process_exception(self, request, exception):
        if isinstance(exception, PermissionDenied):
            setattr(request, REASON_ATTRIBUTE, str(exception))
