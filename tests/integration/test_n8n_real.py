"""Optional: the workflows in a real n8n, round trip with signatures both ways.

Needs n8n 1.x (runs on Node 20); install it as docs/n8n.md shows and point
N8N_HOME at the folder holding node_modules/.bin/n8n. Skipped otherwise.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
import urllib.request
import uuid
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from api import create_app
from schemas.jobs import DispatchTask
from schemas.settings import DEV_N8N_CALLBACK_SECRETS, DEV_N8N_SIGNING_SECRET
from services.bootstrap import bootstrap
from services.crypto import seal_task_payload
from services.embedded import free_port
from tests.conftest import create_user, make_settings, wait_for

N8N_HOME = os.environ.get("N8N_HOME")
N8N = Path(N8N_HOME or ".") / "node_modules" / ".bin" / "n8n"
WORKFLOWS = Path(__file__).resolve().parents[2] / "ops" / "n8n" / "workflows"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not N8N_HOME or not N8N.exists(),
                       reason="n8n is not installed: set N8N_HOME to a folder where `npm install n8n@1.123.81` "
                              "ran (see docs/n8n.md)"),
]


@pytest.fixture
def n8n_process(tmp_path):
    port = free_port()
    env = {**os.environ, "N8N_USER_FOLDER": str(tmp_path / "n8n"), "N8N_PORT": str(port),
           "N8N_LISTEN_ADDRESS": "127.0.0.1", "N8N_DIAGNOSTICS_ENABLED": "false",
           "N8N_PERSONALIZATION_ENABLED": "false", "NODE_FUNCTION_ALLOW_BUILTIN": "crypto",
           "N8N_BLOCK_ENV_ACCESS_IN_NODE": "false", "SALESBOY_SIGNING_SECRET": DEV_N8N_SIGNING_SECRET,
           "SALESBOY_CALLBACK_SECRET": DEV_N8N_CALLBACK_SECRETS, "SALESBOY_OWNER_EMAIL": "owner@shop.test",
           "SALESBOY_FROM_EMAIL": "bot@shop.test"}
    for workflow in sorted(WORKFLOWS.glob("*.json")):
        subprocess.run([str(N8N), "import:workflow", f"--input={workflow}"], env=env, check=True,
                       capture_output=True, timeout=180)
    subprocess.run([str(N8N), "update:workflow", "--all", "--active=true"], env=env, check=True,
                   capture_output=True, timeout=180)
    log = (tmp_path / "n8n.log").open("w")
    process = subprocess.Popen([str(N8N), "start"], env=env, stdout=log, stderr=subprocess.STDOUT)

    def healthy():
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
                return response.status == 200
        except OSError:
            return False

    try:
        wait_for(healthy, timeout=120, interval=1, message="n8n to start")
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(30)
        log.close()
        shutil.rmtree(tmp_path / "n8n", ignore_errors=True)


def test_a_task_goes_through_real_n8n_and_comes_back_signed(n8n_process, database_url, redis_url, tmp_path):
    api_port = free_port()
    settings = make_settings(tmp_path, DATABASE_URL=database_url, REDIS_URL=redis_url, N8N_BASE_URL=n8n_process,
                             PUBLIC_URL=f"http://127.0.0.1:{api_port}")
    container = bootstrap(settings, database_url=database_url, redis_url=redis_url)
    server = make_server("127.0.0.1", api_port, create_app(settings, container), threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        user = create_user(container)
        with container.tenant_uow(user) as uow:
            task_id = uow.messages.add_task(user_id=user, inbox_id=None, chat_id="2348011111111@c.us",
                                            task_type="human_handoff",
                                            payload=seal_task_payload(container.keyring,
                                                                      {"message": "I want a person"}, tenant=user,
                                                                      chat="2348011111111@c.us"),
                                            trace_id=uuid.uuid4().hex)
        # Production webhooks take a few seconds to register after start.
        def dispatched():
            try:
                container.handle(DispatchTask(user_id=user, task_id=task_id))
            except Exception:  # n8n not ready yet: try again
                return False
            with container.tenant_uow(user) as uow:
                return uow.messages.task(task_id)["status"] != "pending"
        wait_for(dispatched, timeout=60, interval=2, message="n8n to take the task")
        # The email step has no SMTP credentials here, so n8n reports the task failed, signed.
        final = wait_for(lambda: (t := _task(container, user, task_id))["status"] in ("succeeded", "failed") and t,
                         timeout=60, interval=1, message="n8n's signed callback")
        assert final["callbacks"] and final["callbacks"][0]["webhook_id"].startswith("n8n_")
    finally:
        server.shutdown()
        container.close()


def _task(container, user, task_id):
    with container.tenant_uow(user) as uow:
        return uow.messages.task(task_id)
