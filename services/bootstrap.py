"""The composition root: the only place adapters are built and wired to handlers."""

from __future__ import annotations

import dataclasses
import functools
import socket
import uuid
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

import httpx
import redis
from celery import Celery
from psycopg_pool import ConnectionPool
from pydantic import SecretStr

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
    SessionCommand,
    SessionQuery,
    SweepStuck,
)
from schemas.settings import Settings, required, revealed
from services.adapters.celery_app import CeleryPublisher, make_celery
from services.adapters.egress import EgressPolicy, guarded_client
from services.adapters.events import RedisEventPublisher
from services.adapters.extract import ExtractionLimits
from services.adapters.intent_classifier import IntentHeads, fit_head_isolated
from services.adapters.llm import LiteLLMChat
from services.adapters.llm_gateway import GatewayChat
from services.adapters.mailer import Mailer, make_mailer
from services.adapters.ports import (
    AccountBackend,
    Embedder,
    EventPublisher,
    SessionCommands,
    Storage,
    Transport,
    VectorStore,
)
from services.adapters.query_vectors import SharedQueryVectors
from services.adapters.session_commands import CelerySessionCommands
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
from services.usecases.accounts import AccountDeps
from services.usecases.accounts_local import LocalAccounts
from services.usecases.bot_settings import BotSettingsDeps
from services.usecases.evaluation import EvalDeps
from services.usecases.inbound import accept
from services.usecases.kb import KbDeps, KnowledgeBase
from services.usecases.playground import PlaygroundRouting
from services.usecases.sign_up import SignUpDeps
from services.usecases.tenant_data import TenantData
from services.whatsapp.host import HostDeps, SessionHost
from services.whatsapp.leases import SessionLeases, lease_owner
from services.whatsapp.media import SendDeps
from services.whatsapp.transport import send_through_host


@dataclass(frozen=True)
class App:
    """Everything `bootstrap()` built, before it returned: adapters, use cases and the job tables.

    Frozen: a process builds one and never rewires it. Views, the CLI and workers take what they use
    from here; each use case and handler got only its own dependencies."""

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
    chat: LiteLLMChat | GatewayChat  # per job, `chat.for_tenant(user_id)` is the ChatModel the message stages get
    transport: Transport
    egress: EgressPolicy
    mailer: Mailer
    accounts: AccountBackend
    webhook_verifier: WebhookVerifier
    n8n_callback_verifier: WebhookVerifier
    # The use cases' dependencies: each use-case module takes only its own.
    tenant_data: TenantData
    bot_config: BotSettingsDeps
    account_deps: AccountDeps
    sign_up_deps: SignUpDeps
    kb: KnowledgeBase
    session_commands: SessionCommands
    api_sends: SendDeps
    evaluation: EvalDeps
    # The stages' dependencies, one dataclass per pipeline.
    ingest: ingest.IngestDeps
    messages: MessageDeps
    dispatch: dispatch.DispatchDeps
    task_rules: tasks.TaskRules
    # This process's own session queue (commands for the sessions whose lease it holds), its leases and
    # its browsers. Building the host starts no browser: only a sessions worker's commands do.
    session_queue: str
    session_leases: SessionLeases
    session_host: SessionHost
    stuck_finders: tuple[StuckFinder, ...]
    # Each handler takes the job type it is filed under (not expressible as one mapping type).
    handlers: Mapping[type[QueuedJob], Callable[[Any], object]]
    # Called once a job is given up on (retries exhausted or a permanent error).
    give_up_handlers: Mapping[type[QueuedJob], Callable[[Any, BaseException], None]]
    # A job the broker hands out again after its worker died goes here when its type has an entry: such a
    # copy may have to redo a send the dead worker never made, which a plain duplicate must not.
    redelivered_handlers: Mapping[type[QueuedJob], Callable[[Any], object]] = dataclasses.field(default_factory=dict)

    def tenant_uow(self, user_id: uuid.UUID | str, *, settings: dict[str, str] | None = None) -> db.UnitOfWork:
        return db.tenant_uow(self.pool, self.publisher, user_id, settings=settings)

    def system_uow(self) -> db.UnitOfWork:
        return db.system_uow(self.pool, self.publisher)

    def handle(self, job: QueuedJob, *, redelivered: bool = False) -> object:
        handler = self.redelivered_handlers.get(type(job)) if redelivered else None
        return (handler or self.handlers[type(job)])(job)

    def give_up(self, job: QueuedJob, error: BaseException) -> None:
        handler = self.give_up_handlers.get(type(job))
        if handler is not None:
            handler(job, error)

    def close(self) -> None:
        self.dispatch.http.close()
        self.dispatch.tenant_http.close()
        for user_id in self.session_host.running():
            self.session_leases.release(user_id)  # another host may take them over at once
        self.session_host.shutdown()
        if isinstance(self.messages.embedder, SharedQueryVectors):
            self.messages.embedder.close()  # its prefetch thread, after any prefetch still running
        if self.messages.searches is not None:
            self.messages.searches.shutdown(wait=True)  # a search beside a verdict still running holds a connection
        self.pool.close()
        self.redis.close()
        self.celery.close()


