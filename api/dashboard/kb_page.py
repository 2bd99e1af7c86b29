"""/dashboard/kb: the documents the bot answers from."""

from __future__ import annotations

import uuid

from flask import Blueprint, abort, flash, redirect, request, url_for

from api.context import container
from api.dashboard.web import done, login_required, page, page_number
from api.errors import id_or_404
from services.repositories.rows import Page
from services.usecases import kb

blueprint = Blueprint("kb_page", __name__, url_prefix="/dashboard/kb")
MAX_FILES = 20
PASSAGES_PER_PAGE = 20
DOCUMENTS_PER_PAGE = 50


@blueprint.get("")
@login_required
def index(user_id: uuid.UUID):
    c = container()
    query = request.args.get("q", "").strip()[:2000]
    hits, answer = c.kb.try_question(user_id, query) if query else (None, None)
    documents = c.kb.list_documents(user_id)
    offset = (page_number() - 1) * DOCUMENTS_PER_PAGE
    listing = Page(documents[offset:offset + DOCUMENTS_PER_PAGE], len(documents), offset)
    return page("dashboard/kb.html", documents=listing.rows, listing=listing, query=query, hits=hits, answer=answer,
                max_bytes=c.settings.kb_max_upload_bytes, max_files=MAX_FILES)


@blueprint.post("/upload")
@login_required
def upload(user_id: uuid.UUID):
    files = [f for f in request.files.getlist("files") if f.filename]
    if not files:
        flash("Choose at least one file to upload.", "error")
    elif len(files) > MAX_FILES:
        flash(f"Upload at most {MAX_FILES} files at a time.", "error")
    else:
        # Each file stands alone: one refused file does not lose the others.
        for upload_file in files:
            try:
                container().kb.upload(user_id, upload_file.filename,  # type: ignore[arg-type]  # as before: a file part names its file
                          upload_file.read())
            except kb.KnowledgeBaseError as exc:
                flash(f"{upload_file.filename}: {exc}", "error")
            else:
                flash(f"{upload_file.filename}: uploaded, reading it now.", "success")
    return redirect(url_for("kb_page.index"))


@blueprint.get("/<document_id>")
@login_required
def detail(user_id: uuid.UUID, document_id: str):
    wanted = id_or_404(document_id, "document")
    offset = (page_number() - 1) * PASSAGES_PER_PAGE
    try:
        document, preview = container().kb.get_document(user_id, wanted, limit=PASSAGES_PER_PAGE, offset=offset)
    except kb.DocumentNotFoundError:
        abort(404, description="There is no such document.")
    listing = Page(preview, container().kb.count_passages(user_id, wanted), offset)
    return page("dashboard/kb_detail.html", document=document, listing=listing)


def _act(user_id: uuid.UUID, document_id: str, action, message: str):
    try:
        action(user_id, id_or_404(document_id, "document"))
    except kb.DocumentNotFoundError:
        abort(404, description="There is no such document.")
    except kb.KnowledgeBaseError as exc:
        flash(str(exc), "error")
        return redirect(url_for("kb_page.index"))
    return done(message, "kb_page.index")


@blueprint.post("/<document_id>/delete")
@login_required
def delete(user_id: uuid.UUID, document_id: str):
    return _act(user_id, document_id, container().kb.delete_document,
                "The document is deleted; the bot no longer uses it.")


@blueprint.post("/<document_id>/reembed")
@login_required
def reembed(user_id: uuid.UUID, document_id: str):
    return _act(user_id, document_id, container().kb.reembed_document, "The document is being read again.")
