"""Language models through litellm, tried in the business's order until one answers.

Credentials come from two places only. An operator model (`operator/<name>`) is called with
the key the operator named in OPERATOR_MODELS, at the operator's api_base. Everything else is
the business's own model, called with the business's own stored key, or a placeholder, but
always an explicit key, so litellm never falls back to a key from the server's environment. An
own model with an api_base goes through the egress policy and Salesboy's guarded HTTP client.

Each attempt has its own timeout and an explicit retry count (litellm's clients otherwise
retry on their own), and every failed attempt is recorded for the trace, so an owner can see
which model answered and which ones failed first.
"""

from __future__ import annotations

import logging
import os
import ssl
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any, Protocol, TypeVar

import httpx

from pipelines.egress import REFUSED_MESSAGE, EgressRefused
from pipelines.intent import repair_message
from pipelines.model_rules import model_problem
from schemas.messages import ModelSpec
from schemas.settings import OperatorModel
from services.adapters.egress import EgressPolicy, RecentVerdicts, guarded_client, refusal_in
from services.adapters.litellm_setup import load_litellm
from services.adapters.metrics import process_metrics
from services.core.crypto import DecryptionError

log = logging.getLogger(__name__)
T = TypeVar("T")

# Sent as the key of an own model on a server that wants none: litellm and the OpenAI client
# read OPENAI_API_KEY from the environment whenever the key they are given is empty.
NO_KEY = "no-key"
NO_OWN_KEY = "no provider key is saved: add yours in Settings, or pick an operator model"
UNREADABLE_OWN_KEY = "your saved provider key can no longer be read: save it again in Settings"
# Headers an own api_base may receive; anything else litellm adds from the server's environment or
# its own settings (an organization, litellm.headers, OPENAI_CUSTOM_HEADERS, ...) is dropped.
_OWN_CLIENTS_KEPT = 64  # own servers (and keys) whose clients stay open in one process
SENT_HEADERS = frozenset(
    {"host", "accept", "accept-encoding", "connection", "content-length", "content-type", "user-agent"}
)


class AllModelsFailedError(RuntimeError):
    def __init__(self, attempts: list[dict]) -> None:
        super().__init__("; ".join(f"{a['model']}: {a['error']}" for a in attempts) or "no model configured")
        self.attempts = attempts


@dataclass
class Completion:
    text: str
    model: str
    attempts: list[dict] = field(default_factory=list)  # the failures before the answer


def complete_parsed(
    chat,
    models: list[ModelSpec],
    messages: list[dict],
    parse: Callable[[str], T],
    *,
    temperature: float,
    max_tokens: int,
    repairs: int = 2,
) -> tuple[T, Completion]:
    """A structured answer: the model's JSON read by `parse` (which raises ValueError saying what is wrong),
    sent back for repair up to `repairs` times. The repair goes to the model that made the mistake (and
    those after it). Raises AllModelsFailedError with every failure, an unrepaired answer included."""
    messages, failed = list(messages), list[dict]()
    for _round in range(repairs + 1):
        try:
            completion = chat.complete(models, messages, temperature=temperature, max_tokens=max_tokens, json_mode=True)
        except AllModelsFailedError as exc:
            raise AllModelsFailedError(failed + exc.attempts) from exc
        failed += completion.attempts
        try:
            return parse(completion.text), replace(completion, attempts=failed)
        except ValueError as exc:
            problem = str(exc)
            models = models[[m.model for m in models].index(completion.model) :]
            messages += [
                {"role": "assistant", "content": completion.text},
                {"role": "user", "content": repair_message(problem)},
            ]
    unusable = {"model": completion.model, "error": f"unusable answer after {repairs} repairs: {problem}"[:300]}
    raise AllModelsFailedError([*failed, unusable])


class Unusable(Exception):
    """A model entry that is not called at all; the message is for the business."""


@dataclass
class _Call:
    options: dict
    hidden: tuple[str, ...] = ()  # never shown to the business in an error: the key, the operator's endpoint


