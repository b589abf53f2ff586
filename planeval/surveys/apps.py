from django.apps import AppConfig
from django.conf import settings


class SurveysConfig(AppConfig):
    name = "planeval.surveys"
    label = "surveys"
    verbose_name = "问卷调查与人民建议"

    def ready(self):
        # jieba's dictionary cache goes under var/, not a shared /tmp (planeval/domain/keywords.py).
        # Only the folder is set here; the dictionary itself loads on first use.
        from planeval.domain import keywords

        keywords.configure(cache_dir=str(settings.VAR_DIR / "cache" / "jieba"))
