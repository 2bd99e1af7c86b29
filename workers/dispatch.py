"""Queue `dispatch`: tasks handed to n8n workflows."""

from __future__ import annotations

from celery import Celery

from schemas.jobs import DispatchTask, EmailOwnerAlert
from workers.base import ContainerHolder, define_stage


def register(app: Celery, holder: ContainerHolder) -> None:
    define_stage(app, DispatchTask, holder)
    define_stage(app, EmailOwnerAlert, holder)
