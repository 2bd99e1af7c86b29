"""Checks every answer a test gets from an `/api` route against the OpenAPI description."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import jsonschema
from flask import request, request_finished

from api.openapi import build_spec, v1_path


class ContractViolation(AssertionError):
    pass


def _schema_for(spec: dict, path: str, method: str, status: int) -> dict | str | None:
    operation = spec["paths"].get(path, {}).get(method.lower())
    if operation is None:
        raise ContractViolation(f"{method} {path} is not described in the OpenAPI description")
    answer = operation["responses"].get(str(status)) or (operation["responses"]["default"] if status >= 400 else None)
    if answer is None:
        raise ContractViolation(f"{method} {path} answered {status}, which its description does not list")
    content = answer.get("content")
    if not content:
        return "empty"
    return content.get("application/json", {}).get("schema")


def check(rule: str, method: str, response) -> None:
    """Raise ContractViolation when `response` (from `rule`, a Flask URL rule) does not match the description."""
    if not rule.startswith("/api") or method in ("HEAD", "OPTIONS"):
        return
    spec = build_spec(None)
    path = v1_path(rule)
    schema = _schema_for(spec, path, method, response.status_code)
    if schema == "empty":
        if response.status_code == 204 and response.get_data():
            raise ContractViolation(f"{method} {path} answered 204 with a body")
        return
    if schema is None or response.mimetype != "application/json":
        return  # a stream or a page: described by its media type only
    document = {"$ref": schema["$ref"], "components": spec["components"]} if "$ref" in schema else schema
    try:
        jsonschema.Draft202012Validator(document).validate(response.get_json())
    except jsonschema.ValidationError as exc:
        raise ContractViolation(f"{method} {path} {response.status_code}: {exc.message} at "
                                f"{'/'.join(map(str, exc.absolute_path))}") from None


@contextlib.contextmanager
def watching() -> Iterator[list[str]]:
    """Check every answer any app gives while inside; yields the list of violations found."""
    violations: list[str] = []

    def _check(sender, response, **_extra):
        view = sender.view_functions.get(request.url_rule.endpoint) if request.url_rule is not None else None
        # Routes a test adds for itself (not the product's) are not part of the contract.
        if view is not None and not getattr(view, "__module__", "").startswith("api.") and \
                not getattr(getattr(view, "__wrapped__", None), "__module__", "").startswith("api."):
            return
        if request.url_rule is not None and not response.is_streamed:
            try:
                check(request.url_rule.rule, request.method, response)
            except ContractViolation as exc:
                violations.append(str(exc))

    request_finished.connect(_check)
    try:
        yield violations
    finally:
        request_finished.disconnect(_check)
