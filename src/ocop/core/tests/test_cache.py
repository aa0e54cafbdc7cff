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
    settings.SESSION_ENGINE = "ocop.core.sessions"
    settings.CACHES = {"default": DOWN}
    client.force_login(province_officer)  # written to the database; the cache's copy is lost
    response = client.get("/staff/producers/")
    assert response.status_code == 200
    assert "tinh" in response.content.decode()


def test_a_logout_while_redis_is_out_of_reach_is_refused_and_keeps_the_session(client, settings, province_officer):
    """Logging out must forget the cached copy too: while Redis does not answer, the logout answers 503 and the
    person stays signed in (the database row kept), instead of a copy that would outlive the logout."""
    settings.SESSION_ENGINE = "ocop.core.sessions"
    settings.CACHES = {"default": DOWN}
    client.force_login(province_officer)
    response = client.post("/logout/")
    assert response.status_code == 503 and response["Retry-After"]
    assert client.get("/staff/producers/").status_code == 200  # still signed in, as the page said


def test_a_logout_with_the_cache_answering_forgets_both_copies(client, settings, province_officer):
    from django.contrib.sessions.models import Session

    settings.SESSION_ENGINE = "ocop.core.sessions"
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "s"}}
    client.force_login(province_officer)
    key = client.session.session_key
    client.post("/logout/")
    assert not Session.objects.filter(session_key=key).exists()
    assert caches["default"].get(f"django.contrib.sessions.cached_db{key}") is None
    client.cookies["sessionid"] = key  # the old cookie opens nothing
    assert client.get("/staff/producers/").status_code == 302


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
