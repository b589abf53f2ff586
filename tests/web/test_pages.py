"""The shell's pages: what each shows, who may open them, and a constant number of queries."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from planeval.organizations.models import Jurisdiction
from tests.factories import IndicatorFactory, TaskFactory


def putuo_id():
    return Jurisdiction.objects.get(name="普陀区").id


def test_indicator_page_lists_the_25_indicators_with_their_targets(as_user):
    html = as_user("kewei").get(f"/j/{putuo_id()}/indicators/").content.decode()
    assert "地区生产总值年均增长率" in html and "与市保持同步" in html
    assert "单位生产总值生产安全事故死亡率" in html and "约束性" in html
    assert "智能软件" in html  # a part of indicator 4


def test_task_page_shows_the_tree(as_user):
    html = as_user("observer").get(f"/j/{putuo_id()}/tasks/").content.decode()
    assert "坚持创新驱动，全面打造高质量发展的新引擎" in html
    assert "深化“一轴一园一中心”科技创新布局" in html
    assert "推进市域社会治理现代化试点创建" in html


def test_task_tree_nests_every_task_under_its_parent(as_user):
    """The flattened rendering (planning.selectors.tree_rows) still nests each task's list item in its
    parent's, as deep as the task sits in the plan."""
    import lxml.html

    from planeval.planning.models import Task

    page = lxml.html.fromstring(as_user("observer").get(f"/j/{putuo_id()}/tasks/").content.decode())
    tasks = Task.objects.filter(plan__jurisdiction_id=putuo_id())
    items = page.xpath("//main//section//li")
    assert len(items) == tasks.count()
    depth_of = {(t.number, t.title): t.depth for t in tasks}
    for item in items:
        key = (item.findtext("span[@class='num']"), item.findtext("span[@class='title']"))
        assert len(item.xpath("ancestor::li")) == depth_of[key], key


def test_plan_page_lists_44_plans_and_the_outline(as_user):
    html = as_user("leader").get(f"/j/{putuo_id()}/plans/").content.decode()
    assert "普陀区“十四五”空间发展战略" in html and "空间规划" in html
    assert html.count("<tr>") == 46  # header + outline + 44 plans


def test_home_shows_counts_and_the_schedule(as_user):
    html = as_user("fgw").get("/").content.decode()
    assert "普陀区“十四五”规划实施中期评估" in html
    assert "筹备阶段" in html and "评估报告初稿提交区发改委（2023年5月15日前）" in html
    assert "<b>25</b>" in html and "<b>112</b>" in html and "<b>44</b>" in html


@pytest.mark.parametrize("path", ["/j/{id}/indicators/", "/j/{id}/tasks/", "/j/{id}/plans/", "/?j={id}"])
def test_a_user_of_putuo_cannot_open_another_jurisdiction(as_user, path):
    hongqiao = Jurisdiction.objects.get(name="红桥区").id
    response = as_user("observer").get(path.format(id=hongqiao))
    assert response.status_code == 403


def test_a_city_role_reaches_its_districts(as_user):
    from planeval.accounts.models import Role, RoleAssignment, User

    shanghai = Jurisdiction.objects.get(name="上海市")
    user = User.objects.create(username="city-drc")
    RoleAssignment.objects.create(user=user, role=Role.DRC, jurisdiction=shanghai)
    assert as_user("city-drc").get(f"/j/{putuo_id()}/indicators/").status_code == 200


@pytest.mark.parametrize("path", ["/j/{id}/indicators/", "/j/{id}/tasks/", "/j/{id}/plans/", "/?j={id}"])
def test_list_pages_issue_the_same_queries_as_data_grows(as_user, path):
    """Query count at the demo's size and again after adding many more items."""
    client = as_user("fgw")
    url = path.format(id=putuo_id())

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    before = count()
    outline = Jurisdiction.objects.get(name="普陀区").plans.get(kind="outline")
    for _ in range(30):
        IndicatorFactory(plan=outline)
        TaskFactory(plan=outline)
    assert count() == before
