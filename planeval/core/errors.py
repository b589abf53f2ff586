"""Errors a service raises for a user to read. The message is Chinese and shown as is."""
from django.utils import timezone


class ApplicationError(Exception):
    def __init__(self, message: str, *, extra: dict | None = None):
        super().__init__(message)
        self.message = message
        self.extra = extra or {}


class StaleVersionError(ApplicationError):
    """Someone saved the item after this form was opened: refuse rather than overwrite."""


STALE_VERSION = "该数据已被{who}于{when}修改，您的保存未生效。请核对对方的修改后重新填写。"


def stale_version(who, at) -> StaleVersionError:
    """The refusal of a form opened before ``who`` saved at ``at``; either may be unknown (None)."""
    name = (who.full_name or who.username) if who is not None else "他人"
    when = timezone.localtime(at).strftime("%m月%d日%H:%M") if at else "刚才"
    return StaleVersionError(STALE_VERSION.format(who=name, when=when))
