from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from planeval.campaigns.models import Campaign
from planeval.core.errors import ApplicationError
from planeval.organizations.models import Unit
from planeval.reports.services import KINDS, export_document


class Command(BaseCommand):
    help = ("导出评估表和报告，文件格式由扩展名决定（.docx、.xlsx、.pdf）。"
            "例：planeval export midterm-report --jurisdiction 普陀区 --out 中期评估报告.docx")

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=list(KINDS), help="、".join(f"{k}（{v}）" for k, v in KINDS.items()))
        parser.add_argument("--jurisdiction", required=True, help="行政区划名称，如 普陀区")
        parser.add_argument("--unit", help="单位名称（单位的评估表和自评报告）")
        parser.add_argument("--out", required=True, help="输出文件，如 report.docx")

    def handle(self, *args, kind, jurisdiction, unit, out, **options):
        campaign = (Campaign.objects.filter(jurisdiction__name=jurisdiction).exclude(status=Campaign.Status.CLOSED)
                    .order_by("-id").first())
        if campaign is None:
            raise CommandError(f"“{jurisdiction}”没有进行中的评估工作")
        unit_obj = None
        if unit:
            unit_obj = (Unit.objects.filter(jurisdiction=campaign.jurisdiction, name=unit).first()
                        or Unit.objects.filter(jurisdiction=campaign.jurisdiction, aliases__alias=unit).first())
            if unit_obj is None:
                raise CommandError(f"“{jurisdiction}”没有名为“{unit}”的单位")
        fmt = Path(out).suffix.lstrip(".").lower()
        try:
            exported = export_document(campaign=campaign, kind=kind, fmt=fmt, unit=unit_obj)
        except ApplicationError as refused:
            raise CommandError(refused.message) from refused
        Path(out).write_bytes(exported.content)
        self.stdout.write(f"已导出 {out}（{len(exported.content)} 字节）")
