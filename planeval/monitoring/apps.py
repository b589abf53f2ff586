from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "planeval.monitoring"
    verbose_name = "指标数据"
