from django.core.management.base import BaseCommand, CommandError

from planeval.audit.selectors import audit_chain_verify, verdict_message


class Command(BaseCommand):
    help = "逐条校验审计记录的哈希链：报告条数和第一处断点（被篡改、被删除或顺序被改动），有断点时以非零状态退出。"

    def add_arguments(self, parser):
        parser.add_argument("--database", default="default", help="数据库别名（默认 default）")

    def handle(self, *args, database, **options):
        verdict = audit_chain_verify(using=database)
        if not verdict.ok:
            raise CommandError(verdict_message(verdict))
        self.stdout.write(verdict_message(verdict))
