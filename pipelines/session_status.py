"""WhatsApp session states and failures in words a business owner can act on.

The raw error (a WebDriver message, a stack of exception names) goes to the operator's log;
what is stored and shown is one of these sentences.
"""

from __future__ import annotations

STATUS_TEXT = {
    "STOPPED": "WhatsApp is not running. Start it to link your phone or reconnect.",
    "STARTING": "Opening WhatsApp Web…",
    "SCAN_QR_CODE": "Scan the QR code with WhatsApp on your phone: Settings → Linked devices → Link a device.",
    "WORKING": "WhatsApp is linked and Salesboy is answering messages.",
    "FAILED": "WhatsApp stopped. The reason is shown below; start it again when it is fixed.",
    "LOGGED_OUT": "This phone was unlinked. Start again and scan a new QR code to link it.",
}

UNREACHABLE = "WhatsApp Web could not be reached from this server — check its internet connection."
BROWSER_MISSING = ("The browser that runs WhatsApp Web could not start on this server — "
                   "the operator should check that Chromium and chromedriver are installed.")
BROWSER_LOST = "The browser running WhatsApp Web stopped unexpectedly."
CONNECTOR_MISSING = ("The WhatsApp connector (wa-js) is not installed on this server — "
                     "the operator should run the setup again (npm ci).")
QR_EXPIRED = "The QR code expired before it was scanned; start the session again."
QR_IDLE = "WhatsApp stopped offering QR codes because none was scanned; start the session again."
HOST_FULL = "This server already runs as many WhatsApp sessions as it can; try again later or ask the operator."
UNEXPECTED = "Something went wrong while running WhatsApp Web; start the session again. If it keeps happening, " \
             "tell the operator (the details are in the server log)."

# What the session host stores as `last_error` (a sentence may carry a "Trying again in N s." tail).
OWNER_SENTENCES = (UNREACHABLE, BROWSER_MISSING, BROWSER_LOST, CONNECTOR_MISSING, QR_EXPIRED, QR_IDLE, HOST_FULL,
                   UNEXPECTED)

_UNREACHABLE_MARKS = ("ERR_NAME_NOT_RESOLVED", "ERR_INTERNET_DISCONNECTED", "ERR_CONNECTION", "ERR_ADDRESS_UNREACHABLE",
                      "ERR_NETWORK", "ERR_TIMED_OUT", "ERR_PROXY", "ERR_TUNNEL", "ERR_SSL", "ERR_CERT",
                      "Timed out receiving message from renderer")


def status_text(status: str) -> str:
    return STATUS_TEXT.get(status, status)


def describe_failure(kind: str, raw: str) -> str:
    """`kind` is what the session host knew (lost, start, connector, unexpected); `raw` the error text."""
    if any(mark in raw for mark in _UNREACHABLE_MARKS):
        return UNREACHABLE
    if kind == "connector":
        return CONNECTOR_MISSING
    if kind == "start":
        return BROWSER_MISSING
    if kind == "lost":
        return BROWSER_LOST
    if "limit of" in raw and "sessions" in raw:
        return HOST_FULL
    return UNEXPECTED


def retrying(sentence: str, seconds: float) -> str:
    return f"{sentence} Trying again in {max(1, round(seconds))} s."
