"""The text of account emails, and the links in them.

Links start from the operator's configured base URL, never from anything a request
says about itself (a forged Host header must not end up in someone's inbox).
The paths here are the dashboard's routes for the same pages.
"""

from __future__ import annotations

from dataclasses import dataclass

RESET_PATH = "/reset"
CONFIRM_PATH = "/signup/confirm"
SIGN_IN_PATH = "/login"


@dataclass(frozen=True)
class EmailText:
    subject: str
    body: str


def link(base_url: str, path: str, token: str | None = None) -> str:
    return base_url.rstrip("/") + path + (f"/{token}" if token else "")


def password_reset(base_url: str, token: str, minutes: int) -> EmailText:
    return EmailText(
        "Reset your Salesboy password",
        "Someone asked to reset the password of your Salesboy account.\n\n"
        f"Choose a new password here (the link works once, for {minutes} minutes):\n"
        f"{link(base_url, RESET_PATH, token)}\n\n"
        "If it was not you, ignore this email: your password stays as it is.",
    )


def confirm_sign_up(base_url: str, token: str, hours: int) -> EmailText:
    return EmailText(
        "Confirm your email for Salesboy",
        "Welcome to Salesboy. Confirm that this address is yours to finish creating your account "
        f"(the link works for {hours} hours):\n"
        f"{link(base_url, CONFIRM_PATH, token)}\n\n"
        "If you did not sign up, ignore this email: no account is created without this link.",
    )


def sign_up_attempt(base_url: str) -> EmailText:
    return EmailText(
        "Someone tried to sign up to Salesboy with your email",
        "Someone tried to create a Salesboy account with this address, which already has one. "
        "No new account was made.\n\n"
        f"If it was you, sign in: {link(base_url, SIGN_IN_PATH)}\n"
        f"or reset your password: {link(base_url, RESET_PATH)}\n\n"
        "If it was not you, you need not do anything.",
    )
