"""The bad-input corpus on every API operation: schemathesis reads the OpenAPI schema the API serves and generates
requests for each operation — fitting the schema and not (wrong types, missing and extra parameters, strings for
numbers, huge numbers) — sent through the Django WSGI application (no server), with the bearer token of the
province office and of a producer. Never a 500 and never a status the schema does not declare; the reads write
nothing, so no read changes the row count of any table (the writes — producers, products, dossiers, market
records, webhooks — may, when what was generated happens to be valid: that is their job). Lone surrogates and NUL in JSON, which
a schema-driven generator does not produce, are sent by hand."""

import json
from collections.abc import Iterator

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.generation.modes import GenerationMode
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from corpus import tally
from corpus.values import JSON_ONLY, SCALARS
from ocop.api.urls import api
from ocop.core.management.commands.rowcounts import row_counts
from ocop.core.models import ApiToken

pytestmark = pytest.mark.django_db

SCHEMA = schemathesis.openapi.from_dict(api.get_openapi_schema())
OPERATIONS = sorted((op.ok().method.upper(), op.ok().path) for op in SCHEMA.get_all_operations())
EXAMPLES = 3  # per operation, persona and mode (fitting the schema, and not): 31 operations × 2 × 2 × 3 requests
# Responses are checked against the schema too (what the schema says they hold): it passes for every operation.
APP = WSGIHandler()


@pytest.fixture(scope="module", autouse=True)
def report() -> Iterator[None]:
    yield
    tally.write({"api-cases", "api-json"})


@pytest.fixture
def wsgi_in_the_test_transaction() -> Iterator[None]:
    """Django's test client keeps a request from closing the test's connection (its transaction holds the test's
    data); the WSGI handler schemathesis calls does not, so the same two signal handlers are set aside here."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def keys(province_officer, producer_user, product_a, draft_b) -> dict[str, str]:
    return {
        "province": ApiToken.issue(province_officer, "corpus")[1],
        "producer": ApiToken.issue(producer_user, "corpus")[1],
    }


@pytest.mark.parametrize("persona", ["province", "producer"])
@pytest.mark.parametrize(("method", "path"), OPERATIONS)
def test_no_api_operation_gives_a_500(method, path, persona, keys, wsgi_in_the_test_transaction):
    operation = SCHEMA[path][method]
    before = row_counts()
    modes = st.one_of(operation.as_strategy(GenerationMode.POSITIVE), operation.as_strategy(GenerationMode.NEGATIVE))
    headers = {"Authorization": f"Bearer {keys[persona]}"}
    checks = [not_a_server_error, response_schema_conformance, status_code_conformance]

    @settings(
        max_examples=EXAMPLES * 2,
        derandomize=True,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=modes)
    def run(case: schemathesis.Case) -> None:
        response = case.call(app=APP, headers=headers)
        tally.add("api-cases", f"{method} {path}", 1)
        case.validate_response(response, checks=checks, headers=headers)

    run()
    after = row_counts()
    if method == "GET":
        assert {t: n for t, n in after.items() if after[t] != before.get(t)} == {}


@pytest.mark.parametrize("value", [*JSON_ONLY.values(), json.dumps(SCALARS["200k"]), str(2**70), "1e999"])
def test_json_no_schema_generates_is_refused_not_a_500(value, as_user, province_officer):
    """A lone surrogate (valid JSON, no valid text), a NUL escape, a 200,000-character name, numbers beyond any
    column: in the body of the one writing operation, where a string or a number is expected."""
    client = as_user(province_officer)
    client.raise_request_exception = False
    before = row_counts()
    for body in (
        f'{{"product_set": 7, "sheets": [{{"member": {value}, "choices": {{}}}}]}}',
        f'{{"product_set": {value}, "sheets": []}}',
        f'{{"product_set": 7, "sheets": [{{"member": "A", "choices": {{"{value[1:-1]}": {value}}}}}]}}',
    ):
        response = client.post("/api/v1/scoring/evaluate", body, content_type="application/json")
        tally.add("api-json", "POST /api/v1/scoring/evaluate", 1)
        assert response.status_code < 500, (body[:200], response.content[:500])
    assert row_counts() == before


@pytest.mark.parametrize("value", [*JSON_ONLY.values(), json.dumps(SCALARS["200k"]), str(2**70), "1e999"])
def test_json_no_schema_generates_is_refused_by_the_writes(value, as_user, province_officer, product_a):
    """The same values in the writing operations' bodies: refused with nothing saved, never a 500."""
    client = as_user(province_officer)
    client.raise_request_exception = False
    key = ApiToken.issue(province_officer, "corpus")[1]
    before = row_counts()
    for path, body in (
        ("/api/v1/producers", f'{{"name": {value}, "tax_code": {value}, "commune": {value}}}'),
        ("/api/v1/products", f'{{"name": {value}, "producer": {product_a.producer_id}, "product_set": 7}}'),
        ("/api/v1/dossiers", f'{{"product": {value}}}'),
        ("/api/v1/webhooks", f'{{"name": {value}, "url": {value}, "events": ["certificate.issued"]}}'),
        (f"/api/v1/products/{product_a.pk}/photos", f'{{"image": {value}, "alt_text": {value}}}'),
    ):
        response = client.post(path, body, content_type="application/json", headers={"Authorization": f"Bearer {key}"})
        tally.add("api-json", f"POST {path}", 1)
        assert 400 <= response.status_code < 500, (path, body[:200], response.content[:500])
    assert row_counts() == before
