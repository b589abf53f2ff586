from django.apps import AppConfig


class ProblemsConfig(AppConfig):
    name = "planeval.problems"
    verbose_name = "问题清单与需上级支持事项"
