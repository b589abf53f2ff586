"""Every change made in the Django admin becomes an audit event, in the admin's own transaction.

The admin reports its changes through ModelAdmin.log_addition / log_change / log_deletions
(which write its LogEntry); AuditedAdminMixin adds one audit event to each. ``audit_admin_site``
mixes it into every ModelAdmin registered on the site — planeval's own and third-party ones
(groups, tokens, lockouts, second-factor devices) alike — so no admin can be added that
changes data without a trace; tests/audit/test_admin.py checks that every registered admin has it.
"""
from __future__ import annotations

from django import forms

from planeval.audit.actions import Action
from planeval.audit.services import audit_record, audit_text

# Which audit action an admin change of a model is; everything else is ADMIN_CHANGE.
MODEL_ACTIONS = {
    "accounts.user": Action.USER_CHANGE,
    "accounts.roleassignment": Action.ROLE_CHANGE,
    "auth.group": Action.ROLE_CHANGE,
    "campaigns.campaign": Action.SETTING_CHANGE,
    "campaigns.phase": Action.SETTING_CHANGE,
    "campaigns.deadline": Action.SETTING_CHANGE,
    "dashboards.publicitem": Action.SETTING_CHANGE,
}
# Never copied into the log, even as old → new: any field whose name holds one of these words, or
# that the form shows as a password box (password1/password2 of the add-user form, token keys …).
SECRET_WORDS = ("password", "secret", "token", "key")
ROLE_INLINE_NAME = "角色授权"  # RoleAssignment's verbose_name, as the admin writes it into messages


def _changes(form) -> dict[str, list[str]]:
    if form is None or not getattr(form, "changed_data", None):
        return {}
    changes = {}
    for name in form.changed_data:
        field = form.fields.get(name)
        if any(word in name.lower() for word in SECRET_WORDS) or (
                field is not None and isinstance(field.widget, forms.PasswordInput)):
            changes[name] = ["***", "***"]
            continue
        old = form.initial.get(name)
        new = form.cleaned_data.get(name) if hasattr(form, "cleaned_data") else None
        changes[name] = [audit_text(_plain(old)), audit_text(_plain(new))]
    return changes


def _plain(value):
    if hasattr(value, "all") and callable(value.all):  # a queryset of many-to-many choices
        return ", ".join(str(v) for v in value.all())
    if isinstance(value, (list, tuple, set)):
        return ", ".join(str(getattr(v, "pk", v)) for v in value)
    return value


def _message_mentions_roles(message) -> bool:
    entries = message if isinstance(message, list) else []
    return any(ROLE_INLINE_NAME == part.get("name")
               for entry in entries for part in entry.values() if isinstance(part, dict))


class AuditedAdminMixin:
    """Adds the audit event to the admin's own change log (see the module docstring)."""

    def save_model(self, request, obj, form, change):
        # The form still knows the old values here; log_change, called next, does not.
        request._planeval_admin_changes = _changes(form)
        return super().save_model(request, obj, form, change)

    def _audit(self, request, obj, verb: str, message="") -> None:
        label = obj._meta.label_lower
        action = MODEL_ACTIONS.get(label, Action.ADMIN_CHANGE)
        detail = {"verb": verb, "model": label, "message": message if isinstance(message, (list, str)) else "",
                  "changes": getattr(request, "_planeval_admin_changes", {}) if verb != "delete" else {}}
        audit_record(action=action, request=request, target=obj, detail=detail)
        if label == "accounts.user" and _message_mentions_roles(message):
            audit_record(action=Action.ROLE_CHANGE, request=request, target=obj, detail=detail)

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        self._audit(request, obj, "add", message)
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        self._audit(request, obj, "change", message)
        return entry

    def log_deletions(self, request, queryset):
        entries = super().log_deletions(request, queryset)
        for obj in queryset:
            self._audit(request, obj, "delete")
        return entries


def audit_admin_site(site) -> None:
    """Mix AuditedAdminMixin into every ModelAdmin registered on ``site`` (once)."""
    for model, model_admin in list(site._registry.items()):
        cls = type(model_admin)
        if isinstance(model_admin, AuditedAdminMixin):
            continue
        audited = type(cls.__name__, (AuditedAdminMixin, cls), {"__module__": cls.__module__})
        site.unregister(model)
        site.register(model, audited)
