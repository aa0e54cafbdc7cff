"""The forgiving Redis cache (core/cache.py): Redis out of reach reads as a miss, sessions live on in the
database, and clearing deletes only this site's keys."""

import os

import pytest
from django.core.cache import caches

from ocop.core.cache import ForgivingRedisCache

pytestmark = pytest.mark.django_db
DOWN = {
    "BACKEND": "ocop.core.cache.ForgivingRedisCache",
    "LOCATION": "redis://127.0.0.1:9/0",  # the discard port: nothing answers Redis there
    "KEY_PREFIX": "ocop-test-down",
    "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
}


def test_every_operation_on_a_lost_redis_is_a_miss() -> None:
    cache = ForgivingRedisCache(DOWN["LOCATION"], DOWN)
    cache.set("a", 1)
    assert cache.get("a", "default") == "default"
    assert cache.add("a", 1) is False and cache.get_many(["a", "b"]) == {}
    assert cache.has_key("a") is False and cache.delete("a") is False
    with pytest.raises(ValueError):
        cache.incr("a")
    cache.clear()
    assert not cache.reachable  # the process waits a moment before asking Redis again


def test_signed_in_people_keep_their_session_when_redis_stops(client, settings, province_officer) -> None:
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    settings.CACHES = {"default": DOWN}
    client.force_login(province_officer)  # written to the database; the cache's copy is lost
    response = client.get("/staff/producers/")
    assert response.status_code == 200
    assert "tinh" in response.content.decode()


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs a Redis (REDIS_URL), as CI's PostgreSQL pass")
def test_clearing_deletes_only_this_prefix() -> None:
    ours = caches["default"]
    location = ours._servers[0]  # type: ignore[attr-defined]
    neighbour = ForgivingRedisCache(location, {"KEY_PREFIX": f"{ours.key_prefix}-neighbour"})
    neighbour.set("kept", "yes")
    ours.set("gone", "yes")
    ours.clear()
    assert ours.get("gone") is None
    assert neighbour.get("kept") == "yes"
    neighbour.clear()
