"""The intent decision: margins and asymmetric costs (pure), the logistic-regression head, and the
business's own intents as settings validate them."""

import numpy as np
import pytest
from pydantic import ValidationError
from sklearn.feature_extraction.text import TfidfVectorizer

from pipelines import intent
from pipelines.intent import DEFAULT_EXAMPLES, DecisionRules, at_rest, decide, message_form, training_key, training_set
from schemas.bot import MAX_INTENTS, BotSettings, BusinessIntent
from services.adapters.intent_classifier import (
    LEXICAL_FEATURES,
    NGRAM_RANGE,
    CharNgrams,
    IntentHeads,
    IntentSetup,
    decide_intent,
    fit_head,
    fit_head_isolated,
)

ALLOWED = ["send_email", "book_calendar", "create_order"]
RULES = DecisionRules()


def test_a_clear_request_starts_its_task_with_the_top_three_recorded():
    result = decide({"Response": 0.2, "Task:create_order": 0.7, "HumanHandoff": 0.1}, rules=RULES,
                    allowed_task_types=ALLOWED, payload={"quantities": [1]}, form="request")
    assert (result.intent, result.task_type, result.label) == ("Task", "create_order", "Task:create_order")
    assert [r.label for r in result.top] == ["Task:create_order", "Response", "HumanHandoff"]
    assert result.payload == {"quantities": [1]}


def test_a_question_needs_a_clear_lead_before_it_becomes_a_task():
    close = {"Response": 0.4, "Task:book_calendar": 0.6}
    assert decide(close, rules=RULES, allowed_task_types=ALLOWED, payload={}, form="request").label == \
        "Task:book_calendar"
    asked = decide(close, rules=RULES, allowed_task_types=ALLOWED, payload={}, form="question")
    assert asked.label == "Response" and "not sure enough" in asked.raw_analysis
    assert decide({"Response": 0.1, "Task:book_calendar": 0.9}, rules=RULES, allowed_task_types=ALLOWED,
                  payload={}, form="question").label == "Task:book_calendar"


def test_an_unsure_action_falls_back_to_the_best_answer_not_to_a_plain_response():
    result = decide({"Task:create_order": 0.3, "Answer:opening_hours": 0.28, "Response": 0.22, "HumanHandoff": 0.2},
                    rules=RULES, allowed_task_types=ALLOWED, payload={}, form="question")
    assert result.label == "Answer:opening_hours" and result.intent == "Response"


def test_classes_of_one_outcome_add_up_and_disabled_tasks_are_answered():
    handoffs = decide({"HumanHandoff": 0.3, "Handoff:complaint": 0.3, "Response": 0.4}, rules=RULES,
                      allowed_task_types=ALLOWED, payload={}, form="statement")
    assert handoffs.intent == "HumanHandoff" and handoffs.label == "HumanHandoff"
    disabled = decide({"Task:create_order": 0.9, "Response": 0.1}, rules=RULES, allowed_task_types=[], payload={},
                      form="request")
    assert disabled.label == "Response"
    assert decide({}, rules=RULES, allowed_task_types=[], payload={}).confidence == 0.0


def test_an_unlikely_answer_intent_is_answered_from_the_documents():
    strict = DecisionRules(answer_min_probability=0.5, answer_odds=1.0)
    result = decide({"Answer:refunds": 0.4, "Response": 0.35, "Task:send_email": 0.25}, rules=strict,
                    allowed_task_types=ALLOWED, payload={}, form="question")
    assert result.label == "Response"


def test_the_business_answer_intent_wins_a_close_call_with_the_generic_questions():
    probabilities = {"Response": 0.45, "Answer:refunds": 0.35, "Task:send_email": 0.2}
    result = decide(probabilities, rules=RULES, allowed_task_types=ALLOWED, payload={}, form="question")
    assert result.label == "Answer:refunds"
    assert result.confidence == pytest.approx(0.7 / 1.35)
    unweighted = decide(probabilities, rules=DecisionRules(answer_odds=1.0), allowed_task_types=ALLOWED,
                        payload={}, form="question")
    assert unweighted.label == "Response"
    clear = {"Response": 0.7, "Answer:refunds": 0.2, "Task:send_email": 0.1}
    assert decide(clear, rules=RULES, allowed_task_types=ALLOWED, payload={}, form="question").label == "Response"


