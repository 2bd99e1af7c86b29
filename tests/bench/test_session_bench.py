"""WhatsApp sessions: memory per session (PSS of each browser's process tree) with 1, 2 and 4
sessions, time from start to QR, and from a crash back to WORKING."""

from __future__ import annotations

import statistics
import threading
import time
from pathlib import Path

import psutil
from werkzeug.middleware.shared_data import SharedDataMiddleware
from werkzeug.serving import make_server
from werkzeug.wrappers import Response

from services.whatsapp.host import SessionHost
from tests.conftest import create_user, wait_for

PAGE_DIR = Path(__file__).resolve().parents[1] / "fakes" / "whatsapp_web"


def _tree_pss(pid: int) -> int:
    total = 0
    root = psutil.Process(pid)
    for proc in [root, *root.children(recursive=True)]:
        try:
            total += proc.memory_full_info().pss
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
    return total


def test_memory_and_timings(container, tmp_path):
    app = SharedDataMiddleware(Response("not found", 404), {"/": str(PAGE_DIR)})
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/index.html"
    report = []
    try:
        for count in (1, 2, 4):
            host = SessionHost(container, url=url, profiles_root=tmp_path / f"profiles-{count}", poll_seconds=0.1)
            users = [create_user(container) for _ in range(count)]
            to_qr = []
            try:
                for user in users:
                    started = time.monotonic()
                    host.start(user)
                    wait_for(lambda u=user, h=host: h.status(u) == "SCAN_QR_CODE", timeout=60, interval=0.02)
                    to_qr.append(time.monotonic() - started)
                for user in users:
                    host._live[user].browser._script("window.__fake.scan();")
                    wait_for(lambda u=user, h=host: h.status(u) == "WORKING", timeout=30, interval=0.02)
                time.sleep(2)
                pss = [_tree_pss(host._live[u].browser._driver.service.process.pid) for u in users]
                report.append(f"  {count} session(s): PSS per session {statistics.mean(pss) / 2**20:.0f} MiB "
                              f"(total {sum(pss) / 2**20:.0f} MiB); start -> QR median "
                              f"{statistics.median(to_qr):.2f} s")
                if count == 1:
                    first = users[0]
                    time.sleep(5)  # let Chromium write the login to disk, as a long-linked session has
                    host._live[first].browser.kill_browser()
                    started = time.monotonic()
                    wait_for(lambda u=first, h=host: h.status(u) != "WORKING", timeout=30, interval=0.01)
                    wait_for(lambda u=first, h=host: h.status(u) == "WORKING", timeout=60, interval=0.02)
                    report.append(f"  crash -> WORKING {time.monotonic() - started:.2f} s (no new QR)")
            finally:
                host.close()
    finally:
        server.shutdown()
    print("\nWhatsApp sessions (headless Chromium, the WPP stand-in page):\n" + "\n".join(report))
