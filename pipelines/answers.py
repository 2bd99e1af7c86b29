"""Composing replies: the prompt for a model and splitting long replies (the extractive answer used
when no model is configured or every provider failed is pipelines/sentences.py)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

_WORD = re.compile(r"[a-z0-9]+")
_SPOKEN = re.compile(r"\w+")  # the words of a reply, in any script, without its punctuation and spacing


@dataclass(frozen=True)
class Passage:
    text: str
    score: float
    source: str  # document name and location, for the trace


@dataclass(frozen=True)
class Turn:
    role: str  # "customer" or "business"
    text: str


@dataclass(frozen=True)
class ReplyStyle:
    max_chars: int = 1000
    language: str = "auto"
    tone: str = "friendly"


def question_with_context(question: str, history: Sequence[Turn]) -> str:
    """Fold the customer's previous message into a short follow-up ("and in red?")."""
    previous = next((t.text for t in reversed(history) if t.role == "customer"), None)
    if previous and len(_WORD.findall(question.lower())) <= 6:
        return f"{previous}\n{question}"
    return question


def compose_prompt(*, system_prompt: str, business: dict[str, Any], passages: Sequence[Passage],
                   history: Sequence[Turn], question: str, style: ReplyStyle, dont_know: str) -> list[dict[str, str]]:
    facts = "\n".join(f"- {k}: {v}" for k, v in business.items() if str(v).strip())
    context = "\n\n".join(f"[{i}] {p.text}" for i, p in enumerate(passages, start=1))
    language = "the customer's language" if style.language == "auto" else style.language
    rules = (
        "You answer customers of this business on WhatsApp. Use only the business facts and the numbered "
        "context below; never invent prices, stock, dates or policies. If they do not contain the answer, "
        f"reply exactly, without translating it: {dont_know}\n"
        f"Write in {language}, in a {style.tone} tone, at most {style.max_chars} characters, as plain "
        "WhatsApp text (no markdown headings)."
    )
    system = "\n\n".join(part for part in (system_prompt.strip(), rules, f"Business facts:\n{facts}" if facts else "",
                                           f"Context:\n{context}" if context else "") if part)
    messages = [{"role": "system", "content": system}]
    for turn in history:
        messages.append({"role": "user" if turn.role == "customer" else "assistant", "content": turn.text})
    messages.append({"role": "user", "content": question})
    return messages


def declines(reply: str, *dont_know: str) -> bool:
    """Whether a model's reply is a don't-know reply compose_prompt tells it to give when the context does not
    answer: the same words, whatever their case, quotes, punctuation, spacing or Unicode form ("“Sorry, I don't
    know that.”"); a reply of no words at all (emoji, punctuation) must be the same text. A model that declines has
    judged the question unanswerable from the documents, as the abstention decision would: the business's choice of
    a hand-off follows, and the evaluation counts it as an abstention."""
    said = _spoken(reply)
    return bool(reply.strip()) and any(said == _spoken(text) for text in dont_know if text.strip())


def _spoken(text: str) -> tuple[str, ...] | str:
    """A reply's words, or the whole text without its spacing when it has none."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return tuple(_SPOKEN.findall(text)) or "".join(text.split())


def truncate(text: str, max_chars: int) -> str:
    if len(text) <= max_chars:
        return text
    cut = text[: max_chars - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > max_chars // 2 else cut).rstrip(" ,;:") + "…"


def split_reply(text: str, max_chars: int) -> list[str]:
    """WhatsApp-sized parts, split between paragraphs or sentences where possible."""
    text = text.strip()
    if len(text) <= max_chars:
        return [text] if text else []
    parts: list[str] = []
    current = ""
    for raw in re.split(r"(?<=\n\n)|(?<=[.!?])\s+", text):
        piece = raw.strip()
        if not piece:
            continue
        candidate = f"{current} {piece}".strip() if current else piece
        if len(candidate) <= max_chars:
            current = candidate
            continue
        if current:
            parts.append(current)
        while len(piece) > max_chars:
            parts.append(piece[:max_chars])
            piece = piece[max_chars:]
        current = piece
    if current:
        parts.append(current)
    return parts
