"""Sign-up, sign-in, sign-out, password reset and change.

Pages that could tell whether an email has an account (reset, and sign-up in
production) do the same work and give the same answer either way; their emails are
sent by the mail worker, after the page has answered.
"""

from __future__ import annotations

import logging
import uuid

from flask import Blueprint, Response, g, make_response, redirect, request, session, url_for
from flask_limiter import RequestLimit

from api.context import container
from api.dashboard.forms import ChangePasswordForm, LoginForm, NewPasswordForm, ResetRequestForm, SignUpForm, text_of
from api.dashboard.web import (
    app_settings,
    done,
    login_required,
    page,
    safe_next,
    sign_in,
    sign_out,
    signed_in_user,
)
from pipelines import plain_words
from services.adapters.mailer import can_send_mail
from services.usecases import accounts, sign_up

log = logging.getLogger(__name__)
blueprint = Blueprint("accounts", __name__)

CHECK_EMAIL = "If an account exists for that email, a reset link is on its way. It works for {minutes} minutes."
CONFIRM_EMAIL = "Almost there: confirm your email with the link we sent, then sign in."
NO_MAIL = "This server cannot send email yet, so {what} is not possible. Please tell its operator."


def _sentence(exc: accounts.AccountError) -> str:
    return plain_words.reason(str(exc))


def _mail_refused(what: str) -> str:
    # The operator learns why from the log; the page says what the visitor can do. No link is ever logged.
    log.warning("account email refused: SMTP_HOST is not set in production", extra={"purpose": what})
    return NO_MAIL.format(what=what)


@blueprint.get("/")
def home():
    return redirect(url_for("overview.index" if signed_in_user() else "accounts.login"))


def sign_up_was_tried(_response: Response) -> bool:
    """Whether this request counts against the sign-up limits: only a form that passed its checks and went on
    to create an account does. A person who mistypes is told what to fix, not locked out."""
    return bool(g.get("sign_up_tried"))


@blueprint.route("/signup", methods=["GET", "POST"])
def signup():
    form = SignUpForm()
    if form.validate_on_submit():
        g.sign_up_tried = True
        try:
            return _sign_up(form)
        except accounts.AccountError as exc:
            form.add_problems({exc.field or "form": _sentence(exc)})
    return page("auth/signup.html", form=form, message=None, status=400 if form.errors else 200)


def _sign_up(form: SignUpForm):
    c, settings = container(), app_settings()
    email, password, name = text_of(form.email), text_of(form.password), text_of(form.display_name)
    if not settings.is_production:
        # The single-owner default: the account is usable at once, and a taken email is said plainly.
        account = accounts.sign_up(c.account_deps, email, password, name)
        if not account.signed_in:
            return done(CONFIRM_EMAIL, "accounts.login")
        sign_in(account.user_id, account.email)
        return done(f"Welcome to Salesboy, {name}! Follow the steps below to start answering customers.",
                    "overview.index")
    if settings.auth_backend == "supabase":
        # Supabase confirms new addresses itself (turn "Confirm email" on there); a taken one hears by email.
        try:
            accounts.sign_up(c.account_deps, email, password, name)
        except accounts.EmailTakenError:
            if can_send_mail(settings):
                sign_up.tell_owner_about_sign_up(c.sign_up_deps, email)
            else:
                log.warning("owner not told of a sign-up with their email: SMTP_HOST is not set in production")
        return done(CONFIRM_EMAIL, "accounts.login")
    if not can_send_mail(settings):
        return page("auth/signup.html", form=form, message=_mail_refused("creating an account"), status=503)
    sign_up.request_sign_up(c.sign_up_deps, email, password, name)
    return done(CONFIRM_EMAIL, "accounts.login")


def too_many_sign_ups(limit: RequestLimit) -> Response:
    """The sign-up page again, saying which limit was reached (called by the rate limiter)."""
    message = f"Too many sign-ups from here in a short time (at most {limit.limit}). Please try again later."
    html, status = page("auth/signup.html", form=SignUpForm(), message=message, status=429)
    return make_response(html, status)


@blueprint.route("/signup/confirm/<token>", methods=["GET", "POST"])
def confirm_sign_up(token: str):
    # A button, not the link itself: mail scanners that open links must not use up the link.
    errors = {}
    if request.method == "POST":
        try:
            account = sign_up.confirm_sign_up(container().sign_up_deps, token)
        except accounts.AccountError as exc:
            errors = {"form": _sentence(exc)}
        else:
            sign_in(account.user_id, account.email)
            return done("Your email is confirmed. Welcome to Salesboy! Follow the steps below to start answering "
                        "customers.", "overview.index")
    return page("auth/confirm_email.html", token=token, errors=errors, status=400 if errors else 200)


@blueprint.route("/login", methods=["GET", "POST"])
def login():
    form = LoginForm(data={"next": request.args.get("next", "")})
    if form.is_submitted():
        if not form.validate():
            return page("auth/login.html", form=form, message=None, status=400)
        try:
            account = accounts.authenticate(container().account_deps, text_of(form.email), form.password.data or "")
        except accounts.AccountServiceUnavailableError as exc:
            return page("auth/login.html", form=form, message=_sentence(exc), status=503)
        if account is not None:
            sign_in(account.user_id, account.email)
            return redirect(safe_next(form.next.data))
        return page("auth/login.html", form=form, message="That email and password do not match an account.",
                    status=401)
    return page("auth/login.html", form=form, message=None)


@blueprint.post("/logout")
def logout():
    sign_out()
    return done("You are signed out.", "accounts.login")


@blueprint.route("/reset", methods=["GET", "POST"])
def reset_request():
    c, settings = container(), app_settings()
    form = ResetRequestForm()
    if form.is_submitted():
        if not form.validate():
            return page("auth/reset_request.html", form=form, message=None, status=400)
        if settings.auth_backend == "local" and not can_send_mail(settings):
            form.add_problems({"email": _mail_refused("resetting a password")})
            return page("auth/reset_request.html", form=form, message=None, status=503)
        accounts.request_reset(c.account_deps, text_of(form.email))
        # The same answer whether or not the account exists: no one learns who has an account.
        return done(CHECK_EMAIL.format(minutes=int(settings.password_reset_minutes)), "accounts.login")
    return page("auth/reset_request.html", form=form, message=None)


@blueprint.route("/reset/<token>", methods=["GET", "POST"])
def reset_confirm(token: str):
    form = NewPasswordForm()
    if form.validate_on_submit():
        try:
            account = accounts.reset_password(container().account_deps, token, text_of(form.password))
        except accounts.AccountError as exc:
            form.add_problems({exc.field or "form": _sentence(exc)})
        else:
            sign_in(account.user_id, account.email)
            return done("Your password is changed and you are signed in.", "overview.index")
    return page("auth/reset_confirm.html", token=token, form=form, message=None,
                status=400 if form.errors or form.form_errors else 200)


@blueprint.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password(user_id: uuid.UUID):
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            accounts.change_password(container().account_deps, user_id, text_of(form.current_password),
                                     text_of(form.password))
        except accounts.AccountError as exc:
            field = "password" if exc.field == "new_password" else (exc.field or "form")
            form.add_problems({field: _sentence(exc)})
        else:
            # Every session ended with the old password; this browser gets a new one.
            sign_in(user_id, session.get("email", ""))
            return done("Your password is changed. Every other device is signed out.", "overview.index")
    return page("auth/change_password.html", form=form, message=None,
                status=400 if form.errors or form.form_errors else 200)
