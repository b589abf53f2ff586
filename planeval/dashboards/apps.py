from django.apps import AppConfig


class DashboardsConfig(AppConfig):
    name = "planeval.dashboards"
    verbose_name = "看板"
