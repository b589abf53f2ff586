from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "planeval.planning"
    verbose_name = "规划、指标与任务"
