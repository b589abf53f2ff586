import json

from django.core.management.base import BaseCommand

from planeval.domain.targets import parse_target


class Command(BaseCommand):
    help = "解析规划目标值原文，输出目标类型等（JSON）。例：planeval parse-target '累计 1400' --name 新增固定资产投资总额 --unit 亿元"

    def add_arguments(self, parser):
        parser.add_argument("text", help="目标值原文")
        parser.add_argument("--name", default="", help="指标名称（用于判断年均增长率、累计、越低越好等）")
        parser.add_argument("--unit", default="", help="计量单位")

    def handle(self, *args, text, name, unit, **options):
        target = parse_target(text, indicator_name=name, unit=unit)
        self.stdout.write(json.dumps(target.to_dict(), ensure_ascii=False, indent=2))
