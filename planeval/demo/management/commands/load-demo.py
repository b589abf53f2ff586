from django.conf import settings
from django.core.management.base import BaseCommand

from planeval.demo.services import demo_load


class Command(BaseCommand):
    help = "载入演示数据：普陀区、红桥区、融水县和鄂尔多斯市（可重复执行）"

    def handle(self, *args, **options):
        summary = demo_load(password=settings.DEMO_PASSWORD)
        self.stdout.write(
            f"演示数据已就绪：行政区划 {summary.jurisdictions} 个，单位 {summary.units} 个，"
            f"规划 {summary.plans} 个，指标 {summary.indicators} 项，任务 {summary.tasks} 项，"
            f"指标数据 {summary.observations} 条、重大项目 {summary.projects} 个（示例数据）。"
        )
        if settings.PLANEVAL_ENV != "demo":
            self.stdout.write(self.style.WARNING(
                "当前不是演示环境（PLANEVAL_ENV=demo），演示账户的公开密码不能登录。"
            ))
