"""The composition root: the only place adapters are built and wired to handlers."""

from __future__ import annotations

import dataclasses
import functools
import socket
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import redis
from celery import Celery
from psycopg_pool import ConnectionPool

from schemas.jobs import (
    ChunkDocument,
    ClassifyIntent,
    DeliverReply,
    DispatchTask,
    EmailOwnerAlert,
    EmbedChunks,
    ExtractDocument,
    FilterInbound,
    IndexDocument,
    ProvisionTenant,
    QueuedJob,
    RespondWithRag,
    SendAccountEmail,
    SendThroughSession,
    SessionAction,
    SessionCommand,
    SessionQuery,
    SessionQueryKind,
    SweepStuck,
)
from schemas.settings import Settings, required, revealed
from services.adapters.celery_app import CeleryPublisher, make_celery
from services.adapters.egress import EgressPolicy, guarded_client
from services.adapters.events import RedisEventPublisher
from services.adapters.extract import ExtractionLimits
from services.adapters.intent_classifier import IntentHeads, fit_head_isolated
from services.adapters.llm import LiteLLMChat
from services.adapters.mailer import make_mailer
from services.adapters.ports import Embedder, EventPublisher, Storage, Transport, VectorStore
from services.adapters.query_vectors import SharedQueryVectors
from services.adapters.signing import RedisReplayGuard, WebhookVerifier, parse_secrets, secret_key
from services.adapters.storage import LocalStorage
from services.adapters.transport import GatewayTransport, UnconfiguredTransport
from services.adapters.vectors import PgVectorStore
from services.core.crypto import Keyring
from services.handlers import dispatch, ingest, mail, messages, sessions
from services.handlers.messages import MessageDeps
from services.handlers.sweeper import StuckFinder, sweep
from services.handlers.tenant import provision_tenant
from services.repositories import db
from services.usecases import provider_keys, tasks
from services.usecases.accounts_local import LocalAccounts
from services.usecases.playground import PlaygroundRouting
from services.whatsapp.host import SessionHost
from services.whatsapp.leases import SessionLeases, lease_owner
from services.whatsapp.transport import send_through_host


