"""`salesboy up` with a linked WhatsApp (the wa-js stand-in page): a crashed worker is restarted and
customers are still answered; Ctrl-C then `salesboy up` comes back WORKING without a QR, round after round."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request

import psutil
import pytest

from services.runtime.embedded import free_port
from tests.conftest import subprocess_env, wait_for
from tests.fakes.phone import Phone

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(shutil.which("chromedriver") is None, reason="chromium-driver is not installed")]

ROUNDS = int(os.environ.get("SALESBOY_UP_ROUNDS", "10"))
CUSTOMER = "+15550100001"


def _call(method: str, url: str, key: str, body: dict | None = None) -> tuple[int, dict]:
    request = urllib.request.Request(url, method=method, data=json.dumps(body).encode() if body else None,
                                     headers={"X-API-KEY": key, "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"{}")


class Up:
    def __init__(self, env: dict[str, str], cwd, log_path) -> None:
        self.log_path = log_path
        self._log = log_path.open("a")
        self.offset = log_path.stat().st_size if log_path.exists() else 0
        self.process = subprocess.Popen([sys.executable, "-m", "api.cli", "up", "--no-flower"], cwd=cwd, env=env,
                                        stdout=self._log, stderr=subprocess.STDOUT)

    def output(self) -> str:
        if not self._log.closed:
            self._log.flush()
        return self.log_path.read_text(errors="replace")[self.offset:]

    def wait_ready(self) -> None:
        def ready():
            if self.process.poll() is not None:
                raise AssertionError(f"salesboy up exited with {self.process.returncode}:\n{self.output()[-4000:]}")
            return "Salesboy is up" in self.output()
        wait_for(ready, timeout=180, interval=0.2, message="salesboy up to report ready")

    def interrupt(self) -> int:
        self.process.send_signal(signal.SIGINT)
        try:
            return self.process.wait(90)
        finally:
            self._log.close()

    def child(self, predicate) -> psutil.Process:
        return next(p for p in psutil.Process(self.process.pid).children() if predicate(" ".join(p.cmdline())))


def test_up_keeps_whatsapp_linked_and_answering(tmp_path):
    phone = Phone(cipher="1")
    api_port = free_port()
    env = subprocess_env(
        SALESBOY_DATA_DIR=str(tmp_path / "var"), API_PORT=str(api_port), EMBEDDED_PG_PORT=str(free_port()),
        EMBEDDED_REDIS_PORT=str(free_port()), LOCAL_REDIS_URL=f"redis://127.0.0.1:{free_port()}/0",
        WHATSAPP_WEB_URL=phone.url, TYPING_DELAY_MS_PER_CHAR="0", API_RATE_LIMIT="10000 per minute")
    base = f"http://127.0.0.1:{api_port}"
    log_path = tmp_path / "up.log"
    subprocess.run([sys.executable, "-m", "api.cli", "seed"], cwd=tmp_path, env=env, check=True,
                   capture_output=True, timeout=120)
    up = Up(env, tmp_path, log_path)
    key = None

    def status(key=None) -> dict:
        code, body = _call("GET", f"{base}/api/sessions/status", key)
        return body if code == 200 else {}

    def answered(chat: str) -> list[dict]:
        return [m for m in phone.sent if m["chatId"] == chat]

    try:
        up.wait_ready()
        key = subprocess.run([sys.executable, "-m", "api.cli", "apikey", "create", "--tenant",
                              "demo@example.com"], cwd=tmp_path, env=env, check=True, capture_output=True,
                             text=True, timeout=120).stdout.strip()
        assert _call("POST", f"{base}/api/sessions/start", key)[0] == 202
        wait_for(lambda: status(key).get("status") == "SCAN_QR_CODE", timeout=90, message="a QR")
        phone.scan = True
        wait_for(lambda: status(key).get("status") == "WORKING", timeout=60, message="linked on the first scan")
        qr_shown_at = status(key)["qr_updated_at"]
        chat = phone.customer_writes(CUSTOMER, "hello there!")
        wait_for(lambda: answered(chat), timeout=90, message="the first answer")

        # The pipeline worker dies: `up` restarts it and says so; customers are still answered, once.
        up.child(lambda cmd: "--queues" in cmd and "sessions" not in cmd.split("--queues", 1)[1].split()[0]).kill()
        wait_for(lambda: "worker exited unexpectedly" in up.output() and "worker restarted" in up.output(),
                 timeout=60, message="the worker to be restarted")
        phone.customer_writes(CUSTOMER, "hello again, are you there?")
        wait_for(lambda: len(answered(chat)) >= 2, timeout=120, message="an answer from the restarted worker")

        time.sleep(5)  # Chromium writes the login to disk a few seconds after it changes
        for round_number in range(ROUNDS):
            last_write = status(key)["updated_at"]
            assert up.interrupt() == 0, up.output()[-4000:]
            assert "salesboy stopped" in up.output()
            up = Up(env, tmp_path, log_path)
            up.wait_ready()
            started = time.monotonic()
            # Restored by the new sessions worker (a newer write than the last one before Ctrl-C), not the old row.
            wait_for(lambda last=last_write: (now := status(key)).get("status") == "WORKING"
                     and now["updated_at"] > last, timeout=90,
                     message=f"WORKING again after restart {round_number + 1}")
            assert status(key)["qr_updated_at"] == qr_shown_at, f"a new QR in round {round_number + 1}"
            print(f"round {round_number + 1}: WORKING {time.monotonic() - started:.1f} s after ready")
        before = len(answered(chat))
        phone.customer_writes(CUSTOMER, "hello, one more question")
        wait_for(lambda: len(answered(chat)) > before, timeout=120, message="an answer after the restarts")
        time.sleep(3)
        assert len(answered(chat)) == before + 1
    finally:
        if up.process.poll() is None:
            up.interrupt()
        phone.stop()
