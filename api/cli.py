"""The `salesboy` command. Every subcommand reads the same settings (env + .env)."""

from __future__ import annotations

import contextlib
import json
import os
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import click

from api import create_app
from api.openapi import build_spec, postman_collection
from pipelines.evaluation import render
from schemas.settings import Settings, SettingsError, load_settings, revealed
from services.adapters.logging import configure_logging
from services.bootstrap import bootstrap, storage_for
from services.core.crypto import Keyring
from services.repositories.db import SystemUow
from services.runtime.backup import BackupError, backup, restore
from services.runtime.embedded import EmbeddedServiceError
from services.runtime.migrate import MigrationError
from services.runtime.reencrypt import reencrypt as reencrypt_stored
from services.runtime.runtime import (
    migrate_database,
    resolve_database_url,
    resolve_owner_database_url,
    resolve_redis_url,
)
from services.runtime.seed import InlineJobs, QuietEvents, seed_demo_tenant
from services.runtime.supervisor import StartupError, Supervisor
from services.usecases import apikeys, evaluation
from services.usecases import kb as kb_service
from services.usecases.accounts import user_id_for_email
from services.usecases.apikeys import create_api_key
from services.usecases.kb import KnowledgeBase


def _settings() -> Settings:
    try:
        return load_settings()
    except SettingsError as exc:
        raise click.ClickException(str(exc)) from None


@click.group()
def main() -> None:
    """Salesboy: a self-hosted AI sales assistant for WhatsApp."""


@main.command()
@click.option("--no-flower", is_flag=True, help="Do not start Flower.")
@click.option("--demo", is_flag=True, help="Create (or reset) the demo account and print its login.")
def up(no_flower: bool, demo: bool) -> None:
    """Start everything: embedded services, migrations, API, workers, beat, Flower."""
    settings = _settings()
    configure_logging(settings.log_level, settings.resolved_log_dir, "supervisor")
    try:
        code = Supervisor(settings, with_flower=not no_flower, with_demo=demo).run()
    except (StartupError, EmbeddedServiceError, MigrationError) as exc:
        raise click.ClickException(str(exc)) from None
    sys.exit(code)


@main.command()
def migrate() -> None:
    """Apply pending database migrations."""
    settings = _settings()
    try:
        url, started = resolve_owner_database_url(settings, start=True)
        try:
            report = migrate_database(settings, url)
        finally:
            if started is not None:
                started.stop()
    except (EmbeddedServiceError, MigrationError) as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"{len(report.applied)} applied, {len(report.skipped)} skipped, {len(report.already)} already applied")
    for label in report.applied:
        click.echo(f"  applied {label}")
    for label in report.skipped:
        click.echo(f"  skipped {label}")


@main.command()
def seed() -> None:
    """Create (or reset) the demo tenant and print its login."""
    settings = _settings()
    try:
        owner_url, started = resolve_owner_database_url(settings, start=True)
    except EmbeddedServiceError as exc:
        raise click.ClickException(str(exc)) from None
    try:
        migrate_database(settings, owner_url)
        url, _ = resolve_database_url(settings, start=False)
        # The sample documents are read here, in this process: no broker or worker is needed.
        jobs = InlineJobs()
        container = bootstrap(settings, database_url=url, redis_url=settings.local_redis_url, publisher=jobs,
                              events=QuietEvents())
        jobs.container = container
        try:
            tenant = seed_demo_tenant(container, jobs=jobs)
        finally:
            container.close()
    finally:
        if started is not None:
            started.stop()
    state = "created" if tenant.created else "already existed; password reset"
    click.echo(f"demo tenant {state}\n  email:    {tenant.email}\n  password: {tenant.password}\n"
               f"  sample documents added: {tenant.documents} (ask the playground “Do you deliver to Accra?”)")


@contextlib.contextmanager
def _running_container(settings: Settings):
    """The container of a running deployment (database and broker must be up)."""
    try:
        database_url, _ = resolve_database_url(settings, start=False)
        redis_url, _ = resolve_redis_url(settings, start=False)
    except EmbeddedServiceError as exc:
        raise click.ClickException(str(exc)) from None
    container = bootstrap(settings, database_url=database_url, redis_url=redis_url)
    try:
        yield container
    finally:
        container.close()


