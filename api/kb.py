"""REST: the tenant's knowledge base (upload, list, detail, delete, re-embed, search)."""

from __future__ import annotations

import uuid
from dataclasses import asdict

from flask import Blueprint, abort, jsonify, request
from pydantic import ValidationError

from api.auth import tenant_required
from api.context import container
from api.errors import error_response, id_or_404, invalid
from api.pagination import paginated
from schemas.kb import SearchRequest
from services.usecases import kb

blueprint = Blueprint("kb", __name__, url_prefix="/api/kb")


@blueprint.errorhandler(kb.KnowledgeBaseError)
def _refused(exc: kb.KnowledgeBaseError):
    error = type(exc).__name__.removesuffix("Error")
    snake = "".join(f"_{c.lower()}" if c.isupper() else c for c in error).lstrip("_")
    return error_response(exc.status, snake, str(exc), **exc.details)


@blueprint.post("/upload")
@tenant_required
def upload(user_id: uuid.UUID):
    files = request.files.getlist("file")
    if not files:
        abort(400, description="send the document as a multipart form field named 'file'")
    if len(files) > 1:
        abort(400, description="send one file per request")
    upload_file = files[0]
    document = container().kb.upload(user_id, upload_file.filename or "document", upload_file.read())
    return jsonify(document=document.model_dump(mode="json")), 202


@blueprint.get("")
@tenant_required
def list_documents(user_id: uuid.UUID):
    documents = [d.model_dump(mode="json") for d in container().kb.list_documents(user_id)]
    return jsonify(paginated("documents", documents, lambda d: [d["created_at"], d["id"]]))


@blueprint.get("/<document_id>")
@tenant_required
def get_document(user_id: uuid.UUID, document_id: str):
    document, preview = container().kb.get_document(user_id, id_or_404(document_id, "document"))
    return jsonify(document=document.model_dump(mode="json"), preview=[asdict(p) for p in preview])


@blueprint.delete("/<document_id>")
@tenant_required
def delete_document(user_id: uuid.UUID, document_id: str):
    container().kb.delete_document(user_id, id_or_404(document_id, "document"))
    return "", 204


@blueprint.post("/<document_id>/reembed")
@tenant_required
def reembed(user_id: uuid.UUID, document_id: str):
    document = container().kb.reembed_document(user_id, id_or_404(document_id, "document"))
    return jsonify(document=document.model_dump(mode="json")), 202


@blueprint.post("/search")
@tenant_required
def search(user_id: uuid.UUID):
    payload = request.get_json(silent=True)
    if not isinstance(payload, dict):
        abort(400, description="send a JSON object like {\"query\": \"...\", \"k\": 5}")
    try:
        wanted = SearchRequest.model_validate(payload)
    except ValidationError as exc:
        return invalid(exc, 422, "invalid_request", "the search request is not valid")
    hits = container().kb.search(user_id, wanted.query, wanted.k, wanted.document_ids)
    return jsonify(query=wanted.query, results=[h.model_dump(mode="json") for h in hits])
