"""Each pipeline's order, written once: for every in-progress status of a row, the job that takes it on.

Handlers move rows forward, the sweeper re-publishes these jobs for rows stuck past a deadline, the
repositories find in-progress rows, and re-reading a document restarts it here. All of them read this
module; a test keeps it in step with the job handlers, the Celery tasks, the give-up table and the SQL
check constraints.
"""

from __future__ import annotations

from schemas.jobs import (
    ChunkDocument,
    ClassifyIntent,
    DeliverReply,
    DispatchTask,
    ExtractDocument,
    FilterInbound,
    IndexDocument,
    QueuedJob,
    RespondWithRag,
)

# knowledge_base.status. Embedding is done by batches (EmbedChunks), one queued at a time per document:
# the chunk stage queues the first, each batch the next. A document stuck while embedding is chunked
# again: chunking is idempotent and queues the first batch still to embed.
DOCUMENT_NEXT_JOB: dict[str, type[ExtractDocument] | type[ChunkDocument] | type[IndexDocument]] = {
    "queued": ExtractDocument, "extracting": ExtractDocument, "chunking": ChunkDocument,
    "embedding": ChunkDocument, "indexing": IndexDocument,
}
DOCUMENT_IN_PROGRESS = tuple(DOCUMENT_NEXT_JOB)
DOCUMENT_DONE = ("ready", "failed")
# Documents searches answer from: those whose vectors are a whole set. While `embedding` a document holds
# only some of its vectors, and a `failed` one may; in the other statuses it holds none yet (a first
# upload) or all of them (`indexing`, or a re-embed not yet past chunking), so a re-embedded document
# keeps answering from its previous chunks until its new ones are embedded.
DOCUMENT_SEARCHABLE = ("ready", "queued", "extracting", "chunking", "indexing")

# inbox.status
MESSAGE_NEXT_JOB: dict[str, type[FilterInbound] | type[ClassifyIntent] | type[RespondWithRag]] = {
    "received": FilterInbound, "filtered": ClassifyIntent, "classified": RespondWithRag,
}
MESSAGE_IN_PROGRESS = tuple(MESSAGE_NEXT_JOB)
MESSAGE_DONE = ("answered", "ignored", "handed_off", "failed")

# outbox.status: a reply waiting or handed over is delivered (again) by the same job.
REPLY_NEXT_JOB: dict[str, type[QueuedJob]] = {"pending": DeliverReply, "sending": DeliverReply}
REPLY_IN_PROGRESS = tuple(REPLY_NEXT_JOB)
REPLY_DONE = ("sent", "failed")

# tasks.status: a pending task is dispatched (again); a dispatched one waits for n8n's callback.
TASK_NEXT_JOB: dict[str, type[QueuedJob]] = {"pending": DispatchTask}
TASK_IN_PROGRESS = ("pending", "dispatched")
TASK_DONE = ("succeeded", "failed")

# (table, status column values) the SQL check constraints must allow, for the consistency test.
STATUSES = {
    "knowledge_base": DOCUMENT_IN_PROGRESS + DOCUMENT_DONE,
    "inbox": MESSAGE_IN_PROGRESS + MESSAGE_DONE,
    "outbox": REPLY_IN_PROGRESS + REPLY_DONE,
    "tasks": TASK_IN_PROGRESS + TASK_DONE,
}