@pytest.mark.parametrize(("text", "form"), [
    ("Please book me in for Friday", "request"), ("I'd like two bags", "request"),
    ("could you mail me the terms?", "request"), ("are you open on Sunday?", "question"),
    ("How do I place an order?", "question"), ("my parcel is late", "statement"),
    # "hw" is "how" as WhatsApp spells it; "anything …" asks as "any …" does; a question after a first clause
    ("hw much for a jacket plus the waistcoat", "question"), ("anything i need to bring for the test", "question"),
    ("buying six bottles for a bbq, any discount", "question"),
    ("the van was late again, will it come today", "question"),
    ("anyway my parcel is late", "statement"), ("showing how much we love the cake", "statement"),
    ("the van was late, hw do i get a refund", "question"),
    ("my wife booked, will i need to bring anything", "question"),
    ("six bottles for a bbq, any discount?", "question"),
    ("have ye christmas lights in yet", "question"),  # "ye" as Irish customers write "you"
    # an order's or a complaint's own "any …"/"anything …" is no question
    ("2 t-shirts for saturday, any colour", "statement"),
    ("anything but chocolate for the cake on saturday", "statement"),
    ("the delivery guy was rude, anything but professional", "statement"),
])
def test_the_form_of_a_message(text, form):
    assert message_form(text) == form


def test_the_trace_keeps_the_label_and_top_three_never_the_customers_words():
    result = decide({"Task:send_email": 0.8, "Response": 0.2}, rules=RULES, allowed_task_types=ALLOWED,
                    payload={"emails": ["anna@example.com"]}, form="request")
    stored = at_rest(result, "embeddings")
    assert stored["label"] == "Task:send_email" and stored["payload_fields"] == ["emails"]
    # The address is the task's detail: its odds double (0.8 : 0.2 -> 1.6 : 0.2).
    assert stored["top"] == [{"label": "Task:send_email", "probability": 0.8889},
                             {"label": "Response", "probability": 0.1111}]
    assert "anna@example.com" not in str(stored)


def test_training_set_merges_defaults_examples_and_business_intents():
    intents = [BusinessIntent(key="opening_hours", kind="answer", examples=["when are you open?"]),
               BusinessIntent(key="create_order", kind="task", examples=["ship me a crate"]),
               BusinessIntent(key="complaint", kind="handoff", examples=["this is unacceptable"])]
    classes = training_set({"Response": ["is it organic?"]}, intents)
    assert classes["Answer:opening_hours"] == ["when are you open?"]
    assert classes["Task:create_order"][-1] == "ship me a crate"
    assert len(classes["Task:create_order"]) == len(DEFAULT_EXAMPLES["Task:create_order"]) + 1
    assert classes["Handoff:complaint"] == ["this is unacceptable"]
    assert "is it organic?" in classes["Response"]
    assert training_key("m", classes) == training_key("m", dict(reversed(classes.items())))
    assert training_key("m", classes) != training_key("other", classes)


def test_the_logistic_head_separates_classes_and_gives_probabilities():
    rng = np.random.default_rng(1)
    centres = {"Response": [1, 0, 0], "Task:create_order": [0, 1, 0], "HumanHandoff": [0, 0, 1]}
    vectors, labels = [], []
    for name, centre in centres.items():
        for _ in range(8):
            vectors.append(np.asarray(centre) + rng.normal(0, 0.1, 3))
            labels.append(name)
    head = fit_head(np.asarray(vectors), labels)
    probabilities = head.probabilities([0.05, 1.0, 0.0])
    assert max(probabilities, key=probabilities.get) == "Task:create_order"
    assert abs(sum(probabilities.values()) - 1) < 1e-9
    assert fit_head(np.ones((2, 3)), ["Response", "Response"]).probabilities([1, 0, 0]) == {"Response": 1.0}


def test_the_heads_character_n_grams_separate_what_the_embedding_cannot():
    # Every example has the same embedding: only the words tell the two classes apart.
    texts = ["top up my card", "top up failed", "top up pending", "card was declined", "declined payment",
             "why declined again"]
    labels = ["Answer:top_up"] * 3 + ["Answer:declined"] * 3
    head = fit_head(np.ones((6, 3)) / np.sqrt(3), labels, texts)
    with_text = head.probabilities(np.ones(3) / np.sqrt(3), "my top up is stuck")
    assert max(with_text, key=with_text.get) == "Answer:top_up"
    assert head.lexical_weights is not None and head.lexical_weights.dtype == np.float32
    blank = fit_head(np.eye(2, 3), ["Response", "HumanHandoff"], [" ", " "])
    assert blank.lexical is None and set(blank.probabilities([1, 0, 0], "hi")) == {"Response", "HumanHandoff"}
    without_text = head.probabilities(np.ones(3) / np.sqrt(3))
    assert abs(without_text["Answer:top_up"] - 0.5) < 0.05  # no text: the embedding alone, undecided here


