import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from planeval.backup.services import backup_write
from planeval.core.errors import ApplicationError


class Command(BaseCommand):
    help = "备份整个实例（全部数据表和上传文件）到一个带校验清单的 zip 文件。例：planeval backup --out planeval-备份.zip"

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True, help="备份文件路径，如 planeval-20231101.zip")
        parser.add_argument("--database", default="default", help="数据库别名（默认 default）")

    def handle(self, *args, out, database, **options):
        started = time.perf_counter()
        try:
            manifest = backup_write(out=Path(out), using=database)
        except ApplicationError as refused:
            raise CommandError(refused.message) from refused
        seconds = time.perf_counter() - started
        rows = sum(manifest.row_counts.values())
        files = sum(1 for name in manifest.members if name.startswith("media/"))
        self.stdout.write(f"已备份到 {out}：{len(manifest.tables)} 张表 {rows} 行，{files} 个上传文件，"
                          f"{Path(out).stat().st_size} 字节，用时 {seconds:.2f} 秒")
