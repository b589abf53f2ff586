"""Settings come from the environment; production refuses unsafe ones."""
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def boot(**env) -> subprocess.CompletedProcess:
    """Start Django in a fresh interpreter with only the given PLANEVAL_* variables."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("PLANEVAL_") and k != "DATABASE_URL"}
    clean.update(env, DJANGO_SETTINGS_MODULE="config.settings.base", PLANEVAL_VAR_DIR=env.get(
        "PLANEVAL_VAR_DIR", str(ROOT / "var")))
    code = "import django; django.setup(); from django.conf import settings; " \
           "print(settings.DEBUG, settings.DATABASES['default']['ENGINE'], settings.ALLOWED_HOSTS)"
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=clean, capture_output=True, text=True)


def test_development_defaults_to_debug_and_sqlite_under_var(tmp_path):
    result = boot(PLANEVAL_VAR_DIR=str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("True django.db.backends.sqlite3")


def test_production_refuses_to_start_without_a_secret_key():
    result = boot(PLANEVAL_ENV="production", PLANEVAL_ALLOWED_HOSTS="plan.example.gov.cn")
    assert result.returncode != 0
    assert "requires PLANEVAL_SECRET_KEY" in result.stderr


def test_production_refuses_debug():
    result = boot(PLANEVAL_ENV="production", PLANEVAL_SECRET_KEY="x" * 60, PLANEVAL_DEBUG="1")
    assert result.returncode != 0
    assert "refuses to start with PLANEVAL_DEBUG on" in result.stderr


def test_production_starts_with_a_key_and_hosts():
    result = boot(PLANEVAL_ENV="production", PLANEVAL_SECRET_KEY="x" * 60,
                  PLANEVAL_ALLOWED_HOSTS="plan.example.gov.cn")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False django.db.backends.sqlite3 ['plan.example.gov.cn']"


def test_unknown_environment_is_refused():
    result = boot(PLANEVAL_ENV="staging")
    assert result.returncode != 0 and "PLANEVAL_ENV must be one of" in result.stderr


def test_production_sends_no_server_timing_unless_asked():
    """How long a request took is for benchmarks, not for outsiders probing a login."""
    code = ("import django; django.setup(); from django.test import Client; "
            "print('Server-Timing' in Client().get('/healthz', HTTP_HOST='plan.example.gov.cn', secure=True))")

    def header_sent(**env) -> str:
        clean = {k: v for k, v in os.environ.items() if not k.startswith("PLANEVAL_") and k != "DATABASE_URL"}
        clean.update(env, DJANGO_SETTINGS_MODULE="config.settings.base", PLANEVAL_VAR_DIR=str(ROOT / "var"),
                     PLANEVAL_SECRET_KEY="x" * 60, PLANEVAL_ALLOWED_HOSTS="plan.example.gov.cn")
        result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=clean, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        return result.stdout.strip()

    assert header_sent(PLANEVAL_ENV="production") == "False"
    assert header_sent(PLANEVAL_ENV="production", PLANEVAL_SERVER_TIMING="1") == "True"
    assert header_sent() == "True"
