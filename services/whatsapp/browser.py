"""One tenant's WhatsApp Web in headless Chromium, driven through wa-js (`window.WPP`).

The browser profile lives in its own folder, so a restart reuses the login (no
new QR). wa-js is injected after load unless the page already provides `WPP`
(any page implementing that contract can stand in for WhatsApp Web). Events
leave the page through an in-page queue this class drains; only plain values
cross `execute_script`.
"""

from __future__ import annotations

import base64
import http.client
import logging
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psutil

log = logging.getLogger(__name__)

CHROMEDRIVER = "/usr/bin/chromedriver"
CHROMIUM = "/usr/bin/chromium"

# Every `WPP` member the product calls; a test checks each exists in the pinned wa-js bundle.
WPP_CALLS = (
    "on", "conn.isAuthenticated", "conn.getAuthCode", "conn.getStreamData", "conn.isMainReady",
    "conn.genLinkDeviceCodeForPhoneNumber", "conn.logout", "chat.sendTextMessage", "chat.sendFileMessage",
    "chat.markIsComposing", "chat.downloadMedia", "chat.list", "chat.getMessages", "group.getAllGroups",
    "contact.list", "contact.getPnLidEntry",
)

# Registers listeners once per page and turns wa-js models into plain values.
# - conn.auth_code_change carries null whenever the device is authenticated (and at injection before a
#   QR ref exists): a null code says nothing about expiry; linking is read from isAuthenticated().
# - chat.new_message fires for a message that arrives encrypted first as type `ciphertext` (no body) and
#   again, same id, once decrypted: the ciphertext event is skipped, the decrypted one kept.
# - the messages this page sends come back as chat.new_message (fromMe): they are not the owner typing.
_HOOK = """
if (!window.__salesboy) {
  const s = window.__salesboy = {queue: [], seen: {}, pending: [], mine: {}};
  const push = (event) => s.queue.push(event);
  const str = (v) => (v && v._serialized) ? v._serialized : (v ? String(v) : null);
  s.str = str;
  s.linked = () => {
    try {
      if (!WPP.conn.isAuthenticated()) return false;
      const stream = WPP.conn.getStreamData ? WPP.conn.getStreamData() : null;
      return stream && stream.mode ? stream.mode === 'MAIN' : WPP.conn.isMainReady();
    } catch (error) { return false; }
  };
  // WhatsApp increasingly names senders by LID; ask wa-js for the phone behind it when it knows.
  const phoneOf = async (who) => {
    if (!who || !who.endsWith('@lid') || !WPP.contact.getPnLidEntry) return null;
    try {
      const entry = await WPP.contact.getPnLidEntry(who);
      return entry && entry.phoneNumber ? str(entry.phoneNumber) : null;
    } catch (error) { return null; }
  };
  s.ours = (m, id) => {
    if (s.mine[id]) return true;
    const chat = str(m.to), text = m.body || m.caption || '';
    const index = s.pending.findIndex((p) => p.chat === chat && p.text === text);
    if (index < 0) return false;
    s.pending.splice(index, 1);
    return true;
  };
  s.plain = async (m) => {
    const id = str(m.id);
    const sender = m.isGroupMsg ? str(m.author) : str(m.from);
    const media = !!m.mimetype && m.type !== 'chat';
    return {type: 'message', id, from: str(m.from), to: str(m.to), author: str(m.author),
            senderPhone: await phoneOf(sender), kind: m.type || null,
            body: media ? (m.caption || '') : (m.body || ''), mimetype: media ? m.mimetype : null,
            filename: m.filename || null, fromMe: !!(m.id && m.id.fromMe), isGroup: !!m.isGroupMsg,
            timestamp: m.t || Math.floor(Date.now() / 1000),
            mentionsMe: !!(m.mentionedJidList && m.mentionedJidList.length)};
  };
  // Each reply this page sent, by its outbox id, kept a day in the profile's localStorage: a send asked
  // again after a crash (the page's own or its host's) answers with the first message id instead of
  // sending twice. Read and written in the same script as the send itself.
  const SENT = 'salesboy_sent';
  s.sentFor = (key) => {
    try { const entry = JSON.parse(localStorage.getItem(SENT) || '{}')[key]; return entry ? entry.id : null; }
    catch (error) { return null; }
  };
  s.recordSent = (key, id) => {
    let kept = {};
    try { kept = JSON.parse(localStorage.getItem(SENT) || '{}'); } catch (error) { kept = {}; }
    const now = Date.now();
    for (const [k, entry] of Object.entries(kept)) if (now - entry.t > 86400000) delete kept[k];
    kept[key] = {id, t: now};
    localStorage.setItem(SENT, JSON.stringify(kept));
  };
  WPP.on('conn.auth_code_change', (code) => push({type: 'qr', code: code ? code.fullCode : null}));
  WPP.on('conn.qrcode_idle', () => push({type: 'qr_idle'}));
  WPP.on('conn.main_ready', () => push({type: 'ready'}));
  WPP.on('conn.logout', () => push({type: 'logout'}));
  WPP.on('chat.new_message', async (m) => {
    if (!m || !m.id || m.type === 'ciphertext') return;
    const id = str(m.id);
    if (!id || s.seen[id]) return;
    s.seen[id] = true;
    if (m.id.fromMe && s.ours(m, id)) return;
    push(await s.plain(m));
  });
}
return true;
"""

