from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    name = "planeval.exchange"
    label = "exchange"
    verbose_name = "数据导入"
