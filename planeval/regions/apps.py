from django.apps import AppConfig


class RegionsConfig(AppConfig):
    name = "planeval.regions"
    verbose_name = "多级联动与对标"