@dataclass
class Container:
    settings: Settings
    database_url: str
    redis_url: str
    pool: ConnectionPool
    redis: redis.Redis
    celery: Celery
    publisher: db.Publisher
    storage: Storage
    embedder: Embedder
    vectors: VectorStore
    events: EventPublisher
    keyring: Keyring
    chat: LiteLLMChat  # per job, `chat.for_tenant(user_id)` is the ChatModel the message stages get
    transport: Transport
    egress: EgressPolicy
    stuck_finders: list[StuckFinder] = field(default_factory=list)
    # A session host's own queue (commands for the sessions whose lease it holds), named by its worker.
    own_session_queue: str | None = None
    # Each handler takes the job type it is filed under (not expressible as one dict type).
    handlers: dict[type[QueuedJob], Callable[[Any], object]] = field(default_factory=dict)
    # Called once a job is given up on (retries exhausted or a permanent error).
    give_up_handlers: dict[type[QueuedJob], Callable[[Any, BaseException], None]] = field(
        default_factory=dict)

    def tenant_uow(self, user_id: uuid.UUID | str, *, settings: dict[str, str] | None = None) -> db.UnitOfWork:
        return db.tenant_uow(self.pool, self.publisher, user_id, settings=settings)

    def system_uow(self) -> db.UnitOfWork:
        return db.system_uow(self.pool, self.publisher)

    def handle(self, job: QueuedJob) -> object:
        return self.handlers[type(job)](job)

    def give_up(self, job: QueuedJob, error: BaseException) -> None:
        handler = self.give_up_handlers.get(type(job))
        if handler is not None:
            handler(job, error)

    @functools.cached_property
    def ingest(self) -> ingest.IngestDeps:
        s = self.settings
        return ingest.IngestDeps(
            tenant_uow=self.tenant_uow, storage=self.storage, embedder=self.embedder, vectors=self.vectors,
            events=self.events,
            limits=ExtractionLimits(max_pages=s.extract_max_pages, max_seconds=s.extract_max_seconds,
                                    max_memory_mb=s.extract_max_memory_mb),
            chunk_max_tokens=s.chunk_max_tokens, chunk_overlap_tokens=s.chunk_overlap_tokens,
            chunks_per_job=s.embed_job_chunks,
        )

    @functools.cached_property
    def messages(self) -> MessageDeps:
        s = self.settings
        return MessageDeps(
            tenant_uow=self.tenant_uow, keyring=self.keyring, vectors=self.vectors,
            # The customer's message is embedded by intent.classify and reused by rag.respond.
            embedder=SharedQueryVectors(self.embedder, self.redis),
            # The client for no tenant in particular: a stage that calls a model gets `messages_for(user_id)`.
            chat=self.chat,  # type: ignore[arg-type]
            transport=self.transport, events=self.events,
            task_rules=self.task_rules, intent_heads=IntentHeads(self.embedder, fit=fit_head_isolated),
            typing_delay_ms_per_char=s.typing_delay_ms_per_char, typing_delay_max_seconds=s.typing_delay_max_seconds,
            session_owner=functools.partial(lease_owner, self.redis),
        )

    def messages_for(self, user_id: uuid.UUID) -> MessageDeps:
        """The message stages' dependencies with the model client bound to the job's tenant, so own model
        entries are called with that tenant's key and nobody else's."""
        return dataclasses.replace(self.messages, chat=self.chat.for_tenant(user_id))

    @functools.cached_property
    def dispatch(self) -> dispatch.DispatchDeps:
        s = self.settings
        return dispatch.DispatchDeps(
            tenant_uow=self.tenant_uow, system_uow=self.system_uow, keyring=self.keyring,
            signing_key=secret_key(revealed(s.n8n_signing_secret, "N8N_SIGNING_SECRET")), n8n_base_url=s.n8n_base_url,
            public_url=s.public_url or f"http://{s.api_host}:{s.api_port}",
            http=httpx.Client(timeout=s.n8n_timeout_seconds),
            tenant_http=guarded_client(self.egress, timeout=s.n8n_timeout_seconds),
            egress=self.egress, storage=self.storage, mailer=self.mailer, rules=self.task_rules,
            attachment_max_bytes=s.task_attachment_max_bytes,
        )

    @functools.cached_property
    def task_rules(self) -> tasks.TaskRules:
        return tasks.TaskRules(keyring=self.keyring, n8n_base_url=self.settings.n8n_base_url,
                               email_alerts=bool(self.settings.smtp_host))

    @functools.cached_property
    def session_host(self):
        """The browsers this process runs (built only in a sessions worker)."""
        s = self.settings
        bundle = s.wa_js_path or Path(__file__).resolve().parents[1] / "node_modules" / "@wppconnect" / "wa-js" / \
            "dist" / "wppconnect-wa.js"
        return SessionHost(self, url=s.whatsapp_web_url, profiles_root=s.resolved_profiles_dir,
                           wa_js_path=bundle, remote_url=s.selenium_remote_url, max_sessions=s.sessions_per_host,
                           host_name=self.session_queue, sends_per_minute=s.session_sends_per_minute,
                           qr_expiry_seconds=s.qr_expiry_seconds, typing_ms_per_char=s.typing_delay_ms_per_char,
                           typing_max_seconds=s.typing_delay_max_seconds,
                           holds_lease=lambda user_id: self.session_leases.owner(user_id) == self.session_queue)

    @property
    def session_queue(self) -> str:
        return self.own_session_queue or f"sessions.{socket.gethostname()}"

    @functools.cached_property
    def session_leases(self):
        return SessionLeases(self.redis, self.session_queue, self.settings.session_lease_seconds)

    def send_session_command(self, user_id: uuid.UUID, action: SessionAction) -> None:
        """To the host holding the tenant's lease, or to any host (the routing table's queue) when none does."""
        self.publisher.publish(SessionCommand(user_id=user_id, action=action), queue=lease_owner(self.redis, user_id))

    def ask_session(self, user_id: uuid.UUID, query: SessionQueryKind, phone: str | None = None, timeout: float = 30.0):
        """A question for the host running the tenant's WhatsApp; LookupError when none runs it.

        For the API only: the caller's HTTP request waits (bounded) for the answer. A task never asks:
        it hands work over and lets a row carry the outcome."""
        owner = lease_owner(self.redis, user_id)
        if owner is None:
            raise LookupError("WhatsApp is not running for this account: start it first")
        job = SessionQuery(user_id=user_id, query=query, phone=phone)
        self.publisher.publish(job, queue=owner)
        return self.wait_for_result(job, timeout)

    def wait_for_result(self, job: QueuedJob, timeout: float):
        """What the task that ran `job` returned (its exception re-raised), waiting at most `timeout` s.

        Published jobs carry their id as the Celery task id. API requests only, never a task."""
        result = self.celery.AsyncResult(str(job.job_id))
        try:
            return result.get(timeout=timeout, propagate=True)
        finally:
            result.forget()

    @functools.cached_property
    def accounts(self):
        s = self.settings
        if s.auth_backend == "supabase":
            from services.usecases.accounts_supabase import SupabaseAccounts

            return SupabaseAccounts(s.supabase_url, s.supabase_anon_key.get_secret_value())
        return LocalAccounts(self.system_uow, self.mailer, secret_key=s.secret_key.get_secret_value(),
                             reset_minutes=s.password_reset_minutes)

    @functools.cached_property
    def mailer(self):
        return make_mailer(self.settings)

    @functools.cached_property
    def webhook_verifier(self) -> WebhookVerifier:
        keys = parse_secrets(revealed(self.settings.whatsapp_webhook_secrets, "WHATSAPP_WEBHOOK_SECRETS"))
        return WebhookVerifier(keys, RedisReplayGuard(self.redis, "whatsapp"))

    @functools.cached_property
    def n8n_callback_verifier(self) -> WebhookVerifier:
        keys = parse_secrets(revealed(self.settings.n8n_callback_secrets, "N8N_CALLBACK_SECRETS"))
        return WebhookVerifier(keys, RedisReplayGuard(self.redis, "n8n"))

    def close(self) -> None:
        if "dispatch" in self.__dict__:
            self.dispatch.http.close()
            self.dispatch.tenant_http.close()
        if "session_host" in self.__dict__:
            for user_id in self.session_host.running():
                self.session_leases.release(user_id)  # another host may take them over at once
            self.session_host.shutdown()
        self.pool.close()
        self.redis.close()
        self.celery.close()


