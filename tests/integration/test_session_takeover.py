"""A killed session host's WhatsApp is taken over by another machine's host, without a new QR scan.

Two session hosts run as separate processes, each with its own data dir, sharing only Postgres, Redis and a
profiles folder (SESSION_PROFILES_DIR, a shared mount in production). Host A runs in its own UTS namespace
with its own hostname, as another machine would: the lock its killed Chromium leaves in the profile names
that machine, which Chromium on host B refuses unless the host removes it once the lease is B's.
Where user namespaces are not allowed, host A runs under this machine's name and the test leaves in the
profile the lock a killed browser on another machine leaves.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time

import psutil
import pytest

from services.whatsapp.leases import SessionLeases
from services.whatsapp.profile_lock import lock_holder
from tests.conftest import WorkerProcess, create_user, stop_every_session, subprocess_env, wait_for
from tests.fakes.phone import Phone

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(shutil.which("chromedriver") is None, reason="chromium-driver is not installed")]

OTHER_MACHINE = "salesboy-host-a"


def _other_machine() -> tuple[str, ...] | None:
    """A prefix running the command under its own hostname (an unprivileged user + UTS namespace), exec-ing
    it; None where user namespaces are not allowed."""
    prefix = ("unshare", "--map-current-user", "--uts", "sh", "-c", f'hostname {OTHER_MACHINE} && exec "$@"', "sh")
    try:
        probe = subprocess.run([*prefix, "hostname"], capture_output=True, text=True, timeout=10)
    except OSError:
        return None
    return prefix if probe.returncode == 0 and probe.stdout.strip() == OTHER_MACHINE else None


def _status(container, user) -> tuple[str, str | None]:
    with container.system_uow() as uow:
        row = uow.conn.execute("select status, host from public.sessions where user_id = %s", [user]).fetchone()
    return (row[0], row[1]) if row else ("STOPPED", None)


def test_a_killed_hosts_session_is_taken_over_from_the_shared_profiles_without_a_new_scan(
        container, database_url, redis_url, tmp_path, worker):
    prefix = _other_machine()
    phone = Phone()
    user = create_user(container)
    with container.tenant_uow(user) as uow:
        uow.tenants.ensure_defaults(user)
    profiles = tmp_path / "profiles"  # the shared mount
    leases = SessionLeases(container.redis, "", 6)

    def env(name: str) -> dict[str, str]:
        data_dir = tmp_path / name
        data_dir.mkdir()
        return subprocess_env(SALESBOY_ENV="test", SALESBOY_DATA_DIR=str(data_dir), DATABASE_URL=database_url,
                              REDIS_URL=redis_url, WHATSAPP_WEB_URL=phone.url, SESSION_LEASE_SECONDS="6",
                              SESSION_PROFILES_DIR=str(profiles), TYPING_DELAY_MS_PER_CHAR="0")

    stop_every_session(container)  # only this test's session may be restored onto this stand-in phone
    first = WorkerProcess(env("host-a"), tmp_path, "sessions", tmp_path / "host-a.log", prefix=prefix or ())
    second = None
    try:
        container.session_commands.send(user, "start")
        wait_for(lambda: _status(container, user)[0] == "SCAN_QR_CODE", timeout=60, message="a QR on host A")
        phone.scan = True
        wait_for(lambda: _status(container, user)[0] == "WORKING", timeout=30, message="the session linked on A")
        owner = leases.owner(user)
        assert owner and _status(container, user)[1] == owner
        profile = profiles / str(user)
        holder = lock_holder(profile)
        assert holder is not None and holder.host == (OTHER_MACHINE if prefix else socket.gethostname()), holder
        assert not any((tmp_path / "host-a").rglob("SingletonLock"))  # the login is not in A's own data dir

        # Chromium writes a page's storage to the profile a few seconds after it changes (a host killed sooner
        # loses the fresh login, in production too): wait until the login is on disk.
        wait_for(lambda: any(b"fake_wa_auth" in f.read_bytes() for f in (profile / "Default" / "Local Storage")
                             .rglob("*") if f.is_file()), timeout=30, message="the login written to the profile")
        # From here a QR would never be scanned: only the login kept in the shared profile can link B.
        phone.scan = False
        browsers = psutil.Process(first.process.pid).children(recursive=True)
        os.kill(first.process.pid, signal.SIGKILL)  # the machine dies, its browsers with it
        for proc in browsers:
            proc.kill()
        first.process.wait()
        assert lock_holder(profile) is not None  # the dead browser's lock stays in the shared profile
        if prefix is None:  # no namespaces here: leave the lock a killed host on another machine leaves
            (profile / "SingletonLock").unlink()
            (profile / "SingletonLock").symlink_to(f"{OTHER_MACHINE}-{holder.pid}")

        second = WorkerProcess(env("host-b"), tmp_path, "sessions", tmp_path / "host-b.log")
        wait_for(lambda: (o := leases.owner(user)) is not None and o != owner, timeout=60,
                 message="host B to take the lease over")
        taken = leases.owner(user)
        seen_on_b: set[str] = set()

        def linked_on_b() -> bool:
            status, host = _status(container, user)
            if host == taken:
                seen_on_b.add(status)
            return (status, host) == ("WORKING", taken)

        try:
            wait_for(linked_on_b, timeout=60,
                     message="the session linked on host B")
        except AssertionError:
            print(seen_on_b, second.log_text()[-4000:])
            raise
        assert "stale browser profile lock removed" in second.log_text()
        assert OTHER_MACHINE in second.log_text()
        assert "SCAN_QR_CODE" not in seen_on_b, seen_on_b
        assert lock_holder(profile).host != OTHER_MACHINE  # B's own Chromium holds the profile now

        chat = phone.customer_writes("+2348055550101", "hello, is the shop open today?")
        replies = lambda: [m for m in phone.sent if m["chatId"] == chat]  # noqa: E731
        try:
            wait_for(replies, timeout=60, message="host B to answer the next message")
        except AssertionError:
            print(second.log_text()[-4000:])
            raise
        time.sleep(2)  # a second answer, if any, would have gone out by now
        assert len(replies()) == 1
        with container.tenant_uow(user) as uow:
            assert uow.conn.execute("select count(*) from public.inbox where chat_id = %s",
                                    [chat]).fetchone()[0] == 1
            assert uow.conn.execute("select status from public.outbox where chat_id = %s",
                                    [chat]).fetchall() == [("sent",)]
    finally:
        for proc in (first, second):
            if proc is not None:
                proc.stop()
        stop_every_session(container)
        phone.stop()

