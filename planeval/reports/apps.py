from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "planeval.reports"
    verbose_name = "报告与评估表"
