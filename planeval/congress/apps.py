from django.apps import AppConfig


class CongressConfig(AppConfig):
    name = "planeval.congress"
    verbose_name = "提请审议"