def _tenant(system_uow: SystemUow, email: str) -> uuid.UUID:
    user_id = user_id_for_email(system_uow, email)
    if user_id is None:
        raise click.ClickException(f"no account with email {email}")
    return user_id


@main.group()
def kb() -> None:
    """Knowledge base: ingest documents, try retrieval."""


@kb.command("ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--tenant", "email", required=True, help="Email of the account the documents belong to.")
@click.option("--no-wait", is_flag=True, help="Only enqueue; do not wait for the documents to be ready.")
@click.option("--timeout", default=1800.0, show_default=True, help="Seconds to wait for all documents.")
def kb_ingest(paths: tuple[Path, ...], email: str, no_wait: bool, timeout: float) -> None:
    """Upload files through the same path as the API and wait until each is ready or failed."""
    settings = _settings()
    with _running_container(settings) as container:
        user_id = _tenant(container.system_uow, email)
        queued = {}
        refused = 0
        for path in paths:
            try:
                document = container.kb.upload(user_id, path.name, path.read_bytes())
            except kb_service.KnowledgeBaseError as exc:
                refused += 1
                click.echo(f"refused  {path}: {exc}", err=True)
                continue
            queued[document.id] = path
            click.echo(f"queued   {path} -> {document.id}")
        if no_wait or not queued:
            sys.exit(1 if refused else 0)
        failed = _wait_for_documents(container.kb, user_id, queued, timeout)
    sys.exit(1 if failed or refused else 0)


def _wait_for_documents(knowledge_base: KnowledgeBase, user_id: uuid.UUID, queued: dict, timeout: float) -> int:
    deadline = time.monotonic() + timeout
    finished: dict = {}
    with click.progressbar(length=100 * len(queued), label="ingesting", show_percent=True) as bar:
        shown = 0
        while len(finished) < len(queued) and time.monotonic() < deadline:
            documents = {d.id: d for d in knowledge_base.list_documents(user_id) if d.id in queued}
            for doc_id, current in documents.items():
                if current.status in ("ready", "failed") and doc_id not in finished:
                    finished[doc_id] = current
            total = sum(100 if d.id in finished else d.progress for d in documents.values())
            bar.update(max(0, total - shown))
            shown = max(shown, total)
            time.sleep(0.5)
    failed = 0
    for doc_id, path in queued.items():
        doc = finished.get(doc_id)
        if doc is None:
            failed += 1
            click.echo(f"timeout  {path}: still processing", err=True)
        elif doc.status == "failed":
            failed += 1
            click.echo(f"failed   {path}: {doc.error}", err=True)
        else:
            click.echo(f"ready    {path} ({doc.chunks_total} chunks)")
    return failed


@kb.command("search")
@click.argument("query")
@click.option("--tenant", "email", required=True, help="Email of the account to search.")
@click.option("-k", "k", default=5, show_default=True, type=click.IntRange(1, 50))
def kb_search(query: str, email: str, k: int) -> None:
    """Show what the bot would find for QUERY: score, document, location and text."""
    settings = _settings()
    with _running_container(settings) as container:
        hits = container.kb.search(_tenant(container.system_uow, email), query, k)
    if not hits:
        click.echo("no results (is anything ready in the knowledge base?)")
    for rank, hit in enumerate(hits, start=1):
        click.echo(f"{rank}. {hit.score:.3f}  {hit.filename}  ({hit.location})")
        click.echo("   " + hit.content.replace("\n", "\n   "))


@main.command("eval")
@click.argument("suite_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--tenant", "email", default=None,
              help="Account to run as (its bot settings become the suite's). Default: a throwaway account, "
                   "removed afterwards.")
