"""A refusal says why, in Chinese, inside the usual shell; a missing page says so."""
from django.urls import reverse

from planeval.accounts.access import NO_ACCESS_TO_JURISDICTION
from planeval.organizations.models import Jurisdiction


def test_a_refused_page_shows_the_reason(as_user):
    hongqiao = Jurisdiction.objects.get(name="红桥区")
    response = as_user("kewei").get(reverse("web:indicators", args=[hongqiao.id]))
    page = response.content.decode()
    assert response.status_code == 403
    assert "无权访问" in page and NO_ACCESS_TO_JURISDICTION in page and "返回首页" in page


def test_a_missing_page_says_so_in_chinese(as_user, settings):
    settings.DEBUG = False
    response = as_user("kewei").get("/c/999999/overview/")
    assert response.status_code == 404 and "页面不存在" in response.content.decode()