def host_deps(app: App) -> HostDeps:
    """What a session host uses: messages it reads go through the same door as the webhook's."""
    return _host_deps(app.tenant_data, app.storage, app.events, app.redis)


def _host_deps(door: TenantData, storage: Storage, events: EventPublisher, client: redis.Redis) -> HostDeps:
    return HostDeps(on_message=lambda message: accept(door, message)[1], tenant_uow=door.tenant_uow,
                    storage=storage, events=events, redis=client)


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


def _document_graph_loader(embedder: Embedder) -> Callable[[], None] | None:
    """For int8-documents: what loads the document graph while a file is read (see IngestDeps)."""
    from services.adapters.embeddings_onnx import DocumentEmbedder

    return embedder.load_in_background if isinstance(embedder, DocumentEmbedder) else None


def _document_graph_done(embedder: Embedder) -> Callable[[], None] | None:
    """For int8-documents: what lets the document graph go soon after a document's last batch (see IngestDeps)."""
    from services.adapters.embeddings_onnx import DocumentEmbedder

    return embedder.documents_done if isinstance(embedder, DocumentEmbedder) else None


def _token_counts_add_up(embedder: Embedder) -> bool:
    """Whether the chunker may sum a chunk's parts' token counts (the ONNX embedder's WordPiece tokenizer) rather
    than count each chunk again."""
    from services.adapters.embeddings_onnx import DocumentEmbedder, OnnxEmbedder

    return isinstance(embedder, OnnxEmbedder | DocumentEmbedder) and embedder.token_counts_add_up


def _document_embedder(embedder: Embedder) -> Embedder:
    """What ingest embeds chunks with: the same model and name; int8 for EMBEDDING_ONNX_VARIANT=int8-documents."""
    from services.adapters.embeddings_onnx import OnnxEmbedder

    return embedder.for_documents() if isinstance(embedder, OnnxEmbedder) else embedder


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


def _chat(settings: Settings, egress: EgressPolicy,
          own_key: Callable[[uuid.UUID], str | None]) -> LiteLLMChat | GatewayChat:
    """Through the model gateway when one runs (LLM_GATEWAY_SOCKET), so this process never imports litellm."""
    s = settings
    if s.llm_gateway_socket is not None:
        return GatewayChat(s.llm_gateway_socket, own_key=own_key, timeout=s.llm_timeout_seconds,
                           retries=s.llm_retries)
    return LiteLLMChat(operator_models=s.operator_models, egress=egress, own_key=own_key,
                       timeout=s.llm_timeout_seconds, retries=s.llm_retries)


