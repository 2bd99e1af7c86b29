"""Plain words: what the owner reads instead of states, stack traces and validation messages."""

from __future__ import annotations

from pydantic import ValidationError

from api.dashboard.settings_page import form_to_values
from pipelines import plain_words, session_status
from schemas.bot import BotSettings, TaskSettings

CHROMEDRIVER_TRACE = (
    "Message: unknown error: net::ERR_NAME_NOT_RESOLVED\n  (Session info: chrome=156.0.7000.0)\n"
    "Stacktrace:\n#0 0x55d4c8 <unknown>\n#1 0x55d4c9 <unknown>")


def test_session_states_and_failures_are_sentences_with_a_next_step():
    for status in ("STOPPED", "STARTING", "SCAN_QR_CODE", "WORKING", "FAILED", "LOGGED_OUT", "SOMETHING_NEW"):
        words = plain_words.session_state(status)
        assert "_" not in words.label + words.sentence + words.next_step
    assert plain_words.session_state("SCAN_QR_CODE").label == "Waiting for your phone"
    said = plain_words.session_error(CHROMEDRIVER_TRACE)
    assert "could not reach WhatsApp Web" in said and "Start WhatsApp" in said
    assert not any(word in said for word in ("Stacktrace", "net::", "chrome="))
    assert plain_words.session_error("WebDriverException: Message: session not created").startswith("The browser")
    assert plain_words.session_error("") is None
    assert plain_words.session_error("something nobody foresaw") == plain_words.SESSION_FAILURE_FALLBACK


def test_every_validation_problem_of_a_form_is_given_per_field_in_plain_words():
    try:
        BotSettings.model_validate({"temperature": 9, "max_reply_chars": "many", "dont_know_reply": "",
                                    "models": [{"model": "openai/x", "api_base": "ftp://x"}],
                                    "owner_notify_phone": "0801"})
    except ValidationError as exc:
        problems = plain_words.field_problems(exc.errors())
    assert problems["temperature"] == ["Use a number no bigger than 2."]
    assert problems["max_reply_chars"] == ["Enter a whole number, like 30."]
    assert problems["dont_know_reply"] == ["Fill this in."]
    assert problems["models"][0].startswith("Line 1: ")
    assert "country code" in problems["owner_notify_phone"][0]
    text = " ".join(p for found in problems.values() for p in found)
    assert "Input should" not in text and "String should" not in text and "pattern" not in text


def test_a_trace_reads_as_a_story_without_raw_values():
    trace = {"filter": {"ms": 2.1, "answer": True, "reason": "answer"},
             "intent": {"ms": 30, "method": "embeddings", "intent": "Response", "confidence": 0.5176054642664714,
                        "payload_fields": [], "analysis": "Response 0.52"},
             "respond": {"ms": 80, "chunks": [], "answer": "nothing relevant in the knowledge base",
                         "reply_parts": 1}}
    story = plain_words.trace_story(trace, status="answered", intent_name="Response")
    assert story[-1] == "Your documents had no passage about this, so the bot sent your “don't know” reply."
    assert "52% sure" in story[1] and "0.5176" not in " ".join(story)
    refused = plain_words.trace_story({"filter": {"answer": False, "reason": "the contact is not on the whitelist"}})
    assert "not on your whitelist" in refused[0]
    details = dict(plain_words.stage_details("respond", {"fallbacks": [{"model": "a/b", "error": "timeout"}],
                                                           "ms": 4}))
    assert details["models that failed first"] == "a/b: timeout" and details["time taken"] == "4 ms"


def test_a_dont_know_names_the_passages_found():
    passage = {"location": "row 2", "score": 0.41, "fused": 0.9, "vector_rank": 1, "keyword_rank": None}
    respond = {"answer": "abstained", "chunks": [], "ranked": [{**passage, "document": "prices.csv"}]}
    story = plain_words.trace_story({"respond": respond}, status="answered", intent_name="Response")
    assert "(in prices.csv) did not answer" in story[-1]
    assert dict(plain_words.stage_details("respond", respond))["passages found"] == "prices.csv (row 2) 41%"


