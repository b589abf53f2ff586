from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    name = "planeval.assessment"
    verbose_name = "评估研判"
