"""Every message stage reads the tenant's stored settings through BotSettings (services/usecases/bot_settings.py)."""

from services.usecases.bot_settings import from_stored


def test_stored_rows_read_with_the_schemas_defaults():
    settings = from_stored({"user_id": "x", "updated_at": "now", "enabled": True, "debounce_seconds": 0,
                            "models": ["gemini/gemini-2.0-flash"], "business": {"name": "Kofi", "old": "gone"},
                            "min_relevance": None})
    assert settings.debounce_seconds == 0 and settings.models[0].model == "gemini/gemini-2.0-flash"
    assert settings.business.name == "Kofi" and settings.min_relevance == 0.35
    assert settings.dont_know_reply == "Sorry, I don't have that information."


def test_no_row_means_the_bot_is_off_and_a_broken_value_falls_back_to_its_default():
    assert from_stored(None).enabled is False and from_stored({}).enabled is False
    settings = from_stored({"enabled": True, "max_reply_chars": 5, "tone": "warm"})
    assert settings.max_reply_chars == 1000 and settings.tone == "warm"


def test_the_default_dont_know_reply_promises_a_follow_up_only_when_the_chat_is_handed_over():
    quiet = from_stored({"enabled": True})
    assert quiet.unknown_reply == "Sorry, I don't have that information."
    assert "get back to you" not in quiet.unknown_reply
    handing_over = from_stored({"enabled": True, "handoff_when_unknown": True})
    assert handing_over.unknown_reply.endswith("Someone from our team will get back to you.")
    own = from_stored({"enabled": True, "handoff_when_unknown": True, "dont_know_reply": "Ask Kofi."})
    assert own.unknown_reply == "Ask Kofi."
