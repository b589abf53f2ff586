from django.apps import AppConfig


class TopicsConfig(AppConfig):
    name = "planeval.topics"
    verbose_name = "专题评估"
