from django.conf import settings
from django.contrib.auth.backends import ModelBackend


class PlanevalBackend(ModelBackend):
    """Django's backend, except that the published demo password opens nothing outside demo mode.

    The demo accounts' password is in the README; a production instance loaded
    with the demo by mistake must not be opened with it.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if password == settings.DEMO_PASSWORD and settings.PLANEVAL_ENV != "demo":
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