@click.option("--split", type=click.Choice(["dev", "test", "all"]), default="all", show_default=True)
@click.option("--limit", type=click.IntRange(1), default=None,
              help="At most N cases, taken in turn from each kind, label and document.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("--models", multiple=True, help="Bot models to use (default: none, the LLM-free pipeline).")
@click.option("--keep", is_flag=True, help="Keep the throwaway account (to look at its conversations).")
@click.option("--data", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Dataset directory of a dataset suite (BANKING77: or set BANKING77_DIR).")
@click.option("--api-url", default=None,
              help="Post the signed webhooks to this running API instead of the API route in this process.")
@click.option("--timeout", default=900.0, show_default=True, help="Seconds to wait for documents and replies.")
@click.option("--intents-only", is_flag=True,
              help="Score only the intent decision, called in this process (fast; no documents, no replies).")
def eval_command(suite_dir: Path, *, email: str | None, split: str, limit: int | None, as_json: bool,
                 models: tuple[str, ...], keep: bool, data: Path | None, api_url: str | None,
                 timeout: float, intents_only: bool) -> None:
    """Measure answer quality: run SUITE_DIR's cases through the pipeline of the running deployment."""
    settings = _settings()

    def progress(message: str) -> None:
        click.echo(message, err=True)

    try:
        suite = evaluation.load_suite(suite_dir, data=data)
        with _running_container(settings) as container:
            if suite.dataset or intents_only:
                report = evaluation.run_intents_in_process(container.evaluation, suite, split=split, limit=limit,
                                                           progress=progress)
            else:
                door = _http_door(api_url) if api_url else _app_door(settings, container)
                report = evaluation.run_pipeline(container.evaluation, suite, door, email=email, split=split,
                                                 limit=limit, models=models, keep=keep, timeout=timeout,
                                                 progress=progress,
                                                 door_name=api_url or "the API route in this process")
    except evaluation.EvaluationError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(json.dumps(report.as_dict(), indent=2) if as_json else render(report))


def _app_door(settings: Settings, container):
    """The webhook route of the API, served in this process: the same verification and accept."""
    client = create_app(settings, container).test_client()

    def post(body: bytes, headers: dict[str, str]) -> tuple[int, dict]:
        answer = client.post("/api/webhook/whatsapp", data=body, headers=headers)
        return answer.status_code, answer.get_json(silent=True) or {}

    return post


def _http_door(api_url: str):
    url = api_url.rstrip("/") + "/api/webhook/whatsapp"
    if not url.startswith(("http://", "https://")):
        raise click.ClickException("--api-url must start with http:// or https://")

    def post(body: bytes, headers: dict[str, str]) -> tuple[int, dict]:
        request = urllib.request.Request(url, data=body, headers=headers, method="POST")  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=30) as answer:  # noqa: S310
                return answer.status, json.loads(answer.read() or b"{}")
        except urllib.error.HTTPError as exc:
            return exc.code, json.loads(exc.read() or b"{}")

    return post


@main.command()
def reencrypt() -> None:
    """Re-encrypt stored messages with the current key (the first in CHAT_ENCRYPTION_KEYS)."""
    settings = _settings()
    with _running_container(settings) as container:
        report = reencrypt_stored(container)
    for table, count in report.rows.items():
        click.echo(f"{table}: {count} row(s) re-encrypted")


@main.command("api-docs")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path), default=Path("docs/postman"))
def api_docs(directory: Path) -> None:
    """Write the OpenAPI description and the Postman collection generated from it into DIRECTORY."""
    spec = build_spec(None)
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "openapi.json").write_text(json.dumps(spec, indent=2, sort_keys=True) + "\n")
    (directory / "salesboy.postman_collection.json").write_text(
        json.dumps(postman_collection(spec), indent=2) + "\n")
    click.echo(f"wrote {directory / 'openapi.json'} and {directory / 'salesboy.postman_collection.json'}")


@main.command("backup")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
def backup_command(directory: Path) -> None:
    """Back up the database (as its owner) and the stored files into DIRECTORY, with a manifest.

    The encryption keys are never written to a backup: keep CHAT_ENCRYPTION_KEYS apart from it."""
    settings = _settings()
    try:
        owner_url, started = resolve_owner_database_url(settings, start=True)
        try:
            report = backup(settings, owner_url, directory, storage=storage_for(settings))
        finally:
            if started is not None:
                started.stop()
    except (BackupError, EmbeddedServiceError) as exc:
        raise click.ClickException(str(exc)) from None
    counts = report.manifest["counts"]
    click.echo(f"backup written to {report.directory}: {counts['tenants']} account(s), {counts['chunks']} chunk(s), "
               f"{counts['files']} stored file(s)")
    if report.manifest["encryption_key_ids"]:
        click.echo("restoring it needs CHAT_ENCRYPTION_KEYS holding key id(s) "
                   + ", ".join(report.manifest["encryption_key_ids"]) + " (not in the backup: keep them apart)")


