from django.apps import AppConfig


class SubmissionsConfig(AppConfig):
    name = "planeval.submissions"
    verbose_name = "单位填报与审核"
