"""Queue `mail`: account emails (reset links, sign-up confirmations), sent off the request path."""

from __future__ import annotations

from celery import Celery

from schemas.jobs import SendAccountEmail
from workers.base import ContainerHolder, define_stage


def register(app: Celery, holder: ContainerHolder) -> None:
    define_stage(app, SendAccountEmail, holder)