# What came in while the page was closed: unread messages, and those after the last one accepted per chat.
_CATCH_UP = """
const done = arguments[arguments.length - 1];
const anchors = arguments[0], s = window.__salesboy, found = [], ids = {};
(async () => {
  const take = async (m) => {
    if (!m || !m.id || m.type === 'ciphertext' || m.id.fromMe) return;
    const id = s.str(m.id);
    if (ids[id]) return;
    ids[id] = true;
    s.seen[id] = true;
    found.push(await s.plain(m));
  };
  for (const chat of await WPP.chat.list({onlyWithUnreadMessage: true, ignoreGroupMetadata: true})) {
    try {
      for (const m of await WPP.chat.getMessages(chat.id, {count: -1, onlyUnread: true})) await take(m);
    } catch (error) { /* a chat that cannot be read now is read at the next reconnect */ }
  }
  for (const [chat, last] of Object.entries(anchors)) {
    try {
      for (const m of await WPP.chat.getMessages(chat, {count: 100, direction: 'after', id: last})) await take(m);
    } catch (error) { /* the anchor is not in this page's history */ }
  }
  found.sort((a, b) => a.timestamp - b.timestamp);
  return found;
})().then(done, (e) => done({error: String(e)}));
"""


class BrowserGoneError(RuntimeError):
    """The browser or its page died; the session must be restarted."""


class SendFailedError(RuntimeError):
    """WhatsApp (through wa-js) did not take a message; `code` is wa-js's error code, when it gave one."""

    def __init__(self, message: str, code: str | None) -> None:
        super().__init__(message)
        self.code = code


class ConnectorMissingError(RuntimeError):
    """The wa-js bundle is not installed: no restart can fix that."""


class BrowserStartError(BrowserGoneError):
    """Chromium or its driver could not be started at all."""


