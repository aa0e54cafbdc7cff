"""Fixtures of the exchange tests that the corpus's valid import rows name (an event, sales points, an activity)."""

from ocop.exchange.tests.conftest import fair, points, training  # noqa: F401
