"""Intent: what the customer wants. An embedding classifier over example utterances
(the default, no LLM needed), the parsing and repair of an LLM's JSON verdict, and
simple payload extraction for tasks."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping, Sequence

from pydantic import ValidationError

from schemas.messages import IntentResult

# Labels: "Response", "HumanHandoff", or "Task:<task_type>".
DEFAULT_EXAMPLES: dict[str, list[str]] = {
    "Response": [
        "hello", "hi, good morning", "how much does it cost?", "what is the price of the blue one?",
        "do you have this in stock?", "what are your opening hours?", "where is your shop?",
        "do you deliver to my city?", "what sizes do you have?", "tell me more about this product",
        "is there a warranty?", "which payment methods do you accept?", "thank you", "ok great",
    ],
    "Task:book_calendar": [
        "I want to book an appointment", "can we schedule a meeting tomorrow at 3pm?",
        "book me a slot on Friday morning", "I'd like to reserve a table for two on Saturday",
        "can I come in next Monday at 10?", "please set up a call with your team next week",
    ],
    "Task:create_order": [
        "I want to order 3 of these", "please place an order for two bags of rice",
        "I'll take the red one, send it to my address", "add 5 units to my order and deliver them",
        "I want to buy this, how do I pay?", "order the large size for me please",
    ],
    "Task:send_email": [
        "please email me the catalogue", "send the price list to my email", "can you email me an invoice?",
        "mail me the details at my address", "send a quote to my email please",
        "email me your price list", "send me the brochure by email",
    ],
    "HumanHandoff": [
        "I want to talk to a human", "let me speak to the manager", "can a real person call me?",
        "this is not helpful, connect me to someone", "I have a complaint about my order",
        "my package arrived broken and I am very unhappy", "I want a refund now", "stop the bot please",
    ],
}

_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
_PHONE = re.compile(r"(?<!\w)\+?\d[\d\s().-]{6,}\d(?!\w)")
_TIME = re.compile(r"\b(?:[01]?\d|2[0-3])(?::[0-5]\d)?\s?(?:am|pm)\b|\b(?:[01]?\d|2[0-3]):[0-5]\d\b", re.I)
_DATE = re.compile(
    r"\b(?:\d{4}-\d{2}-\d{2}|\d{1,2}[/.]\d{1,2}(?:[/.]\d{2,4})?|today|tomorrow|tonight|"
    r"(?:next |this )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|week|weekend)|"
    r"\d{1,2}(?:st|nd|rd|th)? (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*)\b", re.I)
_QUANTITY = re.compile(r"\b(\d{1,5})\s*(?:x\s*)?(units?|pieces?|pcs|bags?|boxes?|packs?|items?|kg|litres?|"
                       r"liters?|bottles?|pairs?|of (?:these|those|them|the \w+))\b", re.I)
_WORD_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                 "nine": 9, "ten": 10, "a dozen": 12}


def cosine(a: Sequence[float], b: Sequence[float]) -> float:
    dot = sum(x * y for x, y in zip(a, b, strict=True))
    norm = math.sqrt(sum(x * x for x in a)) * math.sqrt(sum(y * y for y in b))
    return dot / norm if norm else 0.0


def classify(
    message_vector: Sequence[float], example_vectors: Mapping[str, Sequence[Sequence[float]]], *,
    threshold: float, allowed_task_types: Sequence[str], payload: dict[str, object],
) -> IntentResult:
    """Nearest examples win: each label scores the mean of its two closest examples."""
    scores = {}
    for label, vectors in example_vectors.items():
        sims = sorted((cosine(message_vector, v) for v in vectors), reverse=True)[:2]
        if sims:
            scores[label] = sum(sims) / len(sims)
    if not scores:
        return IntentResult(intent="Response", confidence=0.0, raw_analysis="no examples to compare with")
    ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True)
    label, score = ranked[0]
    analysis = "; ".join(f"{name} {value:.2f}" for name, value in ranked[:3])
    confidence = max(0.0, min(1.0, score))
    if label != "Response" and score < threshold:
        return IntentResult(intent="Response", confidence=confidence,
                            raw_analysis=f"below threshold {threshold:.2f}: {analysis}")
    return from_label(label, confidence, allowed_task_types, payload, analysis)


def from_label(label: str, confidence: float, allowed_task_types: Sequence[str], payload: dict[str, object],
               analysis: str) -> IntentResult:
    if label.startswith("Task:"):
        task_type = label.split(":", 1)[1]
        if task_type not in allowed_task_types:
            return IntentResult(intent="Response", confidence=confidence,
                                raw_analysis=f"task {task_type} is not enabled for this business; {analysis}")
        return IntentResult(intent="Task", confidence=confidence, task_type=task_type, payload=payload,
                            raw_analysis=analysis)
    if label == "HumanHandoff":
        return IntentResult(intent="HumanHandoff", confidence=confidence, payload=payload, raw_analysis=analysis)
    return IntentResult(intent="Response", confidence=confidence, raw_analysis=analysis)


def extract_payload(text: str) -> dict[str, object]:
    """Contact details, dates, times and quantities a task workflow can use."""
    payload: dict[str, object] = {}
    emails = _EMAIL.findall(text)
    # Dates, times and emails are taken out first so their digits never read as a phone number.
    rest = _DATE.sub(" ", _TIME.sub(" ", _EMAIL.sub(" ", text)))
    phones = [re.sub(r"[^\d+]", "", p) for p in _PHONE.findall(rest)]
    phones = [p for p in phones if 7 <= len(p.lstrip("+")) <= 15]
    dates = [d.strip() for d in _DATE.findall(text)]
    times = [t.strip() for t in _TIME.findall(text)]
    quantities = [{"quantity": int(n), "unit": unit.lower()} for n, unit in _QUANTITY.findall(text)]
    lowered = text.lower()
    for word, number in _WORD_NUMBERS.items():
        match = re.search(rf"\b{word}\s+(units?|pieces?|bags?|boxes?|packs?|items?|bottles?|pairs?)\b", lowered)
        if match:
            quantities.append({"quantity": number, "unit": match.group(1)})
    for key, values in (("emails", emails), ("phones", phones), ("dates", dates), ("times", times),
                        ("quantities", quantities)):
        if values:
            payload[key] = values
    return payload


# --- an LLM's verdict ------------------------------------------------------------------------

def intent_instructions(allowed_task_types: Sequence[str]) -> str:
    tasks = ", ".join(allowed_task_types) or "none"
    return (
        "Classify the customer's last message for a business's WhatsApp assistant. Answer with one JSON "
        "object and nothing else, with keys: intent (\"Response\" to answer a question or chat, \"Task\" "
        "when the customer asks the business to do something, \"HumanHandoff\" when they want a person or "
        "complain), confidence (0 to 1), task_type (one of: " + tasks + "; null unless intent is Task), "
        "payload (an object with any details the task needs: emails, phones, dates, times, items, "
        "quantities, address), raw_analysis (one short sentence on why)."
    )


def parse_llm_intent(raw: str, allowed_task_types: Sequence[str]) -> IntentResult:
    """Parse the model's JSON; raise ValueError with a message fit to send back for a repair."""
    text = raw.strip()
    fenced = re.match(r"^```(?:json)?\s*(.*?)\s*```$", text, re.S)
    if fenced:
        text = fenced.group(1)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"the reply is not valid JSON ({exc.msg} at position {exc.pos})") from None
    if not isinstance(data, dict):
        raise ValueError("the reply must be one JSON object")
    if isinstance(data.get("confidence"), int):
        data["confidence"] = float(data["confidence"])
    try:
        result = IntentResult.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'object'}: {e['msg']}" for e in exc.errors())
        raise ValueError(f"the JSON does not match the schema: {problems}") from None
    if result.intent == "Task" and result.task_type not in allowed_task_types:
        return IntentResult(intent="Response", confidence=result.confidence,
                            raw_analysis=f"task {result.task_type} is not enabled; {result.raw_analysis}"[:2000])
    return result


def repair_message(error: str) -> str:
    return (f"That answer could not be used: {error}. Reply again with only the JSON object, "
            "exactly as specified.")


def at_rest(result: IntentResult, method: str) -> dict[str, object]:
    """What of a decision may be stored in plaintext: never the customer's words.

    The extracted payload holds what the customer wrote (addresses, emails, quantities), so only
    its field names are kept; a model's analysis may quote the customer, so only the embedding
    classifier's own (built from labels and scores) is kept.
    """
    model_written = method.startswith("llm")
    return {
        "intent": result.intent,
        "task_type": result.task_type,
        "confidence": round(result.confidence, 4),
        "payload_fields": sorted(result.payload),
        "analysis": f"decided by {method.removeprefix('llm:')}" if model_written else result.raw_analysis,
    }