def gateway_chat(settings: Settings) -> LiteLLMChat:
    """What the model gateway runs: no database and no keyring, as a worker sends a business's key with its call."""
    s = settings

    def no_stored_keys(_tenant: uuid.UUID) -> str | None:
        raise RuntimeError("the model gateway is handed each business's key with the call")

    return LiteLLMChat(operator_models=s.operator_models, egress=EgressPolicy.from_settings(s), own_key=no_stored_keys,
                       timeout=s.llm_timeout_seconds, retries=s.llm_retries)


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
) -> App:
    """Build every adapter, use case and handler now; `overrides` replace one adapter by name (storage,
    embedder, vectors, events, chat, transport)."""
    unknown = set(overrides) - {"storage", "embedder", "vectors", "events", "chat", "transport"}
    if unknown:
        raise TypeError(f"unknown overrides: {sorted(unknown)}")
    s = settings
    pool = db.make_pool(
        database_url,
        min_size=s.db_pool_min,
        max_size=s.db_pool_max,
        statement_timeout_ms=s.db_statement_timeout_ms,
    )
    if open_pool:
        pool.open(wait=False)
    client = redis.Redis.from_url(
        redis_url, socket_timeout=5, socket_connect_timeout=5, health_check_interval=30
    )
    celery = make_celery(s, redis_url)
    publisher = publisher or CeleryPublisher(celery)

    def tenant_uow(user_id, *, settings=None):
        return db.tenant_uow(pool, publisher, user_id, settings=settings)

    def system_uow():
        return db.system_uow(pool, publisher)

    events = overrides.get("events") or RedisEventPublisher(client)
    keyring = Keyring.parse(revealed(s.chat_encryption_keys, "CHAT_ENCRYPTION_KEYS"))
    egress = EgressPolicy.from_settings(s)
    storage = overrides.get("storage") or _storage(s)
    embedder = overrides.get("embedder") or _embedder(s)
    vectors = overrides.get("vectors") or _vectors(s, tenant_uow)
    chat = overrides.get("chat") or _chat(s, egress, provider_keys.loader(tenant_uow, keyring))
    # Replies through a linked WhatsApp are handed to its session host by outbound.deliver; this
    # transport carries the rest (the gateway, or the refusal saying nothing is configured).
    transport = PlaygroundRouting(overrides.get("transport") or _transport(s), events)
    tenant_data = TenantData(tenant_uow, keyring)
    mailer = make_mailer(s)
    accounts = _accounts(s, system_uow, mailer)
    task_rules = tasks.TaskRules(keyring=keyring, n8n_base_url=s.n8n_base_url, email_alerts=bool(s.smtp_host))
    document_embedder = _document_embedder(embedder)
    ingest_deps = ingest.IngestDeps(
        tenant_uow=tenant_uow, storage=storage, embedder=document_embedder, vectors=vectors, events=events,
        limits=ExtractionLimits(max_pages=s.extract_max_pages, max_seconds=s.extract_max_seconds,
                                max_memory_mb=s.extract_max_memory_mb),
        chunk_max_tokens=s.chunk_max_tokens, chunk_overlap_tokens=s.chunk_overlap_tokens,
        chunks_per_job=s.embed_job_chunks, max_document_chunks=s.kb_max_document_chunks,
        load_embedder_ahead=_document_graph_loader(document_embedder),
        documents_done=_document_graph_done(document_embedder),
        token_counts_add_up=_token_counts_add_up(document_embedder),
    )
    message_deps = MessageDeps(
        tenant_uow=tenant_uow, keyring=keyring, vectors=vectors,
        # The customer's message is embedded by intent.classify and reused by rag.respond.
        embedder=SharedQueryVectors(embedder, client),
        # The client for no tenant in particular: a stage that calls a model gets `messages_for(user_id)`.
        chat=chat,  # type: ignore[arg-type]
        transport=transport, events=events,
        task_rules=task_rules, intent_heads=IntentHeads(embedder, fit=fit_head_isolated),
        typing_delay_ms_per_char=s.typing_delay_ms_per_char, typing_delay_max_seconds=s.typing_delay_max_seconds,
        session_owner=functools.partial(lease_owner, client),
        # Threads start on first use (a worker's stages only), one a stage running at once at most.
        searches=ThreadPoolExecutor(max_workers=4, thread_name_prefix="message-search"),
    )

    def messages_for(user_id: uuid.UUID) -> MessageDeps:
        """The message stages' dependencies with the model client bound to the job's tenant, so own model
        entries are called with that tenant's key and nobody else's."""
        return dataclasses.replace(message_deps, chat=chat.for_tenant(user_id))

    dispatch_deps = dispatch.DispatchDeps(
        tenant_uow=tenant_uow, system_uow=system_uow, keyring=keyring,
        signing_key=secret_key(revealed(s.n8n_signing_secret, "N8N_SIGNING_SECRET")), n8n_base_url=s.n8n_base_url,
        public_url=s.public_url or f"http://{s.api_host}:{s.api_port}",
        http=httpx.Client(timeout=s.n8n_timeout_seconds),
        tenant_http=guarded_client(egress, timeout=s.n8n_timeout_seconds),
        egress=egress, storage=storage, mailer=mailer, rules=task_rules,
        attachment_max_bytes=s.task_attachment_max_bytes,
    )
    mail_deps = mail.MailDeps(system_uow=system_uow, accounts=accounts, mailer=mailer,
                              base_url=mail.links_base_url(s), secret_key=revealed(s.secret_key, "SALESBOY_SECRET_KEY"))
    commands = CelerySessionCommands(publisher, celery, functools.partial(lease_owner, client))
    queue = session_queue or f"sessions.{socket.gethostname()}"
    leases = SessionLeases(client, queue, s.session_lease_seconds)
    host = _session_host(s, _host_deps(tenant_data, storage, events, client), queue, leases)
    finders = (
        ingest.stuck_documents(ingest_deps, s.kb_stuck_after_seconds),
        ingest.other_model_documents(ingest_deps),
        messages.stuck_messages(s.message_stuck_after_seconds, s.message_max_attempts),
        dispatch.stuck_tasks(dispatch_deps, pending_after=s.task_pending_after_seconds,
                             max_dispatches=s.task_max_dispatches, deadlines=s.task_callback_deadlines,
                             default_deadline=s.task_callback_deadline_seconds),
        mail.stuck_account_emails,
        *stuck_finders,
    )
    handlers: dict[type[QueuedJob], Callable[[Any], object]] = {
        ProvisionTenant: functools.partial(provision_tenant, tenant_uow=tenant_uow),
        SweepStuck: functools.partial(sweep, system_uow=system_uow, finders=list(finders)),
        ExtractDocument: functools.partial(ingest.extract_document, deps=ingest_deps),
        ChunkDocument: functools.partial(ingest.chunk_document, deps=ingest_deps),
        EmbedChunks: functools.partial(ingest.embed_chunks, deps=ingest_deps),
        IndexDocument: functools.partial(ingest.index_document, deps=ingest_deps),
        # Bound to the tenant's model client: with no debounce window it classifies and answers too.
        FilterInbound: lambda job: messages.filter_inbound(job, deps=messages_for(job.user_id)),
        ClassifyIntent: lambda job: messages.classify_intent(job, deps=messages_for(job.user_id)),
        RespondWithRag: lambda job: messages.respond(job, deps=messages_for(job.user_id)),
        DeliverReply: functools.partial(messages.deliver, deps=message_deps),
        DispatchTask: functools.partial(dispatch.dispatch_task, deps=dispatch_deps),
        EmailOwnerAlert: functools.partial(dispatch.email_alert, deps=dispatch_deps),
        SessionCommand: functools.partial(sessions.run_command, host=host, leases=leases),
        SessionQuery: functools.partial(sessions.run_query, host=host),
        SendAccountEmail: functools.partial(mail.send_account_email, deps=mail_deps),
        SendThroughSession: functools.partial(send_through_host, host=host, tenant_uow=tenant_uow, keyring=keyring,
                                              redis_client=client, storage=storage, events=events),
    }
    give_up: dict[type[QueuedJob], Callable[[Any, BaseException], None]] = {}
    job_type: type[QueuedJob]
    for job_type, stage in ((ExtractDocument, "extraction"), (ChunkDocument, "chunking"),
                            (EmbedChunks, "embedding"), (IndexDocument, "indexing")):
        give_up[job_type] = functools.partial(_fail_document, deps=ingest_deps, stage=stage)
    for job_type in (FilterInbound, ClassifyIntent, RespondWithRag):
        give_up[job_type] = functools.partial(messages.fail_inbound, deps=message_deps)
    # A send handed to a session host that is given up on (a permanent refusal, or retries run out) fails
    # its row with the reason, like a reply sent from here.
    for job_type in (DeliverReply, SendThroughSession):
        give_up[job_type] = functools.partial(messages.fail_reply, deps=message_deps)
    give_up[DispatchTask] = functools.partial(dispatch.fail_task, deps=dispatch_deps)
    give_up[EmailOwnerAlert] = functools.partial(dispatch.email_alert_failed, deps=dispatch_deps)
    kb = KnowledgeBase(KbDeps(tenant_uow=tenant_uow, storage=storage, vectors=vectors, embedder=embedder,
                              max_upload_bytes=s.kb_max_upload_bytes))
    bot_config = BotSettingsDeps(tenant_uow, egress, tuple(s.operator_models))
    account_deps = AccountDeps(accounts, tenant_uow, system_uow)
    return App(
        settings=s, database_url=database_url, redis_url=redis_url, pool=pool, redis=client, celery=celery,
        publisher=publisher, storage=storage, embedder=embedder, vectors=vectors, events=events, keyring=keyring,
        chat=chat, transport=transport, egress=egress, mailer=mailer, accounts=accounts,
        webhook_verifier=_verifier(s.whatsapp_webhook_secrets, "WHATSAPP_WEBHOOK_SECRETS", client, "whatsapp"),
        n8n_callback_verifier=_verifier(s.n8n_callback_secrets, "N8N_CALLBACK_SECRETS", client, "n8n"),
        tenant_data=tenant_data,
        bot_config=bot_config,
        account_deps=account_deps,
        sign_up_deps=SignUpDeps(system_uow, tenant_uow, revealed(s.secret_key, "SALESBOY_SECRET_KEY")),
        kb=kb,
        session_commands=commands,
        api_sends=SendDeps(tenant_uow=tenant_uow, keyring=keyring, storage=storage, redis=client, commands=commands,
                           sends_per_minute=s.session_sends_per_minute),
        evaluation=EvalDeps(system_uow=system_uow, kb=kb, bot_config=bot_config, tenant_data=tenant_data,
                            account_deps=account_deps,
                            webhook_secret=revealed(s.whatsapp_webhook_secrets, "WHATSAPP_WEBHOOK_SECRETS"),
                            intents=dataclasses.replace(message_deps, embedder=embedder)),
        ingest=ingest_deps, messages=message_deps, dispatch=dispatch_deps, task_rules=task_rules,
        session_queue=queue, session_leases=leases, session_host=host, stuck_finders=finders,
        handlers=MappingProxyType(handlers), give_up_handlers=MappingProxyType(give_up),
        redelivered_handlers=MappingProxyType({
            ExtractDocument: functools.partial(ingest.extract_document, deps=ingest_deps, redelivered=True),
            EmbedChunks: functools.partial(ingest.embed_chunks, deps=ingest_deps, redelivered=True),
        }),
    )