def test_a_typo_read_is_told():
    respond = {"answer": "extractive", "typos": {"punture": "puncture"},
               "chunks": [{"source": "prices.csv (row 3)", "score": 0.7}]}
    story = plain_words.trace_story({"respond": respond}, status="answered", intent_name="Response")
    assert "It read “punture” as “puncture” (a typo, it seems)" in " ".join(story)
    assert dict(plain_words.stage_details("respond", respond))["typos read"] == "punture as puncture"


def test_a_dont_know_the_model_chose_says_so():
    passage = {"location": "row 2", "score": 0.61, "fused": 0.9, "vector_rank": 1, "keyword_rank": None}
    respond = {"answer": "abstained", "chunks": [], "ranked": [{**passage, "document": "prices.csv"}],
               "declined_by": "openai/gpt-4o-mini", "model": "openai/gpt-4o-mini"}
    story = plain_words.trace_story({"respond": respond}, status="handed_off", intent_name="Response")
    assert story[-2] == ("Your model (openai/gpt-4o-mini) read the closest passages (in prices.csv) and found no "
                         "answer in them, so the bot sent your “don't know” reply.")
    assert story[-1] == "You asked to take over such chats, so the chat now waits for you."


def test_a_stored_trace_with_the_passages_the_decision_once_read_apart_still_reads():
    """Traces stored while the decision read an order of its own hold it as "decided_on": the story names those
    passages (they were the ones weighed), the details leave the internal list out."""
    passage = {"location": "row 2", "score": 0.41, "fused": 0.9, "vector_rank": 1, "keyword_rank": None}
    respond = {"answer": "abstained", "chunks": [],
               "ranked": [{**passage, "document": "prices.csv"}],
               "decided_on": [{**passage, "document": "guide.md"}, {**passage, "document": "faq.md"}]}
    story = plain_words.trace_story({"respond": respond}, status="answered", intent_name="Response")
    assert "(in faq.md, guide.md) did not answer" in story[-1]
    details = plain_words.stage_details("respond", respond)
    assert dict(details)["passages found"] == "prices.csv (row 2) 41%"
    assert not any("decided" in label or "weighed" in label for label, _ in details)
    broken = plain_words.stage_details("respond", {**respond, "decided_on": "not a list"})  # nothing raises
    assert dict(broken)["passages found"] == "prices.csv (row 2) 41%"


def test_stored_passages_naming_no_document_are_skipped():
    """An old stored trace may hold passages without a document: the story never names "None"."""
    respond = {"answer": "abstained", "chunks": [], "decided_on": [{"document": None}]}
    story = plain_words.trace_story({"respond": respond}, status="answered", intent_name="Response")
    assert "None" not in story[-1]
    assert story[-1] == "Your documents had no passage about this, so the bot sent your “don't know” reply."
    ranked = {**respond, "ranked": [{"document": None}, {"document": "faq.md"}, {"document": ""}, "not a passage"]}
    story = plain_words.trace_story({"respond": ranked}, status="answered", intent_name="Response")
    assert "(in faq.md) did not answer" in story[-1]
    none_ranked = {"answer": "abstained", "chunks": [], "ranked": [{"document": None}]}
    story = plain_words.trace_story({"respond": none_ranked}, status="answered", intent_name="Response")
    assert "None" not in story[-1] and "no passage about this" in story[-1]


def test_a_canned_answer_or_an_action_is_never_told_as_a_dont_know():
    heard = {"filter": {"answer": True, "reason": "answer"}}
    canned = plain_words.trace_story({**heard, "intent": {"intent": "Response", "label": "Answer:hours",
                                                          "method": "embeddings", "confidence": 0.9},
                                      "respond": {"answer": "canned", "intent": "Answer:hours"}}, status="answered")
    assert canned[-1] == "It sent the reply you wrote for this intent."
    acted = plain_words.trace_story({**heard, "intent": {"intent": "Task", "task_type": "send_email",
                                                         "label": "Task:send_email", "method": "llm:openai/x",
                                                         "confidence": 0.9},
                                     "respond": {"answer": "none", "acted_on": "Task:send_email", "chunks": [],
                                                 "model": "openai/x", "fallbacks": []}}, status="answered")
    assert "acted on what the customer asked for" in acted[-1] and "don't know" not in " ".join(acted)