def storage_for(settings: Settings) -> Storage:
    """The configured object storage on its own (for backups, which need no other adapter)."""
    return _storage(settings)


def _storage(settings: Settings) -> Storage:
    if settings.storage_backend == "supabase":
        from services.adapters.storage_supabase import SupabaseStorage

        return SupabaseStorage(required(settings.supabase_url, "SUPABASE_URL"),
                               revealed(settings.supabase_service_role_key, "SUPABASE_SERVICE_ROLE_KEY"))
    return LocalStorage(settings.data_dir / "storage")


def _embedder(settings: Settings) -> Embedder:
    if settings.embedding_backend == "litellm":
        from services.adapters.embeddings_litellm import LiteLLMEmbedder

        key = settings.embedding_api_key.get_secret_value() if settings.embedding_api_key else None
        return LiteLLMEmbedder(settings.embedding_model, dimensions=settings.embedding_dimensions,
                               api_base=settings.embedding_api_base, api_key=key,
                               batch_size=settings.embed_batch_size)
    if settings.embedding_runtime == "onnx":
        from services.adapters.embeddings_onnx import OnnxEmbedder

        cache_dir = settings.embedding_cache_dir or settings.data_dir / "models"
        return OnnxEmbedder(settings.embedding_model_path, cache_dir=cache_dir, variant=settings.embedding_onnx_variant,
                            batch_size=settings.embed_batch_size, threads=settings.embedding_threads)
    from services.adapters.embeddings import SentenceTransformerEmbedder

    return SentenceTransformerEmbedder(settings.embedding_model_path, batch_size=settings.embed_batch_size)


def _vectors(settings: Settings, tenant_uow) -> VectorStore:
    if settings.vector_backend == "pinecone":
        from services.adapters.vectors_pinecone import PineconeVectorStore

        return PineconeVectorStore(revealed(settings.pinecone_api_key, "PINECONE_API_KEY"),
                                   required(settings.pinecone_host, "PINECONE_HOST"))
    return PgVectorStore(tenant_uow)


def _transport(settings: Settings) -> Transport:
    if settings.outbound_gateway_url:
        key = secret_key(revealed(settings.outbound_gateway_secret, "OUTBOUND_GATEWAY_SECRET"))
        return GatewayTransport(settings.outbound_gateway_url, key)
    return UnconfiguredTransport()


