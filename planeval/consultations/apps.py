from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    name = "planeval.consultations"
    verbose_name = "征求意见"
