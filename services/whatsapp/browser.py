"""One tenant's WhatsApp Web in headless Chromium, driven through wa-js (`window.WPP`).

The browser profile lives in its own folder, so a restart reuses the login (no
new QR). wa-js is injected after load unless the page already provides `WPP`
(any page implementing that contract can stand in for WhatsApp Web). Events
leave the page through an in-page queue this class drains; only plain values
cross `execute_script`.
"""

from __future__ import annotations

import logging
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

CHROMEDRIVER = "/usr/bin/chromedriver"
CHROMIUM = "/usr/bin/chromium"

# Registers listeners once per page; messages are deduplicated by id because
# wa-js emits some of them twice (again after decryption).
_HOOK = """
if (!window.__salesboy) {
  window.__salesboy = {queue: [], seen: {}};
  const push = (event) => window.__salesboy.queue.push(event);
  WPP.on('conn.auth_code_change', (code) => push({type: 'qr', code: code ? code.fullCode : null}));
  WPP.on('conn.main_ready', () => push({type: 'ready'}));
  WPP.on('conn.logout', () => push({type: 'logout'}));
  const str = (v) => (v && v._serialized) ? v._serialized : (v ? String(v) : null);
  // WhatsApp increasingly names senders by LID; ask wa-js for the phone behind it when it knows.
  const phoneOf = async (who) => {
    if (!who || !who.endsWith('@lid') || !WPP.contact.getPnLidEntry) return null;
    try {
      const entry = await WPP.contact.getPnLidEntry(who);
      return entry && entry.phoneNumber ? str(entry.phoneNumber) : null;
    } catch (error) { return null; }
  };
  WPP.on('chat.new_message', async (m) => {
    const id = m && m.id ? (m.id._serialized || String(m.id)) : null;
    if (!id || window.__salesboy.seen[id]) return;
    window.__salesboy.seen[id] = true;
    const sender = m.isGroupMsg ? str(m.author) : str(m.from);
    push({type: 'message', id, from: str(m.from), to: str(m.to), author: str(m.author),
          senderPhone: await phoneOf(sender),
          body: m.mimetype ? (m.caption || '') : (m.body || ''), mimetype: m.mimetype || null,
          filename: m.filename || null, fromMe: !!(m.id && m.id.fromMe), isGroup: !!m.isGroupMsg,
          timestamp: m.t || Math.floor(Date.now() / 1000),
          mentionsMe: !!(m.mentionedJidList && m.mentionedJidList.length)});
  });
}
return true;
"""


class BrowserGoneError(RuntimeError):
    """The browser or its page died; the session must be restarted."""


@dataclass(frozen=True)
class BrowserOptions:
    url: str
    profile_dir: Path
    wa_js_path: Path | None = None
    remote_url: str | None = None  # Selenium Grid
    page_timeout: float = 60.0


