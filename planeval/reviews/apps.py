from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "planeval.reviews"
    verbose_name = "第三方评估与典型案例"