def test_a_question_needs_more_than_a_request_to_start_the_same_task():
    likely = {"Task:book_calendar": 0.75, "Response": 0.1, "HumanHandoff": 0.15}
    assert decide(likely, rules=RULES, allowed_task_types=ALLOWED, payload={}, form="request").intent == "Task"
    assert decide(likely, rules=RULES, allowed_task_types=ALLOWED, payload={}, form="statement").intent == "Task"
    assert decide(likely, rules=RULES, allowed_task_types=ALLOWED, payload={}, form="question").label == "Response"


def test_a_question_giving_its_tasks_details_needs_only_what_a_statement_needs():
    likely = {"Task:book_calendar": 0.62, "Response": 0.2, "HumanHandoff": 0.18}
    plain = decide(likely, rules=RULES, allowed_task_types=ALLOWED, payload={}, form="question")
    assert plain.label == "Response"
    dated = decide(likely, rules=RULES, allowed_task_types=ALLOWED, payload={"dates": ["tomorrow"]}, form="question")
    assert dated.label == "Task:book_calendar" and "task's details" in dated.raw_analysis
    # Another task's details are no evidence for this one.
    emailed = decide(likely, rules=RULES, allowed_task_types=ALLOWED, payload={"emails": ["a@b.co"]}, form="question")
    assert emailed.label == "Response"


def test_the_details_a_task_needs_make_that_task_likelier():
    close = {"HumanHandoff": 0.46, "Task:send_email": 0.26, "Response": 0.28}
    plain = decide(close, rules=RULES, allowed_task_types=ALLOWED, payload={}, form="request")
    assert plain.label == "HumanHandoff"
    addressed = decide(close, rules=RULES, allowed_task_types=ALLOWED, payload={"emails": ["lisa@example.org"]},
                       form="request")
    assert addressed.label == "Task:send_email"
    assert decide(close, rules=DecisionRules(details_odds=1.0), allowed_task_types=ALLOWED,
                  payload={"emails": ["lisa@example.org"]}, form="request").label == "HumanHandoff"


class WordEmbedder:
    """A small deterministic embedder: each known word is a dimension (enough to separate examples)."""

    model_name = "words"
    dimensions = 16
    max_tokens = 100
    WORDS = ["price", "cost", "open", "hours", "order", "buy", "book", "appointment", "email", "send", "person",
             "human", "refund", "sunday", "bags", "much"]

    def __init__(self):
        self.calls = 0

    def embed(self, texts):
        self.calls += 1
        out = []
        for text in texts:
            v = np.asarray([float(w in text.lower()) for w in self.WORDS]) + 1e-3
            out.append((v / np.linalg.norm(v)).tolist())
        return out

    def count_tokens(self, text):
        return len(text.split())

    def count_tokens_many(self, texts):
        return [len(t.split()) for t in texts]


def test_decide_intent_fits_once_per_example_set_and_embeds_the_message_once():
    heads = IntentHeads(WordEmbedder())
    settings = BotSettings(intents=[{"key": "sunday_hours", "name": "Sonntag", "kind": "answer",
                                     "examples": ["are you open on sunday?", "sunday hours?"], "reply": "Closed."}])
    first = decide_intent("are you open on sunday?", settings, heads=heads)
    assert first.label == "Answer:sunday_hours"
    calls = heads.embedder.calls
    decide_intent("how much does it cost?", settings.stored() | {"user_id": "x"}, heads=heads)
    assert heads.embedder.calls == calls + 1  # the message only: examples and head were kept
    assert IntentSetup.of(settings).reply_for("Answer:sunday_hours") == "Closed."


def test_a_business_without_examples_of_its_own_gets_the_default_sets_head():
    heads = IntentHeads(WordEmbedder())
    default = heads.head(training_set(DEFAULT_EXAMPLES, []))
    assert heads.head_for(IntentSetup.of(BotSettings())) is default
    assert heads.head_for(IntentSetup.of(BotSettings())) is default  # the set and its key made once
    own = IntentSetup.of(BotSettings(intents=[{"key": "sunday_hours", "kind": "answer", "examples": ["sunday?"]}]))
    assert heads.head_for(own) is not default


