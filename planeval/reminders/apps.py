from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "planeval.reminders"
    verbose_name = "提醒"
