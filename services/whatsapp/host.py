"""The session host: live WhatsApp browsers, one per tenant, each watched by a thread.

Status moves `STOPPED → STARTING → SCAN_QR_CODE → WORKING`, or `FAILED` (with the
reason, in words the owner can act on) / `LOGGED_OUT`; every change is stored in
`sessions` and published on the tenant's live channel, QR codes included (as SVG
data URIs). Linked means `WPP.conn.isAuthenticated()` with the main stream up; a
QR ends only by the expiry timer or wa-js's `conn.qrcode_idle`. A dead browser or
page is restarted with backoff (status STARTING, so a restarting host restores it
too); the profile survives, so it comes back linked, and whatever arrived
meanwhile is read and passed through `inbound.accept`, exactly like the webhook's.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import redis
import segno
from pydantic import ValidationError

from pipelines.delivery import send_error_is_permanent
from pipelines.filenames import safe_filename
from pipelines.retry import backoff_delay
from pipelines.session_status import HOST_FULL, QR_EXPIRED, QR_IDLE, describe_failure, retrying, status_text
from schemas.messages import InboundMessage
from services.adapters.ports import EventPublisher, Storage
from services.core.errors import PermanentError, TransientError
from services.repositories.db import TenantUow
from services.whatsapp.browser import (
    BrowserGoneError,
    BrowserOptions,
    BrowserSession,
    BrowserStartError,
    ConnectorMissingError,
    SendFailedError,
)
from services.whatsapp.pacing import SendWindow
from services.whatsapp.profile_lock import release_stale_lock

log = logging.getLogger(__name__)


class NotLinkedError(PermanentError, LookupError):
    """The tenant's WhatsApp is not running here, or not linked: a send cannot go until the owner acts."""


class SessionRestartingError(TransientError, LookupError):
    """The browser is coming back from a crash with its profile (so linked again soon): try again later."""


class MessageRefusedError(PermanentError):
    """WhatsApp will never take this message as asked (the number is not on WhatsApp, say)."""


def latest_qr_key(user_id: uuid.UUID) -> str:
    return f"salesboy:qr:{user_id}"


def qr_data_uri(code: str) -> str:
    return segno.make(code, error="l").svg_data_uri(scale=4)


def inbound_from_event(user_id: uuid.UUID, event: dict, media_ref: str | None = None) -> InboundMessage | None:
    """A wa-js message event as the pipeline's inbound message (None for what it cannot take)."""
    chat_id = event["to"] if event["fromMe"] else event["from"]
    sender = event["author"] if event["isGroup"] else event["from"]
    phone = lid = None
    if sender and sender.endswith("@c.us"):
        phone = "+" + sender.split("@", 1)[0]
    elif sender and sender.endswith("@lid"):
        lid = sender
        mapped = event.get("senderPhone")  # the phone wa-js knows for this LID, if any
        if mapped and mapped.endswith("@c.us"):
            phone = "+" + mapped.split("@", 1)[0]
    try:
        return InboundMessage(
            tenant=user_id, provider_message_id=event["id"], chat_id=chat_id, sender_phone=None if event["fromMe"]
            else phone, sender_lid=None if event["fromMe"] else lid, is_group=event["isGroup"],
            from_me=event["fromMe"], mentions_me=event["mentionsMe"], text=(event["body"] or "")[:4096],
            media_ref=media_ref, timestamp=datetime.fromtimestamp(event["timestamp"], UTC))
    except ValidationError as exc:
        log.info("message not taken from WhatsApp", extra={"reason": str(exc.errors()[0]["msg"])})
        return None


@dataclass
class _Live:
    browser: BrowserSession
    thread: threading.Thread
    stop: threading.Event = field(default_factory=threading.Event)
    status: str = "STOPPED"
    qr: str | None = None
    qr_at: float = 0.0


@dataclass(frozen=True)
class HostDeps:
    """What a session host reaches beyond its browsers."""

    # A message read from WhatsApp (live or caught up after a reconnect); True when it was new.
    on_message: Callable[[InboundMessage], bool]
    tenant_uow: TenantUow
    storage: Storage
    events: EventPublisher
    redis: redis.Redis


