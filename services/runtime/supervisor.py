"""`salesboy up`: embedded services + migrations + API + workers + beat + Flower.

Children run in their own sessions so a terminal Ctrl-C reaches only this
process, which then stops them in order and waits, leaving nothing behind.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from pipelines.retry import backoff_delay
from schemas.queues import QUEUES
from schemas.settings import Settings
from services.adapters.metrics import MULTIPROC_ENV, fresh_multiprocess_dir
from services.bootstrap import bootstrap
from services.runtime.embedded import port_is_free
from services.runtime.llm_gateway import socket_path_for
from services.runtime.runtime import FlowerLogin, ensure_services, flower_login, migrate_database
from services.runtime.seed import seed_demo_tenant

_STOP_GRACE_SECONDS = 20
_STABLE_AFTER_SECONDS = 60
_GUNICORN_CONFIG = Path(__file__).resolve().parents[2] / "ops" / "gunicorn.conf.py"


class StartupError(RuntimeError):
    pass


@dataclass
class Child:
    name: str
    argv: list[str]
    process: subprocess.Popen | None = None
    started_at: float = 0.0
    crashes: int = 0  # in a row: reset once a restarted child stays up
    restart_at: float | None = None


@dataclass
class Supervisor:
    settings: Settings
    with_flower: bool = True
    with_demo: bool = False  # seed the demo tenant once everything is up, and print its login
    ready_timeout: float = 120.0
    out: TextIO = field(default=sys.stdout)
    children: list[Child] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)
    _flower_login: FlowerLogin | None = None
    _env: dict[str, str] = field(default_factory=dict)

    def _say(self, text: str) -> None:
        print(text, file=self.out, flush=True)

    def _check_ports(self) -> None:
        wanted = [("API_PORT", self.settings.api_host, self.settings.api_port)]
        if self.with_flower:
            wanted.append(("FLOWER_PORT", self.settings.flower_host, self.settings.flower_port))
        busy = [f"{name}={port} on {host}" for name, host, port in wanted if not port_is_free(host, port)]
        if busy:
            raise StartupError("port already in use: " + ", ".join(busy) + " (choose another in .env)")

    def _child_argv(self) -> list[Child]:
        workers = [sys.executable, "-m", "workers"]
        s = self.settings
        children = [
            # First, and waited for: the workers' (and the API's) model calls go to it (LLM_GATEWAY_SOCKET).
            Child("llm-gateway", [*workers, "llm-gateway"]),
            Child("api", [sys.executable, "-m", "gunicorn", "--worker-class", "gevent", "--workers", "1",
                          "--bind", f"{s.api_host}:{s.api_port}", "--graceful-timeout", "5",
                          "--timeout", "60", "--no-control-socket", "--config", str(_GUNICORN_CONFIG),
                          "api:create_app()"]),
            Child("worker", [*workers, "worker", "--queues",
                             ",".join(q for q in QUEUES if q not in ("sessions", "ingest"))]),
            # Documents in a pool of their own: a big upload can never hold the processes answering customers.
            Child("ingest", [*workers, "worker", "--queues", "ingest", "--concurrency", "1"]),
            # Browsers live in their own process (threads pool), apart from the CPU-bound stages.
            Child("sessions", [*workers, "worker", "--queues", "sessions", "--pool", "threads"]),
            Child("beat", [*workers, "beat"]),
        ]
        if self.with_flower:
            children.append(Child("flower", [*workers, "flower"]))
        return children

    def run(self) -> int:
        started = time.monotonic()
        self._check_ports()
        self._install_signal_handlers()
        services = ensure_services(self.settings, start_redis=True)
        try:
            report = migrate_database(self.settings, services.owner_database_url)
            self._say(f"migrations: {len(report.applied)} applied, {len(report.already)} already there")
            env = {**os.environ, "DATABASE_URL": services.database_url, "REDIS_URL": services.redis_url}
            env.pop("MIGRATION_DATABASE_URL", None)  # the owner's credential stays with the supervisor
            # Every child writes its metrics here; the API's /metrics adds them up.
            env[MULTIPROC_ENV] = fresh_multiprocess_dir(self.settings.data_dir.resolve() / "metrics")
            # One process imports litellm and calls the models; every other child reaches it on this socket.
            gateway_socket = self.settings.llm_gateway_socket or socket_path_for(self.settings.data_dir)
            env["LLM_GATEWAY_SOCKET"] = str(gateway_socket)
            # Made before Flower starts, so a newly generated password is this banner's to show.
            self._flower_login = flower_login(self.settings) if self.with_flower else None
            self.children = self._child_argv()
            self._env = env
            for child in self.children:
                self._spawn(child)
                if child.name == "llm-gateway":
                    self._wait_for_socket(child, gateway_socket)
            self._wait_ready()
            self._banner(services, time.monotonic() - started)
            return self._watch()
        finally:
            self._stop_children()
            services.stop()
            self._say("salesboy stopped")

    def _spawn(self, child: Child) -> None:
        env = self._env
        if child.name == "flower":  # Flower serves its own metrics; they stay out of the pipeline's
            env = {k: v for k, v in env.items() if k != MULTIPROC_ENV}
        if child.name == "llm-gateway":  # it is handed each business's key with the call: no database for it
            env = {k: v for k, v in env.items() if k != "DATABASE_URL"}
        child.process = subprocess.Popen(child.argv, env=env, start_new_session=True)
        child.started_at = time.monotonic()

    def _wait_for_socket(self, child: Child, path: Path) -> None:
        """Until the gateway answers on its socket (it binds once litellm is imported), so no worker's first
        model call finds it missing."""
        deadline = time.monotonic() + self.ready_timeout
        while time.monotonic() < deadline and not self._stop.is_set():
            if child.process is not None and child.process.poll() is not None:
                raise StartupError(f"{child.name} exited with code {child.process.returncode} while starting")
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
                try:
                    probe.connect(str(path))
                    return
                except OSError:
                    pass
            time.sleep(0.1)
        if self._stop.is_set():
            raise StartupError("interrupted while starting")
        raise StartupError(f"{child.name} did not listen on {path} within {self.ready_timeout:g}s")

    def _install_signal_handlers(self) -> None:
        if threading.current_thread() is not threading.main_thread():
            return
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, lambda *_: self._stop.set())

    def _dead_child(self) -> Child | None:
        return next((c for c in self.children if c.process and c.process.poll() is not None), None)

    def _wait_ready(self) -> None:
        url = f"http://{self.settings.api_host}:{self.settings.api_port}/readyz"
        deadline = time.monotonic() + self.ready_timeout
        last = "no answer yet"
        while time.monotonic() < deadline and not self._stop.is_set():
            dead = self._dead_child()
            if dead is not None:
                code = dead.process.returncode if dead.process else None
                raise StartupError(f"{dead.name} exited with code {code} while starting")
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    if response.status == 200:
                        return
            except urllib.error.HTTPError as exc:
                last = exc.read().decode(errors="replace")[:500]
            except OSError as exc:
                last = str(exc)
            time.sleep(0.25)
        if self._stop.is_set():
            raise StartupError("interrupted while starting")
        raise StartupError(f"not ready after {self.ready_timeout:g}s: {last}")

    def _banner(self, services, elapsed: float) -> None:
        s = self.settings
        lines = [
            f"Salesboy is up (ready in {elapsed:.1f} s)",
            f"  API        http://{s.api_host}:{s.api_port}  (readiness: /readyz, metrics: /metrics)",
        ]
        if self.with_flower:
            login = self._flower_login or flower_login(s)
            if login.created_at is not None:
                shown = f"{login.password}  (shown once; kept in {login.created_at})"
            elif s.flower_password is not None:
                shown = "FLOWER_PASSWORD"
            else:
                shown = f"the password in {s.data_dir.resolve() / 'flower-password'}"
            lines.append(f"  Flower     http://{s.flower_host}:{s.flower_port}  (login {login.user} / {shown})")
        lines.append(f"  Dashboard  {self._dashboard_url()}  (API reference: {self._dashboard_url()}/api/docs)")
        demo = self._seed_demo(services) if self.with_demo else None
        if demo is not None:
            lines.append(f"  Demo login {demo.email} / {demo.password}  (a new password on every `up --demo`)")
        pg = "embedded, data in " + str(services.postgres.pgdata) if services.postgres else "DATABASE_URL"
        lines.append(f"  Postgres   {pg}")
        lines.append(f"  Redis      {'bundled server' if services.redis else services.redis_url}")
        lines += [
            "Next steps:",
            "  1. Open the dashboard and " + ("sign in with the demo login" if demo else "create an account")
            + "; link WhatsApp on the Sessions page (scan the QR).",
            "  2. Upload price lists and FAQs on the Knowledge base page; try them in the Playground.",
            "  3. For the REST API: `salesboy apikey create --tenant EMAIL`; `GET /api/v1/me` gives the account id "
            "a WhatsApp gateway's webhook names (docs/api.md).",
            "  4. Going live: docs/deploy.md (TLS proxy, services, backups).",
            "Press Ctrl-C to stop.",
        ]
        self._say("\n".join(lines))

    def _dashboard_url(self) -> str:
        s = self.settings
        return (s.public_url or f"http://{s.api_host}:{s.api_port}").rstrip("/")

    def _seed_demo(self, services):
        container = bootstrap(self.settings, database_url=services.database_url, redis_url=services.redis_url)
        try:
            return seed_demo_tenant(container)
        finally:
            container.close()

    def _watch(self) -> int:
        """Restart whatever dies, with backoff, and say so; only Ctrl-C (or SIGTERM) ends `up`."""
        while not self._stop.wait(0.5):
            now = time.monotonic()
            for child in self.children:
                if child.restart_at is not None:
                    if now >= child.restart_at:
                        child.restart_at = None
                        self._spawn(child)
                        self._say(f"{child.name} restarted")
                    continue
                if child.process is None:
                    continue
                if child.process.poll() is None:
                    if child.crashes and now - child.started_at > _STABLE_AFTER_SECONDS:
                        child.crashes = 0
                    continue
                code = child.process.returncode
                # What the dead process left in its group (pool children, browsers) goes with it.
                _signal_group(child.process, signal.SIGKILL)
                delay = backoff_delay(min(child.crashes, 5), base=1.0, cap=30.0)
                child.crashes += 1
                child.restart_at = now + delay
                self._say(f"{child.name} exited unexpectedly (code {code}); restarting it in {delay:.1f} s")
        return 0

    def _stop_children(self) -> None:
        running = [(c, c.process) for c in reversed(self.children) if c.process and c.process.poll() is None]
        # Each child's own process first, not its whole group: a worker then closes what it runs
        # (browsers included) in order, instead of its chromedriver dying under it.
        for _child, process in running:
            with contextlib.suppress(ProcessLookupError):
                process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + _STOP_GRACE_SECONDS
        for child, process in running:
            try:
                process.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                self._say(f"{child.name} did not stop in {_STOP_GRACE_SECONDS}s; killing it")
        # Whatever is left in a child's process group (prefork pool children) goes too.
        for child in self.children:
            if child.process is not None:
                _signal_group(child.process, signal.SIGKILL)
                child.process.wait()


def _signal_group(process: subprocess.Popen, sig: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, sig)
