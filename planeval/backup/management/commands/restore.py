import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from planeval.backup.services import backup_restore
from planeval.core.errors import ApplicationError


class Command(BaseCommand):
    help = ("从 planeval backup 生成的文件恢复到一个刚执行 migrate 的空实例；先核对全部校验值，"
            "恢复后逐表核对行数和内容。例：planeval restore planeval-备份.zip")

    def add_arguments(self, parser):
        parser.add_argument("file", help="备份文件路径")
        parser.add_argument("--database", default="default", help="数据库别名（默认 default）")

    def handle(self, *args, file, database, **options):
        started = time.perf_counter()
        try:
            manifest = backup_restore(path=Path(file), using=database)
        except ApplicationError as refused:
            raise CommandError(refused.message) from refused
        seconds = time.perf_counter() - started
        rows = sum(manifest.row_counts.values())
        self.stdout.write(f"已恢复 {file}（{manifest.created_at} 备份）：{len(manifest.tables)} 张表 {rows} 行，"
                          f"行数和校验值与备份一致，用时 {seconds:.2f} 秒")
