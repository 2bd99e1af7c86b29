"""Worker-side processes: `python -m workers worker|beat|flower` (also `salesboy worker` ...).

Nothing imported here loads prometheus_client (services.adapters.metrics does on first use): it picks its value
class from PROMETHEUS_MULTIPROC_DIR when first imported, which `worker` sets to its own folder first.
"""

from __future__ import annotations

import logging
import os
import socket

import click

from schemas.queues import QUEUES
from schemas.settings import InsecureSettingsError, Settings, SettingsError, load_settings
from services.adapters.logging import configure_logging
from services.adapters.metrics import MULTIPROC_ENV, fresh_multiprocess_dir, serve_worker_metrics
from services.bootstrap import gateway_chat
from services.runtime.embedded import EmbeddedServiceError
from services.runtime.llm_gateway import serve, socket_path_for
from services.runtime.runtime import flower_login, refuse_privileged_runtime, resolve_database_url, resolve_redis_url
from workers.app import create_worker_app


def _settings() -> Settings:
    try:
        return load_settings()
    except SettingsError as exc:
        raise click.ClickException(str(exc)) from None


def _app(settings: Settings, process_name: str, session_queue: str | None = None):
    configure_logging(settings.log_level, settings.resolved_log_dir, process_name)
    try:
        database_url, _ = resolve_database_url(settings, start=False)
        refuse_privileged_runtime(settings, database_url)
        redis_url, _ = resolve_redis_url(settings, start=False)
    except (EmbeddedServiceError, InsecureSettingsError) as exc:
        raise click.ClickException(str(exc)) from None
    return create_worker_app(settings, database_url=database_url, redis_url=redis_url, session_queue=session_queue)


@click.group()
def main() -> None:
    """Salesboy worker processes."""


@main.command()
@click.option("--queues", "-Q", default=",".join(QUEUES), show_default=True,
              help="Comma-separated queues to consume.")
@click.option("--pool", type=click.Choice(["prefork", "solo", "threads"]), default=None,
              help="Worker pool (default: WORKER_POOL).")
@click.option("--concurrency", "-c", type=int, default=None,
              help="Processes/threads (default: WORKER_CONCURRENCY).")
@click.option("--name", default=None, help="Worker node name (default: <queues>.<pid>@<host>).")
@click.option("--metrics-port", type=int, default=None,
              help="Serve this worker's own /metrics on this port (default: WORKER_METRICS_PORT; unset: none).")
