"""Settings read from the environment, validated loudly.

Every variable is documented in docs/configuration.md. A bad value stops the process at start-up with a
message that names the variable, instead of failing later in a request.
"""

import ipaddress
import json
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}
MODES = ("development", "production", "test")


def env_str(name: str, default: str | None = None) -> str:
    value = os.environ.get(name)
    if value is None or value == "":
        if default is None:
            raise ImproperlyConfigured(f"{name} must be set (see docs/configuration.md).")
        return default
    return value


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    word = raw.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean; use 1/0, true/false, yes/no or on/off.")


def env_int(name: str, default: int, minimum: int | None = None, maximum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not an integer.") from None
    if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
        if minimum is not None and maximum is not None:
            bounds = f"from {minimum} to {maximum}"
        else:
            bounds = f"of at least {minimum}" if minimum is not None else f"of at most {maximum}"
        raise ImproperlyConfigured(f"{name}={raw!r} is out of range; expected an integer {bounds}.")
    return value


def env_int_between(name: str, default: int, low: int, high: int) -> int:
    value = env_int(name, default)
    if not low <= value <= high:
        raise ImproperlyConfigured(f"{name}={value} is out of range; expected {low} to {high}.")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_site_url(name: str) -> str:
    """A public address, scheme and host only ("https://ocop.example.vn"), without the trailing slash; "" if unset."""
    from urllib.parse import urlsplit

    value = os.environ.get(name, "").strip().rstrip("/")
    if not value:
        return ""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.path or parts.query or parts.fragment:
        raise ImproperlyConfigured(f"{name} must be a scheme and a host, e.g. https://ocop.example.vn (got {value!r}).")
    return value


def env_networks(name: str, default: list[str]) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    """A comma-separated list of addresses or networks (127.0.0.1, 10.0.0.0/8, ::1)."""
    networks = []
    for item in env_list(name, default):
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError:
            raise ImproperlyConfigured(f"{name}: {item!r} is not an address or a network.") from None
    return networks


def env_json_object(name: str) -> dict[str, object]:
    """A JSON object ({"bucket_name": "ocop"}); unset or empty: {}."""
    raw = os.environ.get(name, "")
    if not raw.strip():
        return {}
    try:
        value = json.loads(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} is not valid JSON: {exc}") from None
    if not isinstance(value, dict):
        raise ImproperlyConfigured(f"{name} must be a JSON object ({{...}}).")
    return value


def mode() -> str:
    value = env_str("OCOP_MODE", "development")
    if value not in MODES:
        raise ImproperlyConfigured(f"OCOP_MODE={value!r}; expected one of {', '.join(MODES)}.")
    return value


def data_dir() -> Path:
    path = Path(env_str("OCOP_DATA_DIR", str(Path.cwd() / "var"))).resolve()
    path.mkdir(parents=True, exist_ok=True)
    return path


def database(default_sqlite: Path) -> dj_database_url.DBConfig:
    url = env_str("DATABASE_URL", f"sqlite:///{default_sqlite}")
    try:
        config = dj_database_url.parse(url, conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0))
    except ValueError as exc:
        raise ImproperlyConfigured(f"DATABASE_URL is not a valid database URL: {exc}") from None
    engine = config.get("ENGINE", "")
    if engine not in ("django.db.backends.sqlite3", "django.db.backends.postgresql"):
        raise ImproperlyConfigured(
            f"DATABASE_URL uses {engine or 'an unknown engine'}; OCOP supports sqlite:// and postgres:// only."
        )
    # A connection kept across requests is checked before each reuse: after PostgreSQL restarts, a node
    # reconnects by itself instead of failing one request per stale connection.
    config["CONN_HEALTH_CHECKS"] = env_bool("DATABASE_CONN_HEALTH_CHECKS", True)
    if env_bool("DATABASE_POOL", False):
        if not engine.endswith("postgresql"):
            raise ImproperlyConfigured("DATABASE_POOL=1 needs PostgreSQL (DATABASE_URL=postgres://…).")
        low = env_int("DATABASE_POOL_MIN_SIZE", 2, minimum=0, maximum=1000)
        high = env_int("DATABASE_POOL_MAX_SIZE", 10, minimum=1, maximum=1000)
        if low > high:
            raise ImproperlyConfigured(f"DATABASE_POOL_MIN_SIZE={low} is above DATABASE_POOL_MAX_SIZE={high}.")
        wait = env_int("DATABASE_POOL_TIMEOUT", 10, minimum=1, maximum=300)
        # psycopg's pool (one per process) replaces persistent connections; Django refuses both at once.
        config["CONN_MAX_AGE"] = 0
        config["OPTIONS"] = {**config.get("OPTIONS", {}), "pool": {"min_size": low, "max_size": high, "timeout": wait}}
    if engine.endswith("sqlite3"):
        # WAL lets the worker write while web requests read; IMMEDIATE avoids lock-upgrade deadlocks.
        config["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
        }
    return config


def caches() -> dict[str, dict[str, object]]:
    """Django's CACHES. With REDIS_URL, one Redis shared by every process of every node (the page cache, the
    catalogue's version, the sessions' cache); without it, each process's own memory (`make run`, the tests)."""
    url = env_str("REDIS_URL", "")
    if not url:
        return {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    if not url.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured(f"REDIS_URL={url!r} must start with redis://, rediss:// or unix://.")
    timeout = env_int("REDIS_SOCKET_TIMEOUT_MS", 250, minimum=10, maximum=10_000) / 1000
    return {
        "default": {
            # Django's RedisCache, but a Redis out of reach reads as a miss (core/cache.py): the site keeps serving.
            "BACKEND": "ocop.core.cache.ForgivingRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "ocop"),
            "OPTIONS": {"socket_connect_timeout": timeout, "socket_timeout": timeout},
        }
    }
