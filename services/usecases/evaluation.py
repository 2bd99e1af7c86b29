"""`salesboy eval`: run a suite through the real message pipeline and measure the answers.

A tenant (a throwaway one unless named) gets the suite's settings and documents through the same services
the dashboard and REST API use; each case is then sent as a signed WhatsApp webhook, from a chat of its
own, and the runner waits for its inbox row to reach a final status and reads back the trace and replies.
The workers of a running deployment do all the work; nothing here decides anything the pipeline would.
"""

from __future__ import annotations

import csv
import json
import logging
import os
import secrets
import time
import tomllib
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from pipelines import evaluation as ev
from schemas.bot import BotSettings
from schemas.messages import PLAYGROUND_SUFFIX
from services.adapters.signing import parse_secrets, signed_headers
from services.repositories.db import SystemUow
from services.usecases import bot_settings, intents, kb
from services.usecases.accounts import AccountDeps, sign_up
from services.usecases.intents import IntentDeps
from services.usecases.kb import KnowledgeBase
from services.usecases.message_views import message_trace
from services.usecases.tenant_data import TenantData

log = logging.getLogger(__name__)

FINAL = ("answered", "ignored", "handed_off", "failed")
THROWAWAY_DOMAIN = "eval.salesboy.invalid"
BANKING77_ENV = "BANKING77_DIR"

# The signed webhook: (body, headers) -> (HTTP status, JSON answer). The CLI posts to the API's own route.
Door = Callable[[bytes, dict[str, str]], tuple[int, dict]]
Progress = Callable[[str], None]


class EvaluationError(RuntimeError):
    """The evaluation could not run; the message says what to do."""


@dataclass
class Suite:
    name: str
    description: str
    directory: Path
    settings: dict
    documents: list[Path]
    cases: list[ev.Case]
    dataset: str | None = None  # "banking77": cases generated from a dataset, scored in-process
    notes: list[str] = field(default_factory=list)


def load_suite(directory: Path, *, data: Path | None = None) -> Suite:
    manifest = directory / "suite.toml"
    if not manifest.is_file():
        raise EvaluationError(f"{directory} is not a suite: it has no suite.toml")
    try:
        meta = tomllib.loads(manifest.read_text())
    except tomllib.TOMLDecodeError as exc:
        raise EvaluationError(f"{manifest}: {exc}") from None
    name = str(meta.get("name") or directory.name)
    settings = dict(meta.get("settings") or {})
    if meta.get("dataset") == "banking77":
        return _banking77(directory, name, str(meta.get("description", "")), settings, data)
    cases_path = directory / "cases.jsonl"
    if not cases_path.is_file():
        raise EvaluationError(f"{directory} has no cases.jsonl")
    try:
        cases = ev.parse_cases(cases_path.read_text().splitlines(), where=str(cases_path))
    except ev.SuiteError as exc:
        raise EvaluationError(str(exc)) from None
    documents = sorted(p for p in (directory / "documents").glob("*") if p.is_file())
    missing = sorted({c.source for c in cases if c.source} - {p.name for p in documents})
    if missing:
        raise EvaluationError(f"{name}: cases name sources that are not in documents/: {', '.join(missing)}")
    return Suite(name, str(meta.get("description", "")), directory, settings, documents, cases)


def banking77_dir(data: Path | None, suite_dir: Path) -> Path:
    """--data, else $BANKING77_DIR, else ../shared/data/banking77 beside the repository."""
    if data is not None:
        return data
    if os.environ.get(BANKING77_ENV):
        return Path(os.environ[BANKING77_ENV])
    return suite_dir.resolve().parents[2] / "shared" / "data" / "banking77"


