"""The browsable API description renders in a real browser under the pages' Content-Security-Policy."""

from __future__ import annotations

import shutil
import threading

import pytest
from werkzeug.serving import make_server

from api import create_app
from tests.conftest import wait_for

pytestmark = pytest.mark.skipif(shutil.which("chromedriver") is None, reason="chromium-driver is not installed")


@pytest.fixture
def served(settings, container):
    server = make_server("127.0.0.1", 0, create_app(settings, container), threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def test_swagger_ui_shows_every_operation_without_policy_violations(served):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
    try:
        driver.get(served + "/api/docs")
        count = "return document.querySelectorAll('.swagger-ui .opblock').length;"
        shown = wait_for(lambda: driver.execute_script(count), timeout=30, interval=0.5,
                         message="Swagger UI to list the operations")
        described = driver.execute_script(
            "return fetch('/api/openapi.json').then(r => r.json()).then(s => Object.values(s.paths)"
            ".reduce((n, p) => n + Object.keys(p).filter(m => m !== 'parameters').length, 0));")
        assert shown == described and shown > 20
        assert "Salesboy" in driver.find_element("css selector", ".swagger-ui .title").text
        problems = [e["message"] for e in driver.get_log("browser")
                    if e["level"] == "SEVERE" or "Content Security Policy" in e["message"]]
        assert problems == []
    finally:
        driver.quit()
