from django.apps import AppConfig


class OrganizationsConfig(AppConfig):
    name = "planeval.organizations"
    verbose_name = "行政区划与单位"
