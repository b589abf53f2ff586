from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "planeval.audit"
    verbose_name = "安全审计"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Django reports logins, logouts and failed logins only through signals, and django-axes
        # reports a lockout the same way: these receivers are the one exception to "no signals".
        from django.contrib import admin

        from planeval.audit import receivers
        from planeval.audit.admin_log import audit_admin_site

        receivers.connect()
        # Every admin (ours and third-party ones, all registered by now) logs into the audit trail.
        audit_admin_site(admin.site)
