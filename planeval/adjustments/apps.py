from django.apps import AppConfig


class AdjustmentsConfig(AppConfig):
    name = "planeval.adjustments"
    verbose_name = "规划调整"
