"""Sign-up, sign-in, sign-out, password reset and change."""

from __future__ import annotations

import logging
import uuid

from flask import Blueprint, redirect, request, session, url_for
from pydantic import BaseModel, ConfigDict, EmailStr, Field, model_validator

from api.context import container
from api.dashboard.web import done, login_required, page, safe_next, sign_in, signed_in_user, validate
from services import accounts

log = logging.getLogger(__name__)
blueprint = Blueprint("accounts", __name__)

CHECK_EMAIL = "If an account exists for that email, a reset link is on its way. It works for {minutes} minutes."


class SignUpForm(BaseModel):
    model_config = ConfigDict(str_strip_whitespace=True)
    display_name: str = Field(min_length=1, max_length=200)
    email: EmailStr
    password: str = Field(max_length=200)


class NewPasswordForm(BaseModel):
    password: str = Field(max_length=200)
    confirm: str = Field(max_length=200)

    @model_validator(mode="after")
    def _same(self) -> NewPasswordForm:
        if self.password != self.confirm:
            raise ValueError("the two passwords differ")
        return self


def _form() -> dict:
    return {k: v for k, v in request.form.items() if k != "csrf_token"}


def _sign_in_account(account: accounts.Account):
    with container().system_uow() as uow:
        row = uow.conn.execute("select encrypted_password from auth.users where id = %s",
                               [account.user_id]).fetchone()
    sign_in(account.user_id, account.email, row[0] or "")


@blueprint.get("/")
def home():
    return redirect(url_for("overview.index" if signed_in_user() else "accounts.login"))


@blueprint.route("/signup", methods=["GET", "POST"])
def signup():
    values, errors = {}, {}
    if request.method == "POST":
        values = _form()
        form, errors = validate(SignUpForm, values)
        if form is not None:
            try:
                account = accounts.sign_up(container(), form.email, form.password, form.display_name)
            except accounts.AccountError as exc:
                errors = {exc.field or "form": str(exc)}
            else:
                if not account.signed_in:
                    return done("Almost there: confirm your email with the link we sent, then sign in.",
                                "accounts.login")
                _sign_in_account(account)
                return done("Welcome to Salesboy! Link WhatsApp to start answering customers.",
                            "sessions_page.index")
    values.pop("password", None)
    return page("auth/signup.html", values=values, errors=errors, status=400 if errors else 200)


@blueprint.route("/login", methods=["GET", "POST"])
def login():
    values, errors = {"next": request.args.get("next", "")}, {}
    if request.method == "POST":
        values = _form()
        try:
            account = accounts.authenticate(container(), values.get("email", ""), values.get("password", ""))
        except accounts.AccountServiceUnavailableError as exc:
            values.pop("password", None)
            return page("auth/login.html", values=values, errors={"form": str(exc)}, status=503)
        if account is not None:
            _sign_in_account(account)
            return redirect(safe_next(values.get("next")))
        errors = {"form": "That email and password do not match an account."}
    values.pop("password", None)
    return page("auth/login.html", values=values, errors=errors, status=401 if errors else 200)


@blueprint.post("/logout")
def logout():
    session.clear()
    return done("You are signed out.", "accounts.login")


@blueprint.route("/reset", methods=["GET", "POST"])
def reset_request():
    c = container()
    if request.method == "POST":
        email = request.form.get("email", "").strip()
        if email:
            try:
                accounts.request_reset(c, email, _external("accounts.reset_request"))
            except accounts.AccountServiceUnavailableError as exc:
                return page("auth/reset_request.html", values={"email": email}, errors={"email": str(exc)},
                            status=503)
        # The same answer whether or not the account exists: no one learns who has an account.
        return done(CHECK_EMAIL.format(minutes=int(c.settings.password_reset_minutes)), "accounts.login")
    return page("auth/reset_request.html", values={}, errors={})


def _external(endpoint: str, **values) -> str:
    public = container().settings.public_url
    if public:
        return public.rstrip("/") + url_for(endpoint, **values)
    return url_for(endpoint, _external=True, **values)


@blueprint.route("/reset/<token>", methods=["GET", "POST"])
def reset_confirm(token: str):
    errors = {}
    if request.method == "POST":
        form, errors = validate(NewPasswordForm, _form())
        if form is not None:
            try:
                account = accounts.reset_password(container(), token, form.password)
            except accounts.AccountError as exc:
                errors = {exc.field or "form": str(exc)}
            else:
                _sign_in_account(account)
                return done("Your password is changed and you are signed in.", "overview.index")
    return page("auth/reset_confirm.html", token=token, values={}, errors=errors, status=400 if errors else 200)


class ChangePasswordForm(NewPasswordForm):
    current_password: str = Field(min_length=1, max_length=200)


@blueprint.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password(user_id: uuid.UUID):
    errors = {}
    if request.method == "POST":
        form, errors = validate(ChangePasswordForm, _form())
        if form is not None:
            try:
                accounts.change_password(container(), user_id, form.current_password, form.password)
            except accounts.AccountError as exc:
                errors = {"password" if exc.field == "new_password" else (exc.field or "form"): str(exc)}
            else:
                _sign_in_account(accounts.Account(user_id, session.get("email", "")))
                return done("Your password is changed.", "overview.index")
    return page("auth/change_password.html", values={}, errors=errors, status=400 if errors else 200)
