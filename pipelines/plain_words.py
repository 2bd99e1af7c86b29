"""Plain words for the business owner: internal states, errors and decisions as sentences with a next step.

Every page and JSON body an owner reads goes through here, so a status constant, a driver's stack
trace or a validation library's message never reaches them. The raw text stays in the logs, where
operators read it. Pure functions over plain values: no I/O, nothing imported from outside `schemas`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, cast

from pipelines import session_status, spellings
from schemas.pipelines import MESSAGE_IN_PROGRESS

# --- WhatsApp session -----------------------------------------------------------------------------


@dataclass(frozen=True)
class SessionWords:
    label: str  # a few words, for a badge
    sentence: str  # what is going on
    next_step: str  # what the owner can do about it ("" when nothing is needed)


SESSION_STATES: dict[str, SessionWords] = {
    "STOPPED": SessionWords("Not connected", "WhatsApp is not connected to Salesboy.",
                            "Press “Start WhatsApp” to link your phone."),
    "STARTING": SessionWords("Starting", "Salesboy is opening WhatsApp Web for you.",
                             "A QR code appears here in a few seconds."),
    "SCAN_QR_CODE": SessionWords("Waiting for your phone", "WhatsApp is waiting for you to link your phone.",
                                 "On your phone open WhatsApp → Settings → Linked devices → Link a device, "
                                 "then scan the QR code, or ask for a pairing code."),
    "WORKING": SessionWords("Connected", "WhatsApp is connected: the bot reads and answers your customers.", ""),
    "FAILED": SessionWords("Stopped by a problem", "WhatsApp stopped because of a problem.",
                           "Press “Start WhatsApp” to try again."),
    "LOGGED_OUT": SessionWords("Unlinked", "Your phone unlinked Salesboy from WhatsApp.",
                               "Press “Start WhatsApp” and scan a new QR code to link it again."),
}


# The tail the session host puts on a failure it retries by itself (session_status.retrying).
_RETRY_TAIL = re.compile(r"\s*Trying again in (\d+) s\.\s*$")


def session_state(status: str | None, error: str | None = None) -> SessionWords:
    """The words for a session's status; `error` is its stored last_error. A session starting again after a
    failure is told as that failure and the wait, never as "a QR code appears in a few seconds"."""
    retry = _retry(status, error)
    if retry is not None:
        reason, seconds = retry
        if reason == session_status.UNREACHABLE or re.search(_SESSION_FAILURES[1][0], reason, re.IGNORECASE):
            return SessionWords("Cannot reach WhatsApp Web", f"Cannot reach WhatsApp Web; retrying in {seconds} s.",
                                "This server seems to have no internet connection. Salesboy keeps trying by "
                                "itself; if it goes on for long, tell whoever runs your Salesboy server.")
        return SessionWords("Retrying", f"WhatsApp Web stopped; retrying in {seconds} s.",
                            "Salesboy keeps trying by itself; if it goes on for long, tell whoever runs your "
                            "Salesboy server.")
    return SESSION_STATES.get((status or "STOPPED").upper(), SessionWords(
        "Unknown", "Salesboy cannot tell how WhatsApp is doing right now.", "Reload this page in a minute."))


def session_retrying(status: str | None, error: str | None) -> bool:
    """Whether the session host is waiting to start the session again after a failure (no QR code coming)."""
    return _retry(status, error) is not None


def _retry(status: str | None, error: str | None) -> tuple[str, int] | None:
    if (status or "").upper() != "STARTING" or not error:
        return None
    found = _RETRY_TAIL.search(error)
    return (error[:found.start()], int(found.group(1))) if found else None


# Known failures, most specific first: (pattern in the raw error, sentence with a next step).
_SESSION_FAILURES: tuple[tuple[str, str], ...] = (
    (r"QR code expired|stopped offering QR codes",
     "The QR code expired before it was scanned. Press “Start WhatsApp” and scan the new code within a minute."),
    (r"ERR_NAME_NOT_RESOLVED|ERR_CONNECTION_REFUSED|ERR_INTERNET_DISCONNECTED|ERR_CONNECTION_(RESET|CLOSED|TIMED_OUT)"
     r"|ERR_ADDRESS_UNREACHABLE|ERR_PROXY|ERR_TUNNEL|ERR_NETWORK|net::|could not be reached from this server",
     "Salesboy could not reach WhatsApp Web: the server seems to have no internet connection right now. "
     "Try “Start WhatsApp” again in a few minutes; if it keeps happening, tell whoever runs your Salesboy server."),
    (r"chromedriver|browser stopped|browser running WhatsApp Web stopped|browser that runs WhatsApp Web could not"
     r"|session not created|cannot find Chrome|DevToolsActivePort|chrome not reachable|"
     r"unable to discover open pages|no such window|invalid session id|disconnected: not connected to DevTools",
     "The browser that runs WhatsApp Web for you could not start or closed unexpectedly. "
     "Press “Start WhatsApp” to try again; if it keeps happening, tell whoever runs your Salesboy server."),
    (r"timed? ?out|timeout", "WhatsApp Web took too long to answer. Press “Start WhatsApp” to try again."),
    (r"logged out|logout|unpaired|conflict",
     "Your phone unlinked Salesboy from WhatsApp. Press “Start WhatsApp” and scan a new QR code."),
    (r"lease|another host", "Salesboy moved your WhatsApp connection to another worker. It reconnects by itself."),
)
SESSION_FAILURE_FALLBACK = ("Something went wrong while connecting to WhatsApp. Press “Start WhatsApp” to try again; "
                            "if it keeps happening, tell whoever runs your Salesboy server.")


def session_error(raw: str | None, status: str | None = None) -> str | None:
    """The session's last error as a sentence with a next step; None when there is none. A session being
    retried (`status` STARTING) has no Start button to press: its error says that Salesboy tries again."""
    if not raw or not raw.strip():
        return None
    retry = _retry(status, raw)
    if retry is not None:
        reason, seconds = retry
        what = (session_error(reason) or SESSION_FAILURE_FALLBACK).split(". ")[0].rstrip(".")
        return f"{what}. Salesboy tries again by itself in {seconds} s."
    for pattern, sentence in _SESSION_FAILURES:
        if re.search(pattern, raw, re.IGNORECASE):
            return sentence
    if raw.startswith(session_status.OWNER_SENTENCES):  # the session host stored words already
        return raw
    return SESSION_FAILURE_FALLBACK


# --- tasks (n8n) ----------------------------------------------------------------------------------

TASK_TYPES = {"send_email": "send an email", "book_calendar": "book an appointment", "create_order": "take an order",
              "human_handoff": "tell you a customer wants a person"}
TASK_STATUSES = {"pending": "waiting to start", "dispatched": "sent to your automation", "succeeded": "done",
                 "failed": "failed"}


def task_type(name: str | None) -> str:
    if not name:
        return "a task"
    return TASK_TYPES.get(name, name.replace("_", " "))


def task_status(status: str | None) -> str:
    return TASK_STATUSES.get(status or "", (status or "").replace("_", " "))


_TASK_FAILURES: tuple[tuple[str, str], ...] = (
    (r"no (n8n )?(webhook|url)|not configured|no workflow",
     "No automation is set up for this kind of task. Add its n8n webhook under Bot settings → Hand-offs and tasks."),
    (r"\b404\b|not found", "Your automation's address answered “not found”. Check the n8n webhook address in "
                           "Bot settings and that the workflow is switched on in n8n."),
    (r"\b40[13]\b|signature|unauthori[sz]ed|forbidden",
     "Your automation refused the request. Check that its signing secret matches Salesboy's."),
    (r"refused|egress|not allowed|private address|loopback",
     "Salesboy may not call that automation address. Use a public https:// address in Bot settings."),
    (r"timed? ?out|timeout|connect|unreachable|name or service|resolve",
     "Your automation could not be reached in time. Salesboy tried several times; check that n8n is running."),
    (r"\b5\d\d\b", "Your automation had an error of its own. Open the workflow's executions in n8n to see why."),
)


def task_failure(raw: str | None) -> str | None:
    if not raw or not raw.strip():
        return None
    for pattern, sentence in _TASK_FAILURES:
        if re.search(pattern, raw, re.IGNORECASE):
            return sentence
    return "The task could not be completed. Open the workflow's executions in n8n to see why."


# --- documents ----------------------------------------------------------------------------------

DOCUMENT_STATES = {"pending": "Waiting to be read", "uploaded": "Waiting to be read", "extracting": "Reading",
                   "chunking": "Splitting into passages",
                   "embedding": "Learning", "ready": "Ready", "failed": "Could not be read"}


def document_status(status: str | None) -> str:
    return DOCUMENT_STATES.get(status or "", (status or "").replace("_", " ").capitalize())


# --- validation -----------------------------------------------------------------------------------


def _number(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _limit(ctx: Mapping[str, object], *keys: str) -> str:
    return next((_number(ctx[k]) for k in keys if k in ctx), "")


# pydantic's error types (https://docs.pydantic.dev/latest/errors/validation_errors/) as sentences.
_PROBLEMS: dict[str, object] = {
    "missing": "Fill this in.",
    "string_too_short": lambda ctx: "Fill this in." if ctx.get("min_length", 1) == 1
    else f"Use at least {ctx.get('min_length')} characters.",
    "string_too_long": lambda ctx: f"Use at most {ctx.get('max_length')} characters.",
    "too_short": lambda ctx: f"Add at least {ctx.get('min_length')}.",
    "too_long": lambda ctx: f"Use at most {ctx.get('max_length')} lines here.",
    "less_than_equal": lambda ctx: f"Use a number no bigger than {_limit(ctx, 'le')}.",
    "less_than": lambda ctx: f"Use a number smaller than {_limit(ctx, 'lt')}.",
    "greater_than_equal": lambda ctx: f"Use a number no smaller than {_limit(ctx, 'ge')}.",
    "greater_than": lambda ctx: f"Use a number bigger than {_limit(ctx, 'gt')}.",
    "int_parsing": "Enter a whole number, like 30.",
    "int_type": "Enter a whole number, like 30.",
    "int_from_float": "Enter a whole number, like 30.",
    "float_parsing": "Enter a number, like 0.5.",
    "float_type": "Enter a number, like 0.5.",
    "bool_parsing": "Choose yes or no.",
    "bool_type": "Choose yes or no.",
    "string_pattern_mismatch": lambda ctx: WEB_ADDRESS if "http" in str(ctx.get("pattern", ""))
    else EMAIL_ADDRESS if "@" in str(ctx.get("pattern", ""))
    else "Use only letters, digits, spaces and simple punctuation here.",
    "literal_error": lambda ctx: f"Choose one of: {ctx.get('expected', 'the listed values')}.",
    "enum": lambda ctx: f"Choose one of: {ctx.get('expected', 'the listed values')}.",
    "extra_forbidden": "This setting is not known to Salesboy.",
}
WEB_ADDRESS = "Enter a web address that starts with https://, like https://example.com/hook."
EMAIL_ADDRESS = "Enter an email address like name@example.com."


def _problem(kind: str, ctx: Mapping[str, object], message: str) -> str:
    """One validation problem (pydantic's error type and context) as an owner's sentence."""
    if kind.startswith("url"):
        return WEB_ADDRESS
    if kind == "value_error":
        text = message.removeprefix("Value error, ")
        return EMAIL_ADDRESS if "email" in text.lower() else _sentence(text)
    found = _PROBLEMS.get(kind)
    if found is None:
        return "This value cannot be used here."
    return found(ctx) if callable(found) else str(found)


def _sentence(text: str) -> str:
    text = text.strip()
    if not text:
        return "This value cannot be used here."
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


# Hints that beat the generic sentence for a field's own pattern.
FIELD_HINTS = {
    ("owner_notify_phone", "string_pattern_mismatch"):
        "Enter the number with its country code, like +2348012345678.",
    ("allowed_task_types", "string_pattern_mismatch"):
        "Name tasks in lower case with underscores, like send_email.",
    ("n8n_urls", "string_pattern_mismatch"): "Name tasks in lower case with underscores, like send_email.",
    ("intent_examples", "value_error"):
        "Start each line with Question:, Person: or Task:<task name>:, like “Person: can I talk to someone?”.",
    ("intent_examples", "string_too_short"):
        "Write what a customer might say after the label, like “Question: do you deliver?”.",
    ("key", "string_pattern_mismatch"):
        "Use lower case letters, digits and _, starting with a letter, like opening_hours.",
    ("models", "string_pattern_mismatch"):
        "Start your server's address with https://, like https://my-server.example.com/v1.",
}


def problem(err: Mapping[str, Any], field: str) -> str:
    """One pydantic-shaped error (type, msg, ctx) about `field` as a sentence: never a pattern or a type name."""
    kind, ctx = str(err.get("type", "")), err.get("ctx") or {}
    return FIELD_HINTS.get((field, kind)) or _problem(kind, ctx, str(err.get("msg", "")))


def field_problems(errors: Iterable[Mapping[str, Any]],
                   field_of: Mapping[str, str] | None = None) -> dict[str, list[str]]:
    """Every validation problem, grouped under the form field it belongs to, each as a sentence.

    `errors` are pydantic-shaped dicts (type, loc, msg, ctx). `field_of` renames the first part of a
    location to the form's field name (e.g. business.name → business_name). A list item is named by its line.
    """
    grouped: dict[str, list[str]] = {}
    for err in errors:
        loc = [str(part) for part in (err.get("loc") or ())]
        name = loc[0] if loc else "form"
        if name == "business" and len(loc) > 1:
            name = f"business_{loc[1]}"
        name = (field_of or {}).get(name, name)
        sentence = problem(err, name)
        line = next((int(part) for part in loc[1:] if part.isdigit()), None)
        value = err.get("input")
        if line is not None and name == "models":
            sentence = f"Line {line + 1}: {sentence}"
        elif line is not None and name == "allowed_task_types" and isinstance(value, str):
            # One comma-separated line: the entry is named by what was typed, not by a line number.
            sentence = f"“{value[:60]}”: {sentence}"
        if sentence not in grouped.setdefault(name, []):
            grouped[name].append(sentence)
    return grouped


# --- message outcomes and traces ------------------------------------------------------------------

OUTCOMES = {"answered": "Answered", "ignored": "Not answered", "handed_off": "Handed to you", "task": "Task started",
            "failed": "Failed", "received": "Received", "filtered": "Being answered",
            "classified": "Being answered", "dont_know": "Didn't know"}
INTENTS = {"Response": "Question", "Task": "Task request", "HumanHandoff": "Wants a person"}


def outcome(name: str | None) -> str:
    return OUTCOMES.get(name or "", (name or "").replace("_", " ").capitalize())


def intent(name: str | None) -> str:
    return INTENTS.get(name or "", name or "")


# How rag.respond records "the documents do not answer this" (the second: before the abstention decision).
ABSTAINED = ("abstained", "nothing relevant in the knowledge base")

FILTER_REASONS = {
    "sent by the owner": "You wrote this yourself, so the bot stays out of this chat for a while.",
    "status or broadcast message": "This was a status update or broadcast, which the bot never answers.",
    "the bot is switched off": "The bot is switched off, so it did not answer. Switch it on in Bot settings.",
    "auto-reply is off for this group": "Auto-reply is off for this group (see Groups).",
    "the business was not mentioned in the group": "Nobody mentioned you in the group, and the bot answers there "
                                                   "only when mentioned.",
    "the contact is not on the whitelist": "This customer is not on your whitelist, so the bot stayed quiet. "
                                           "Add them on the Whitelist page to have them answered.",
    "a person is handling this chat": "You are handling this chat yourself, so the bot stayed quiet. "
                                      "Hand it back to the bot when you are done.",
    "paused: the owner replied in this chat recently": "You replied in this chat recently, so the bot waited.",
    "no text to answer (media only)": "The message had no text (only a picture, voice note or file), "
                                      "so there was nothing to answer.",
    "answered together with the customer's next message": "The customer wrote again straight away; the bot "
                                                          "answered both messages together.",
}


def didnt_know(status: str | None, reason: str | None) -> bool:
    """Whether a message was "answered" with the owner's don't-know reply because the documents did not answer it,
    which the owner reads as not answered."""
    return status == "answered" and reason in ABSTAINED


def shown_outcome(status: str | None, reason: str | None = None, stages: Mapping[str, Any] | None = None) -> str:
    """A message's outcome as the owner reads it: one answered with the don't-know reply "Didn't know". The reason
    is the logged one, or else the trace's respond stage."""
    if reason is None and isinstance(stages, Mapping):
        responded = stages.get("respond")
        reason = responded.get("answer") if isinstance(responded, Mapping) else None
    return OUTCOMES["dont_know"] if didnt_know(status, reason) else outcome(status)


def reason(text: str | None) -> str:
    """A stored decision reason as a sentence (reasons written before this module existed read as they are)."""
    if not text or text == "answer":
        return ""
    if text in FILTER_REASONS:
        return FILTER_REASONS[text]
    if text in ABSTAINED:  # the passages found, if any, are in the trace's story
        return "Your documents did not answer this, so the bot sent your “don't know” reply."
    if text in ("extractive", "model"):
        return ""
    if text.startswith("decided by"):
        return ""
    return _sentence(text)


def _percent(value: Any) -> str:
    try:
        return f"{round(float(value) * 100)}%"
    except (TypeError, ValueError):
        return ""


def trace_story(trace: Mapping[str, object] | None, *, status: str | None = None, intent_name: str | None = None,
                reason_text: str | None = None) -> list[str]:
    """What happened to one customer message, step by step, in sentences.

    Built from the stored decisions, scores and field names only: never the customer's words.
    """
    stages = dict(trace or {})
    story: list[str] = []
    filtered = stages.get("filter")
    if isinstance(filtered, Mapping):
        if filtered.get("answer") is False or (filtered.get("reason") and filtered.get("reason") != "answer"):
            return [reason(str(filtered.get("reason"))) or "The bot decided not to answer this message."]
        story.append("The message passed your rules (bot on, whitelist, groups), so the bot took it up.")
    decided = stages.get("intent")
    if isinstance(decided, Mapping):
        if decided.get("skipped"):
            return [*story, reason(str(decided["skipped"]))]
        story.extend(_intent_story(decided, intent_name))
    responded = stages.get("respond")
    if isinstance(responded, Mapping):
        story.extend(_respond_story(responded, status))
    if not story and reason_text and reason(reason_text):
        story.append(reason(reason_text))
    if not story and status in MESSAGE_IN_PROGRESS:
        story.append("The bot is still working on this message.")
    return story


def _intent_story(decided: Mapping[str, Any], intent_name: str | None) -> list[str]:
    kind = decided.get("intent") or intent_name
    how = str(decided.get("method") or "")
    by = "your model" if how.startswith("llm") else "comparing it with example messages"
    sure = _percent(decided.get("confidence"))
    sure_text = f" ({sure} sure)" if sure else ""
    story = []
    label = str(decided.get("label") or "")
    if label.startswith("Answer:"):
        story.append(f"It recognised your intent “{label.removeprefix('Answer:')}”{sure_text}, by {by}.")
    elif kind == "Response":
        story.append(f"It read the message as a question{sure_text}, by {by}.")
    elif kind == "Task":
        fields = decided.get("payload_fields") or []
        noted = f", noting the {', '.join(map(str, fields))} it gave" if fields else ""
        story.append(f"It read the message as a request to {task_type(str(decided.get('task_type') or ''))}"
                     f"{sure_text}{noted}, and passed it to your automation.")
    elif kind == "HumanHandoff":
        story.append(f"The customer asked for a person{sure_text}: the bot told them someone will reply, "
                     "paused itself in this chat and let you know.")
    if "after the models failed" in how:
        story.append("Your model could not be reached, so Salesboy used its built-in classifier instead.")
    return story


def _respond_story(responded: Mapping[str, Any], status: str | None) -> list[str]:
    chunks = responded.get("chunks") or []
    how = responded.get("answer")
    story = _typos_story(responded.get("typos"))
    if how == "canned":
        story.append("It sent the reply you wrote for this intent.")
    elif how == "none":  # one model call: the verdict was a task or a hand-off, so its answer was not sent
        story.append("Nothing from your documents was sent: the bot acted on what the customer asked for.")
    elif how in ABSTAINED or not chunks:
        # A trace stored while the decision read passages of an order of its own names them as "decided_on".
        closest = _documents(responded.get("decided_on")) or _documents(responded.get("ranked"))
        declined_by = responded.get("declined_by")
        if declined_by:  # the passages were good enough to ask the model, which found no answer in them
            where = f" (in {', '.join(closest)})" if closest else ""
            story.append(f"Your model ({declined_by}) read the closest passages{where} and found no answer in "
                         "them, so the bot sent your “don't know” reply.")
        elif closest:
            story.append(f"The closest passages (in {', '.join(closest)}) "
                         "did not answer the question well enough, so the bot sent your “don't know” reply.")
        else:
            story.append("Your documents had no passage about this, so the bot sent your “don't know” reply.")
        if status == "handed_off":
            story.append("You asked to take over such chats, so the chat now waits for you.")
    else:
        sources = sorted({str(c.get("source", "")).split(" (")[0] for c in chunks if isinstance(c, Mapping)})
        found = f"{len(chunks)} matching passage{'s' if len(chunks) != 1 else ''}"
        story.append(f"It found {found} in {', '.join(sources) or 'your documents'}.")
        if how == "model":
            story.append(f"Your model ({responded.get('model')}) wrote the answer from them.")
        elif how == "extractive":
            story.append("It answered by quoting the best-matching sentences (no model is set up).")
    failures = responded.get("fallbacks") or []
    if failures:
        names = ", ".join(sorted({str(f.get("model")) for f in failures if isinstance(f, Mapping)}))
        story.append(f"Before that, {names} did not answer, so the next option was used.")
    parts = responded.get("reply_parts")
    if isinstance(parts, int) and parts > 1:
        story.append(f"The reply was long, so it was sent in {parts} messages.")
    return story


def _typos_story(typos: object) -> list[str]:
    """The customer's slips the search read as the words meant (pipelines/typos.py)."""
    if not isinstance(typos, Mapping) or not typos:
        return []
    spelt = {word: meant for word, meant in typos.items() if meant in spellings.variants(str(word))}
    slips = {typo: meant for typo, meant in typos.items() if typo not in spelt}
    story = []
    if spelt:
        story.append(f"It read {_read_as(spelt)} as your documents spell it and searched them for that.")
    if slips:
        story.append(f"It read {_read_as(slips)} (a typo, it seems) and searched your documents for that.")
    return story


def _read_as(words: Mapping[object, object]) -> str:
    return ", ".join(f"“{word}” as “{meant}”" for word, meant in words.items())


def _documents(passages: object) -> list[str]:
    """The documents a stored list of passages names, sorted; an entry naming none (an old trace's) is skipped."""
    if not isinstance(passages, list):
        return []
    return sorted({str(p["document"]) for p in passages if isinstance(p, Mapping) and p.get("document")})


_PASSAGE_LISTS = {"ranked": "passages found"}
# Stored traces of before the abstention decision read the reply's passages hold a second list, the passages it read
# instead: an internal order, not shown.
_RETIRED = frozenset(("decided_on",))


def stage_details(name: str, stage: object) -> list[tuple[str, str]]:
    """A stage's stored details as (label, value) pairs: numbers rounded, lists readable, no JSON."""
    if not isinstance(stage, Mapping):
        return [(name, _value(stage))]
    rows = []
    for key, value in stage.items():
        if key == "chunks" or key in _RETIRED:
            continue
        label = key.replace("_", " ")
        if key == "ms":
            rows.append(("time taken", f"{value} ms"))
        elif key == "confidence":
            rows.append(("confidence", _percent(value)))
        elif key in _PASSAGE_LISTS and isinstance(value, list):
            rows.append((_PASSAGE_LISTS[key], "; ".join(
                f"{r.get('document')} ({r.get('location')}) {_percent(r.get('score'))}" for r in value
                if isinstance(r, Mapping)) or "none"))
        elif key == "support" and isinstance(value, Mapping):
            rows.append(("how well they answer", f"{_value(value.get('score'))} (answers from "
                                                 f"{_value(value.get('threshold'))})"))
        elif key == "typos" and isinstance(value, Mapping):
            rows.append(("typos read", ", ".join(f"{typo} as {meant}" for typo, meant in value.items())))
        elif key == "fallbacks" and isinstance(value, list):
            rows.append(("models that failed first", "; ".join(
                f"{f.get('model')}: {f.get('error')}" if isinstance(f, Mapping) else str(f) for f in value) or "none"))
        else:
            rows.append((label, _value(value)))
    return rows


def _value(value: object) -> str:
    if isinstance(value, bool) or value is None:
        return {True: "yes", False: "no", None: "none"}[value]
    if isinstance(value, float):
        return f"{value:.2f}"
    if isinstance(value, list | tuple):
        return ", ".join(_value(v) for v in value) or "none"
    if isinstance(value, Mapping):
        return "; ".join(f"{str(k).replace('_', ' ')}: {_value(v)}" for k, v in value.items()) or "none"
    return str(value)


# --- audit log ------------------------------------------------------------------------------------

_AUDIT: dict[str, str] = {
    "account.created": "You created your Salesboy account.",
    "account.password_changed": "You changed your password; other devices were signed out.",
    "account.session_ended": "You signed a device out.",
    "account.other_sessions_ended": "You signed out every other device.",
    "tenant.provisioned": "Your bot was set up with its default settings.",
    "tenant.seeded": "The demo business was set up with sample documents and contacts.",
    "api_key.created": "You created the API key “{name}”.",
    "api_key.revoked": "You revoked an API key.",
    "bot.settings_changed": "You changed the bot settings{fields}.",
    "provider_key.saved": "You saved your model provider key.",
    "provider_key.deleted": "You deleted your model provider key.",
    "kb.document_uploaded": "You uploaded {filename}.",
    "kb.document_deleted": "You deleted {filename}.",
    "kb.document_reembedded": "You asked Salesboy to read {filename} again.",
    "whitelist.added": "You added {phone} to the whitelist.",
    "whitelist.imported": "You imported {lines} lines into the whitelist ({added} new contacts).",
    "whitelist.removed": "You removed {phone} from the whitelist.",
    "whitelist.mode": "You switched the whitelist {onoff}.",
    "group.updated": "You changed a group's settings: auto-reply {auto}, only when mentioned {mention}.",
    "chat.handoff_released": "A chat was handed back to the bot.",
    "chat.owner_replied": "You replied to a customer from the dashboard; the bot pauses in that chat.",
    "session.start_requested": "You started WhatsApp.",
    "session.stop_requested": "You stopped WhatsApp.",
    "session.logout_requested": "You unlinked WhatsApp from Salesboy.",
    "session.media_sent": "A file was sent on WhatsApp.",
    "task.failed": "A task ({task}) failed. {why}",
    "task.succeeded": "A task ({task}) was completed by your automation.",
}
_VIA = {"dashboard": "from the dashboard", "api": "through the API", "cli": "from the command line"}


def audit_sentence(action: str, detail: Mapping[str, object] | str | None) -> str:
    """An audit entry as a sentence; an action without its own wording is still readable."""
    if isinstance(detail, str):
        try:
            detail = cast("Mapping[str, object]", json.loads(detail))
        except ValueError:
            detail = {}
    detail = dict(detail or {})
    values = {
        "name": detail.get("name") or "unnamed",
        "filename": detail.get("filename") or detail.get("file") or "a document",
        "phone": detail.get("phone") or detail.get("lid") or "a contact",
        "lines": detail.get("lines", "?"), "added": detail.get("added", detail.get("count", "?")),
        "onoff": "on" if detail.get("enabled") else "off",
        "auto": "on" if detail.get("auto_reply") else "off", "mention": "on" if detail.get("mention_only") else "off",
        "task": task_type(str(detail.get("task_type") or "")),
        "why": task_failure(str(detail.get("error") or detail.get("reason") or "")) or "",
        "fields": _changed(detail.get("fields") or detail.get("changed")),
    }
    template = _AUDIT.get(action)
    if template is None:
        area, _, what = action.partition(".")
        template = f"{area.replace('_', ' ').capitalize()}: {what.replace('_', ' ').replace('.', ' ')}."
    sentence = template.format(**values).strip()
    via = _VIA.get(str(detail.get("via", "")))
    if via and sentence.endswith("."):
        sentence = f"{sentence[:-1]} {via}."
    return sentence


def _changed(fields: object) -> str:
    if isinstance(fields, list | tuple) and fields:
        return " (" + ", ".join(str(f).replace("_", " ") for f in fields) + ")"
    return ""


# --- errors shown as pages ------------------------------------------------------------------------

HTTP_ERRORS: dict[int, tuple[str, str]] = {
    400: ("That did not work", "Something in that request could not be used. Go back, check the form and try again."),
    401: ("Please sign in", "Sign in to see this page."),
    403: ("Not allowed", "Your account may not open this page."),
    404: ("Not found", "There is nothing at this address. It may have been deleted, or the link is incomplete."),
    405: ("That did not work", "This page cannot be used that way. Go back and use the buttons on the page."),
    413: ("Too large", "That is larger than Salesboy accepts. Try a smaller file."),
    429: ("Too many attempts", "Too many attempts in a short time. Wait a minute, then try again."),
    500: ("Something went wrong", "Salesboy ran into a problem on its side and could not finish this. "
                                  "Nothing you did caused it. Try again in a minute; the problem is logged "
                                  "for whoever runs your server."),
    503: ("Not available right now", "This part of Salesboy is not available right now. Try again in a minute."),
}


def megabytes(size: int) -> str:
    """A size as owners read it on the upload page ("20.0 MB"): bytes mean nothing to them."""
    return f"{size / 1_048_576:.1f} MB"


def request_too_large(request_limit: int | None, file_limit: int) -> str:
    """Why a whole request was refused before any file in it was read, with both limits."""
    whole = f" ({megabytes(request_limit)} in all)" if request_limit else ""
    return (f"That is more than Salesboy accepts at once{whole}; each file can be up to {megabytes(file_limit)}. "
            "Send fewer or smaller files at a time.")


def http_error(status: int) -> tuple[str, str]:
    return HTTP_ERRORS.get(status, HTTP_ERRORS[500 if status >= 500 else 400])


# Words that mean a developer's text escaped into an owner's view.
DEVELOPER_WORDS = ("Traceback", "Exception", "Stacktrace", "pydantic", "SCAN_QR_CODE", "LOGGED_OUT", "HumanHandoff")
