"""/dashboard/whitelist and /dashboard/groups: who and where the bot answers."""

from __future__ import annotations

import uuid

from celery.exceptions import TimeoutError as NoAnswerError
from flask import Blueprint, abort, flash, redirect, request, url_for

from api.context import container
from api.dashboard.forms import ContactForm, ImportForm
from api.dashboard.web import done, login_required, page, page_number
from api.errors import id_or_404
from pipelines import plain_words
from pipelines.phones import PhoneError, parse_contact_lines, to_e164
from services.usecases import group_settings, whitelist_contacts

blueprint = Blueprint("contacts", __name__, url_prefix="/dashboard")
MAX_IMPORT_BYTES = 1024 * 1024
CONTACTS_PER_PAGE = 50


def _whitelist_page(user_id: uuid.UUID, *, add_form=None, import_form=None, report=None, status=200):
    search = request.args.get("q", "").strip()[:100]
    found = whitelist_contacts.page(container().tenant_uow, user_id, search, limit=CONTACTS_PER_PAGE,
                                    offset=(page_number() - 1) * CONTACTS_PER_PAGE)
    listing = found.listing
    return page("dashboard/whitelist.html", contacts=listing.rows, listing=listing, enabled=found.enabled,
                search=search,
                add_form=add_form or ContactForm(formdata=None), import_form=import_form or ImportForm(formdata=None),
                report=report, status=status)


@blueprint.get("/whitelist")
@login_required
def whitelist(user_id: uuid.UUID):
    return _whitelist_page(user_id)


@blueprint.post("/whitelist")
@login_required
def add_contact(user_id: uuid.UUID):
    form = ContactForm()
    form.validate()
    phone = None
    if not form.phone.errors:
        try:
            phone = to_e164(form.phone.data or "")
        except PhoneError as exc:
            form.add_problems({"phone": plain_words.reason(str(exc))})
    if form.errors or phone is None:  # no phone without an error said about it
        return _whitelist_page(user_id, add_form=form, status=400)
    added = whitelist_contacts.add_one(container().tenant_uow, user_id, phone, form.name.data or "")
    return done(f"{phone} {'added' if added else 'was already on the whitelist'}.", "contacts.whitelist")


@blueprint.post("/whitelist/import")
@login_required
def import_contacts(user_id: uuid.UUID):
    form = ImportForm()
    text = form.lines.data or ""
    upload = request.files.get("file")
    if upload is not None and upload.filename:
        data = upload.read(MAX_IMPORT_BYTES + 1)
        if len(data) > MAX_IMPORT_BYTES:
            form.add_problems({"lines": "The file is larger than 1 MB. Split it into smaller files."})
            return _whitelist_page(user_id, import_form=form, status=413)
        text = data.decode("utf-8-sig", errors="replace")
    try:
        report = parse_contact_lines(text)
    except PhoneError as exc:
        form.add_problems({"lines": plain_words.reason(str(exc))})
        return _whitelist_page(user_id, import_form=form, status=400)
    if not report:
        form.add_problems({"lines": "Paste one number per line, like +2348012345678, Ama."})
        return _whitelist_page(user_id, import_form=form, status=400)
    good = [(line.phone, line.name) for line in report if line.phone]
    added = whitelist_contacts.import_lines(container().tenant_uow, user_id, good, lines=len(report))
    summary = {"added": added, "existing": len(good) - added, "invalid": len(report) - len(good)}
    left = ImportForm(formdata=None, data={"lines": "\n".join(line.raw for line in report if not line.phone)})
    return _whitelist_page(user_id, report={"lines": report, **summary}, import_form=left)


@blueprint.post("/whitelist/<contact_id>/delete")
@login_required
def remove_contact(user_id: uuid.UUID, contact_id: str):
    removed = whitelist_contacts.remove(container().tenant_uow, user_id, id_or_404(contact_id, "contact"),
                                        via="dashboard")
    if removed is None:
        abort(404, description="There is no such contact.")
    return done(f"{removed.phone or removed.lid} removed from the whitelist.", "contacts.whitelist")


@blueprint.post("/whitelist/mode")
@login_required
def whitelist_mode(user_id: uuid.UUID):
    enabled = request.form.get("enabled") == "on"
    whitelist_contacts.set_mode(container().tenant_uow, user_id, enabled)
    message = "Only whitelisted contacts get answers now." if enabled else "Every contact gets answers now."
    return done(message, "contacts.whitelist")


@blueprint.get("/groups")
@login_required
def groups(user_id: uuid.UUID):
    return page("dashboard/groups.html", groups=group_settings.listed(container().tenant_uow, user_id))


@blueprint.post("/groups/refresh")
@login_required
def refresh_groups(user_id: uuid.UUID):
    try:
        found = container().session_commands.ask(user_id, "groups")
    except (LookupError, NoAnswerError) as exc:
        flash(f"Could not read your groups: {exc or 'WhatsApp did not answer in time'}", "error")
        return redirect(url_for("contacts.groups"))
    pairs = [(g["id"], str(g.get("name") or "")[:200]) for g in found if str(g.get("id", "")).endswith("@g.us")]
    group_settings.remember(container().tenant_uow, user_id, pairs)
    return done(f"{len(pairs)} groups read from WhatsApp.", "contacts.groups")


@blueprint.post("/groups/<group_id>")
@login_required
def set_group(user_id: uuid.UUID, group_id: str):
    auto_reply, mention_only = request.form.get("auto_reply") == "on", request.form.get("mention_only") == "on"
    if not group_settings.set_flags(container().tenant_uow, user_id, group_id, auto_reply=auto_reply,
                                    mention_only=mention_only):
        abort(404, description="There is no such group.")
    return done("Group settings saved.", "contacts.groups")
