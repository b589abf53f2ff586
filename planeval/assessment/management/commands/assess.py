"""``planeval assess FILE``: judge every indicator of an analyst's .csv/.xlsx sheet."""
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from planeval.assessment.sheet import SheetError, assess_sheet

ERR_SHEET = "指标表有{count}处问题，未生成研判结果"


class Command(BaseCommand):
    help = "研判指标表（.csv 或 .xlsx）：输出每个指标的目标进度、预计完成程度和建议结论（A/B/C/D）"
    # Reads a file and writes a file: it must run even while the database is not set up.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("file", help="指标表 .csv（UTF-8）或 .xlsx")
        parser.add_argument("--as-of", type=int, default=2022, dest="as_of",
                            help="评估年份：2022 为中期评估（默认），2025 为期末总结")
        parser.add_argument("--format", choices=("csv", "json"), default="csv", dest="fmt")
        parser.add_argument("--out", help="输出文件；省略时写到标准输出")

    def handle(self, *args, file, as_of, fmt, out=None, **options):
        try:
            result = assess_sheet(file, as_of=as_of, fmt=fmt)
        except SheetError as exc:
            for message in exc.messages:
                self.stderr.write(message)
            raise CommandError(ERR_SHEET.format(count=len(exc.messages))) from None
        if out:
            # A BOM lets Excel open the CSV as UTF-8 rather than the local code page.
            Path(out).write_text(result, encoding="utf-8-sig" if fmt == "csv" else "utf-8")
        else:
            self.stdout.write(result, ending="")