def test_business_intents_are_validated():
    ok = BotSettings(intents=[{"key": "opening_hours", "name": "Öffnungszeiten <b>", "examples": ["open?"]}])
    assert ok.intents[0].kind == "answer" and ok.intents[0].label == "Answer:opening_hours"
    task = BotSettings(intents=[{"key": "repair_quote", "kind": "task", "examples": ["quote my repair"]}])
    assert "repair_quote" in task.task_types
    bad = [
        [{"key": "Opening Hours", "examples": ["x"]}],
        [{"key": "a", "examples": ["x"]}, {"key": "a", "examples": ["y"]}],
        [{"key": "a", "kind": "sometimes", "examples": ["x"]}],
        [{"key": "a", "examples": []}],
        [{"key": "a", "kind": "task", "examples": ["x"], "reply": "hello"}],
        [{"key": "human_handoff", "kind": "handoff", "examples": ["x"]}],
        [{"key": f"k{i}", "examples": ["x"]} for i in range(MAX_INTENTS + 1)],
        [{"key": "a", "examples": ["x"] * 201}],
    ]
    for intents in bad:
        with pytest.raises(ValidationError):
            BotSettings(intents=intents)


def test_the_heads_n_gram_features_are_scikit_learn_s():
    examples = ["Where is my order?", "I want to TALK to a person", "Book a table for 2 tomorrow at 7pm",
                "Ọ̀rẹ́ mi, how much be the jollof?", "cancel  my\tsubscription please", "a b c", "price list 2025"]
    fitted = TfidfVectorizer(analyzer="char_wb", ngram_range=NGRAM_RANGE, sublinear_tf=True,
                             max_features=LEXICAL_FEATURES).fit(examples)
    ours = CharNgrams.of(fitted)
    for text in [*examples, "WHERE  is my ORDER order order?", "", "   ", "x", "Ọ̀rẹ́", "tomorrow 7pm table"]:
        expected = fitted.transform([text]).toarray().ravel()
        columns, values = ours.transform(text)
        got = np.zeros_like(expected)
        got[columns] = values
        assert np.allclose(got, expected, atol=1e-12), text


def test_a_head_fitted_in_a_child_process_decides_as_one_fitted_here():
    labels = ["Response", "Response", "HumanHandoff", "HumanHandoff", "Task:order", "Task:order"]
    texts = ["what are your hours", "do you deliver", "talk to a person", "I want a human", "order 2 bags",
             "I'd like to buy coffee"]
    vectors = np.random.default_rng(7).normal(size=(6, 8))
    here, there = fit_head(vectors, labels, texts), fit_head_isolated(vectors, labels, texts)
    assert there.classes == here.classes
    for vector, text in zip(vectors, texts, strict=True):
        assert there.probabilities(vector, text) == pytest.approx(here.probabilities(vector, text))


def test_small_talk_gets_its_own_reply_but_never_a_question_that_greets():
    greeting = {"Answer:greeting": 0.7, "Response": 0.3}
    said = decide(greeting, rules=RULES, allowed_task_types=ALLOWED, payload={}, form="statement")
    assert (said.intent, said.label) == ("Response", "Answer:greeting")
    asked = decide(greeting, rules=RULES, allowed_task_types=ALLOWED, payload={}, form="question")
    assert asked.label == "Response" and "a question" in asked.raw_analysis
    # Salesboy's own small talk does not get the odds of a business's own answer.
    close = decide({"Answer:thanks": 0.45, "Response": 0.55}, rules=RULES, allowed_task_types=ALLOWED, payload={})
    assert close.label == "Response"


def test_small_talk_replies_name_the_business_and_a_business_reply_of_the_same_key_wins():
    named = IntentSetup.of(BotSettings(business={"name": "Kofi Foods"}))
    assert named.reply_for("Answer:greeting") == "Hello, welcome to Kofi Foods! How can I help you today?"
    assert IntentSetup.of(BotSettings()).reply_for("Answer:greeting") == "Hello, welcome! How can I help you today?"
    assert named.reply_for("Answer:thanks").startswith("You're welcome!")
    assert named.reply_for("Answer:goodbye") and named.reply_for("Answer:opening_hours") == ""
    own = IntentSetup.of(BotSettings(intents=[{"key": "greeting", "examples": ["hi"], "reply": "Akwaaba!"}]))
    assert own.reply_for("Answer:greeting") == "Akwaaba!"
    stored = IntentSetup.of({"business": {"name": "Kofi Foods"}, "intents": []})
    assert stored.reply_for("Answer:greeting").startswith("Hello, welcome to Kofi Foods!")


