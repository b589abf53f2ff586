"""Password validators of the configured policy (PLANEVAL_PASSWORD_POLICY), with Chinese messages.

The rules themselves are planeval.domain.passwords; config/settings/base.py picks which of these
validators run, so every path that sets a password (修改密码, the admin, createsuperuser,
changepassword) applies the same policy.
"""
from django.conf import settings
from django.contrib.auth import password_validation as django_validation
from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError

from planeval.domain.passwords import POLICIES, Problem, password_problems

DEMO_PASSWORD_REFUSED = "不能使用演示账户的公开密码，请另设密码。"
PASSWORD_TOO_SHORT = "密码太短，至少需要 {min_length} 个字符。"
PASSWORD_TOO_LONG = "密码太长，最多 {max_length} 个字符。"
PASSWORD_TOO_SIMPLE = "密码须包含大写字母、小写字母、数字和符号中的至少三类。"
PASSWORD_TOO_COMMON = "该密码过于常见，容易被猜中，请另设密码。"
PASSWORD_TOO_PERSONAL = "密码与用户名、姓名等个人信息过于相似，请另设密码。"
PASSWORD_REUSED = "不能使用最近 {count} 次用过的密码，请另设密码。"


def current_policy():
    return POLICIES[settings.PASSWORD_POLICY]


class PasswordLengthValidator:
    """At least 12 characters under either policy; at most 128 (ASVS 2.1.1, 2.1.2)."""

    def validate(self, password, user=None):
        policy = current_policy()
        problems = password_problems(password, policy)
        if Problem.TOO_SHORT in problems:
            raise ValidationError(PASSWORD_TOO_SHORT.format(min_length=policy.min_length), code="password_too_short")
        if Problem.TOO_LONG in problems:
            raise ValidationError(PASSWORD_TOO_LONG.format(max_length=policy.max_length), code="password_too_long")

    def get_help_text(self):
        policy = current_policy()
        return f"密码长度为 {policy.min_length} 至 {policy.max_length} 个字符，可以使用空格和汉字。"


class PasswordComplexityValidator:
    """Three of upper, lower, digit and symbol: the 等保 复杂度 rule (only under the dengbao policy)."""

    def validate(self, password, user=None):
        if Problem.TOO_SIMPLE in password_problems(password, current_policy()):
            raise ValidationError(PASSWORD_TOO_SIMPLE, code="password_too_simple")

    def get_help_text(self):
        return "须包含大写字母、小写字母、数字和符号中的至少三类。"


class PersonalInformationValidator(django_validation.UserAttributeSimilarityValidator):
    """Django's similarity check against the username, names and e-mail, with our message."""

    def __init__(self, user_attributes=("username", "full_name", "first_name", "last_name", "email"),
                 max_similarity=0.7):
        super().__init__(user_attributes=user_attributes, max_similarity=max_similarity)

    def get_error_message(self):
        return PASSWORD_TOO_PERSONAL

    def get_help_text(self):
        return "不能与用户名、姓名等个人信息相似。"


class CommonPasswordValidator(django_validation.CommonPasswordValidator):
    """Django's list of 20,000 common passwords, read offline (ASVS 2.1.7)."""

    def get_error_message(self):
        return PASSWORD_TOO_COMMON

    def get_help_text(self):
        return "不能是常见密码。"


class DemoPasswordValidator:
    """Nobody may choose the demo password: it is published in the README."""

    def validate(self, password, user=None):
        if password == settings.DEMO_PASSWORD:
            raise ValidationError(DEMO_PASSWORD_REFUSED, code="demo_password")

    def get_help_text(self):
        return "密码不能是演示账户的公开密码。"


class PasswordHistoryValidator:
    """The last PLANEVAL_PASSWORD_HISTORY passwords (the current one included) may not be chosen again.

    It records each new hash through Django's ``password_changed`` hook, which every path that
    sets a password goes through (forms, the admin, changepassword), so none of them is missed.
    """

    def validate(self, password, user=None):
        if user is None or user.pk is None:
            return
        count = settings.PASSWORD_HISTORY
        recent = list(user.password_history.values_list("password", flat=True)[:count])
        # The current password counts even when it predates the history table.
        if user.password and user.password not in recent:
            recent = [user.password, *recent][:count]
        if any(check_password(password, encoded) for encoded in recent):
            raise ValidationError(PASSWORD_REUSED.format(count=count), code="password_reused")

    def password_changed(self, password, user=None):
        if user is None or user.pk is None or not user.has_usable_password():
            return
        from planeval.accounts.models import PasswordHistory

        PasswordHistory.objects.create(user=user, password=user.password)
        stale = user.password_history.values_list("id", flat=True)[settings.PASSWORD_HISTORY:]
        PasswordHistory.objects.filter(id__in=list(stale)).delete()

    def get_help_text(self):
        return f"不能与最近 {settings.PASSWORD_HISTORY} 次用过的密码相同。"
