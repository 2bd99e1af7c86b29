"""WhatsApp sessions on the wa-js stand-in page: memory per session (PSS of each browser's process tree)
with 1, 4 and 8 sessions (target ≤ 250 MiB each at 8), time from start to QR, reconnect after a browser
kill (p50 of 10), and catch-up of 50 messages received during an outage."""

from __future__ import annotations

import statistics
import time

import psutil

from services.bootstrap import host_deps
from services.whatsapp.host import SessionHost
from tests.conftest import create_user, wait_for
from tests.fakes.phone import Phone


def _tree_pss(pid: int) -> int:
    total = 0
    root = psutil.Process(pid)
    for proc in [root, *root.children(recursive=True)]:
        try:
            total += proc.memory_full_info().pss
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
    return total


def _inbox_count(container, user) -> int:
    with container.tenant_uow(user) as uow:
        return uow.conn.execute("select count(*) from public.inbox").fetchone()[0]


def test_memory_and_timings(container, tmp_path):
    phone = Phone()
    report = []
    try:
        for count in (1, 4, 8):
            host = SessionHost(host_deps(container), url=phone.url, profiles_root=tmp_path / f"profiles-{count}",
                               poll_seconds=0.1, max_sessions=count)
            users = [create_user(container) for _ in range(count)]
            to_qr = []
            try:
                phone.scan = False
                for user in users:
                    started = time.monotonic()
                    host.start(user)
                    wait_for(lambda u=user, h=host: h.status(u) == "SCAN_QR_CODE", timeout=60, interval=0.02)
                    to_qr.append(time.monotonic() - started)
                phone.scan = True
                for user in users:
                    wait_for(lambda u=user, h=host: h.status(u) == "WORKING", timeout=60, interval=0.02)
                time.sleep(3)
                pss = [_tree_pss(host._live[u].browser._driver.service.process.pid) for u in users]
                report.append(f"  {count} session(s): PSS per session {statistics.mean(pss) / 2**20:.0f} MiB "
                              f"(max {max(pss) / 2**20:.0f}, total {sum(pss) / 2**20:.0f} MiB); start -> QR median "
                              f"{statistics.median(to_qr):.2f} s")
                if count != 1:
                    continue
                first = users[0]
                time.sleep(5)  # let Chromium write the login to disk, as a long-linked session has
                reconnects = []
                for _ in range(10):
                    host._live[first].browser.kill_browser()
                    started = time.monotonic()
                    wait_for(lambda u=first, h=host: h.status(u) != "WORKING", timeout=30, interval=0.01)
                    wait_for(lambda u=first, h=host: h.status(u) == "WORKING", timeout=60, interval=0.02)
                    reconnects.append(time.monotonic() - started)
                report.append(f"  browser kill -> WORKING (no new QR): p50 {statistics.median(reconnects):.2f} s, "
                              f"max {max(reconnects):.2f} s over 10")

                before = _inbox_count(container, first)
                host._live[first].browser.kill_browser()
                wait_for(lambda u=first, h=host: h.status(u) != "WORKING", timeout=30, interval=0.01)
                for n in range(50):
                    phone.customer_writes(f"+23480{n:08d}", f"message {n} sent while the browser was down")
                started = time.monotonic()
                wait_for(lambda u=first, h=host: h.status(u) == "WORKING", timeout=60, interval=0.02)
                working = time.monotonic() - started
                wait_for(lambda u=first, b=before: _inbox_count(container, u) >= b + 50, timeout=120, interval=0.05)
                caught_up = time.monotonic() - started
                report.append(f"  catch-up of 50 messages from the outage: all accepted {caught_up:.2f} s after the "
                              f"restart began ({working:.2f} s of it to WORKING); "
                              f"{_inbox_count(container, first) - before} stored")
                phone.inbox.clear()
            finally:
                host.close()
    finally:
        phone.stop()
    print("\nWhatsApp sessions (headless Chromium, the wa-js stand-in page):\n" + "\n".join(report))