class SessionHost:
    def __init__(self, deps: HostDeps, *, url: str, profiles_root: Path, wa_js_path: Path | None = None,
                 remote_url: str | None = None, poll_seconds: float = 0.2, max_sessions: int = 10,
                 host_name: str = "local", sends_per_minute: int = 20, qr_expiry_seconds: float = 90.0,
                 typing_ms_per_char: float = 15.0, typing_max_seconds: float = 4.0,
                 holds_lease: Callable[[uuid.UUID], bool] | None = None) -> None:
        self._deps = deps
        self._url = url
        self._profiles = profiles_root
        self._wa_js = wa_js_path
        self._remote = remote_url
        self._poll = poll_seconds
        self._max = max_sessions
        self._host = host_name
        self._live: dict[uuid.UUID, _Live] = {}
        self._lock = threading.Lock()
        self._sends_per_minute = sends_per_minute
        self._qr_expiry = qr_expiry_seconds
        self._typing_ms_per_char = typing_ms_per_char
        self._typing_max_seconds = typing_max_seconds
        # Whether this host holds the tenant's lease now: only then is a lock from another machine stale.
        self._holds_lease = holds_lease or (lambda _user_id: False)
        # Set when this process closes: from then on nothing a watcher sees is a failure of the session.
        self._closing = threading.Event()

    # --- commands ---------------------------------------------------------------------------------

    def start(self, user_id: uuid.UUID) -> None:
        with self._lock:
            if user_id in self._live:
                return
            if len(self._live) >= self._max:
                log.warning("session refused: host full", extra={"limit": self._max})
                self._set(user_id, "FAILED", error=HOST_FULL)
                raise RuntimeError(f"this host already runs its limit of {self._max} sessions")
            browser = BrowserSession(BrowserOptions(self._url, self.profile_dir(user_id), self._wa_js, self._remote))
            live = _Live(browser, threading.Thread(target=self._run, args=(user_id,), daemon=True,
                                                   name=f"whatsapp-{user_id}"))
            self._live[user_id] = live
        live.thread.start()

    def stop(self, user_id: uuid.UUID, *, status: str = "STOPPED", delete_profile: bool = False) -> None:
        with self._lock:
            live = self._live.pop(user_id, None)
        if live is not None:
            live.stop.set()  # the watcher first: a browser closed under it is not a crash
            live.thread.join(30)
            live.browser.close(delete_profile=delete_profile)
        self._set(user_id, status)

    def logout(self, user_id: uuid.UUID) -> None:
        live = self._live.get(user_id)
        if live is not None:
            try:
                live.browser.logout()
            except BrowserGoneError as exc:
                log.warning("logout on a dead browser", extra={"error": str(exc)})
        self.stop(user_id, status="LOGGED_OUT", delete_profile=True)

    def send_text(self, user_id: uuid.UUID, chat_id: str, text: str, *, paced: bool = False,
                  key: str | None = None) -> str:
        """`paced`: show "typing…" for about as long as a person would take to type the text, then send.
        `key` (the outbox id): the page sends once per key however often this is asked."""
        live = self._working(user_id)
        self._throttle(user_id)
        typing_ms = int(min(self._typing_max_seconds * 1000, len(text) * self._typing_ms_per_char)) if paced else 0
        with _send_errors():
            return live.browser.send_text(chat_id, text, typing_ms=typing_ms, key=key)

    def send_file(self, user_id: uuid.UUID, chat_id: str, data: bytes, *, mimetype: str, filename: str,
                  caption: str = "", key: str | None = None) -> str:
        live = self._working(user_id)
        self._throttle(user_id)
        with _send_errors():
            return live.browser.send_file(chat_id, data, mimetype=mimetype, filename=filename, caption=caption,
                                          key=key)

    def _throttle(self, user_id: uuid.UUID) -> None:
        """WhatsApp bans numbers that send in floods: at most N messages a minute per session."""
        SendWindow(self._deps.redis, self._sends_per_minute).take(user_id)

    def groups(self, user_id: uuid.UUID) -> list[dict]:
        return self._working(user_id).browser.groups()

    def contacts(self, user_id: uuid.UUID) -> list[dict]:
        return self._working(user_id).browser.contacts()

    def pairing_code(self, user_id: uuid.UUID, phone: str) -> str:
        return self._require(user_id).browser.pairing_code(phone)

    def running(self) -> list[uuid.UUID]:
        return list(self._live)

    def status(self, user_id: uuid.UUID) -> str:
        live = self._live.get(user_id)
        return live.status if live else "STOPPED"

    def profile_dir(self, user_id: uuid.UUID) -> Path:
        return self._profiles / str(user_id)

    def close(self) -> None:
        for user_id in list(self._live):
            self.stop(user_id)

    def shutdown(self) -> None:
        """Close the browsers but keep each session's state, so a host starting later restores it.

        Watchers stop before their browsers close, and nothing they see from here on is recorded:
        a shutdown is never a failure of the session."""
        self._closing.set()
        with self._lock:
            lives, self._live = list(self._live.values()), {}
        for live in lives:
            live.stop.set()
        for live in lives:
            live.thread.join(30)
        for live in lives:
            live.browser.close()

    def _require(self, user_id: uuid.UUID) -> _Live:
        live = self._live.get(user_id)
        if live is None:
            raise NotLinkedError("WhatsApp is not running for this account")
        return live

    def _working(self, user_id: uuid.UUID) -> _Live:
        live = self._require(user_id)
        if live.status == "STARTING":
            raise SessionRestartingError("WhatsApp is starting again on this host")
        if live.status != "WORKING":
            raise NotLinkedError(f"WhatsApp is not linked ({live.status})")
        return live

    # --- the watch loop --------------------------------------------------------------------------

    def _stopping(self, live: _Live) -> bool:
        return live.stop.is_set() or self._closing.is_set()

    def _run(self, user_id: uuid.UUID) -> None:
        live = self._live[user_id]
        attempt = 0
        note: str | None = None
        while not self._stopping(live):
            try:
                self._set(user_id, "STARTING", live=live, error=note)
                self._release_stale_lock(user_id)
                live.browser.open()
                state = live.browser.state()
                if state.get("linked"):
                    self._linked(user_id, live)
                elif state.get("qr"):
                    self._show_qr(user_id, live, state["qr"])
                attempt = 0
                self._watch(user_id, live)
            except BrowserGoneError as exc:
                if self._stopping(live):
                    break
                delay = backoff_delay(min(attempt, 5), base=1.0, cap=30.0)
                attempt += 1
                kind = "start" if isinstance(exc, BrowserStartError) else "lost"
                log.warning("browser lost; restarting", extra={"error": str(exc)[:1000], "retry_in_s": round(delay, 1)})
                # Still meant to run: STARTING (not FAILED), so a host restarting meanwhile restores it too.
                note = retrying(describe_failure(kind, str(exc)), delay)
                self._set(user_id, "STARTING", live=live, error=note)
                live.browser.close()
                live.stop.wait(delay)
            except Exception as exc:  # anything else: record it, stop this session
                if self._stopping(live):
                    break
                log.exception("session failed", extra={"error": f"{type(exc).__name__}: {exc}"[:1000]})
                kind = "connector" if isinstance(exc, ConnectorMissingError) else "unexpected"
                self._set(user_id, "FAILED", live=live, error=describe_failure(kind, str(exc)))
                live.browser.close()
                self._forget(user_id, live)
                return

    def _release_stale_lock(self, user_id: uuid.UUID) -> None:
        """A host killed with this profile open left Chromium's lock in it (on a shared profiles mount,
        naming another machine): without this the browser here refuses the profile and the login in it."""
        if self._remote:
            return  # with Selenium Grid the profile lives on the grid's node
        release_stale_lock(self.profile_dir(user_id), lease_is_ours=self._holds_lease(user_id))

    def _forget(self, user_id: uuid.UUID, live: _Live) -> None:
        live.stop.set()
        with self._lock:
            if self._live.get(user_id) is live:
                del self._live[user_id]

    def _watch(self, user_id: uuid.UUID, live: _Live) -> None:
        while not live.stop.wait(self._poll):
            if self._closing.is_set():
                return
            events, linked = live.browser.drain()
            if linked and live.status != "WORKING":
                self._linked(user_id, live)
            for event in events:
                kind = event["type"]
                if kind == "qr":
                    # wa-js sends null whenever the device is authenticated and at injection: not an expiry.
                    if event.get("code") and not linked and live.status != "WORKING":
                        self._show_qr(user_id, live, event["code"])
                elif kind == "qr_idle" and not linked and live.status != "WORKING":
                    self._expire_qr(user_id, live, QR_IDLE)  # WhatsApp's own "no more codes" signal
                    return
                elif kind == "logout":
                    live.stop.set()
                    # Recorded first: whoever sees the browser gone must find the reason stored.
                    self._set(user_id, "LOGGED_OUT")
                    self._forget(user_id, live)
                    live.browser.close(delete_profile=True)
                    return
                elif kind == "message":
                    self._take(user_id, live, event)
            if live.status == "SCAN_QR_CODE" and not linked and time.monotonic() - live.qr_at > self._qr_expiry:
                self._expire_qr(user_id, live, QR_EXPIRED)
                return

    def _linked(self, user_id: uuid.UUID, live: _Live) -> None:
        self._set(user_id, "WORKING", live=live)
        self._catch_up(user_id, live)

    def _take(self, user_id: uuid.UUID, live: _Live, event: dict) -> bool:
        """One message event through inbound.accept; True when it was new."""
        media_ref = self._save_media(user_id, live, event) if event.get("mimetype") else None
        message = inbound_from_event(user_id, event, media_ref)
        return message is not None and self._deps.on_message(message)

    def _catch_up(self, user_id: uuid.UUID, live: _Live) -> None:
        """After any (re)connect: what arrived while the page was closed, through the same door.

        The inbox's unique provider id makes a message read twice (live and here) count once."""
        started = time.monotonic()
        try:
            events = live.browser.catch_up(self._anchors(user_id))
        except BrowserGoneError:
            raise
        except RuntimeError as exc:
            log.warning("missed messages not read", extra={"error": str(exc)[:500]})
            return
        taken = sum(1 for event in events if self._take(user_id, live, event))
        log.info("caught up after reconnecting", extra={"read": len(events), "new": taken,
                                                         "ms": round((time.monotonic() - started) * 1000)})

    def _anchors(self, user_id: uuid.UUID) -> dict[str, str]:
        """Per chat, the last message this session accepted (recent chats only)."""
        with self._deps.tenant_uow(user_id) as uow:
            rows = uow.conn.execute(
                """select chat_id, provider_message_id from (
                       select distinct on (chat_id) chat_id, provider_message_id, created_at from public.inbox
                       where not from_me and created_at > now() - interval '7 days'
                       order by chat_id, sent_at desc nulls last, created_at desc) last
                   order by created_at desc limit 200""").fetchall()
        return dict(rows)

    def _save_media(self, user_id: uuid.UUID, live: _Live, event: dict) -> str | None:
        """The attachment in the `media` bucket; its path becomes the message's media_ref."""
        try:
            data = live.browser.download_media(event["id"])
        except BrowserGoneError:
            raise
        except RuntimeError as exc:
            log.warning("media not downloaded", extra={"error": str(exc)})
            return None
        extension = (event["mimetype"].split("/", 1)[1].split(";")[0] if "/" in event["mimetype"] else "bin")
        name = safe_filename(event.get("filename") or f"attachment.{extension}")
        path = f"{user_id}/{safe_filename(event['id'])}/{name}"
        self._deps.storage.put("media", path, data, event["mimetype"])
        return path

    def _expire_qr(self, user_id: uuid.UUID, live: _Live, reason: str) -> None:
        self._forget(user_id, live)
        live.browser.close()
        self._set(user_id, "FAILED", error=reason)

    def _show_qr(self, user_id: uuid.UUID, live: _Live, code: str) -> None:
        if code == live.qr:
            return
        live.qr = code
        live.qr_at = time.monotonic()
        self._set(user_id, "SCAN_QR_CODE", live=live, qr=True)
        # Kept briefly, so a dashboard opened between two QR rotations shows the current code at once.
        self._deps.redis.set(latest_qr_key(user_id), code, ex=int(self._qr_expiry))
        self._deps.events.publish(user_id, "session.qr", {"qr": qr_data_uri(code), "code": code})

    def _set(self, user_id: uuid.UUID, status: str, *, live: _Live | None = None, error: str | None = None,
             qr: bool = False) -> None:
        if live is not None:
            live.status = status
        if status != "SCAN_QR_CODE":
            self._deps.redis.delete(latest_qr_key(user_id))
        with self._deps.tenant_uow(user_id) as uow:
            uow.tenants.set_session(user_id, status=status, host=self._host, error=error, qr_shown=qr)
        self._deps.events.publish(user_id, "session.status", {"status": status, "error": error,
                                                                    "text": status_text(status), "at": time.time()})


@contextlib.contextmanager
def _send_errors():
    """Says which failures of a send are worth a retry: a crashed browser comes back (transient);
    wa-js's error code decides the rest."""
    try:
        yield
    except BrowserGoneError as exc:
        raise TransientError(f"the WhatsApp browser went away during the send: {exc}") from exc
    except SendFailedError as exc:
        if send_error_is_permanent(exc.code):
            raise MessageRefusedError(str(exc)) from exc
        raise TransientError(str(exc)) from exc
