"""The owner's whole journey in a real browser: sign up, link WhatsApp, teach the bot, watch it answer.

Real headless Chromium drives the dashboard served over HTTP; real Postgres, Redis, a
pipeline worker and a sessions worker (its own Chromium running the fake WhatsApp Web page).
Each page is photographed; set SCREENSHOTS_DIR=docs/screenshots to refresh the user guide's pictures.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import re
import shutil
import tempfile
import threading
import uuid
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from api import create_app
from tests.conftest import (
    OPERATOR_MODEL,
    WorkerProcess,
    stop_every_session,
    subprocess_env,
    wait_for,
    worker_settings_env,
)
from tests.fakes.gateway_server import chat_completion
from tests.fakes.phone import Phone
from tests.integration.messaging import FAQ
from tests.mail_worker import MailWorker

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(shutil.which("chromedriver") is None, reason="chromium-driver is not installed")]
PASSWORD = "correct horse battery"
QUESTION = "Do you deliver to Accra?"
XSS = '<img src=x onerror="document.title=\'owned\'"><script>document.title="owned"</script>'


class Ui:
    """The browser, with the few gestures an owner makes."""

    def __init__(self, base_url: str, shots: Path) -> None:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        options = webdriver.ChromeOptions()
        for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000"):
            options.add_argument(arg)
        self.driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
        self.driver.set_page_load_timeout(60)
        self.base_url, self.shots = base_url, shots

    def visit(self, path: str) -> None:
        from selenium.common.exceptions import TimeoutException

        try:
            self.driver.get(self.base_url + path)
        except TimeoutException:  # a renderer that stalled once under load gets one more try
            self.driver.get(self.base_url + path)

    def find(self, css: str):
        from selenium.webdriver.common.by import By

        return self.driver.find_element(By.CSS_SELECTOR, css)

    def all(self, css: str):
        from selenium.webdriver.common.by import By

        return self.driver.find_elements(By.CSS_SELECTOR, css)

    def fill(self, name: str, value: str, form: str = "form") -> None:
        field = self.find(f'{form} [name="{name}"]')
        field.clear()
        field.send_keys(value)

    def press(self, label: str) -> None:
        from selenium.webdriver.common.by import By

        self.driver.find_element(By.XPATH, f'//button[normalize-space()="{label}"]').click()

    def submit(self, button: str, expect: str, form: str = "form", **fields: str) -> None:
        """Fill a form and send it, again if a live update reloaded the page under the typing."""
        from selenium.common.exceptions import StaleElementReferenceException, WebDriverException

        for _ in range(3):
            try:
                for name, value in fields.items():
                    self.fill(name, value, form)
                self.press(button)
                self.wait_text(expect, timeout=30)
                return
            except (StaleElementReferenceException, WebDriverException, AssertionError):
                continue
        raise AssertionError(f"{button!r} never led to {expect!r} on {self.driver.current_url}")

    @staticmethod
    def gone(element) -> bool:
        """Whether the page holding `element` has been left.

        Selenium's `staleness_of` waits only for StaleElementReferenceException; Chrome may instead answer
        "Node with given id does not belong to the document" as a plain WebDriverException while the next page
        replaces the old one. Both mean the element's page is gone.
        """
        from selenium.common.exceptions import StaleElementReferenceException, WebDriverException

        try:
            element.is_enabled()
        except StaleElementReferenceException:
            return True
        except WebDriverException as exc:  # any other failure (a crashed browser, a lost session) is raised
            if "does not belong to the document" in (exc.msg or ""):
                return True
            raise
        return False

    def text(self) -> str:
        return self.driver.execute_script("return document.body ? document.body.innerText : '';")

    def read(self, css: str, attribute: str | None = None) -> str | None:
        """Text (or an attribute) of a visible element, read in one step so a page reload cannot stale it."""
        return self.driver.execute_script(
            "const e = document.querySelector(arguments[0]);"
            "if (!e || e.hidden || e.closest('[hidden]')) return null;"
            "return arguments[1] ? e.getAttribute(arguments[1]) : e.innerText.trim();", css, attribute)

    def wait_text(self, needle: str, timeout: float = 60, reload: bool = False) -> None:
        def seen():
            if needle in self.text():
                return True
            if reload:
                self.driver.refresh()
            return False

        try:
            wait_for(seen, timeout=timeout, interval=0.5, message=f"{needle!r} on {self.driver.current_url}")
        except AssertionError as exc:
            raise AssertionError(f"{exc}; the page says: {self.text()[:1500]}") from None

    def texts(self, css: str) -> list[str]:
        return self.driver.execute_script(
            "return Array.from(document.querySelectorAll(arguments[0])).map((e) => e.innerText.trim());", css)

    def shot(self, name: str) -> None:
        """The whole page (up to 2,400 px high), not only what fits in the window."""
        self.shots.mkdir(parents=True, exist_ok=True)
        size = self.driver.execute_cdp_cmd("Page.getLayoutMetrics", {})["cssContentSize"]
        clip = {"x": 0, "y": 0, "width": size["width"], "height": min(size["height"], 2400), "scale": 1}
        picture = self.driver.execute_cdp_cmd("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True, "clip": clip})
        (self.shots / f"{name}.png").write_bytes(base64.b64decode(picture["data"]))

    def quit(self) -> None:
        self.driver.quit()


@pytest.fixture
def dashboard(settings, container, worker, llm, gateway, n8n, tmp_path):
    """The app served over HTTP, a sessions worker, the owner's phone and a browser."""
    phone = Phone()
    app = create_app(settings, container)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    # Account emails go out from a mail worker, with links to this server.
    mail = contextlib.ExitStack()
    mail_worker = mail.enter_context(MailWorker.shared(settings.database_url, settings.redis_url, settings.data_dir))
    mail.enter_context(mail_worker.configured(PUBLIC_URL=base))
    work_dir = Path(tempfile.mkdtemp(prefix="salesboy-e2e-"))
    env = subprocess_env(SALESBOY_ENV="test", SALESBOY_DATA_DIR=str(settings.data_dir),
                         DATABASE_URL=settings.database_url, REDIS_URL=settings.redis_url,
                         WHATSAPP_WEB_URL=phone.url, **worker_settings_env(gateway.url, n8n.url.rsplit("/", 1)[0]))
    # A session an earlier test left meant to run would be restored by this host onto this test's phone,
    # and that other business would answer this test's customers too.
    stop_every_session(container)
    sessions = WorkerProcess(env, work_dir, "sessions", work_dir / "sessions.log")
    shots = Path(os.environ.get("SCREENSHOTS_DIR") or tmp_path / "screenshots")
    ui = Ui(base, shots)
    llm_routes = dict(llm.routes)
    try:
        yield ui, phone, mail_worker.inbox, llm
    finally:
        llm.routes.clear()
        llm.routes.update(llm_routes)
        ui.quit()
        sessions.stop()
        stop_every_session(container)
        server.shutdown()
        phone.stop()
        mail.close()
        shutil.rmtree(work_dir, ignore_errors=True)