class BrowserSession:
    def __init__(self, options: BrowserOptions) -> None:
        self.options = options
        self._driver = None

    def open(self) -> None:
        from selenium import webdriver
        from selenium.webdriver.chrome.options import Options
        from selenium.webdriver.chrome.service import Service

        chrome = Options()
        for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--no-first-run", f"--user-data-dir={self.options.profile_dir}"):
            chrome.add_argument(flag)
        self.options.profile_dir.mkdir(parents=True, exist_ok=True)
        if self.options.remote_url:
            self._driver = webdriver.Remote(command_executor=self.options.remote_url, options=chrome)
        else:
            if Path(CHROMIUM).exists():
                chrome.binary_location = CHROMIUM
            # Chromium writes under HOME otherwise; a path to the Debian driver keeps
            # selenium-manager from reaching for the internet.
            env_home = self.options.profile_dir.parent / ".home"
            env_home.mkdir(parents=True, exist_ok=True)
            service = Service(CHROMEDRIVER, env={**os.environ, "HOME": str(env_home)})
            self._driver = webdriver.Chrome(service=service, options=chrome)
        self._driver.set_page_load_timeout(self.options.page_timeout)
        self._driver.set_script_timeout(30)
        self._driver.get(self.options.url)
        self._ensure_wpp()

    def _ensure_wpp(self) -> None:
        has_wpp = self._script("return typeof window.WPP !== 'undefined';")
        if not has_wpp:
            if self.options.wa_js_path is None or not self.options.wa_js_path.exists():
                raise BrowserGoneError("the page has no WPP and the wa-js bundle is not installed (npm ci)")
            self._script("window.WPPConfig = {disableGoogleAnalytics: true, sendStatusToDevice: false};")
            self._script(self.options.wa_js_path.read_text())
        self._script(_HOOK)

    def _script(self, source: str, *args):
        if self._driver is None:
            raise BrowserGoneError("the browser is not open")
        from selenium.common.exceptions import WebDriverException

        try:
            return self._driver.execute_script(source, *args)
        except WebDriverException as exc:
            raise BrowserGoneError(f"{type(exc).__name__}: {exc.msg or exc}") from exc

    def _async(self, source: str, *args):
        """Run an async snippet: the last argument is the callback wa-js promises resolve into."""
        from selenium.common.exceptions import WebDriverException

        try:
            return self._driver.execute_async_script(source, *args)
        except WebDriverException as exc:
            raise BrowserGoneError(f"{type(exc).__name__}: {exc.msg or exc}") from exc

    def state(self) -> dict:
        """Whether the account is linked and, if not, the current QR code."""
        return self._async("""
            const done = arguments[arguments.length - 1];
            (async () => {
              const linked = WPP.conn.isAuthenticated();
              const code = linked ? null : await WPP.conn.getAuthCode();
              return {linked, qr: code ? code.fullCode : null};
            })().then(done, (e) => done({error: String(e)}));
        """)

    def drain(self) -> list[dict]:
        return self._script("const q = window.__salesboy.queue; window.__salesboy.queue = []; return q;")

    def send_text(self, chat_id: str, text: str) -> str:
        result = self._async("""
            const done = arguments[arguments.length - 1];
            WPP.chat.sendTextMessage(arguments[0], arguments[1], {createChat: true})
              .then((m) => done({id: m && m.id ? (m.id._serialized || String(m.id)) : null}),
                    (e) => done({error: String(e)}));
        """, chat_id, text)
        if result.get("error"):
            raise RuntimeError(f"WhatsApp did not take the message: {result['error']}")
        return result["id"]

    def send_file(self, chat_id: str, data: bytes, *, mimetype: str, filename: str, caption: str = "") -> str:
        import base64

        kind = "image" if mimetype.startswith("image/") else "document"
        result = self._async("""
            const done = arguments[arguments.length - 1];
            WPP.chat.sendFileMessage(arguments[0], arguments[1], {type: arguments[2], caption: arguments[3],
                                                                  filename: arguments[4], createChat: true})
              .then((m) => done({id: m && m.id ? (m.id._serialized || String(m.id)) : null}),
                    (e) => done({error: String(e)}));
        """, chat_id, f"data:{mimetype};base64,{base64.b64encode(data).decode()}", kind, caption, filename)
        if result.get("error"):
            raise RuntimeError(f"WhatsApp did not take the file: {result['error']}")
        return result["id"]

    def download_media(self, message_id: str) -> bytes:
        import base64

        result = self._async("""
            const done = arguments[arguments.length - 1];
            WPP.chat.downloadMedia(arguments[0]).then((blob) => {
              const reader = new FileReader();
              reader.onload = () => done({data: String(reader.result).split(',')[1]});
              reader.onerror = () => done({error: 'unreadable media'});
              reader.readAsDataURL(blob);
            }, (e) => done({error: String(e)}));
        """, message_id)
        if result.get("error"):
            raise RuntimeError(f"could not download the media: {result['error']}")
        return base64.b64decode(result["data"])

    def pairing_code(self, phone: str) -> str:
        result = self._async("""
            const done = arguments[arguments.length - 1];
            WPP.conn.genLinkDeviceCodeForPhoneNumber(arguments[0]).then((c) => done({code: c}),
                                                                         (e) => done({error: String(e)}));
        """, phone.lstrip("+"))
        if result.get("error"):
            raise RuntimeError(f"no pairing code: {result['error']}")
        return result["code"]

    def groups(self) -> list[dict]:
        return self._async("""
            const done = arguments[arguments.length - 1];
            WPP.group.getAllGroups().then((gs) => done(gs.map((g) => ({
              id: g.id._serialized || String(g.id), name: g.name || (g.groupMetadata && g.groupMetadata.subject) || ''
            }))), (e) => done([]));
        """)

    def contacts(self) -> list[dict]:
        return self._async("""
            const done = arguments[arguments.length - 1];
            WPP.contact.list().then((cs) => done(cs.map((c) => ({
              id: c.id._serialized || String(c.id), name: c.name || c.pushname || ''
            }))), (e) => done([]));
        """)

    def logout(self) -> None:
        self._async("""
            const done = arguments[arguments.length - 1];
            WPP.conn.logout().then(() => done(true), () => done(false));
        """)

    def alive(self) -> bool:
        try:
            return bool(self._script("return !!window.WPP;"))
        except BrowserGoneError:
            return False

    def close(self, *, delete_profile: bool = False) -> None:
        driver, self._driver = self._driver, None
        if driver is not None:
            try:
                driver.quit()
            except Exception as exc:  # the browser may already be gone; the profile is what matters
                log.info("browser already gone at close", extra={"error": f"{type(exc).__name__}: {exc}"[:300]})
        if delete_profile:
            shutil.rmtree(self.options.profile_dir, ignore_errors=True)

    def kill_browser(self) -> None:
        """Crash the browser hard (tests of the watchdog)."""
        import psutil

        pid = self._driver.service.process.pid if self._driver else None
        if pid:
            for child in psutil.Process(pid).children(recursive=True):
                child.kill()
