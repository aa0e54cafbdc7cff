"""The OpenAPI document says, for every operation, what it takes and every answer it can give (issue 16 §4):
a typed request body for every write, the filter set of every list, a typed success answer, and the shared
error schema for each error status the operation can give — derived from the operation's own shape, so a new
operation that forgets one fails here."""

import pytest

from ocop.api.urls import api

WRITES = {"post", "put", "patch", "delete"}
ERROR = {"$ref": "#/components/schemas/ErrorOut"}


def operations() -> list[tuple[str, str, dict]]:
    paths = api.get_openapi_schema()["paths"]
    return [(method, path, op) for path, ops in paths.items() for method, op in ops.items()]


def json_schema(part: dict) -> dict:
    return (part.get("content") or {}).get("application/json", {}).get("schema") or {}


def is_free_form(schema: dict) -> bool:
    """An untyped object (a `dict[str, Any]` body or answer): it says nothing of what goes in it."""
    return schema.get("type") == "object" and "properties" not in schema and "$ref" not in schema


def can_mistype(parameter: dict) -> bool:
    """Whether a value of this parameter can fail validation (a number, a date, a choice): a 422."""
    schema = parameter["schema"]
    kinds = [s for s in schema.get("anyOf", [schema]) if s.get("type") != "null"]
    return any(set(k) - {"title", "default", "description"} != {"type"} or k["type"] != "string" for k in kinds)


def expected_errors(method: str, op: dict) -> set[int]:
    parameters = op.get("parameters", [])
    expected = {400}  # a NUL anywhere in the request; a bad filter; a body that does not validate
    if op.get("security"):
        expected |= {401, 429}  # no or bad authentication; too many failed tokens from the address
        if method in WRITES:
            expected.add(403)  # a browser session's change without the CSRF token
    if any(p["in"] == "path" for p in parameters):
        expected.add(404)
    if any(can_mistype(p) for p in parameters):
        expected.add(422)
    return expected


def problems(method: str, op: dict) -> list[str]:
    """What the operation's entry fails to say."""
    found = []
    answers = {int(status): part for status, part in op["responses"].items()}
    ok = json_schema(answers.get(200, {}))
    if not ok or is_free_form(ok):
        found.append(f"no typed success answer ({ok})")
    if method in WRITES and "$ref" not in json_schema(op.get("requestBody", {})):
        found.append(f"the request body has no schema of its own ({json_schema(op.get('requestBody', {}))})")
    names = {p["name"] for p in op.get("parameters", [])}
    if ok.get("$ref", "").endswith("Page") and not {"q", "sort"} <= names:
        found.append("a list whose filter set's parameters are not documented")
    missing = expected_errors(method, op) - set(answers)
    if missing:
        found.append(f"error answers not declared: {sorted(missing)}")
    found += [f"{status} is not the shared ErrorOut" for status, part in answers.items()
              if status >= 400 and json_schema(part) != ERROR]  # fmt: skip
    return found


@pytest.mark.parametrize(("method", "path", "op"), operations(), ids=lambda v: v if isinstance(v, str) else "")
def test_every_operation_declares_what_it_takes_and_answers(method, path, op):
    assert not problems(method, op), f"{method.upper()} {path}: {problems(method, op)}"


def test_the_document_has_operations_and_the_shared_error_schema():
    schema = api.get_openapi_schema()
    assert len(operations()) >= 30
    error = schema["components"]["schemas"]["ErrorOut"]
    assert error["required"] == ["detail"] and set(error["properties"]) == {"detail", "errors"}


def test_the_walk_catches_an_untyped_operation():
    """The scoring endpoint as it was (an untyped dict in, nothing said of the answer or its errors) fails on
    each count; a typed operation whose declared error is not the shared schema fails too."""
    untyped = {"type": "object", "additionalProperties": True, "title": "Body"}
    old = {
        "requestBody": {"content": {"application/json": {"schema": untyped}}},
        "responses": {"200": {"description": "OK"}},
        "security": [{"TokenAuth": []}],
    }
    assert problems("post", old) == [
        "no typed success answer ({})",
        f"the request body has no schema of its own ({untyped})",
        "error answers not declared: [400, 401, 403, 429]",
    ]
    typed = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/X"}}}}
    other_error = {"content": {"application/json": {"schema": {"type": "object"}}}}
    read = {"parameters": [{"in": "path", "name": "pk", "schema": {"type": "integer"}}],
            "responses": {"200": typed, "400": typed, "404": other_error, "422": typed}}  # fmt: skip
    assert problems("get", read) == [
        "400 is not the shared ErrorOut",
        "404 is not the shared ErrorOut",
        "422 is not the shared ErrorOut",
    ]
    assert not can_mistype({"schema": {"anyOf": [{"type": "string"}, {"type": "null"}], "title": "Q"}})
    page = {"parameters": [{"in": "query", "name": "page", "schema": {"type": "integer"}}],
            "responses": {"200": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/XPage"}}}},
                          "400": {"content": {"application/json": {"schema": ERROR}}},
                          "422": {"content": {"application/json": {"schema": ERROR}}}}}  # fmt: skip
    assert problems("get", page) == ["a list whose filter set's parameters are not documented"]
