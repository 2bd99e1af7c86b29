"""The message stages: inbound.filter -> intent.classify -> rag.respond -> outbound.deliver.

Every stage re-reads its row and acts only from the state it expects, so a
redelivered job is a no-op; replies go through `outbox` with a unique key per
inbound message, so a reply is written once however often a stage runs. Each
stage appends what it decided, and how long it took, to the message's trace.

A stage whose successor has nothing to wait for (no debounce window, no typing pause) runs that
successor itself once its own transaction has committed, instead of queueing it (`_run_next`): a
queue hop is a Celery task's worth of CPU. The successor stays a stage of its own (its own claim,
trace entry and metrics) and goes back to the queue if it fails transiently. Its claim is made in
the transaction of the stage before it (`_Claimed`), where that transaction has just left the row
locked in the status the successor expects: a transaction, and its BEGIN and COMMIT round trips,
less a stage.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass, field
from datetime import UTC, datetime

from pipelines import answers, delivery, filters, intent
from pipelines import tasks as task_words
from schemas.bot import BotSettings
from schemas.jobs import ClassifyIntent, DeliverReply, FilterInbound, QueuedJob, RespondWithRag, SendThroughSession
from schemas.messages import PLAYGROUND_SUFFIX, InboundMessage, IntentResult
from schemas.pipelines import MESSAGE_NEXT_JOB
from services.adapters.intent_classifier import IntentHeads, IntentSetup
from services.adapters.metrics import timed_stage
from services.adapters.ports import ChatModel, Embedder, EventPublisher, Prefetches, Transport, VectorStore
from services.core.crypto import Keyring, Sealed, seal_task_payload
from services.core.errors import TRANSIENT_ERRORS, PermanentError
from services.handlers import search_beside
from services.repositories.chat_logs import LoggedTurn
from services.repositories.db import PublishAfterCommitError, UnitOfWork
from services.repositories.inbox import InboundLog, InboundMessageRow, NewReply
from services.repositories.outbox import ReplyRow
from services.repositories.rows import existing
from services.usecases import answering, intents, tasks

log = logging.getLogger(__name__)

API_SEND_PREFIX = "api:"  # the reply key of a send made through the REST API (services/whatsapp/media.py)


# The settings of a stage's transaction that is redone should its commit be lost. It commits without waiting for
# its WAL to reach disk (`synchronous_commit = off`, local to the transaction, set with its BEGIN): a disk flush
# less on the message's way to its reply. A Postgres crash can lose such commits (those of the last three
# wal_writer_delay periods at most, 600 ms by default) but corrupts nothing: the message is back in the status the
# transaction found it in, and the stage runs again, because a stage's job is acknowledged to the broker only after
# the stage (acks_late) and the sweeper re-sends the job of a message left in an in-progress status
# (`stuck_messages`). Three transactions take it: inbound.filter's, intent.classify's verdict that leads to
# rag.respond, and rag.respond's answer. Their one effect outside Postgres is the reply, sent by this task right
# after the answer commits, so possibly before that commit is on disk: the redone answer writes the reply under the
# same outbox id (`answer_reply_id`), which the transport signs as its `webhook-id`, and the gateway drops the
# resend. The first durable commit after them (the reply recorded as sent) flushes their WAL too. Transactions that
# are not simply redone keep durable commits: a task or hand-off (sent to n8n under the task's own random id), a
# canned reply (`_add_reply`, a random outbox id), delivery bookkeeping, the accept path, and everything outside
# the message stages.
REDONE_IF_LOST = {"synchronous_commit": "off"}


@dataclass
class MessageDeps:
    # A tenant's transaction; `settings` are Postgres settings local to it (REDONE_IF_LOST).
    tenant_uow: Callable[..., UnitOfWork]
    keyring: Keyring
    embedder: Embedder
    vectors: VectorStore
    chat: ChatModel
    transport: Transport  # sends where no session host runs the tenant's WhatsApp (gateway, playground)
    events: EventPublisher
    typing_delay_ms_per_char: float
    typing_delay_max_seconds: float
    task_rules: tasks.TaskRules
    intent_heads: IntentHeads  # one per process: fitted heads are shared by every tenant's copy of the deps
    # The queue of the session host running the tenant's linked WhatsApp, or None when none runs it.
    session_owner: Callable[[uuid.UUID], str | None] = lambda _user_id: None
    intent_rules: intent.DecisionRules = field(default_factory=intent.DecisionRules)
    # Runs rag.respond's search while the verdict that leads to it commits (services/handlers/search_beside.py);
    # None: searched by rag.respond itself.
    searches: Executor | None = None


Next = ClassifyIntent | RespondWithRag | DeliverReply  # a stage another may run right after itself (_run_next)


@dataclass(frozen=True)
class _ClassifyClaim:
    """intent.classify's claim, made by inbound.filter's transaction as it left the message `filtered`."""

    settings: BotSettings
    text: str
    started: float


@dataclass(frozen=True)
class _RespondClaim:
    """rag.respond's claim, made by its own transaction or by intent.classify's as it recorded the verdict:
    the message (locked, `classified`) and what the answer reads with it."""

    row: InboundMessageRow
    settings: BotSettings
    question: str
    history: list[answers.Turn]
    started: float
    search: search_beside.StartedSearch | None = None


@dataclass(frozen=True)
class _DeliverClaim:
    """outbound.deliver's claim, made by the transaction that wrote the reply: the row `sending`, one attempt
    counted, as `start_sending` leaves it."""

    row: ReplyRow
    text: str


@dataclass(frozen=True)
class _Claimed:
    """A next stage whose claim the committed transaction made (see the module's docstring)."""

    job: Next
    claim: _ClassifyClaim | _RespondClaim | _DeliverClaim


Then = list[Next | _Claimed]  # what runs in this task once the running stage's transaction commits


def _now() -> datetime:
    return datetime.now(UTC)


def _redone_uow(deps: MessageDeps, user_id: uuid.UUID) -> UnitOfWork:
    """A transaction that is redone should its commit be lost (see REDONE_IF_LOST): nothing in it may reach
    anything outside Postgres except through a stage that runs again."""
    return deps.tenant_uow(user_id, settings=REDONE_IF_LOST)


def _open(deps: MessageDeps, row: InboundMessageRow | ReplyRow) -> str:
    return deps.keyring.open(row.body, tenant=row.user_id, chat=row.chat_id)


def _stage(name: str, started: float, **details: object) -> dict:
    return {name: {"ms": round((time.perf_counter() - started) * 1000, 1), **details}}


def _log_inbound(
    deps: MessageDeps,
    uow: UnitOfWork,
    row: InboundMessageRow,
    text: str,
    *,
    outcome: str,
    reason: str | None,
    intent_name: str | None = None,
    trace: dict | None = None,
) -> None:
    uow.chat_logs.log(
        user_id=row.user_id,
        chat_id=row.chat_id,
        direction="inbound",
        body=deps.keyring.seal(text, tenant=row.user_id, chat=row.chat_id),
        inbox_id=row.id,
        outcome=outcome,
        reason=reason,
        intent=intent_name,
        trace=trace or {},
        phone=row.sender_phone,
        lid=row.sender_lid,
    )


def _typing_pause(deps: MessageDeps, text: str) -> float:
    return delivery.typing_pause_seconds(
        len(text), ms_per_char=deps.typing_delay_ms_per_char, max_seconds=deps.typing_delay_max_seconds
    )


def _pauses(deps: MessageDeps) -> bool:
    """Whether replies wait a typing pause: every reply does (it has a character at least), or none."""
    return bool(_typing_pause(deps, "."))


def _sent_from_here(deps: MessageDeps, row: InboundMessageRow) -> bool:
    """Whether outbound.deliver sends this chat's replies itself (no session host sends for the tenant).
    Read before a transaction: no I/O inside it."""
    return row.chat_id.endswith(PLAYGROUND_SUFFIX) or deps.session_owner(row.user_id) is None


@dataclass(frozen=True)
class _Part:
    """A reply to write under its outbox key, and how it goes out once written."""

    key: str
    text: str
    sealed: Sealed
    pause: float  # the typing pause: the broker's countdown, so no worker sits in a sleep while the customer waits
    claimed: bool  # written already claimed for sending, and delivered by this task once the write commits


def _part(deps: MessageDeps, row: InboundMessageRow, text: str, key: str, *, claim: bool) -> _Part:
    """With `claim` (outbound.deliver sends it from this process, see `_sent_from_here`), a reply with no typing
    pause is written already claimed for sending, as outbound.deliver's own claim would leave it, and delivered
    by this task once the write commits."""
    pause = _typing_pause(deps, text)
    sealed = deps.keyring.seal(text, tenant=row.user_id, chat=row.chat_id)
    return _Part(key, text, sealed, pause, claimed=claim and not pause)


def _see_delivered(uow: UnitOfWork, row: InboundMessageRow, part: _Part, written: ReplyRow | uuid.UUID | None,
                   then: Then) -> None:
    """What follows a reply's write once its transaction commits. `written`: a claimed part's row (None when its
    key was written before and is done: sent, or failed for good, by an earlier run), a pending part's row or id."""
    if part.claimed:
        if isinstance(written, ReplyRow):
            then.append(
                _Claimed(
                    DeliverReply(user_id=row.user_id, outbox_id=written.id, trace_id=row.trace_id),
                    _DeliverClaim(written, part.text),
                )
            )
        return
    # A pending reply's row is always written or found.
    outbox_id = written.id if isinstance(written, ReplyRow) else existing(written, f"reply {part.key}")
    job = DeliverReply(user_id=row.user_id, outbox_id=outbox_id, trace_id=row.trace_id)
    if part.pause:
        uow.publish_after_commit(job, countdown=part.pause)
    else:
        then.append(job)  # delivered by this task once the reply is committed


def _add_reply(deps: MessageDeps, uow: UnitOfWork, row: InboundMessageRow, text: str, key: str, *, then: Then) -> None:
    """Write a reply (`pending`) and see it delivered: a canned answer, or a task's or hand-off's word to the
    customer. rag.respond writes its answer's replies with the answer itself (`InboxRepository.answer_inbound`)."""
    part = _part(deps, row, text, key, claim=False)
    outbox_id = uow.outbox.add_reply(
        user_id=row.user_id, reply_key=key, inbox_id=row.id, chat_id=row.chat_id, body=part.sealed,
        trace_id=row.trace_id,
    )
    _see_delivered(uow, row, part, outbox_id, then)


def _run_next(deps: MessageDeps, jobs: Then) -> None:
    """Run the stages that follow the one just committed, here, in order.

    Each runs as its own stage would from the queue: it claims its row with the status it expects (so a
    copy of the job from the sweeper is a no-op for one of the two), writes its own trace entry and counts
    in its own stage metrics. A transient failure queues the job instead, to be retried as a stage of its
    own with its own backoff. Anything else propagates to the running task, which records it; a reply
    that failed that way is marked failed here, as outbound.deliver's own give-up would. Should this
    process die first, the row waits in its in-progress status for the sweeper.
    """
    for item in jobs:
        job, claim = (item.job, item.claim) if isinstance(item, _Claimed) else (item, None)
        with timed_stage(job.task_name) as measured:
            try:
                _run_stage(deps, job, claim)
            except TRANSIENT_ERRORS as exc:
                measured["outcome"] = "retry"
                log.warning("queued to be retried as its own stage", extra={"next": job.task_name, "error": str(exc)})
                with deps.tenant_uow(job.user_id) as uow:
                    uow.publish_after_commit(job)
            except PublishAfterCommitError:
                raise  # committed: the sweeper sends what could not be queued
            except Exception as exc:
                if isinstance(job, DeliverReply):
                    fail_reply(job, exc, deps=deps)
                raise


def _run_stage(deps: MessageDeps, job: Next, claim: _ClassifyClaim | _RespondClaim | _DeliverClaim | None) -> None:
    if claim is None:  # the stage as its queued job runs it
        if isinstance(job, ClassifyIntent):
            classify_intent(job, deps=deps)
        elif isinstance(job, RespondWithRag):
            respond(job, deps=deps)
        else:
            deliver(job, deps=deps)
        return
    then: Then = []  # its claim made: the stage from there on, then what it runs next
    if isinstance(job, ClassifyIntent) and isinstance(claim, _ClassifyClaim):
        _classify(job, deps, then, claim)
    elif isinstance(job, RespondWithRag) and isinstance(claim, _RespondClaim):
        _respond(job, deps, then, claim)
    elif isinstance(job, DeliverReply) and isinstance(claim, _DeliverClaim):
        _deliver(job, deps, claim)
    _run_next(deps, then)


# --- inbound.filter ---------------------------------------------------------------------------


def filter_inbound(job: FilterInbound, *, deps: MessageDeps) -> None:
    then: Then = []
    _filter(job, deps, then)
    _run_next(deps, then)


def _filter(job: FilterInbound, deps: MessageDeps, then: Then) -> None:
    started = time.perf_counter()
    with _redone_uow(deps, job.user_id) as uow:  # lost, the message is `received` again: the sweeper re-filters it
        # The message locked, its business's settings, and for a message still `received` its chat's row
        # written and the chat's rules read: one round trip.
        claimed = uow.inbox.claim_for_filter(job.inbox_id)
        if claimed is not None and claimed.row.status == "filtered" and not claimed.settings.debounce_seconds:
            # Handed out again after its classification was cut short (see _classify): carry on.
            then.append(ClassifyIntent(user_id=job.user_id, inbox_id=job.inbox_id, trace_id=job.trace_id))
            return
        if claimed is None or claimed.row.status != "received" or claimed.chat is None:
            return
        row, settings, chat = claimed.row, claimed.settings, claimed.chat
        text = _open(deps, row)
        in_group = row.is_group and chat.group_auto_reply is not None
        message = InboundMessage(
            tenant=job.user_id,
            provider_message_id=row.provider_message_id,
            chat_id=row.chat_id,
            sender_phone=row.sender_phone,
            sender_lid=row.sender_lid,
            is_group=row.is_group,
            from_me=row.from_me,
            mentions_me=row.mentions_me,
            text=text,
            media_ref=row.media_ref,
            timestamp=row.sent_at or row.created_at,
        )
        rules = filters.ChatRules(
            bot_enabled=settings.enabled,
            whitelist_enabled=settings.whitelist_enabled,
            whitelisted=chat.whitelisted,
            group_auto_reply=bool(in_group and chat.group_auto_reply),
            group_mention_only=bool(chat.group_mention_only) if in_group else True,
            handoff_active=chat.handoff_active,
            paused_until=chat.paused_until,
            owner_pause_minutes=settings.owner_pause_minutes,
        )
        decision = filters.decide(message, rules, _now())
        trace = _stage("filter", started, answer=decision.answer, reason=decision.reason)
        if decision.pause_chat_until is not None:
            uow.chats.pause_chat(job.user_id, row.chat_id, decision.pause_chat_until)
        if not decision.answer:
            uow.inbox.set_inbound(job.inbox_id, status="ignored", reason=decision.reason, trace=trace)
            _log_inbound(deps, uow, row, text, outcome="ignored", reason=decision.reason, trace=trace)
            return
        if not settings.debounce_seconds and not settings.models and isinstance(deps.embedder, Prefetches):
            # Classified by this task once this commits, with the embedding classifier: the message's encode
            # runs on the embedder's own thread meanwhile (this statement and COMMIT are round trips).
            deps.embedder.prefetch_query(text)
        uow.inbox.set_inbound(job.inbox_id, status="filtered", reason=decision.reason, trace=trace)
        # Wait out a burst before classifying: then only its last message is answered, for all of it.
        classify = ClassifyIntent(user_id=job.user_id, inbox_id=job.inbox_id, trace_id=job.trace_id)
        if settings.debounce_seconds:
            uow.publish_after_commit(classify, countdown=settings.debounce_seconds)
        else:
            # No burst to wait out: classified by this task once this commits (in the one-call mode, recorded
            # as left to rag.respond's model call). This transaction leaves the message locked and `filtered`,
            # which is intent.classify's claim: made here, not in a second one.
            then.append(_Claimed(classify, _ClassifyClaim(settings, text, time.perf_counter())))


# --- intent.classify ------------------------------------------------------------------------------

ONE_CALL = "with the answer, in rag.respond's model call"


def _one_call(settings: BotSettings) -> bool:
    """The intent verdict and the answer from one model call, made by rag.respond."""
    return bool(settings.models) and settings.model_calls == 1


def classify_intent(job: ClassifyIntent, *, deps: MessageDeps) -> None:
    then: Then = []
    _classify(job, deps, then)
    _run_next(deps, then)


def _classify(job: ClassifyIntent, deps: MessageDeps, then: Then, claim: _ClassifyClaim | None = None) -> None:
    if claim is None:
        claim = _claim_classify(job, deps, then)
        if claim is None:
            return
    settings, text, started = claim.settings, claim.text, claim.started
    if _one_call(settings):
        with _redone_uow(deps, job.user_id) as uow:  # lost, the message is `filtered` again: classified again
            _leave_to_one_call(job, deps, uow, settings=settings, started=started, then=then)
        return
    result, how, failures = intents.classify(deps, settings, text)
    stored = intent.at_rest(result, how)
    trace = _stage("intent", started, method=how, **stored, **({"fallbacks": failures} if failures else {}))
    from_documents = _from_documents(settings, result)
    search = (search_beside.start(deps.searches, _answering_deps(deps), job.user_id, settings, text)
              if from_documents else None)
    # A verdict for rag.respond is redone if its commit is lost; one acted on here (a task, a hand-off, a canned
    # reply) reaches n8n or the customer under ids the redone verdict would not repeat: committed durably.
    with _redone_uow(deps, job.user_id) if from_documents else deps.tenant_uow(job.user_id) as uow:
        if from_documents:
            # An Answer:<key> without a reply of its own is answered from the documents; the label stays in the
            # trace as the respond stage's routing hint. The update leaves the message locked and `classified`:
            # rag.respond's claim is made here, in this transaction, and the statement that records the verdict
            # also reads the chat's history the answer needs.
            _classified_for_respond(
                job, deps, uow, settings=settings, intent=result.intent, trace=trace, then=then, search=search
            )
            return
        advanced = uow.inbox.advance_inbound(
            job.inbox_id, expected="filtered", status="classified", intent=result.intent, trace=trace
        )
        if advanced is None:  # another run moved it on
            return
        _act(deps, uow, job, row=advanced, settings=settings, result=result, text=text, trace=trace, then=then)


def _claim_classify(job: ClassifyIntent, deps: MessageDeps, then: Then) -> _ClassifyClaim | None:
    """intent.classify's own claim (a queued job): the message to classify, or None when there is nothing
    to classify (moved on, superseded by a newer message, or left to rag.respond's one model call)."""
    started = time.perf_counter()
    with deps.tenant_uow(job.user_id) as uow:
        claimed = uow.inbox.inbound_with_settings(job.inbox_id)
        if claimed is not None and claimed[0].status == "classified":
            # This job committed its verdict before, but the answer it went on to was cut short (its process
            # died and the broker handed the job out again): carry on from there, as a queued
            # rag.respond would have been handed out again. rag.respond's own claim keeps it to one answer.
            then.append(RespondWithRag(user_id=job.user_id, inbox_id=job.inbox_id, trace_id=job.trace_id))
            return None
        if claimed is None or claimed[0].status != "filtered":
            return None
        row, settings = claimed
        window = settings.debounce_seconds
        if window and filters.superseded(
            row.created_at, uow.inbox.newer_in_chat(row.chat_id, row.created_at, row.id), window
        ):
            reason = "answered together with the customer's next message"
            trace = _stage("intent", started, skipped=reason)
            uow.inbox.set_inbound(job.inbox_id, status="ignored", reason=reason, trace=trace)
            _log_inbound(deps, uow, row, _open(deps, row), outcome="ignored", reason=reason, trace=trace)
            return None
        if _one_call(settings):
            _leave_to_one_call(job, deps, uow, settings=settings, started=started, then=then)
            return None
        return _ClassifyClaim(settings, _open(deps, row), started)


def _leave_to_one_call(
    job: ClassifyIntent, deps: MessageDeps, uow: UnitOfWork, *, settings: BotSettings, started: float, then: Then
) -> None:
    """The one-call mode's intent.classify: the model's verdict comes with its answer, so rag.respond asks for
    both and acts on the verdict. The message is recorded `classified`, and rag.respond's claim made with it:
    the same statement reads the chat's history the answer needs (nothing, should another run have moved the
    message on)."""
    _classified_for_respond(job, deps, uow, settings=settings, intent=None,
                            trace=_stage("intent", started, method=ONE_CALL), then=then)


def _classified_for_respond(
    job: ClassifyIntent, deps: MessageDeps, uow: UnitOfWork, *, settings: BotSettings, intent: str | None,
    trace: dict, then: Then, search: search_beside.StartedSearch | None = None,
) -> None:
    """Record the message `classified` and make rag.respond's claim in the same statement, which also reads the
    chat's history the answer needs; nothing when another run moved the message on."""
    claimed = uow.inbox.advance_inbound_with_history(
        job.inbox_id, expected="filtered", status="classified", intent=intent, trace=trace,
        turns=settings.history_turns,
    )
    if claimed is None:
        return
    row, logged = claimed
    respond_job = RespondWithRag(user_id=job.user_id, inbox_id=job.inbox_id, trace_id=job.trace_id)
    then.append(_Claimed(respond_job, _respond_reads(deps, uow, row, settings, logged=logged, search=search)))


def _canned(settings: BotSettings, result: IntentResult) -> str:
    """The business's own reply for the verdict's `Answer:<key>` label, or "" when it has none."""
    return IntentSetup.of(settings).reply_for(result.label) if result.label.startswith("Answer:") else ""


def _from_documents(settings: BotSettings, result: IntentResult) -> bool:
    """Whether the verdict is answered from the documents by rag.respond (`_act` does nothing for it)."""
    return result.intent == "Response" and not _canned(settings, result)


def _act(
    deps: MessageDeps,
    uow: UnitOfWork,
    job: ClassifyIntent | RespondWithRag,
    *,
    row: InboundMessageRow,
    settings: BotSettings,
    result: IntentResult,
    text: str,
    trace: dict,
    then: Then,
) -> bool:
    """Act on a verdict that is not answered from the documents: a business's canned answer, a task or a
    hand-off, with the message's final status. False (nothing done) for a question for the documents."""
    canned = _canned(settings, result)
    if result.intent == "Response" and not canned:  # `_from_documents`
        return False
    if canned:
        _add_reply(deps, uow, row, canned, f"{job.inbox_id}:0", then=then)
        # Added to the respond stage's own trace when it asked the model (one-call mode): its fallbacks stay.
        respond_trace = {**trace.get("respond", {}), "answer": "canned", "intent": result.label}
        uow.inbox.set_inbound(
            job.inbox_id, status="answered", trace={"respond": respond_trace, "reply": {"parts": 1, "kind": "canned"}}
        )
        _log_inbound(
            deps, uow, row, text, outcome="answered", reason=result.label, intent_name=result.intent, trace=trace
        )
        return True
    contact = row.contact
    if result.intent == "Task":
        payload = seal_task_payload(
            deps.keyring, {**result.payload, "message": text}, tenant=job.user_id, chat=row.chat_id
        )
        _task_id, handed_over = tasks.create(
            uow,
            deps.task_rules,
            user_id=job.user_id,
            inbox_id=job.inbox_id,
            chat_id=row.chat_id,
            task_type=result.task_type,  # type: ignore[arg-type]  # a Task result always names its type
            payload=payload,
            trace_id=job.trace_id,
            settings=settings,
            contact=contact,
        )
        # Without a workflow the customer has just been told, once, that a person will follow up.
        reply, outcome = (task_words.ACKNOWLEDGED if handed_over else None), "task"
    else:
        uow.chats.start_handoff(job.user_id, row.chat_id)
        payload = seal_task_payload(
            deps.keyring, {"message": text, "contact": contact}, tenant=job.user_id, chat=row.chat_id
        )
        tasks.create(
            uow,
            deps.task_rules,
            user_id=job.user_id,
            inbox_id=job.inbox_id,
            chat_id=row.chat_id,
            task_type=task_words.HANDOFF,
            payload=payload,
            trace_id=job.trace_id,
            settings=settings,
            contact=row.sender_phone or row.chat_id,
            handoff_note=f"A customer ({row.sender_phone or row.chat_id}) asked for a person: {text}"[:1000],
        )
        reply, outcome = task_words.HANDOFF_REPLY, "handed_off"
    if reply:
        _add_reply(deps, uow, row, reply, f"{job.inbox_id}:0", then=then)
    uow.inbox.set_inbound(
        job.inbox_id,
        status="handed_off" if outcome == "handed_off" else "answered",
        trace={"reply": {"parts": 1, "kind": outcome}},
    )
    _log_inbound(
        deps,
        uow,
        row,
        text,
        outcome=outcome,
        reason=str(trace.get("intent", {}).get("analysis")),
        intent_name=result.intent,
        trace=trace,
    )
    return True


# --- rag.respond ------------------------------------------------------------------------------------


def respond(job: RespondWithRag, *, deps: MessageDeps) -> None:
    then: Then = []
    _respond(job, deps, then)
    _run_next(deps, then)


def _respond_reads(
    deps: MessageDeps,
    uow: UnitOfWork,
    row: InboundMessageRow,
    settings: BotSettings,
    started: float | None = None,
    *,
    logged: list[LoggedTurn],
    search: search_beside.StartedSearch | None = None,
) -> _RespondClaim:
    """What rag.respond reads with its claim of `row` (locked and `classified` in `uow`): `logged`, the chat's
    history, read by the statement that made the claim. `search`: its search, started beside the claim."""
    started = time.perf_counter() if started is None else started
    window = settings.debounce_seconds
    # With no debounce window the burst is this message alone: no need to ask.
    burst = uow.inbox.burst(row.chat_id, row.created_at, window) if window else [row]
    question = "\n".join(_open(deps, r) for r in burst if r.status != "ignored" or r.id == row.id)
    history = [
        answers.Turn(
            "customer" if h.direction == "inbound" else "business",
            deps.keyring.open(h.body, tenant=row.user_id, chat=row.chat_id),
        )
        for h in logged
    ]
    return _RespondClaim(row, settings, question, history, started, search)


def _answering_deps(deps: MessageDeps) -> answering.Deps:
    return answering.Deps(deps.embedder, deps.vectors, deps.tenant_uow, deps.chat)


def _respond(job: RespondWithRag, deps: MessageDeps, then: Then, claim: _RespondClaim | None = None) -> None:
    if claim is None:
        started = time.perf_counter()
        with deps.tenant_uow(job.user_id) as uow:
            # The message locked, its business's settings and its chat's history: one round trip, and nothing
            # read for a message a redelivered or stale job finds moved on.
            claimed = uow.inbox.claim_for_respond(job.inbox_id)
            if claimed is None:
                return
            claim = _respond_reads(deps, uow, claimed.row, claimed.settings, started, logged=claimed.history)
    row, settings, question, history, started = (
        claim.row,
        claim.settings,
        claim.question,
        claim.history,
        claim.started,
    )
    # A reply with no typing pause is claimed for sending as it is written, if this process sends it: asked here,
    # while the search started beside the verdict may still be out, rather than after the answer.
    from_here = _sent_from_here(deps, row) if claim.search is not None and not _pauses(deps) else None
    one_call = _one_call(settings) and row.intent is None  # not when classify already decided
    setup = IntentSetup.of(settings) if one_call else None
    answering_deps = _answering_deps(deps)
    result = answering.answer(
        answering_deps,
        job.user_id,
        settings,
        question,
        history,
        classify=setup,
        search=search_beside.searcher(claim.search, answering_deps, job.user_id),
    )
    verdict, intent_trace = None, {}
    if setup is not None:
        verdict, how = _verdict(deps, result, question, setup)
        intent_trace = {"intent": {**_stage("intent", started, method=how)["intent"], **intent.at_rest(verdict, how)}}
    handoff = result.handoff
    parts = answers.split_reply(result.reply, settings.max_reply_chars) or [settings.unknown_reply]
    trace = {**intent_trace, **_stage("respond", started, **result.trace, reply_parts=len(parts))}
    # outbound.deliver's claim of a reply sent with no pause is made by the transaction that writes it.
    claim_sends = any(not _typing_pause(deps, part) for part in parts) and (
        _sent_from_here(deps, row) if from_here is None else from_here
    )
    # A task, a hand-off or a canned answer (the model's reply is not sent): acted on durably, as in
    # intent.classify. The answer itself is redone if its commit is lost (its replies keep their ids).
    acted_on = None
    if verdict is not None and setup is not None and (verdict.intent != "Response" or setup.reply_for(verdict.label)):
        acted_on = verdict
    with deps.tenant_uow(job.user_id) if acted_on is not None else _redone_uow(deps, job.user_id) as uow:
        if acted_on is not None:
            trace["respond"].update(answer="none", acted_on=acted_on.label)
            trace["respond"].pop("declined_by", None)  # the verdict is acted on: no answer was declined
            advanced = uow.inbox.advance_inbound(  # None: another run moved it on
                job.inbox_id, expected="classified", status="classified", intent=acted_on.intent, trace=trace
            )
            if advanced is not None:
                _act(
                    deps,
                    uow,
                    job,
                    row=advanced,
                    settings=settings,
                    result=acted_on,
                    text=question,
                    trace=trace,
                    then=then,
                )
            return
        outcome = "handed_off" if handoff else "answered"
        logged = InboundLog(
            deps.keyring.seal(question, tenant=row.user_id, chat=row.chat_id),
            outcome=outcome,
            reason=trace["respond"].get("answer"),
            intent="Response",
        )
        written_parts = [
            _part(deps, row, part, f"{job.inbox_id}:{index}", claim=claim_sends) for index, part in enumerate(parts)
        ]
        # The message, its log line, its replies and a hand-off, in one statement: none of it unless the message
        # advances.
        written = uow.inbox.answer_inbound(
            job.inbox_id,
            expected="classified",
            status=outcome,
            trace=trace,
            intent="Response" if verdict is not None else None,
            log=logged,
            replies=[NewReply(part.key, part.sealed, sending=part.claimed) for part in written_parts],
            handoff=handoff,
        )
        if written is None:  # another run moved it on
            return
        for part in written_parts:
            _see_delivered(uow, row, part, written.get(part.key), then)


def _verdict(deps: MessageDeps, result: answering.Answer, text: str, setup: IntentSetup) -> tuple[IntentResult, str]:
    """The one-call mode's verdict: the model's, or the embedding classifier's when every model failed
    (their errors are in the respond stage's trace, as fallbacks)."""
    if result.verdict is None:
        return intents.decide(deps, text, setup), "embeddings (after the models failed)"
    return intents.business_answer(deps, result.verdict, text, setup), f"llm:{result.verdict_model}"


# --- outbound.deliver ---------------------------------------------------------------------------------


def deliver(job: DeliverReply, *, deps: MessageDeps) -> None:
    """Claim the reply (status `sending`) and send it, or hand it to the host running the tenant's WhatsApp.

    The handoff publishes `sessions.send` to that host's own queue and returns: the host sends, and the
    outbox row carries the outcome (`services/whatsapp/transport.py`). A host that dies first leaves the
    row `sending`; the sweeper hands it over again after the deadline, and the host sends once per row.
    """
    _deliver(job, deps)


def _deliver(job: DeliverReply, deps: MessageDeps, claim: _DeliverClaim | None = None) -> None:
    if claim is not None:  # claimed by the transaction that wrote the reply (no session host sends it)
        row, text = claim.row, claim.text
    else:
        owner = deps.session_owner(job.user_id)  # read before the transaction: no I/O inside it
        with deps.tenant_uow(job.user_id) as uow:
            claimed = uow.outbox.start_sending(job.outbox_id)
            if claimed is None:
                return
            row = claimed
            if owner is not None and not row.chat_id.endswith(PLAYGROUND_SUFFIX):
                uow.publish_after_commit(
                    SendThroughSession(user_id=job.user_id, outbox_id=job.outbox_id, trace_id=job.trace_id), queue=owner
                )
                return
            text = _open(deps, row)
    try:
        provider_id = deps.transport.send_text(job.user_id, row.chat_id, text, str(job.outbox_id))
    except PermanentError as exc:
        with deps.tenant_uow(job.user_id) as uow:
            uow.outbox.set_reply(job.outbox_id, status="failed", error=str(exc)[:1000])
        raise
    record_sent(row, text, provider_id, tenant_uow=deps.tenant_uow, keyring=deps.keyring, events=deps.events)


def record_sent(
    row: ReplyRow,
    text: str,
    provider_id: str,
    *,
    tenant_uow: Callable[[uuid.UUID], UnitOfWork],
    keyring: Keyring,
    events: EventPublisher,
) -> None:
    """The reply went out: the row says so, the chat log shows it, the dashboard hears of it (once, however
    many attempts get here)."""
    user_id, outbox_id = row.user_id, row.id
    with tenant_uow(user_id) as uow:
        if not uow.outbox.mark_sent_logged(
            outbox_id,
            provider_id,
            body=keyring.seal(text, tenant=user_id, chat=row.chat_id),
            trace={"outbox_id": str(outbox_id), "provider_message_id": provider_id},
        ):
            return
    events.publish(user_id, "message.sent", {"outbox_id": str(outbox_id), "chat_id": row.chat_id})


def fail_reply(job: DeliverReply | SendThroughSession, error: BaseException, *, deps: MessageDeps) -> None:
    with deps.tenant_uow(job.user_id) as uow:
        row = uow.outbox.reply(job.outbox_id, lock=True)
        if row is not None and row.status != "sent":
            uow.outbox.set_reply(job.outbox_id, status="failed", error=f"{type(error).__name__}: {error}"[:1000])


def fail_inbound(
    job: FilterInbound | ClassifyIntent | RespondWithRag, error: BaseException, *, deps: MessageDeps
) -> None:
    with deps.tenant_uow(job.user_id) as uow:
        row = uow.inbox.inbound(job.inbox_id, lock=True)
        if row is not None and row.status not in ("answered", "ignored", "handed_off", "failed"):
            uow.inbox.set_inbound(job.inbox_id, status="failed", reason=f"{type(error).__name__}: {error}"[:1000])


def stuck_messages(older_than_seconds: float, max_attempts: int):
    """Sweeper finder: re-send the next job for messages and replies stuck mid-way."""

    def find(uow: UnitOfWork) -> list[QueuedJob]:
        jobs: list[QueuedJob] = []
        for row in uow.inbox.stuck_inbound(older_than_seconds):
            if row.attempts >= max_attempts:
                uow.inbox.set_inbound(row.id, status="failed", reason="gave up: kept getting stuck")
                continue
            kind = MESSAGE_NEXT_JOB[row.status]
            jobs.append(kind(user_id=row.user_id, inbox_id=row.id, trace_id=row.trace_id))
            uow.inbox.set_inbound(row.id, status=row.status)  # counts the attempt, resets the clock
        for reply in uow.outbox.stuck_replies(older_than_seconds):
            if reply.reply_key.startswith(API_SEND_PREFIX):
                # A REST send whose request ended before the host answered: its caller was never told it went,
                # and a resend through outbound.deliver would drop its file. Left as failed, never sent later.
                uow.outbox.fail_unsent(reply.id, "the sending request ended before WhatsApp answered")
                continue
            if reply.attempts >= max_attempts:
                uow.outbox.set_reply(reply.id, status="failed", error="gave up: kept getting stuck")
                continue
            jobs.append(DeliverReply(user_id=reply.user_id, outbox_id=reply.id, trace_id=reply.trace_id))
            uow.outbox.set_reply(reply.id, status=reply.status, count_attempt=True)
        return jobs

    find.__name__ = "stuck_messages"
    return find