def bootstrap(
    settings: Settings,
    *,
    database_url: str,
    redis_url: str,
    publisher: db.Publisher | None = None,
    stuck_finders: Sequence[StuckFinder] = (),
    open_pool: bool = True,
    session_queue: str | None = None,
    **overrides: Any,
) -> Container:
    """Build every adapter; `overrides` replace one by name (storage, embedder, vectors, events)."""
    pool = db.make_pool(
        database_url,
        min_size=settings.db_pool_min,
        max_size=settings.db_pool_max,
        statement_timeout_ms=settings.db_statement_timeout_ms,
    )
    if open_pool:
        pool.open(wait=False)
    client = redis.Redis.from_url(
        redis_url, socket_timeout=5, socket_connect_timeout=5, health_check_interval=30
    )
    celery = make_celery(settings, redis_url)
    publisher = publisher or CeleryPublisher(celery)

    def tenant_uow(user_id, *, settings=None):
        return db.tenant_uow(pool, publisher, user_id, settings=settings)

    unknown = set(overrides) - {"storage", "embedder", "vectors", "events", "chat", "transport"}
    if unknown:
        raise TypeError(f"unknown overrides: {sorted(unknown)}")
    events = overrides.get("events") or RedisEventPublisher(client)
    keyring = Keyring.parse(revealed(settings.chat_encryption_keys, "CHAT_ENCRYPTION_KEYS"))
    egress = EgressPolicy.from_settings(settings)
    container = Container(
        settings=settings,
        database_url=database_url,
        redis_url=redis_url,
        pool=pool,
        redis=client,
        celery=celery,
        publisher=publisher,
        storage=overrides.get("storage") or _storage(settings),
        embedder=overrides.get("embedder") or _embedder(settings),
        vectors=overrides.get("vectors") or _vectors(settings, tenant_uow),
        events=events,
        keyring=keyring,
        chat=overrides.get("chat") or LiteLLMChat(
            operator_models=settings.operator_models, egress=egress, own_key=provider_keys.loader(tenant_uow, keyring),
            timeout=settings.llm_timeout_seconds, retries=settings.llm_retries),
        egress=egress,
        own_session_queue=session_queue,
        # Replies through a linked WhatsApp are handed to its session host by outbound.deliver; this
        # transport carries the rest (the gateway, or the refusal saying nothing is configured).
        transport=PlaygroundRouting(overrides.get("transport") or _transport(settings), events),
    )
    deps = container.ingest
    chat = container.messages
    container.stuck_finders = [
        ingest.stuck_documents(deps, settings.kb_stuck_after_seconds),
        ingest.other_model_documents(deps),
        messages.stuck_messages(settings.message_stuck_after_seconds, settings.message_max_attempts),
        dispatch.stuck_tasks(container.dispatch, pending_after=settings.task_pending_after_seconds,
                             max_dispatches=settings.task_max_dispatches,
                             deadlines=settings.task_callback_deadlines,
                             default_deadline=settings.task_callback_deadline_seconds),
        mail.stuck_account_emails,
        *stuck_finders,
    ]
    container.handlers = {
        ProvisionTenant: functools.partial(provision_tenant, tenant_uow=container.tenant_uow),
        SweepStuck: functools.partial(sweep, system_uow=container.system_uow, finders=container.stuck_finders),
        ExtractDocument: functools.partial(ingest.extract_document, deps=deps),
        ChunkDocument: functools.partial(ingest.chunk_document, deps=deps),
        EmbedChunks: functools.partial(ingest.embed_chunks, deps=deps),
        IndexDocument: functools.partial(ingest.index_document, deps=deps),
        # Bound to the tenant's model client: with no debounce window it classifies and answers too.
        FilterInbound: lambda job: messages.filter_inbound(job, deps=container.messages_for(job.user_id)),
        ClassifyIntent: lambda job: messages.classify_intent(job, deps=container.messages_for(job.user_id)),
        RespondWithRag: lambda job: messages.respond(job, deps=container.messages_for(job.user_id)),
        DeliverReply: functools.partial(messages.deliver, deps=chat),
        DispatchTask: functools.partial(dispatch.dispatch_task, deps=container.dispatch),
        EmailOwnerAlert: functools.partial(dispatch.email_alert, deps=container.dispatch),
        SessionCommand: lambda job: sessions.run_command(job, host=container.session_host,
                                                         leases=container.session_leases),
        SessionQuery: lambda job: sessions.run_query(job, host=container.session_host),
        SendAccountEmail: lambda job: mail.send_account_email(job, deps=mail.mail_deps(container)),
        SendThroughSession: lambda job: send_through_host(job, host=container.session_host,
                                                          tenant_uow=container.tenant_uow, keyring=container.keyring,
                                                          redis_client=container.redis, storage=container.storage,
                                                          events=container.events),
    }
    job_type: type[QueuedJob]
    for job_type, stage in ((ExtractDocument, "extraction"), (ChunkDocument, "chunking"),
                            (EmbedChunks, "embedding"), (IndexDocument, "indexing")):
        container.give_up_handlers[job_type] = functools.partial(_fail_document, deps=deps, stage=stage)
    for job_type in (FilterInbound, ClassifyIntent, RespondWithRag):
        container.give_up_handlers[job_type] = functools.partial(messages.fail_inbound, deps=chat)
    # A send handed to a session host that is given up on (a permanent refusal, or retries run out) fails
    # its row with the reason, like a reply sent from here.
    for job_type in (DeliverReply, SendThroughSession):
        container.give_up_handlers[job_type] = functools.partial(messages.fail_reply, deps=chat)
    container.give_up_handlers[DispatchTask] = functools.partial(dispatch.fail_task, deps=container.dispatch)
    container.give_up_handlers[EmailOwnerAlert] = functools.partial(dispatch.email_alert_failed,
                                                                    deps=container.dispatch)
    return container


def _fail_document(job: ingest.DocumentJob, error: BaseException, *, deps: ingest.IngestDeps, stage: str) -> None:
    ingest.fail_document(job, ingest.give_up_reason(stage, error), deps=deps)