class LiteLLMChat:
    """The models of every business; `for_tenant` gives the ChatModel one business's jobs use."""

    def __init__(
        self,
        *,
        operator_models: list[OperatorModel],
        egress: EgressPolicy,
        own_key: Callable[[uuid.UUID], str | None],
        timeout: float = 20.0,
        retries: int = 1,
    ) -> None:
        self._operator = {m.name: m for m in operator_models}
        self._egress = egress
        # Checked before every own-server call for the tenant's message; the connection is checked again anyway.
        self._own_server_verdicts = RecentVerdicts(egress)
        self._own_key = own_key
        self._timeout = timeout
        self._retries = retries
        self._ssl: ssl.SSLContext | None = None
        # One OpenAI client (and its connection pool) per own server and key, reused across calls:
        # building them costs CPU on every reply and a fresh TCP/TLS connection each time.
        self._own_clients: OrderedDict[tuple[str, str], Any] = OrderedDict()
        self._own_clients_lock = threading.Lock()

    def for_tenant(self, user_id: uuid.UUID) -> TenantChat:
        return TenantChat(self, user_id)

    def complete(
        self,
        models: list[ModelSpec],
        messages: list[dict],
        *,
        tenant: uuid.UUID,
        temperature: float,
        max_tokens: int,
        json_mode: bool = False,
    ) -> Completion:
        return self.complete_with_key(models, messages, own_key=lambda: self._own_key(tenant), temperature=temperature,
                                      max_tokens=max_tokens, json_mode=json_mode)

    def complete_with_key(
        self,
        models: list[ModelSpec],
        messages: list[dict],
        *,
        own_key: Callable[[], str | None],
        temperature: float,
        max_tokens: int,
        json_mode: bool = False,
    ) -> Completion:
        """`complete`, with the business's key from `own_key` (called at most once, only if an own model needs it):
        the model gateway is handed the key by the worker that read it."""
        litellm = load_litellm()
        once = _Once(own_key)
        attempts: list[dict] = []
        for spec in models:
            try:
                call = self._prepare(spec, once)
            except Unusable as exc:
                attempts.append({"model": spec.model, "error": str(exc)})
                continue
            if json_mode:
                call.options["response_format"] = {"type": "json_object"}
            metrics = process_metrics()
            started = time.perf_counter()
            try:
                response = litellm.completion(
                    messages=messages,
                    temperature=temperature,
                    max_tokens=max_tokens,
                    timeout=self._timeout,
                    num_retries=self._retries,
                    max_retries=0,
                    **call.options,
                )
                text = response.choices[0].message.content or ""
            except Exception as exc:  # every provider error is recorded and the next model tried
                attempts.append({"model": spec.model, "error": _shown_error(exc, call.hidden)})
                log.warning("model call failed", extra={"model": spec.model, "error": f"{type(exc).__name__}: {exc}"})
                metrics.llm_calls.labels(spec.model, "error").inc()
                metrics.llm_fallbacks.labels(spec.model).inc()
                continue
            finally:
                metrics.llm_seconds.labels(spec.model).observe(time.perf_counter() - started)
            if not text.strip():
                attempts.append({"model": spec.model, "error": "empty answer"})
                metrics.llm_calls.labels(spec.model, "empty").inc()
                metrics.llm_fallbacks.labels(spec.model).inc()
                continue
            metrics.llm_calls.labels(spec.model, "ok").inc()
            return Completion(text=text.strip(), model=spec.model, attempts=attempts)
        raise AllModelsFailedError(attempts)

    def _prepare(self, spec: ModelSpec, own_key: _Once) -> _Call:
        problem = model_problem(spec, self._operator)
        if problem:
            raise Unusable(problem)
        if spec.operator_name is not None:
            return self._operator_call(self._operator[spec.operator_name])
        if spec.api_base:
            return self._own_server_call(spec, own_key() or NO_KEY)
        key = own_key()
        if not key:
            raise Unusable(NO_OWN_KEY)
        return _Call({"model": spec.model, "api_key": key}, hidden=(key,))

    def _operator_call(self, model: OperatorModel) -> _Call:
        key = os.environ.get(model.api_key_env) if model.api_key_env else None
        if model.api_key_env and not key:
            log.error("operator model key missing", extra={"operator_model": model.name, "env": model.api_key_env})
            raise Unusable(f"the operator's model {model.name!r} is not available right now")
        return _Call(
            {"model": model.model, "api_base": model.api_base, "api_key": key},
            hidden=tuple(h for h in (key, model.api_base) if h),
        )

    def _own_server_call(self, spec: ModelSpec, key: str) -> _Call:
        try:
            self._own_server_verdicts.check_url(spec.api_base)  # type: ignore[arg-type]  # own-server entries carry it
        except EgressRefused as exc:
            raise Unusable(str(exc)) from None
        client = self._own_client(spec.api_base, key)  # type: ignore[arg-type]  # as above
        return _Call({"model": spec.model, "api_base": spec.api_base, "api_key": key, "client": client}, hidden=(key,))

    def _own_client(self, api_base: str, key: str):
        from litellm.llms.custom_httpx.http_handler import HTTPHandler

        with self._own_clients_lock:
            client = self._own_clients.get((api_base, key))
            if client is not None:
                self._own_clients.move_to_end((api_base, key))
                return client
            if self._ssl is None:
                self._ssl = httpx.create_ssl_context(trust_env=False)
            # The guarded client checks the resolved address on every new connection, so a reused
            # client is held to the egress policy just as a fresh one is.
            http = guarded_client(
                self._egress,
                timeout=self._timeout,
                ssl_context=self._ssl,
                event_hooks={"request": [_only_intended_headers(key)]},
            )
            # litellm honours `client=` for openai/... models on its httpx path (litellm_setup sets the switch):
            # main.py::_complete_custom_openai passes it to BaseLLMHTTPHandler.completion, which posts through a
            # given HTTPHandler (llms/custom_httpx/llm_http_handler.py) and builds its own client only when it is
            # given none, so the connection, the egress check and the headers sent are ours.
            client = HTTPHandler(client=http, timeout=self._timeout)
            self._own_clients[(api_base, key)] = client
            if len(self._own_clients) > _OWN_CLIENTS_KEPT:
                # Not closed here: another thread may be mid-request on it; its pool goes with it.
                self._own_clients.popitem(last=False)
            return client


