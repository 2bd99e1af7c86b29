"""Composing replies: the prompt for a model, the extractive answer used when no
model is configured or every provider failed, and splitting long replies."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
_WORD = re.compile(r"[a-z0-9]+")
_STOP = {"the", "a", "an", "is", "are", "do", "does", "you", "your", "i", "me", "my", "we", "to", "of", "in",
         "on", "for", "and", "or", "it", "this", "that", "what", "how", "can", "much", "many", "have", "has",
         "with", "at", "be", "please", "there", "any", "which", "when", "where", "who", "will"}


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


def relevant(passages: Sequence[Passage], min_score: float, limit: int = 5) -> list[Passage]:
    """Passages above the threshold, best first, without repeats."""
    seen: set[str] = set()
    kept = []
    for passage in sorted(passages, key=lambda p: p.score, reverse=True):
        key = " ".join(passage.text.lower().split())
        if passage.score < min_score or key in seen:
            continue
        seen.add(key)
        kept.append(passage)
    return kept[:limit]


def question_with_context(question: str, history: Sequence[Turn]) -> str:
    """Fold the customer's previous message into a short follow-up ("and in red?")."""
    previous = next((t.text for t in reversed(history) if t.role == "customer"), None)
    if previous and len(_WORD.findall(question.lower())) <= 6:
        return f"{previous}\n{question}"
    return question


def compose_prompt(*, system_prompt: str, business: dict, passages: Sequence[Passage], history: Sequence[Turn],
                   question: str, style: ReplyStyle, dont_know: str) -> list[dict[str, str]]:
    facts = "\n".join(f"- {k}: {v}" for k, v in business.items() if str(v).strip())
    context = "\n\n".join(f"[{i}] {p.text}" for i, p in enumerate(passages, start=1))
    language = "the customer's language" if style.language == "auto" else style.language
    rules = (
        "You answer customers of this business on WhatsApp. Use only the business facts and the numbered "
        "context below; never invent prices, stock, dates or policies. If they do not contain the answer, "
        f"reply exactly: {dont_know}\n"
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


def extractive_reply(question: str, passages: Sequence[Passage], max_chars: int) -> str:
    """Quote the sentences of the best passages that share the most words with the question."""
    wanted = {w for w in _WORD.findall(question.lower()) if w not in _STOP}
    scored = []
    for rank, passage in enumerate(passages):
        for position, sentence in enumerate(s.strip() for s in _SENTENCE.split(passage.text)):
            if len(sentence) < 3:
                continue
            overlap = len(wanted & set(_WORD.findall(sentence.lower())))
            scored.append((overlap, -rank, -position, sentence))
    if not scored:
        return ""
    scored.sort(reverse=True)
    best = [s for s in scored if s[0] == scored[0][0]][:2] if scored[0][0] else scored[:1]
    chosen = sorted(best, key=lambda s: (-s[1], -s[2]))
    body = " ".join(_as_sentence(s[3]) for s in chosen)
    return truncate(body, max_chars)


def _as_sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if text[-1:] in ".!?" else text + "."


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
