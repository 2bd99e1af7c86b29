"""Queue `ingest`: document extraction, chunking, embedding and indexing."""

from __future__ import annotations

from celery import Celery

from schemas.jobs import ChunkDocument, EmbedChunks, ExtractDocument, IndexDocument
from workers.base import ContainerHolder, define_stage


def register(app: Celery, holder: ContainerHolder) -> None:
    for job_type in (ExtractDocument, ChunkDocument, EmbedChunks, IndexDocument):
        define_stage(app, job_type, holder)
