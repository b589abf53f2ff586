from django.apps import AppConfig


class SpecialPlansConfig(AppConfig):
    name = "planeval.specialplans"
    verbose_name = "专项规划评估"
