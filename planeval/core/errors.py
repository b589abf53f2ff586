"""Errors a service raises for a user to read. The message is Chinese and shown as is."""


class ApplicationError(Exception):
    def __init__(self, message: str, *, extra: dict | None = None):
        super().__init__(message)
        self.message = message
        self.extra = extra or {}


class StaleVersionError(ApplicationError):
    """Someone saved the item after this form was opened: refuse rather than overwrite."""


STALE_VERSION = "该数据已被{who}于{when}修改，您的保存未生效。请核对对方的修改后重新填写。"
