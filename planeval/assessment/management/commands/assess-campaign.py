from django.core.management.base import BaseCommand, CommandError

from planeval.assessment.services import campaign_assess
from planeval.campaigns.models import Campaign


class Command(BaseCommand):
    help = "对评估工作中的全部指标和项目重新研判，保存建议结论。例：planeval assess-campaign --jurisdiction 普陀区"

    def add_arguments(self, parser):
        parser.add_argument("--jurisdiction", required=True, help="行政区划名称，如 普陀区")

    def handle(self, *args, jurisdiction, **options):
        campaigns = Campaign.objects.filter(jurisdiction__name=jurisdiction).exclude(status=Campaign.Status.CLOSED)
        if not campaigns:
            raise CommandError(f"“{jurisdiction}”没有进行中的评估工作")
        for campaign in campaigns:
            count = campaign_assess(campaign=campaign)
            self.stdout.write(f"{campaign.name}：已研判 {count} 项")
