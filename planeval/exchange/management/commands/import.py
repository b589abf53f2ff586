"""``planeval import KIND FILE --jurisdiction NAME [--plan NAME] [--create] [--dry-run]``.

Django finds commands by file name, so ``import`` (a Python keyword) is a valid command name.
"""
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from planeval.core.errors import ApplicationError
from planeval.exchange.services import KIND_LABELS, KINDS, import_file, import_target

ERR_FILE_MISSING = "找不到文件“{path}”"
ERR_NOT_IMPORTED = "有{count}处问题须修改，未导入任何数据"
DONE = "已导入{label}：{summary}"
PREVIEW = "预览（未写入）{label}：{summary}"
ACTION_LABELS = {"create": "新增", "update": "修改"}


class Command(BaseCommand):
    help = "从 .xlsx/.csv 导入主要指标、主要任务、规划目录、重大项目、指标数值或联系人（先检查，全部无误才写入）"

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=KINDS, help="导入类型：" + "、".join(f"{k}（{v}）" for k, v in KIND_LABELS.items()))
        parser.add_argument("file", help=".xlsx 或 UTF-8 编码的 .csv 文件")
        parser.add_argument("--jurisdiction", required=True, help="行政区划名称，如 普陀区")
        parser.add_argument("--plan", help="规划名称（主要指标、主要任务、重大项目须指定）")
        parser.add_argument("--create", action="store_true", help="行政区划或规划不存在时新建")
        parser.add_argument("--dry-run", action="store_true", dest="dry_run", help="只检查并预览，不写入")

    def handle(self, *args, kind, file, jurisdiction, plan=None, create=False, dry_run=False, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(ERR_FILE_MISSING.format(path=path))
        try:
            # One transaction, so a dry run also leaves no jurisdiction or plan made by --create.
            with transaction.atomic():
                target, target_plan = import_target(jurisdiction_name=jurisdiction, plan_name=plan, create=create)
                result = import_file(kind=kind, data=path.read_bytes(), filename=path.name, jurisdiction=target,
                                     plan=target_plan, commit=not dry_run)
                if not result.committed:
                    transaction.set_rollback(True)
        except ApplicationError as exc:
            raise CommandError(exc.message) from None
        for change in result.changes:
            if change.action in ACTION_LABELS:
                detail = f"（{change.detail}）" if change.detail else ""
                self.stdout.write(f"第{change.row}行 {ACTION_LABELS[change.action]} {change.label}{detail}")
        for problem in result.problems:
            (self.stderr if problem.fatal else self.stdout).write(("" if problem.fatal else "提示：") + problem.text)
        label = KIND_LABELS[kind]
        self.stdout.write((DONE if result.committed else PREVIEW).format(label=label, summary=result.summary))
        if result.fatal:
            raise CommandError(ERR_NOT_IMPORTED.format(count=len(result.fatal)))
