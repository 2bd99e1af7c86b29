"""The intent decision: the business's models when it chose any, else (or when they all fail) the
embedding classifier. The intent stage and the evaluation harness call this one function."""

from __future__ import annotations

from typing import Protocol

from pipelines import intent, typos
from pipelines.retrieval import content_terms
from schemas.bot import BotSettings
from schemas.messages import IntentResult
from services.adapters import english_lexicon
from services.adapters.intent_classifier import IntentHeads, IntentSetup, decide_intent
from services.adapters.llm import AllModelsFailedError, complete_parsed
from services.adapters.ports import ChatModel, Embedder


class IntentDeps(Protocol):
    """What deciding an intent uses (the message stages' deps carry these fields)."""

    @property
    def chat(self) -> ChatModel: ...
    @property
    def embedder(self) -> Embedder: ...
    @property
    def intent_heads(self) -> IntentHeads: ...
    @property
    def intent_rules(self) -> intent.DecisionRules: ...


def classify(deps: IntentDeps, settings: BotSettings, text: str) -> tuple[IntentResult, str, list[dict]]:
    """The verdict, how it was reached, and the model failures on the way (for the trace)."""
    setup = IntentSetup.of(settings)
    models = settings.models
    if not models:
        return decide(deps, text, setup), "embeddings", []
    messages = [{"role": "system", "content": intent.intent_instructions(setup.task_types, setup.intents)},
                {"role": "user", "content": text}]
    try:
        result, completion = complete_parsed(deps.chat, models, messages,
                                             lambda raw: intent.parse_llm_intent(raw, setup.task_types),
                                             temperature=0.0, max_tokens=300)
    except AllModelsFailedError as exc:
        return decide(deps, text, setup), "embeddings (after the models failed)", exc.attempts
    return business_answer(deps, result, text, setup), f"llm:{completion.model}", completion.attempts


def business_answer(deps: IntentDeps, result: IntentResult, text: str, setup: IntentSetup) -> IntentResult:
    """A model's Response, labelled with the business's own answer (or Salesboy's small talk) the examples
    pick, if any: the model only says "a question"."""
    if result.intent == "Response":
        answer = decide(deps, text, setup)
        if answer.label.startswith("Answer:"):
            return result.model_copy(update={"label": answer.label, "top": answer.top})
    return result


def decide(deps: IntentDeps, text: str, setup: IntentSetup) -> IntentResult:
    # A customer's typo of a word of the examples ("apointment", "refnud") is read as that word. Only those: with no
    # documents to hold it, a name ("Morag", "Totnes") would be read as the English word one edit away. What the
    # customer gave (an address, a date, a name) is read from their own words: "frida.k@…" is no "friday.k@…".
    english = english_lexicon.english()
    unknown = [term for term in content_terms(text) if term not in english]
    meant = typos.corrected(
        text, typos.corrections(unknown, deps.intent_heads.example_words(setup), english, reads_english=False)
    )
    # Embedded through the stages' embedder, so rag.respond finds this vector instead of computing it again (a text
    # read with a typo corrected is embedded as corrected, and rag.respond searches for the typos it reads itself).
    vector = deps.embedder.embed([meant])[0]
    return decide_intent(vector, setup, heads=deps.intent_heads, rules=deps.intent_rules, text=meant,
                         payload=intent.extract_payload(text))
