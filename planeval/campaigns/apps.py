from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    name = "planeval.campaigns"
    verbose_name = "评估工作"
