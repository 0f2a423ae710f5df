"""Settings read the environment only: production refuses to run unsafely, DATABASE_URL picks the engine."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from tests.engines import postgres

ROOT = Path(__file__).resolve().parents[2]


def run(args: list[str], **env: str) -> subprocess.CompletedProcess:
    # Start from a clean slate: other tests' conftests set DJANGO_* variables (DJANGO_ALLOW_ASYNC_UNSAFE).
    unset = {"SECRET_KEY", "DEBUG", "DATABASE_URL", "ALLOWED_HOSTS"}
    environment = {
        key: value for key, value in os.environ.items() if key not in unset and not key.startswith("DJANGO_")
    }
    environment.update(env)
    return subprocess.run(  # noqa: S603 - our own interpreter and arguments
        [sys.executable, *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=300, check=False
    )


def test_deploy_checks_pass_with_production_settings_and_the_required_variables(tmp_path):
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="union.example.com",
        VAR_DIR=str(tmp_path),
    )

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_settings_refuse_to_start_without_a_secret_key(tmp_path):
    result = run(
        ["manage.py", "check"],
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        ALLOWED_HOSTS="union.example.com",
        VAR_DIR=str(tmp_path),
    )

    assert result.returncode != 0
    assert "SECRET_KEY must be set in production." in result.stderr


def test_database_url_selects_a_real_postgresql(tmp_path):
    try:
        postgres.binaries_dir()
    except postgres.PostgresUnavailable as error:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(str(error), pytrace=False)
        pytest.skip(str(error))
    probe = (
        "import django; django.setup(); from django.db import connection;"
        "print(connection.vendor, connection.cursor().connection.info.server_version // 10000)"
    )

    result = run(
        ["-m", "tests.engines.postgres", "--", sys.executable, "-c", probe],
        DJANGO_SETTINGS_MODULE="cms.settings.test",
        VAR_DIR=str(tmp_path),
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["postgresql", "15"]
