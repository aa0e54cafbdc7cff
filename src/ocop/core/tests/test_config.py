"""Settings from the environment fail loudly, naming the variable."""

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from ocop import config


def test_a_bad_database_url_is_refused_with_its_name(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "mysql://root@localhost/ocop")
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        config.database(config.data_dir() / "x.sqlite3")
    monkeypatch.setenv("DATABASE_URL", "not a url")
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        config.database(config.data_dir() / "x.sqlite3")


def test_postgres_urls_are_accepted(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://ocop@127.0.0.1:5432/ocop")
    assert config.database(config.data_dir() / "x.sqlite3")["ENGINE"] == "django.db.backends.postgresql"


def test_booleans_and_integers_are_checked(monkeypatch):
    monkeypatch.setenv("DEBUG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="DEBUG"):
        config.env_bool("DEBUG", False)
    monkeypatch.setenv("OCOP_MAX_PHOTO_BYTES", "5MB")
    with pytest.raises(ImproperlyConfigured, match="OCOP_MAX_PHOTO_BYTES"):
        config.env_int("OCOP_MAX_PHOTO_BYTES", 1)
    for bad in ("1", "3601", "soon"):
        monkeypatch.setenv("OCOP_WORKER_LOST_AFTER", bad)
        with pytest.raises(ImproperlyConfigured, match="OCOP_WORKER_LOST_AFTER"):
            config.env_int_between("OCOP_WORKER_LOST_AFTER", 60, 2, 3600)
    monkeypatch.setenv("OCOP_WORKER_LOST_AFTER", "90")
    assert config.env_int_between("OCOP_WORKER_LOST_AFTER", 60, 2, 3600) == 90
    monkeypatch.setenv("OCOP_MODE", "staging")
    with pytest.raises(ImproperlyConfigured, match="OCOP_MODE"):
        config.mode()


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("OCOP_LOGIN_FAILURE_LIMIT", "0"),
        ("OCOP_LOGIN_LOCKOUT_MINUTES", "a quarter"),
        ("OCOP_PROXY_COUNT", "-1"),
        ("OCOP_API_TOKEN_DAYS", "100000"),
    ],
)
def test_throttling_and_token_settings_stop_the_start_with_their_name(name, value):
    result = run_ocop("check", **{name: value})
    assert result.returncode != 0
    assert name in result.stderr


def test_integer_bounds_are_named_in_the_message(monkeypatch):
    monkeypatch.setenv("OCOP_LOGIN_FAILURE_LIMIT", "0")
    with pytest.raises(ImproperlyConfigured, match=r"OCOP_LOGIN_FAILURE_LIMIT='0' is out of range.*from 1 to 100"):
        config.env_int("OCOP_LOGIN_FAILURE_LIMIT", 5, minimum=1, maximum=100)


def run_ocop(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_SETTINGS_MODULE")}
    return subprocess.run(
        [sys.executable, "-m", "ocop.cli", *args],
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_without_a_secret_key_stops_at_start_up():
    result = run_ocop("check", OCOP_MODE="production", ALLOWED_HOSTS="ocop.example.vn")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_check_deploy_is_clean_in_production_mode():
    result = run_ocop(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        OCOP_MODE="production",
        SECRET_KEY="k" * 20 + "Zq8#mP2$vL9!xR4&nT7*wB1@cF6^hJ3(",
        ALLOWED_HOSTS="ocop.example.vn",
        OCOP_SITE_URL="https://ocop.example.vn",
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_check_deploy_warns_when_the_public_address_is_not_set():
    result = run_ocop(
        "check",
        "--deploy",
        OCOP_MODE="production",
        SECRET_KEY="k" * 20 + "Zq8#mP2$vL9!xR4&nT7*wB1@cF6^hJ3(",
        ALLOWED_HOSTS="ocop.example.vn",
    )
    assert "ocop.W002" in result.stderr + result.stdout


@pytest.mark.parametrize("value", ["ocop.example.vn", "https://ocop.example.vn/portal", "ftp://x", "https://"])
def test_the_public_address_is_a_scheme_and_a_host(monkeypatch, value):
    monkeypatch.setenv("OCOP_SITE_URL", value)
    with pytest.raises(ImproperlyConfigured, match="OCOP_SITE_URL"):
        config.env_site_url("OCOP_SITE_URL")
    monkeypatch.setenv("OCOP_SITE_URL", "https://ocop.example.vn/")
    assert config.env_site_url("OCOP_SITE_URL") == "https://ocop.example.vn"


def test_the_database_pool_is_psycopgs_on_postgresql_only(monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", "postgres://ocop@127.0.0.1:5432/ocop")
    monkeypatch.setenv("DATABASE_CONN_MAX_AGE", "60")
    plain = config.database(tmp_path / "x.sqlite3")
    assert plain["CONN_MAX_AGE"] == 60 and plain["CONN_HEALTH_CHECKS"] is True
    assert "pool" not in plain.get("OPTIONS", {})

    monkeypatch.setenv("DATABASE_POOL", "1")
    monkeypatch.setenv("DATABASE_POOL_MAX_SIZE", "8")
    pooled = config.database(tmp_path / "x.sqlite3")
    assert pooled["OPTIONS"]["pool"] == {"min_size": 2, "max_size": 8, "timeout": 10}
    assert pooled["CONN_MAX_AGE"] == 0  # Django refuses persistent connections beside a pool

    monkeypatch.setenv("DATABASE_POOL_MIN_SIZE", "9")
    with pytest.raises(ImproperlyConfigured, match="DATABASE_POOL_MIN_SIZE"):
        config.database(tmp_path / "x.sqlite3")
    monkeypatch.delenv("DATABASE_URL")
    with pytest.raises(ImproperlyConfigured, match="needs PostgreSQL"):
        config.database(tmp_path / "x.sqlite3")


def test_redis_url_selects_the_shared_forgiving_cache(monkeypatch):
    monkeypatch.delenv("REDIS_URL", raising=False)
    assert config.caches()["default"]["BACKEND"].endswith("LocMemCache")
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/2")
    shared = config.caches()["default"]
    assert shared["BACKEND"] == "ocop.core.cache.ForgivingRedisCache"
    assert shared["LOCATION"] == "redis://127.0.0.1:6379/2" and shared["KEY_PREFIX"] == "ocop"
    monkeypatch.setenv("REDIS_URL", "127.0.0.1:6379")
    with pytest.raises(ImproperlyConfigured, match="REDIS_URL"):
        config.caches()


def test_the_media_storage_options_must_be_a_json_object(monkeypatch):
    monkeypatch.setenv("OCOP_MEDIA_STORAGE_OPTIONS", '{"bucket_name": "ocop-media", "default_acl": "private"}')
    assert config.env_json_object("OCOP_MEDIA_STORAGE_OPTIONS") == {
        "bucket_name": "ocop-media",
        "default_acl": "private",
    }
    monkeypatch.setenv("OCOP_MEDIA_STORAGE_OPTIONS", '["ocop-media"]')
    with pytest.raises(ImproperlyConfigured, match="OCOP_MEDIA_STORAGE_OPTIONS"):
        config.env_json_object("OCOP_MEDIA_STORAGE_OPTIONS")