def worker(queues: str, pool: str | None, concurrency: int | None, name: str | None,
           metrics_port: int | None) -> None:
    """Consume the given queues."""
    wanted = [q.strip() for q in queues.split(",") if q.strip()]
    unknown = sorted(set(wanted) - set(QUEUES))
    if not wanted or unknown:
        raise click.BadParameter(f"unknown queue(s) {unknown}; known: {', '.join(QUEUES)}",
                                 param_hint="--queues")
    settings = _settings()
    label = "all" if set(wanted) == set(QUEUES) else "-".join(wanted)
    node = name or f"{label}.{os.getpid()}@{socket.gethostname()}"
    own = None
    if "sessions" in wanted:
        # This host's own queue: commands for the sessions whose lease it holds.
        own = f"sessions.{node}"
        wanted.append(own)
    metrics_port = metrics_port or settings.worker_metrics_port
    if metrics_port:
        _own_metrics_folder(settings, node)  # before prometheus_client is imported: it reads the folder then
    app = _app(settings, "worker", session_queue=own)
    if metrics_port:
        token = settings.metrics_token.get_secret_value() if settings.metrics_token else None
        serve_worker_metrics(os.environ[MULTIPROC_ENV], settings.worker_metrics_host, metrics_port, token)
    pool = pool or settings.worker_pool
    concurrency = concurrency or settings.worker_concurrency
    if "sessions" in wanted and pool == "prefork":
        pool = "threads"  # one process, so every command reaches the one host holding the browsers
    if pool == "prefork":
        # Each pool process loads its own embedding model, and torch would give each one a thread
        # per core: N processes x cores threads fighting over the cores (measured: 30% fewer
        # messages a second on 2 cores). Share the cores out instead, unless told otherwise.
        os.environ.setdefault("OMP_NUM_THREADS", str(max(1, (os.cpu_count() or 1) // concurrency)))
    _quiet_task_lines(settings.log_level)
    app.worker_main([
        "worker", "--queues", ",".join(wanted), "--pool", pool,
        "--concurrency", str(concurrency),
        "--hostname", node,
        "--loglevel", settings.log_level, "--without-mingle",
        *(["--task-events"] if settings.worker_task_events else []),
    ])


# Celery's own line a task, twice ("Task ... received", "Task ... succeeded in ... s: <result>"), each through
# every log handler: ~0.35 ms of a worker's CPU a task (tests/bench/README.md, "Celery overhead"). The task
# wrapper's "job done" line (task, job id, trace id, ms) says the same; failures and retries stay logged.
_CELERY_TASK_LOGGERS = ("celery.worker.strategy", "celery.app.trace")


def _quiet_task_lines(level: str) -> None:
    """Celery's per-task lines only at DEBUG: above it they go, warnings and errors stay."""
    if logging.getLevelName(level.upper()) != logging.DEBUG:
        for name in _CELERY_TASK_LOGGERS:
            logging.getLogger(name).setLevel(logging.WARNING)


def _own_metrics_folder(settings: Settings, node: str) -> None:
    """This worker's multiprocess folder, emptied: it alone writes and reads it (stale files would count)."""
    folder = os.environ.get(MULTIPROC_ENV) or str(settings.data_dir.resolve() / "run" / f"metrics-{node}")
    os.environ[MULTIPROC_ENV] = fresh_multiprocess_dir(folder)


@main.command("llm-gateway")
def llm_gateway() -> None:
    """Call the models for every worker on this machine (the one process that imports litellm)."""
    settings = _settings()
    configure_logging(settings.log_level, settings.resolved_log_dir, "llm-gateway")
    if settings.worker_metrics_port:
        # A container of its own (docker compose) serves its model-call metrics itself, as a worker does;
        # under `salesboy up` and systemd it shares the workers' metrics folder and the API serves them.
        _own_metrics_folder(settings, f"llm-gateway@{socket.gethostname()}")
        token = settings.metrics_token.get_secret_value() if settings.metrics_token else None
        serve_worker_metrics(os.environ[MULTIPROC_ENV], settings.worker_metrics_host, settings.worker_metrics_port,
                             token)
    serve(settings.llm_gateway_socket or socket_path_for(settings.data_dir), gateway_chat(settings))


@main.command()
def beat() -> None:
    """Send periodic jobs (the stuck-work sweeper)."""
    settings = _settings()
    app = _app(settings, "beat")
    run_dir = settings.data_dir / "run"
    run_dir.mkdir(parents=True, exist_ok=True)
    app.start(["beat", "--schedule", str(run_dir / "celerybeat-schedule"), "--loglevel", settings.log_level])


@main.command()
def flower() -> None:
    """Serve Flower, the operators' view of queues and tasks, behind basic auth."""
    settings = _settings()
    app = _app(settings, "flower")
    # Passed through the environment so the password never shows in `ps`.

    login = flower_login(settings)
    os.environ["FLOWER_BASIC_AUTH"] = f"{login.user}:{login.password}"
    # Flower asks every worker for task events while it runs (every 5 s, so workers started later too); once
    # it stops nobody reads them, so the workers are told to stop sending them (another Flower still running
    # asks again within 5 s). With WORKER_TASK_EVENTS=true the workers keep them: the operator wants them always.
    try:
        app.start(["flower", f"--address={settings.flower_host}", f"--port={settings.flower_port}"])
    finally:
        if not settings.worker_task_events:
            _stop_task_events(app)


def _stop_task_events(app) -> None:
    try:
        app.control.disable_events()
    except Exception as exc:  # the broker may be what stopped Flower: the workers then keep sending until restarted
        click.echo(f"could not tell the workers to stop sending task events: {exc}", err=True)


if __name__ == "__main__":
    main()