def _sign_up(ui: Ui, email: str, name: str = "Kofi Foods", shot: bool = False) -> None:
    ui.visit("/signup")
    ui.fill("display_name", name)
    ui.fill("email", email)
    ui.fill("password", PASSWORD)
    if shot:
        ui.shot("sign-up")
    ui.press("Create account")
    ui.wait_text("Welcome to Salesboy")
    assert ui.read("h1") == name  # the overview, greeting the business by name


def test_owner_journey(dashboard, tmp_path):
    ui, phone, inbox, llm = dashboard
    email = f"kofi-{uuid.uuid4().hex[:8]}@example.com"
    _sign_up(ui, email, shot=True)

    # Link WhatsApp: a QR appears live, the phone scans it, the status turns WORKING.
    ui.visit("/dashboard/sessions")
    ui.press("Start WhatsApp")
    wait_for(lambda: (ui.read("#qr", "src") or "").startswith("data:image"), timeout=90, interval=0.5,
             message="the QR code on the page")
    ui.shot("whatsapp-qr")
    ui.fill("phone", "+2348011115555", form='form[action$="pairing-code"]')
    ui.press("Get a pairing code")
    ui.wait_text("Enter this code on your phone: 5555ABCD")
    phone.scan = True
    wait_for(lambda: ui.read("#session-status", "data-status") == "WORKING", timeout=60, interval=0.5,
             message="the session to be WORKING")
    assert ui.read("#session-status") == "Connected"
    ui.shot("whatsapp-linked")

    # Teach the bot: upload the FAQ and watch it become ready; try the retrieval box.
    faq = tmp_path / "delivery-faq.md"
    faq.write_bytes(FAQ)
    ui.visit("/dashboard/kb")
    ui.find("#f-files").send_keys(str(faq))
    ui.press("Upload")
    ui.wait_text("delivery-faq.md")  # in the list (the toast may already be gone: the page reloads when ready)
    wait_for(lambda: ui.read("#documents .doc-status", "data-status") == "ready", timeout=120,
             interval=1, message="the document to be ready")
    ui.visit("/dashboard/kb")
    ui.submit("Search", "We deliver to Lagos, Abuja and Accra", form='form[role="search"]', q=QUESTION)
    ui.shot("knowledge-base")

    # A second document: its passages can be read, it can be read again, and deleted after a confirmation.
    prices = tmp_path / "old-prices.txt"
    prices.write_text("Old price list: rice 10,000 naira a bag; beans 8,000 naira a bag.")
    ui.find("#f-files").send_keys(str(prices))
    ui.press("Upload")
    wait_for(lambda: ui.texts("#documents .doc-status") == ["Ready", "Ready"] or ui.driver.refresh(),
             timeout=120, interval=1, message="both documents to be ready")
    ui.driver.find_element("link text", "old-prices.txt").click()
    ui.wait_text("rice 10,000 naira a bag")
    ui.shot("knowledge-base-document")
    ui.visit("/dashboard/kb")
    row = '//tr[td/a[normalize-space()="old-prices.txt"]]'
    read_again = ui.driver.find_element("xpath", row + '//button[normalize-space()="Read again"]')
    read_again.click()
    wait_for(lambda: ui.gone(read_again), timeout=30, interval=0.2, message="the form to be sent")
    # A small file is read again in a moment and the page reloads itself, toast and all: ask the audit log.
    ui.visit("/dashboard/logs?tab=audit")
    ui.wait_text("You asked Salesboy to read old-prices.txt again.", reload=True)
    ui.visit("/dashboard/kb")
    status_of_prices = ("return document.evaluate(arguments[0], document, null, XPathResult.STRING_TYPE, null)"
                        ".stringValue.trim();")
    wait_for(lambda: ui.driver.execute_script(status_of_prices, row + '//span[contains(@class, "doc-status")]')
             == "Ready" or ui.driver.refresh(), timeout=90, interval=1, message="the re-read to finish")
    ui.driver.find_element("xpath", row + '//button[normalize-space()="Delete"]').click()
    wait_for(lambda: ui.read("#confirm-dialog #confirm-text") or "", timeout=5, message="the confirmation dialog")
    assert "old-prices.txt" in ui.read("#confirm-text")
    ui.find('#confirm-dialog button[data-answer="yes"]').click()
    wait_for(lambda: ui.texts("#documents a") == ["delivery-faq.md"], timeout=30, interval=0.5,
             message="the deleted document to leave the list")

    # Only whitelisted contacts: add one (with markup in the name, shown as text).
    ui.visit("/dashboard/whitelist")
    ui.fill("phone", "+2348011112222")
    ui.fill("name", "Ama " + XSS)
    ui.press("Add")
    ui.wait_text("+2348011112222 added")
    ui.find("#f-enabled").click()
    ui.press("Save")
    ui.wait_text("Only whitelisted contacts get answers now.")
    assert XSS in ui.find("#contacts").text and ui.driver.title != "owned"
    ui.shot("whitelist")

    # Customers write on WhatsApp: the whitelisted one is answered once, the stranger is only logged.
    customer = phone.customer_writes("+2348011112222", QUESTION)
    stranger = phone.customer_writes("+2348099990000", "Hello? Anyone there?")
    sent = wait_for(lambda: [m for m in phone.sent if m["chatId"] == customer], timeout=90, interval=0.5,
                    message="the reply on WhatsApp")
    if "Accra" not in sent[0]["text"]:  # say why: the trace page holds the ranking and the decision
        ui.visit("/dashboard/logs")
        ui.driver.find_element("partial link text", "+2348011112222").click()
        ui.driver.find_element("link text", "why?").click()
        ui.find(".raw-details summary").click()
        raise AssertionError(f"reply {sent[0]['text']!r}; the trace says: {ui.text()[:3000]}")

    # Conversations: one thread per customer, the bot's reply under the question, and why.
    ui.visit("/dashboard/logs")
    ui.wait_text("Hello? Anyone there?", reload=True)
    assert not [m for m in phone.sent if m["chatId"] == stranger]
    ui.shot("logs")
    ui.driver.find_element("partial link text", "+2348099990000").click()
    ui.wait_text("not on your whitelist")
    ui.visit("/dashboard/logs")
    ui.driver.find_element("partial link text", "+2348011112222").click()
    ui.wait_text(sent[0]["text"].splitlines()[0])
    assert QUESTION in ui.find("#thread").text
    ui.shot("conversation")
    thread_url = ui.driver.current_url
    ui.driver.find_element("link text", "why?").click()
    ui.wait_text("What the bot did")
    trace_url = ui.driver.current_url
    assert "matching passage" in ui.text() and "delivery-faq.md" in ui.text()
    ui.find(".raw-details summary").click()
    assert all(stage in ui.find(".raw-details").text for stage in ("Filter", "Intent", "Respond"))
    ui.shot("trace")

    # The owner answers from the dashboard: the reply goes out on WhatsApp and the bot pauses in that chat.
    ui.driver.get(thread_url)
    ui.fill("text", "Kofi here: Accra deliveries leave on Tuesdays.")
    ui.press("Send reply")
    ui.wait_text("Your reply is on its way")
    wait_for(lambda: [m for m in phone.sent if m["text"] == "Kofi here: Accra deliveries leave on Tuesdays."],
             timeout=60, interval=0.5, message="the owner's reply on WhatsApp")
    ui.wait_text("Kofi here: Accra deliveries leave on Tuesdays.", reload=True)
    assert "bot is paused in this chat" in ui.text()
    ui.visit("/dashboard/logs?tab=tasks")
    ui.shot("logs-tasks")
    ui.visit("/dashboard/logs?tab=audit")
    ui.wait_text("You started WhatsApp from the dashboard.")
    ui.shot("logs-audit")

    # The playground answers the same question the same way.
    ui.visit("/dashboard/playground")
    ui.fill("text", QUESTION)
    ui.press("Send")
    wait_for(lambda: ui.read(".bubble.bot p") or ui.driver.refresh(), timeout=90, interval=1,
             message="the playground's answer")
    assert ui.read(".bubble.bot p") == sent[0]["text"]
    ui.shot("playground")

    # Groups from the linked WhatsApp, one switched on.
    ui.visit("/dashboard/groups")
    ui.press("Read my groups from WhatsApp")
    ui.wait_text("Wholesale buyers")
    ui.find('input[aria-label="Auto-reply in Wholesale buyers"]').click()
    ui.all('#groups button[type="submit"]')[0].click()
    ui.wait_text("Group settings saved.")
    ui.shot("groups")

    # A model and a new system prompt: the next answer uses them.
    def answer(body):
        system = body["messages"][0]["content"]
        signature = re.search(r"Sign every answer as (\w+)", system)
        reply = "We deliver to Accra in 3 days." + (f" — {signature.group(1)}" if signature else "")
        if "and write the reply" in system:  # one model call (the default): the verdict and the reply together
            return 200, chat_completion(body["model"], json.dumps({"intent": "Response", "confidence": 0.9,
                                                                   "reply": reply}))
        if "Classify the customer's last message" in system:
            return 200, chat_completion(body["model"], '{"intent": "Response", "confidence": 0.9}')
        return 200, chat_completion(body["model"], reply)

    llm.routes[("POST", "/v1/chat/completions")] = answer
    ui.visit("/dashboard/settings/bot")
    ui.fill("system_prompt", "You are Kofi Foods' assistant. Sign every answer as Kofi.")
    ui.fill("models", f"operator/{OPERATOR_MODEL}")  # the operator's model: no key of the owner's needed
    ui.fill("temperature", "9")
    ui.press("Save settings")
    ui.wait_text("Use a number no bigger than 2.")  # the error is shown and what was typed is kept
    assert "Sign every answer as Kofi." in ui.find("#f-system_prompt").get_attribute("value")
    ui.fill("temperature", "0.3")
    ui.press("Save settings")
    ui.wait_text("Bot settings saved.")
    ui.shot("bot-settings")
    ui.visit("/dashboard/playground")
    # A question the documents answer: the model's reply is used only when they do ("And to Kumasi?" names a
    # town the FAQ never mentions and gets the don't-know reply, model or not).
    ui.fill("text", "How long does delivery to Abuja take?")
    ui.press("Send")
    ui.wait_text("— Kofi", timeout=90, reload=True)

    ui.visit("/dashboard")
    ui.wait_text("Customer messages")
    assert ui.read("#stat-messages") == "2"  # the two customers; the playground's questions are not counted
    ui.shot("overview")
    ui.driver.set_window_size(390, 844)
    ui.visit("/dashboard")
    ui.shot("overview-phone")
    ui.driver.set_window_size(1280, 1000)

    # A forged form is refused; nothing changes.
    ui.visit("/dashboard/whitelist")
    ui.driver.execute_script("document.querySelectorAll('input[name=csrf_token]').forEach(i => i.value = 'x');")
    ui.fill("phone", "+2348011113333")
    ui.press("Add")
    ui.wait_text("did not come from Salesboy")
    ui.visit("/dashboard/whitelist")
    assert "+2348011113333" not in ui.find("#contacts").text

    # Another business sees none of this, even with the first one's URLs.
    ui.driver.delete_all_cookies()
    _sign_up(ui, f"other-{uuid.uuid4().hex[:8]}@example.com", name="Other Shop")
    ui.driver.get(trace_url)
    ui.wait_text("There is no such message.")
    ui.shot("not-found")
    ui.visit("/dashboard/logs")
    assert QUESTION not in ui.text()

    # Password reset, from the email's link.
    ui.driver.delete_all_cookies()
    ui.visit("/login")
    ui.shot("sign-in")
    ui.visit("/reset")
    ui.shot("reset-request")
    ui.fill("email", email)
    ui.press("Send the link")
    ui.wait_text("If an account exists for that email")
    link = re.search(r"http://\S+/reset/\S+", inbox.wait_for(email).body).group(0)
    ui.driver.get(link)
    ui.shot("reset-new-password")
    ui.fill("password", "a brand new password")
    ui.fill("confirm", "a brand new password")
    ui.press("Save and sign in")
    ui.wait_text("Your password is changed and you are signed in.")
    ui.visit("/account/password")
    ui.shot("change-password")
