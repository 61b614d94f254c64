"""Settings come from the environment; SQLite runs in WAL mode with a busy timeout."""

import os
import subprocess
import sys

import pytest
from django.db import connection


def _settings_in_subprocess(env: dict, expr: str) -> str:
    code = f"import taizhang.settings as s; print({expr})"
    result = subprocess.run(
        [sys.executable, "-c", code], env={**os.environ, **env}, capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def test_secret_key_is_generated_once_and_kept(tmp_path):
    env = {"TAIZHANG_DATA_DIR": str(tmp_path), "TAIZHANG_SECRET_KEY": ""}
    first = _settings_in_subprocess(env, "s.SECRET_KEY")
    second = _settings_in_subprocess(env, "s.SECRET_KEY")
    assert len(first) > 40 and first == second
    assert (tmp_path / "secret_key").read_text().strip() == first


def test_database_url_selects_postgresql_and_debug_is_off_by_default(tmp_path):
    env = {
        "TAIZHANG_DATA_DIR": str(tmp_path),
        "TAIZHANG_DATABASE_URL": "postgres://postgres@127.0.0.1:5432/x",
        "TAIZHANG_DEBUG": "",
    }
    assert (
        _settings_in_subprocess(env, "s.DATABASES['default']['ENGINE'], s.DEBUG")
        == "django.db.backends.postgresql False"
    )


def test_default_database_is_sqlite_in_the_data_dir(tmp_path):
    env = {"TAIZHANG_DATA_DIR": str(tmp_path), "TAIZHANG_DATABASE_URL": ""}
    assert _settings_in_subprocess(env, "s.DATABASES['default']['NAME']") == str(
        tmp_path / "taizhang.sqlite3"
    )


@pytest.mark.django_db
def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='taizhang.settings'; django.setup();"
        "from django.db import connection; c=connection.cursor();"
        "print(c.execute('PRAGMA journal_mode').fetchone()[0], c.execute('PRAGMA busy_timeout').fetchone()[0])"
    )
    env = {**os.environ, "TAIZHANG_DATA_DIR": str(tmp_path), "TAIZHANG_DATABASE_URL": ""}
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout
    mode, timeout = out.split()
    assert mode == "wal" and int(timeout) >= 5000
