from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "planeval.accounts"
    verbose_name = "账户与角色"

    def ready(self) -> None:
        # Django reports a login (form, admin or test client) only through user_logged_in: the
        # session limits start there (planeval.accounts.gates.session_start).
        from django.contrib.auth.signals import user_logged_in

        from planeval.accounts.gates import session_start

        user_logged_in.connect(session_start, dispatch_uid="planeval.accounts.session_start")
