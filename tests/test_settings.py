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


def production_env(tmp_path) -> dict:
    # The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE in this process; a server never has it.
    clean = {k: v for k, v in os.environ.items()
             if not k.startswith("PLANEVAL_") and k not in ("DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    clean.update(DJANGO_SETTINGS_MODULE="config.settings.base", PLANEVAL_ENV="production",
                 PLANEVAL_VAR_DIR=str(tmp_path), PLANEVAL_ALLOWED_HOSTS="plan.example.gov.cn",
                 PLANEVAL_SECRET_KEY="k3J9-unguessable-production-key-for-the-deploy-check-8fQ2zX7vP1mW4rT6yB0nC5")
    return clean


def test_production_passes_the_deploy_check_with_the_csp_in_place(tmp_path):
    """`planeval check --deploy --fail-level WARNING` (issue 9): no warning with a key and hosts set."""
    planeval = Path(sys.executable).with_name("planeval")
    result = subprocess.run([str(planeval), "check", "--deploy", "--fail-level", "WARNING"], cwd=ROOT,
                            env=production_env(tmp_path), capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_sends_hsts_csp_and_the_other_headers(tmp_path):
    """What a browser receives from a production server over HTTPS (behind nginx: X-Forwarded-Proto)."""
    code = ("import django; django.setup(); from django.test import Client; "
            "r = Client().get('/healthz', HTTP_HOST='plan.example.gov.cn', HTTP_X_FORWARDED_PROTO='https'); "
            "plain = Client().get('/healthz', HTTP_HOST='plan.example.gov.cn'); "
            "print(r.status_code, plain.status_code, plain['Location']); "
            "[print(name + ': ' + r[name]) for name in ('Strict-Transport-Security', 'Content-Security-Policy', "
            "'X-Content-Type-Options', 'X-Frame-Options', 'Referrer-Policy', 'Cross-Origin-Opener-Policy', "
            "'Permissions-Policy')]")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=production_env(tmp_path),
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "200 301 https://plan.example.gov.cn/healthz"
    headers = dict(line.split(": ", 1) for line in lines[1:])
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    # django-csp writes the directives in no fixed order: compare them one by one.
    policy = dict(part.strip().split(" ", 1) for part in headers["Content-Security-Policy"].split(";"))
    assert policy["script-src"] == "'self'" and policy["style-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert headers["X-Content-Type-Options"] == "nosniff" and headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in headers["Permissions-Policy"]