@main.command("restore")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
def restore_command(directory: Path) -> None:
    """Restore a backup from DIRECTORY into an empty database and a new data dir."""
    settings = _settings()
    key_ids = Keyring.parse(revealed(settings.chat_encryption_keys, "CHAT_ENCRYPTION_KEYS")).key_ids
    try:
        owner_url, started = resolve_owner_database_url(settings, start=True)
        try:
            result = restore(settings, owner_url, directory, key_ids=key_ids, storage=storage_for(settings))
        finally:
            if started is not None:
                started.stop()
    except (BackupError, EmbeddedServiceError, MigrationError) as exc:
        raise click.ClickException(str(exc)) from None
    counts = result["manifest"]["counts"]
    click.echo(f"restored {counts['tenants']} account(s), {counts['chunks']} chunk(s) and {counts['files']} stored "
               f"file(s) from {directory}; {len(result['migrations_applied'])} newer migration(s) applied")


@main.group()
def apikey() -> None:
    """REST API keys."""


@apikey.command("create")
@click.option("--tenant", "email", required=True, help="Email of the account the key acts for.")
@click.option("--name", default="cli", show_default=True)
def apikey_create(email: str, name: str) -> None:
    """Create an API key; it is shown once."""
    settings = _settings()
    with _running_container(settings) as container:
        key, _ = create_api_key(container.tenant_uow, _tenant(container.system_uow, email), name)
    click.echo(key)


@apikey.command("list")
@click.option("--tenant", "email", required=True, help="Email of the account whose keys to list.")
def apikey_list(email: str) -> None:
    """The account's API keys: id, name, start of the key, created, last used, revoked (never the key)."""
    settings = _settings()
    with _running_container(settings) as container:
        rows = apikeys.listed(container.tenant_uow, _tenant(container.system_uow, email))
    if not rows:
        click.echo("no API keys")
        return
    for row in rows:
        when = {n: stamp.isoformat(timespec="seconds") if (stamp := getattr(row, n)) else "-"
                for n in ("created_at", "last_used_at", "revoked_at")}
        click.echo(f"{row.id}  {row.prefix}…  {row.name}  created {when['created_at']}  "
                   f"last used {when['last_used_at']}  revoked {when['revoked_at']}")


@apikey.command("revoke")
@click.option("--tenant", "email", required=True, help="Email of the account the key belongs to.")
@click.argument("key_id", type=click.UUID)
def apikey_revoke(email: str, key_id: uuid.UUID) -> None:
    """Revoke a key by its id (from `salesboy apikey list`): requests with it are refused from now on."""
    settings = _settings()
    with _running_container(settings) as container:
        if not apikeys.revoke(container.tenant_uow, _tenant(container.system_uow, email), key_id):
            raise click.ClickException(f"{email} has no live API key with id {key_id}")
    click.echo(f"revoked {key_id}")


def _exec_workers(*args: str) -> None:
    # Worker processes are the workers package's own entry point; exec keeps the
    # pid, so signals from a supervisor reach Celery directly.
    os.execv(sys.executable, [sys.executable, "-m", "workers", *args])  # noqa: S606


@main.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@click.pass_context
def worker(ctx: click.Context) -> None:
    """Run a Celery worker (options: --queues, --pool, --concurrency, --name)."""
    _exec_workers("worker", *ctx.args)


@main.command("llm-gateway")
def llm_gateway() -> None:
    """Run the model gateway: the workers' model calls go through it (LLM_GATEWAY_SOCKET)."""
    _exec_workers("llm-gateway")


@main.command()
def beat() -> None:
    """Run the periodic scheduler (the stuck-work sweeper)."""
    _exec_workers("beat")


@main.command()
def flower() -> None:
    """Run Flower (queue monitoring for operators), with basic auth."""
    _exec_workers("flower")


if __name__ == "__main__":
    main()
