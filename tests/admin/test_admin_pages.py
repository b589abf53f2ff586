"""The admin is in Chinese, covers every model, and shows Putuo's seed counts."""
import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from planeval.organizations.models import Jurisdiction

PLANEVAL_MODELS = [m for m in apps.get_models() if m.__module__.startswith("planeval.")]


def test_every_planeval_model_is_in_the_admin():
    missing = [m.__name__ for m in PLANEVAL_MODELS if m not in admin.site._registry]
    assert missing == []


# The audit log is read by the audit administrator (security events: the security administrator),
# never by the system administrator (docs/audit.md, tests/audit/test_admin_roles.py).
READER = {"AuditEvent": "security"}


@pytest.mark.parametrize("model", PLANEVAL_MODELS, ids=lambda m: m.__name__)
def test_each_changelist_opens_in_chinese_for_the_administrator(as_user, model):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    response = as_user(READER.get(model.__name__, "admin")).get(url)
    assert response.status_code == 200
    assert str(model._meta.verbose_name_plural) in response.content.decode()
    assert "管理后台" in response.content.decode()


@pytest.mark.parametrize("model, query, expected", [
    ("indicator", "&parent__isnull=True", "25 指标"),
    ("task", "&depth__exact=2", "112 任务"),
    ("plan", "&kind__exact=special", "30 规划"),
    ("plan", "&kind__exact=regional", "13 规划"),
    ("plan", "&kind__exact=spatial", "1 规划"),
])
def test_admin_lists_putuo_indicators_tasks_and_plans(as_user, model, query, expected):
    putuo = Jurisdiction.objects.get(name="普陀区").id
    filter_on = "jurisdiction" if model == "plan" else "plan__jurisdiction"
    url = reverse(f"admin:planning_{model}_changelist") + f"?{filter_on}__id__exact={putuo}{query}"
    html = as_user("fgw").get(url).content.decode()  # the DRC maintains the data here too
    paginator = html[html.index('class="paginator"'):]
    assert expected in paginator[:200]


def test_observer_cannot_enter_the_admin(as_user):
    response = as_user("observer").get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
