"""docs/deployment.md and deploy/ agree with each other and with the code.

Every file the doc names exists (and every file in deploy/ is named), every setting it names is
real and documented in docs/configuration.md, every `planeval <command>` is a real command, and
nginx's upload limit and static folder match the settings.
"""
import re
import runpy
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import get_commands

ROOT = Path(__file__).resolve().parents[1]
DOC = (ROOT / "docs" / "deployment.md").read_text("utf-8")
CONFIGURATION = (ROOT / "docs" / "configuration.md").read_text("utf-8")
SETTINGS_SOURCE = (ROOT / "config" / "settings" / "base.py").read_text("utf-8")
NGINX = (ROOT / "deploy" / "nginx" / "planeval.conf").read_text("utf-8")
ENV_EXAMPLE = (ROOT / "deploy" / "planeval.env.example").read_text("utf-8")


def named_files() -> set[str]:
    return set(re.findall(r"`((?:deploy|docs)/[\w./-]+\.\w+)`", DOC))


@pytest.mark.parametrize("path", sorted(named_files()))
def test_every_file_the_doc_names_exists(path):
    assert (ROOT / path).is_file()


def test_every_file_in_deploy_is_in_the_doc():
    shipped = {p.relative_to(ROOT).as_posix() for p in (ROOT / "deploy").rglob("*") if p.is_file()}
    assert shipped and shipped <= named_files()


def named_settings() -> set[str]:
    return set(re.findall(r"\b((?:PLANEVAL_|DATABASE_)[A-Z_]+)\b", DOC + ENV_EXAMPLE))


@pytest.mark.parametrize("variable", sorted(named_settings()))
def test_every_setting_the_doc_names_is_real_and_documented(variable):
    assert f'"{variable}"' in SETTINGS_SOURCE
    assert f"`{variable}`" in CONFIGURATION


@pytest.mark.parametrize("name", ["CONN_MAX_AGE", "CONN_HEALTH_CHECKS", "SECURE_PROXY_SSL_HEADER", "STATIC_ROOT"])
def test_every_django_setting_the_doc_names_is_real(name):
    assert name in DOC
    assert hasattr(settings, name) or name in settings.DATABASES["default"]


def test_every_command_the_doc_runs_exists():
    commands = set(re.findall(r"(?:^|`|/bin/)planeval ([a-z][a-z_-]+)", DOC, re.M))
    assert {"migrate", "collectstatic", "db_worker", "backup", "restore", "audit-verify"} <= commands
    missing = commands - set(get_commands())
    assert not missing, missing


def test_nginx_accepts_what_the_application_accepts_and_serves_no_uploads():
    limit = re.search(r"client_max_body_size (\d+)m;", NGINX).group(1)
    default = int(re.search(r'"PLANEVAL_UPLOAD_MAX_BYTES", default=([\d* ]+)\)', SETTINGS_SOURCE).group(1)
                  .replace(" ", "").split("*")[0])
    assert int(limit) > default and f"client_max_body_size {limit}m" in DOC
    var_dir = re.search(r"^PLANEVAL_VAR_DIR=(.+)$", ENV_EXAMPLE, re.M).group(1)
    assert f"alias {var_dir}/static/;" in NGINX
    assert "uploads" not in re.sub(r"#.*", "", NGINX)
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in NGINX
    assert "proxy_set_header X-Real-IP $remote_addr;" in NGINX


def test_the_gunicorn_settings_load_and_name_the_wsgi_application():
    conf = runpy.run_path(str(ROOT / "deploy" / "gunicorn.conf.py"))
    module, _, name = conf["wsgi_app"].partition(":")
    assert module == "config.wsgi" and name == "application"
    assert (ROOT / "config" / "wsgi.py").is_file()
    assert conf["workers"] >= 2 and conf["timeout"] >= 60


def test_the_units_run_the_commands_from_the_installed_environment():
    for unit in (ROOT / "deploy" / "systemd").glob("*.service"):
        text = unit.read_text("utf-8")
        assert "EnvironmentFile=/etc/planeval/planeval.env" in text and "User=planeval" in text, unit.name
        assert "ExecStart=/opt/planeval/venv/bin/" in text or "/opt/planeval/venv/bin/planeval" in text, unit.name