def test_audit_entries_are_sentences():
    assert plain_words.audit_sentence("kb.document_uploaded", {"filename": "faq.md"}) == "You uploaded faq.md."
    assert plain_words.audit_sentence("session.start_requested", {"via": "dashboard"}) == \
        "You started WhatsApp from the dashboard."
    assert plain_words.audit_sentence("whitelist.mode", '{"enabled": true}') == "You switched the whitelist on."
    assert plain_words.audit_sentence("brand.new_thing", {}) == "Brand: new thing."


def _problems(model, values):
    try:
        model.model_validate(values)
    except ValidationError as exc:
        return plain_words.field_problems(exc.errors())
    raise AssertionError("valid")


def test_an_owner_email_that_is_not_one_is_called_an_email_address():
    assert _problems(TaskSettings, {"owner_email": "kofi at shop"}) == {
        "owner_email": ["Enter an email address like name@example.com."]}


def test_an_example_line_without_a_label_asks_for_the_label():
    values = form_to_values({"intent_examples": "Question: do you deliver?\nhow much is delivery?"}, BotSettings())
    problems = _problems(BotSettings, values)["intent_examples"]
    assert problems == ["Start each line with Question:, Person: or Task:<task name>:, like “Person: can I talk to "
                        "someone?”."]
    empty = _problems(BotSettings, form_to_values({"intent_examples": "Question:"}, BotSettings()))
    assert empty["intent_examples"] == ["Write what a customer might say after the label, like “Question: do you "
                                        "deliver?”."]


def test_a_bad_task_type_in_the_comma_separated_list_is_named_by_what_was_typed():
    problems = _problems(BotSettings, {"allowed_task_types": ["send_email", "Book Calendar"]})
    assert problems["allowed_task_types"] == ["“Book Calendar”: Name tasks in lower case with underscores, "
                                              "like send_email."]


def test_a_session_retrying_without_internet_says_so_instead_of_promising_a_qr_code():
    stored = session_status.retrying(session_status.UNREACHABLE, 16)
    words = plain_words.session_state("STARTING", stored)
    assert words.label == "Cannot reach WhatsApp Web"
    assert words.sentence == "Cannot reach WhatsApp Web; retrying in 16 s."
    assert "QR code" not in f"{words.sentence} {words.next_step}" and "Start WhatsApp" not in words.next_step
    assert plain_words.session_retrying("STARTING", stored)
    assert plain_words.session_error(stored, "STARTING") == (
        "Salesboy could not reach WhatsApp Web: the server seems to have no internet connection right now. "
        "Salesboy tries again by itself in 16 s.")
    lost = plain_words.session_state("STARTING", session_status.retrying(session_status.BROWSER_LOST, 2))
    assert lost.sentence == "WhatsApp Web stopped; retrying in 2 s."
    # A first start, and a failure that stopped the session, read as before.
    assert plain_words.session_state("STARTING").next_step == "A QR code appears here in a few seconds."
    assert not plain_words.session_retrying("FAILED", stored)
    assert plain_words.session_error(session_status.UNREACHABLE, "FAILED").startswith("Salesboy could not reach")


def test_the_documents_spelling_read_is_told_apart_from_a_typo():
    respond = {"answer": "extractive", "typos": {"color": "colour", "punture": "puncture"},
               "chunks": [{"source": "prices.csv (row 3)", "score": 0.7}]}
    story = " ".join(plain_words.trace_story({"respond": respond}, status="answered", intent_name="Response"))
    assert "It read “color” as “colour” as your documents spell it" in story
    assert "It read “punture” as “puncture” (a typo, it seems)" in story
    assert "“color” as “colour” (a typo" not in story
