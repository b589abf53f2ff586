from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "planeval.web"
    verbose_name = "界面"
