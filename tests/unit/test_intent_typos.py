"""The intent decision reads a customer's typo of a word of the examples as that word, and nothing else."""

from dataclasses import dataclass, field

from pipelines.intent import DecisionRules
from schemas.bot import BotSettings
from services.adapters.intent_classifier import IntentHeads, IntentSetup
from services.usecases import intents
from tests.unit.handlers.fakes import FakeEmbedder


class RecordingEmbedder(FakeEmbedder):
    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []

    def embed(self, texts: list[str]) -> list[list[float]]:
        self.texts += texts
        return super().embed(texts)


@dataclass
class Deps:
    embedder: RecordingEmbedder = field(default_factory=RecordingEmbedder)
    intent_rules: DecisionRules = field(default_factory=DecisionRules)
    intent_heads: IntentHeads = field(init=False)
    chat: object = None

    def __post_init__(self) -> None:
        self.intent_heads = IntentHeads(self.embedder)


def test_a_typo_of_an_example_word_is_decided_as_the_word():
    deps = Deps()
    setup = IntentSetup.of(BotSettings())
    typed = intents.decide(deps, "I need to cancell my apointment for Tuesday", setup)
    assert "I need to cancel my appointment for Tuesday" in deps.embedder.texts
    assert not any("cancell" in t for t in deps.embedder.texts)
    spelt = intents.decide(deps, "I need to cancel my appointment for Tuesday", setup)
    assert (typed.label, typed.top) == (spelt.label, spelt.top)


def test_names_and_words_the_examples_lack_are_left_as_written():
    deps = Deps()
    setup = IntentSetup.of(BotSettings())
    for text in ("can I book in with Morag in Totnes?", "do you sell duvets", "is the monstera in stock"):
        intents.decide(deps, text, setup)
        assert text in deps.embedder.texts


def test_a_business_example_word_is_read_too():
    deps = Deps()
    setup = IntentSetup.of(BotSettings(intent_examples={"Task:create_order": ["I want a growler refill"]},
                                       allowed_task_types=["create_order"]))
    assert "growler" in deps.intent_heads.example_words(setup)
    intents.decide(deps, "two growlr refills please", setup)
    assert "two growler refills please" in deps.embedder.texts


def test_what_the_customer_gave_is_read_from_their_own_words():
    deps = Deps()
    setup = IntentSetup.of(BotSettings())
    text = "Hi its Frida, can I book a haircut on Tuesday at 3pm? frida.k@gmail.com"
    result = intents.decide(deps, text, setup)
    assert "frida" not in deps.embedder.texts[-1].lower()  # read as the examples' "friday" for the decision
    assert result.payload["emails"] == ["frida.k@gmail.com"]
    assert "friday" not in " ".join(map(str, result.payload.get("dates", []))).lower()
