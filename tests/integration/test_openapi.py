"""The OpenAPI description: valid 3.1, describes every `/api` route, served with a browsable page, and the
Postman collection in docs/postman is the one generated from it."""

from __future__ import annotations

import json

from openapi_spec_validator import validate

from api import create_app
from api.openapi import OPS, build_spec, postman_collection, v1_path
from schemas.api import DESCRIBED
from tests.conftest import REPO_ROOT


def test_every_described_model_is_a_schema_the_routes_share():
    """The description is built from schemas/ only: a model made up beside the description could drift from
    what the routes validate and answer."""
    named = {body for op in OPS for body in (op.request, *op.responses.values()) if isinstance(body, type)}
    assert named, "no operation names a model"
    outside = sorted(f"{m.__module__}.{m.__name__}" for m in named | set(DESCRIBED)
                     if not m.__module__.startswith("schemas."))
    assert outside == []
    top_level = {m.__name__ for m in DESCRIBED}
    components = build_spec(None)["components"]["schemas"]
    assert top_level <= set(components)
    # Every model an operation names is listed (or reached through one that is), so its schema is a component.
    assert {m.__name__ for m in named} <= set(components)


def test_every_api_route_is_described_and_versioned(settings, container):
    app = create_app(settings, container)
    spec = build_spec(None)
    validate(spec)
    rules = [(r.rule, m) for r in app.url_map.iter_rules() if r.rule.startswith("/api")
             for m in r.methods - {"HEAD", "OPTIONS"}]
    assert len(rules) > 80
    undescribed = sorted(f"{m} {rule}" for rule, m in rules if m.lower() not in spec["paths"].get(v1_path(rule), {}))
    assert undescribed == []
    served = {(r.rule, m) for r, m in ((r, m) for r in app.url_map.iter_rules() for m in r.methods)}
    for path, operations in spec["paths"].items():
        flask_rule = path.replace("{", "<").replace("}", ">")
        for method in operations:
            assert (flask_rule, method.upper()) in served, f"{method} {path} is described but not served"
            unversioned = flask_rule.replace("/api/v1/", "/api/", 1)
            if path not in ("/api/v1/session/send-media",):
                assert (unversioned, method.upper()) in served, f"{method} {unversioned}: the alias is missing"


def test_description_and_docs_page_are_served(settings, container):
    client = create_app(settings, container).test_client()
    for path in ("/api/openapi.json", "/api/v1/openapi.json"):
        answer = client.get(path)
        assert answer.status_code == 200 and answer.get_json()["openapi"] == "3.1.0"
    page = client.get("/api/docs")
    assert page.status_code == 200 and "script-src 'self'" in page.headers["Content-Security-Policy"]
    html = page.get_data(as_text=True)
    assert "<script>" not in html and "http" not in html.replace("http-equiv", "")  # nothing inline, no CDN
    for asset in ("swagger-ui-bundle.js", "swagger-ui.css"):
        assert client.get(f"/assets/api-docs/{asset}").status_code == 200
    assert client.get("/static/api-docs.js").status_code == 200
    assert client.get("/assets/api-docs/package.json").status_code == 404


def test_postman_collection_is_generated_from_the_description():
    spec = build_spec(None)
    folder = REPO_ROOT / "docs" / "postman"
    assert json.loads((folder / "openapi.json").read_text()) == json.loads(json.dumps(spec)), \
        "run `salesboy api-docs` and commit docs/postman"
    collection = json.loads((folder / "salesboy.postman_collection.json").read_text())
    assert collection == json.loads(json.dumps(postman_collection(spec)))
    requests = [item["request"] for folder_ in collection["item"] for item in folder_["item"]]
    assert len(requests) == sum(len(ops) for ops in spec["paths"].values())