def _driver_errors() -> tuple[type[BaseException], ...]:
    import urllib3
    from selenium.common.exceptions import WebDriverException

    return WebDriverException, urllib3.exceptions.HTTPError, http.client.HTTPException, OSError


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
        self._driver: Any = None  # a selenium WebDriver once started (selenium is imported on first use)
        self._processes: list = []

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
        try:
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
                self._remember_browser(service)
        except _driver_errors() as exc:
            raise BrowserStartError(f"{type(exc).__name__}: {getattr(exc, 'msg', None) or exc}") from exc
        try:
            self._driver.set_page_load_timeout(self.options.page_timeout)
            self._driver.set_script_timeout(30)
            self._driver.get(self.options.url)
        except _driver_errors() as exc:
            raise BrowserGoneError(f"{type(exc).__name__}: {getattr(exc, 'msg', None) or exc}") from exc
        self._ensure_wpp()

    def _ensure_wpp(self) -> None:
        has_wpp = self._script("return typeof window.WPP !== 'undefined';")
        if not has_wpp:
            if self.options.wa_js_path is None or not self.options.wa_js_path.exists():
                raise ConnectorMissingError("the page has no WPP and the wa-js bundle is not installed (npm ci)")
            self._script("window.WPPConfig = {disableGoogleAnalytics: true, sendStatusToDevice: false};")
            self._script(self.options.wa_js_path.read_text())
        self._script(_HOOK)

    def _script(self, source: str, *args):
        return self._call("execute_script", source, *args)

    def _async(self, source: str, *args):
        """Run an async snippet: the last argument is the callback wa-js promises resolve into."""
        return self._call("execute_async_script", source, *args)

    def _call(self, method: str, source: str, *args):
        driver = self._driver
        if driver is None:
            raise BrowserGoneError("the browser is not open")
        try:
            return getattr(driver, method)(source, *args)
        except _driver_errors() as exc:
            # A dead chromedriver surfaces as urllib3/http.client/socket errors, not WebDriverException.
            raise BrowserGoneError(f"{type(exc).__name__}: {getattr(exc, 'msg', None) or exc}") from exc

    def state(self) -> dict:
        """Whether the account is linked and, if not, the current QR code."""
        return self._async("""
            const done = arguments[arguments.length - 1];
            (async () => {
              const linked = window.__salesboy.linked();
              const code = WPP.conn.isAuthenticated() ? null : await WPP.conn.getAuthCode();
              return {linked, qr: code ? code.fullCode : null};
            })().then(done, (e) => done({error: String(e)}));
        """)

    def drain(self) -> tuple[list[dict], bool]:
        """The events queued since the last call, and whether the account is linked and loaded now."""
        result = self._script("const s = window.__salesboy; const q = s.queue; s.queue = [];"
                              "return {events: q, linked: s.linked()};")
        return result["events"], bool(result["linked"])

    def catch_up(self, anchors: dict[str, str]) -> list[dict]:
        """Messages that arrived while the page was closed, as message events (oldest first)."""
        result = self._async(_CATCH_UP, anchors)
        if isinstance(result, dict) and result.get("error"):
            raise RuntimeError(f"could not read the missed messages: {result['error']}")
        return result

    def send_text(self, chat_id: str, text: str, *, typing_ms: int = 0, key: str | None = None) -> str:
        """The new message's id. With `key` (the outbox id), a message this page already sent for that key is
        not sent again: its first id is returned."""
        result = self._async("""
            const done = arguments[arguments.length - 1];
            const [chat, text, typing, key] = arguments, s = window.__salesboy, pending = {chat, text};
            const known = key ? s.sentFor(key) : null;
            if (known) return done({id: known, repeated: true});
            s.pending.push(pending);
            (async () => {
              if (typing > 0) await WPP.chat.markIsComposing(chat, typing).catch(() => null);
              const m = await WPP.chat.sendTextMessage(chat, text, {createChat: true});
              const id = s.str(m && m.id);
              s.mine[id] = true;
              if (key) s.recordSent(key, id);
              return {id};
            })().then(done, (e) => done({error: String(e), code: e && e.code ? String(e.code) : null}))
              .finally(() => {
                const index = s.pending.indexOf(pending);
                if (index >= 0) s.pending.splice(index, 1);
              });
        """, chat_id, text, int(typing_ms), key)
        if result.get("error"):
            raise SendFailedError(f"WhatsApp did not take the message: {result['error']}", result.get("code"))
        return result["id"]

    def send_file(self, chat_id: str, data: bytes, *, mimetype: str, filename: str, caption: str = "",
                  key: str | None = None) -> str:
        kind = "image" if mimetype.startswith("image/") else "document"
        result = self._async("""
            const done = arguments[arguments.length - 1];
            const [chat, content, type, caption, filename, key] = arguments, s = window.__salesboy;
            const known = key ? s.sentFor(key) : null;
            if (known) return done({id: known, repeated: true});
            const pending = {chat, text: caption};
            s.pending.push(pending);
            WPP.chat.sendFileMessage(chat, content, {type, caption, filename, createChat: true})
              .then((m) => {
                const id = s.str(m && m.id);
                s.mine[id] = true;
                if (key) s.recordSent(key, id);
                done({id});
              }, (e) => done({error: String(e), code: e && e.code ? String(e.code) : null}))
              .finally(() => {
                const index = s.pending.indexOf(pending);
                if (index >= 0) s.pending.splice(index, 1);
              });
        """, chat_id, f"data:{mimetype};base64,{base64.b64encode(data).decode()}", kind, caption, filename, key)
        if result.get("error"):
            raise SendFailedError(f"WhatsApp did not take the file: {result['error']}", result.get("code"))
        return result["id"]

    def download_media(self, message_id: str) -> bytes:
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

    def _remember_browser(self, service) -> None:
        """Chromium's processes, so a browser whose driver died can still be ended: left running, it would
        hold the profile's lock and no new browser could open the same profile."""
        try:
            self._processes = psutil.Process(service.process.pid).children(recursive=True)
        except (psutil.Error, AttributeError):
            self._processes = []

    def close(self, *, delete_profile: bool = False) -> None:
        driver, self._driver = self._driver, None
        processes, self._processes = self._processes, []
        if driver is not None:
            try:
                driver.quit()
            except Exception as exc:  # the browser may already be gone; the profile is what matters
                log.info("browser already gone at close", extra={"error": f"{type(exc).__name__}: {exc}"[:300]})
        for process in processes:
            try:
                process.kill()  # psutil checks it is still the same process (pid and start time)
            except psutil.Error:
                continue
        if delete_profile:
            shutil.rmtree(self.options.profile_dir, ignore_errors=True)

    def kill_browser(self) -> None:
        """Crash the browser hard (tests of the watchdog)."""
        pid = self._driver.service.process.pid if self._driver else None
        if pid:
            for child in psutil.Process(pid).children(recursive=True):
                child.kill()