class ModelClient(Protocol):
    """Every business's models: LiteLLMChat here, or GatewayChat (services/adapters/llm_gateway.py)."""

    def complete(self, models: list[ModelSpec], messages: list[dict], *, tenant: uuid.UUID, temperature: float,
                 max_tokens: int, json_mode: bool = False) -> Completion: ...


class TenantChat:
    """The ChatModel port for one business: own model entries use that business's key and nobody else's."""

    def __init__(self, chat: ModelClient, user_id: uuid.UUID) -> None:
        self._chat = chat
        self.user_id = user_id

    def complete(
        self,
        models: list[ModelSpec],
        messages: list[dict],
        *,
        temperature: float,
        max_tokens: int,
        json_mode: bool = False,
    ) -> Completion:
        return self._chat.complete(
            models, messages, tenant=self.user_id, temperature=temperature, max_tokens=max_tokens, json_mode=json_mode
        )


class _Once:
    """The business's key is read (and decrypted) at most once per reply, and only if an own model needs it."""

    def __init__(self, load: Callable[[], str | None]) -> None:
        self._load = load
        self._loaded = False
        self._value: str | None = None

    def __call__(self) -> str | None:
        if not self._loaded:
            try:
                self._value = self._load()
            except DecryptionError as exc:  # its encryption key was retired from CHAT_ENCRYPTION_KEYS
                log.error("provider key unreadable", extra={"error": str(exc)})
                raise Unusable(UNREADABLE_OWN_KEY) from None
            self._loaded = True
        return self._value


def _only_intended_headers(key: str) -> Callable[[httpx.Request], None]:
    def strip(request: httpx.Request) -> None:
        for name in list(request.headers):
            if name.lower() not in SENT_HEADERS:
                del request.headers[name]
        request.headers["authorization"] = f"Bearer {key}"

    return strip


def _shown_error(exc: BaseException, hidden: tuple[str, ...]) -> str:
    """The error as the business sees it in its traces: never an internal address's answer, a key or the
    operator's endpoint."""
    if refusal_in(exc) is not None:
        return REFUSED_MESSAGE
    text = f"{type(exc).__name__}: {exc}"
    for secret in hidden:
        if len(secret) >= 6:
            text = text.replace(secret, "[hidden]")
    return text[:300]
