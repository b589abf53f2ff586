"""Test settings: base settings plus fast hashing. DATABASE_URL picks the database."""
from .base import *  # noqa: F401,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