# --- the words' evidence: asking about a thing is not asking for it ------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("what time do u open on saturday", {}),
        ("r u open mondays", {}),
        ("perfect, see you saturday at 10", {}),
        ("can I come in on Monday at 9 for a check-up?", {"Task:book_calendar"}),
        ("can we set up a call next week?", {"Task:book_calendar"}),
        ("can I order a birthday hamper for saturday? I'll pick it up at 10", {"Task:create_order"}),
        ("Can I order a case from you?", {}),
        ("yes, order the chain and the tyre for me", {"Task:create_order"}),
        ("mail me a written quote", {"Task:send_email"}),
        ("do you email the quote after the diagnosis?", {}),
        ("could one of the gardeners call me about a tricky hedge?", {"HumanHandoff"}),
        ("the parcel never arrived and the party is tonight!!", {"HumanHandoff"}),
        ("Will you call me if the repair gets more expensive?", {}),
        ("We have 8 laptops, can you pick them up from our office?", {}),
    ],
)
def test_evidence_tells_asking_for_a_thing_from_asking_about_it(text, expected):
    assert set(intent.evidence(text, intent.extract_payload(text))) == set(expected)


@pytest.mark.parametrize(
    ("text", "form"),
    [
        ("dropped my phone in the sink, what should i do now", "question"),
        ("can my sister collect it for me", "question"),
        ("u open sundays", "statement"),
    ],
)
def test_a_question_after_a_first_clause_or_about_someone_else_is_a_question(text, form):
    assert message_form(text) == form


def test_evidence_in_the_words_makes_its_outcome_likelier_and_lets_a_question_act():
    close = {"HumanHandoff": 0.45, "Response": 0.5, "Task:send_email": 0.05}
    text = "could one of your staff call me about my order?"
    asked = decide(close, rules=RULES, allowed_task_types=ALLOWED, payload={}, form=message_form(text), text=text)
    assert asked.label == "HumanHandoff" and "evidence" in asked.raw_analysis
    plain = "could you tell me about my order?"
    assert (
        decide(close, rules=RULES, allowed_task_types=ALLOWED, payload={}, form=message_form(plain), text=plain).label
        == "Response"
    )


def test_a_weekday_alone_does_not_turn_an_hours_question_into_a_booking():
    likely = {"Task:book_calendar": 0.62, "Response": 0.38}
    for text in ("what time do you open on saturday?", "are you open on Saturday at 9?"):
        result = decide(
            likely,
            rules=RULES,
            allowed_task_types=ALLOWED,
            payload=intent.extract_payload(text),
            form=message_form(text),
            text=text,
        )
        assert result.label == "Response", text
    booked = "can I come in on the 12th at 9?"
    assert (
        decide(
            likely,
            rules=RULES,
            allowed_task_types=ALLOWED,
            payload=intent.extract_payload(booked),
            form=message_form(booked),
            text=booked,
        ).label
        == "Task:book_calendar"
    )


def test_a_request_for_a_hand_off_naming_no_person_nor_problem_is_decided_as_a_question():
    likely = {"HumanHandoff": 0.6, "Response": 0.4}
    text = "Can you fix a cracked screen on a tablet?"
    assert (
        decide(likely, rules=RULES, allowed_task_types=ALLOWED, payload={}, form=message_form(text), text=text).label
        == "Response"
    )


def test_evidence_weighs_against_the_generic_questions_not_the_business_own_answers():
    text = "I want my money back, the parcel never arrived"
    probabilities = {"Answer:refunds": 0.4, "HumanHandoff": 0.35, "Response": 0.25}
    result = decide(probabilities, rules=RULES, allowed_task_types=ALLOWED, payload={}, form=message_form(text),
                    text=text)
    assert result.label == "Answer:refunds"
    generic = decide({"Response": 0.55, "HumanHandoff": 0.45}, rules=RULES, allowed_task_types=ALLOWED, payload={},
                     form=message_form(text), text=text)
    assert generic.label == "HumanHandoff"
