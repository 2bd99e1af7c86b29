"""Queues `inbound`, `intent`, `rag`, `outbound`: the message pipeline's stages."""

from __future__ import annotations

from celery import Celery

from schemas.jobs import ClassifyIntent, DeliverReply, FilterInbound, RespondWithRag
from workers.base import ContainerHolder, define_stage


def register(app: Celery, holder: ContainerHolder) -> None:
    for job_type in (FilterInbound, ClassifyIntent, RespondWithRag, DeliverReply):
        define_stage(app, job_type, holder)
