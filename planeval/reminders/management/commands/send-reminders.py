"""planeval send-reminders [--date YYYY-MM-DD]: today's reminders (run daily by a systemd timer)."""
import datetime

from django.core.management.base import BaseCommand, CommandError

from planeval.core.errors import ApplicationError
from planeval.reminders.services import reminders_send


class Command(BaseCommand):
    help = "发送今天（或 --date 指定日期）的截止提醒；同一事项、同一接收人、同一类型每天至多一次。"

    def add_arguments(self, parser):
        parser.add_argument("--date", type=datetime.date.fromisoformat, default=None,
                            help="按该日期计算提醒（YYYY-MM-DD），默认今天")

    def handle(self, *args, **options):
        try:
            result = reminders_send(day=options["date"])
        except ApplicationError as refused:
            raise CommandError(refused.message) from refused
        for problem in result.problems:
            self.stderr.write(problem)
        self.stdout.write(
            f"{result.day.isoformat()}：站内提醒{result.notified}条，邮件已发送{result.emailed}封，"
            f"邮件失败{result.email_failed}封，今日已提醒而跳过{result.already_sent}条。")
