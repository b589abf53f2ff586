"""``planeval generate-scale --jurisdictions 100``: a province-sized sample data set (示例数据)."""
import time

from django.core.management.base import BaseCommand, CommandError

from planeval.core.errors import ApplicationError
from planeval.regions.scale import PROVINCE, scale_generate


class Command(BaseCommand):
    help = "生成省级规模的示例数据（示例省 → 市 → 区县），用于性能测试和多级联动演示。"

    def add_arguments(self, parser):
        parser.add_argument("--jurisdictions", type=int, default=100, help="区县数（每个约50个单位、40项指标）")
        parser.add_argument("--seed", type=int, default=2023, help="随机数种子；同一种子生成相同的数据")
        parser.add_argument("--province", default=PROVINCE, help="省级行政区划名称")
        parser.add_argument("--password", default="", help="示例账户的密码（不填则示例账户不能登录）")

    def handle(self, *args, jurisdictions, seed, province, password, **options):
        started = time.perf_counter()
        try:
            summary = scale_generate(jurisdictions=jurisdictions, seed=seed, province_name=province,
                                     password=password or None)
        except ApplicationError as refused:
            raise CommandError(refused.message) from None
        self.stdout.write(
            f"已生成{summary.province.name}：{summary.jurisdictions}个行政区划、{summary.units}个单位、"
            f"{summary.indicators}项指标、{summary.observations}条指标数据、{summary.tasks}项任务、"
            f"{summary.projects}个重大项目、{summary.submissions}份自评报告；"
            f"示例账户 {'、'.join(summary.users)}；用时{time.perf_counter() - started:.1f}秒。"
        )