def read_rows(path: Path) -> list[tuple[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return [(row["text"], row["category"]) for row in csv.DictReader(handle)]


def _banking77(directory: Path, name: str, description: str, settings: dict, data: Path | None) -> Suite:
    root = banking77_dir(data, directory)
    train, test = root / "train.csv", root / "test.csv"
    if not (train.is_file() and test.is_file()):
        raise EvaluationError(f"the BANKING77 data is not at {root} (train.csv and test.csv): pass --data DIR or "
                              f"set {BANKING77_ENV} (see {directory / 'README.md'})")
    intents, cases = ev.few_shot_suite(read_rows(train), read_rows(test))
    return Suite(name, description, directory, {**settings, "intents": intents}, [], cases, dataset="banking77")


# --- the tenant -------------------------------------------------------------------------------------


@dataclass
class Tenant:
    user_id: uuid.UUID
    email: str
    throwaway: bool


@dataclass(frozen=True)
class EvalDeps:
    """What the harness uses: the same use cases the dashboard and the webhook's sender go through."""

    system_uow: SystemUow
    kb: KnowledgeBase
    bot_config: bot_settings.BotSettingsDeps
    tenant_data: TenantData
    account_deps: AccountDeps
    webhook_secret: str  # signs the cases sent through the webhook, as a gateway would
    # The intent stage's own dependencies, with the embedder itself rather than the stages' shared one:
    # thousands of cases would only fill Redis.
    intents: IntentDeps


def throwaway_tenant(deps) -> Tenant:
    """A fresh account made by the same sign-up the dashboard uses; removed by `remove_tenant`."""
    email = f"eval-{uuid.uuid4().hex[:12]}@{THROWAWAY_DOMAIN}"
    account = sign_up(deps.account_deps, email, secrets.token_urlsafe(24), "Evaluation")
    return Tenant(account.user_id, account.email, True)


def existing_tenant(deps: EvalDeps, email: str) -> Tenant:
    with deps.system_uow() as uow:
        user = uow.users.find_by_email(email)
    if user is None:
        raise EvaluationError(f"no account with email {email}")
    return Tenant(user.id, email, False)


def remove_tenant(deps: EvalDeps, tenant: Tenant) -> None:
    """Documents first (vectors and stored files live outside the database), then the account: every other
    row of the tenant goes with it (on delete cascade)."""
    for document in deps.kb.list_documents(tenant.user_id):
        deps.kb.delete_document(tenant.user_id, document.id)
    with deps.system_uow() as uow:
        uow.conn.execute("delete from auth.users where id = %s", [tenant.user_id])


def apply_settings(deps: EvalDeps, user_id: uuid.UUID, patch: dict, *, models: Sequence[str] = ()) -> BotSettings:
    """The suite's settings over the tenant's, validated and saved as `PATCH /api/bot` does; the runner's
    own values last: answer every message at once, from everyone, without models unless asked, and
    with only the suite's own n8n workflows and owner phone (none unless it names them)."""
    current = bot_settings.current(deps.bot_config, user_id).model_dump(mode="json")
    merged = _merge(current, patch)
    merged.update(enabled=True, debounce_seconds=0, whitelist_enabled=False,
                  models=[{"model": m} for m in models],
                  # Made-up customers must not start real workflows or text the owner's phone.
                  n8n_urls=patch.get("n8n_urls", {}), owner_notify_phone=patch.get("owner_notify_phone"))
    if "intents" in merged and "intents" not in BotSettings.model_fields:
        merged.pop("intents")
    try:
        settings = BotSettings.model_validate(merged)
    except ValueError as exc:
        raise EvaluationError(f"the suite's settings are not valid bot settings: {exc}") from None
    try:
        bot_settings.save(deps.bot_config, user_id, settings, via="eval")
    except bot_settings.SettingsRefused as exc:
        raise EvaluationError(f"the suite's settings were refused: {exc}") from None
    return settings


def _merge(base: dict, patch: dict) -> dict:
    merged = dict(base)
    for key, value in patch.items():
        merged[key] = _merge(base[key], value) if isinstance(value, dict) and isinstance(base.get(key), dict) \
            else value
    return merged


def upload_documents(deps: EvalDeps, user_id: uuid.UUID, paths: Sequence[Path], *, timeout: float,
                     progress: Progress) -> None:
    """Upload as an owner would (an identical file already there is reused) and wait until all are ready."""
    waiting: dict[uuid.UUID, str] = {}
    for path in paths:
        try:
            waiting[deps.kb.upload(user_id, path.name, path.read_bytes()).id] = path.name
        except kb.DuplicateDocumentError as exc:
            waiting[uuid.UUID(str(exc.details["document_id"]))] = path.name
        except kb.KnowledgeBaseError as exc:
            raise EvaluationError(f"{path.name} was refused: {exc}") from None
    deadline = time.monotonic() + timeout
    while True:
        states = {d.id: d for d in deps.kb.list_documents(user_id) if d.id in waiting}
        failed = [f"{waiting[i]}: {d.error}" for i, d in states.items() if d.status == "failed"]
        if failed:
            raise EvaluationError("document(s) failed to ingest: " + "; ".join(failed))
        if len(states) == len(waiting) and all(d.status == "ready" for d in states.values()):
            progress(f"{len(waiting)} document(s) ready")
            return
        if time.monotonic() > deadline:
            raise EvaluationError(f"documents still not ready after {timeout:.0f}s: is `salesboy up` running "
                                  "(the ingest worker does this)?")
        time.sleep(0.5)


# --- the messages -----------------------------------------------------------------------------------


def chat_for(run: str, case: ev.Case) -> str:
    """A chat of the case's own, so no two cases (or runs) share a conversation's history. It is a playground
    chat: it passes every stage like a WhatsApp chat (whitelist aside, which the eval turns off anyway),
    but its replies stay in Salesboy, so made-up customers are never written to on WhatsApp."""
    return f"{run}{case.number:05d}{PLAYGROUND_SUFFIX}"


def send_case(door: Door, key: bytes, user_id: uuid.UUID, run: str, case: ev.Case) -> uuid.UUID:
    body = json.dumps({"tenant": str(user_id), "provider_message_id": f"eval.{run}.{case.number}",
                       "chat_id": chat_for(run, case), "text": case.text,
                       "timestamp": datetime.now(UTC).isoformat()}).encode()
    status, answer = door(body, {**signed_headers(key, f"msg_{uuid.uuid4().hex}", body),
                                 "content-type": "application/json"})
    if status != 200:
        raise EvaluationError(f"the webhook refused case #{case.number} ({status}): {answer}")
    return uuid.UUID(answer["inbox_id"])


def collect(deps: EvalDeps, user_id: uuid.UUID, sent: dict[uuid.UUID, ev.Case], *, timeout: float,
            progress: Progress) -> list[ev.Outcome]:
    """Wait for every message's row to reach a final status; what never did is reported as `timeout`."""
    outcomes: dict[uuid.UUID, ev.Outcome] = {}
    deadline = time.monotonic() + timeout
    last_report = 0
    while len(outcomes) < len(sent) and time.monotonic() < deadline:
        for inbox_id, case in sent.items():
            if inbox_id in outcomes:
                continue
            found = message_trace(deps.tenant_data, user_id, inbox_id)
            if found and found["status"] in FINAL:
                outcomes[inbox_id] = ev.outcome_from_trace(case, found["status"], found["stages"],
                                                           [r["text"] for r in found["replies"]])
        if len(outcomes) - last_report >= 25 or len(outcomes) == len(sent):
            progress(f"{len(outcomes)}/{len(sent)} handled")
            last_report = len(outcomes)
        if len(outcomes) < len(sent):
            time.sleep(0.5)
    for inbox_id, case in sent.items():
        if inbox_id not in outcomes:
            found = message_trace(deps.tenant_data, user_id, inbox_id) or {}
            outcomes[inbox_id] = ev.outcome_from_trace(case, "timeout", found.get("stages"), [])
    return sorted(outcomes.values(), key=lambda o: o.case.number)


def run_pipeline(deps: EvalDeps, suite: Suite, door: Door, *, email: str | None, split: str, limit: int | None,
                 models: Sequence[str] = (), keep: bool = False, timeout: float = 900.0,
                 door_name: str = "the API route in this process",
                 progress: Progress = lambda _m: None) -> ev.Report:
    cases = ev.select(suite.cases, split, limit)
    if not cases:
        raise EvaluationError(f"{suite.name} has no {split} cases")
    tenant = existing_tenant(deps, email) if email else throwaway_tenant(deps)
    progress(f"tenant {tenant.email}" + (" (throwaway)" if tenant.throwaway else ""))
    notes = []
    try:
        apply_settings(deps, tenant.user_id, suite.settings, models=models)
        upload_documents(deps, tenant.user_id, suite.documents, timeout=timeout, progress=progress)
        key = parse_secrets(deps.webhook_secret)[0]
        run = str(secrets.randbelow(10**9)).zfill(9)
        sent = {send_case(door, key, tenant.user_id, run, case): case for case in cases}
        progress(f"{len(sent)} message(s) sent through the signed webhook")
        outcomes = collect(deps, tenant.user_id, sent, timeout=timeout + 10 * len(sent), progress=progress)
    finally:
        if tenant.throwaway and not keep:
            remove_tenant(deps, tenant)
            notes.append(f"throwaway tenant {tenant.email} removed (its documents, messages and settings with it)")
        elif tenant.throwaway:
            notes.append(f"throwaway tenant {tenant.email} kept (--keep): delete it from the database when done")
    method = (f"every case sent through the signed WhatsApp webhook ({door_name}) and handled by the running "
              f"workers (inbound -> filter -> intent -> respond){'; models: ' + ', '.join(models) if models else ''}")
    return ev.report(suite.name, method, split, outcomes, notes)


# --- the few-shot intent suite ----------------------------------------------------------------------


def intents_supported() -> bool:
    return "intents" in BotSettings.model_fields


def run_intents_in_process(deps: EvalDeps, suite: Suite, *, split: str, limit: int | None,
                           progress: Progress = lambda _m: None) -> ev.Report:
    """Score intent cases by calling the intent stage's own decision with the workers' embedder: sending
    thousands of messages through the queues would measure the queues, not the classifier."""
    if "intents" in suite.settings and not intents_supported():
        raise EvaluationError(f"{suite.name} needs business-defined intents (bot settings `intents`), which this "
                              "build does not have yet: skipped")
    # Only the decision is measured: every case is an intent case (a question's label is Response).
    cases = [ev.Case(c.number, "intent", c.text, c.split, label=c.expected_label)
             for c in ev.select(suite.cases, split, limit)]
    settings = BotSettings.model_validate({**BotSettings().model_dump(mode="json"), **suite.settings,
                                           "debounce_seconds": 0, "models": []})
    outcomes = []
    for done, case in enumerate(cases, start=1):
        result, how, _failures = intents.classify(deps.intents, settings, case.text)
        label = getattr(result, "label", None) or ev.label_from_trace(
            {"intent": result.intent, "task_type": result.task_type})
        outcomes.append(ev.Outcome(case, "answered", label, intent_detail=f"{how}: {result.raw_analysis}"[:300]))
        if done % 500 == 0:
            progress(f"{done}/{len(cases)} classified")
    method = ("intent decision called in-process (the intent stage's own function and embedder, no models); "
              "the messages did not go through the queues")
    return ev.report(suite.name, method, split, outcomes, suite.notes)
