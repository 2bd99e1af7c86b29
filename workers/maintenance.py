"""Queue `maintenance`: tenant provisioning and the stuck-work sweeper."""

from __future__ import annotations

from celery import Celery

from schemas.jobs import ProvisionTenant, SweepStuck
from workers.base import ContainerHolder, define_stage


def register(app: Celery, holder: ContainerHolder) -> None:
    define_stage(app, ProvisionTenant, holder)
    define_stage(app, SweepStuck, holder)