def _accounts(settings: Settings, system_uow: db.SystemUow, mailer: Mailer) -> AccountBackend:
    if settings.auth_backend == "supabase":
        from services.usecases.accounts_supabase import SupabaseAccounts

        return SupabaseAccounts(required(settings.supabase_url, "SUPABASE_URL"),
                                revealed(settings.supabase_anon_key, "SUPABASE_ANON_KEY"))
    return LocalAccounts(system_uow, mailer, secret_key=revealed(settings.secret_key, "SALESBOY_SECRET_KEY"),
                         reset_minutes=settings.password_reset_minutes)


def _verifier(secrets: SecretStr | None, name: str, client: redis.Redis, replay_scope: str) -> WebhookVerifier:
    return WebhookVerifier(parse_secrets(revealed(secrets, name)), RedisReplayGuard(client, replay_scope))


def _session_host(settings: Settings, deps: HostDeps, queue: str, leases: SessionLeases) -> SessionHost:
    """The browsers this process may run; none starts until a session command arrives here."""
    s = settings
    bundle = s.wa_js_path or Path(__file__).resolve().parents[1] / "node_modules" / "@wppconnect" / "wa-js" / \
        "dist" / "wppconnect-wa.js"
    return SessionHost(deps, url=s.whatsapp_web_url, profiles_root=s.resolved_profiles_dir,
                       wa_js_path=bundle, remote_url=s.selenium_remote_url, max_sessions=s.sessions_per_host,
                       host_name=queue, sends_per_minute=s.session_sends_per_minute,
                       qr_expiry_seconds=s.qr_expiry_seconds, typing_ms_per_char=s.typing_delay_ms_per_char,
                       typing_max_seconds=s.typing_delay_max_seconds,
                       holds_lease=lambda user_id: leases.owner(user_id) == queue)

def _fail_document(job: ingest.DocumentJob, error: BaseException, *, deps: ingest.IngestDeps, stage: str) -> None:
    ingest.fail_document(job, ingest.give_up_reason(stage, error), deps=deps)
