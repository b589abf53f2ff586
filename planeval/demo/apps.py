from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "planeval.demo"
    verbose_name = "演示数据"
