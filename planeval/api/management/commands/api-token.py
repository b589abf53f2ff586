from django.core.management.base import BaseCommand, CommandError

from planeval.accounts.models import User
from planeval.api.services import api_token_rotate
from planeval.core.errors import ApplicationError

NO_SUCH_USER = "没有用户名为“{username}”的账户。"


class Command(BaseCommand):
    help = "为账户签发新的 API 访问令牌并输出（原令牌立即失效）。例：planeval api-token kewei"

    def add_arguments(self, parser):
        parser.add_argument("username", help="用户名")

    def handle(self, *args, username, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(NO_SUCH_USER.format(username=username))
        try:
            self.stdout.write(api_token_rotate(user=user))
        except ApplicationError as refused:
            raise CommandError(refused.message) from refused
