"""Test settings: base settings plus fast hashing. DATABASE_URL picks the database."""
from .base import *  # noqa: F401,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# A second, empty database for the backup round trip (tests/backup, benchmarks/backup_restore.py):
# restore must rebuild a freshly migrated instance. Test runs create it only when a test asks for
# it (SQLite keeps it in memory); outside tests it is the default database's name plus "_restore".
DATABASES["restore_target"] = {
    **DATABASES["default"],
    "NAME": f'{DATABASES["default"]["NAME"]}_restore',
    "TEST": {},
}

# Tests change data through factories as well as services, and a local-memory cache outlives each
# test's rolled-back transaction: figures are computed afresh unless a test turns caching on
# (tests/dashboards/test_figure_cache.py).
PLANEVAL_FIGURE_CACHE_SECONDS = 0
