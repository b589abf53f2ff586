from django.conf import settings
from django.core.exceptions import ValidationError

DEMO_PASSWORD_REFUSED = "不能使用演示账户的公开密码，请另设密码。"


class DemoPasswordValidator:
    """Nobody may choose the demo password: it is published in the README."""

    def validate(self, password, user=None):
        if password == settings.DEMO_PASSWORD:
            raise ValidationError(DEMO_PASSWORD_REFUSED, code="demo_password")

    def get_help_text(self):
        return "密码不能是演示账户的公开密码。"
