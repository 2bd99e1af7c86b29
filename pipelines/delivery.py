"""How a reply goes out: the typing pause before it, and which send failures retrying cannot fix."""

from __future__ import annotations

# wa-js error codes (WPPError.code) that say the message can never go as asked: the number is not on
# WhatsApp (`assertFindChat` throws `chat_not_found` when `chat.find` comes back empty), the id is not a
# WhatsApp id (`assertWid`), or the message is not acceptable to that chat. Anything else (a timeout, a
# closed page, WhatsApp not answering) may pass, so it is retried.
PERMANENT_SEND_CODES = frozenset({
    "chat_not_found",
    "invalid_wid",
    "type_not_valid_for_newsletter",
    "message_key_is_not_from_me",
    "message_key_remote_id_is_not_same_of_chat",
})


def typing_pause_seconds(chars: int, *, ms_per_char: float, max_seconds: float) -> float:
    """About as long as a person would take to type `chars` characters, capped: a reply sent the instant
    the customer's message arrives reads like a bot's."""
    return max(0.0, min(max_seconds, chars * ms_per_char / 1000))


def send_error_is_permanent(code: str | None) -> bool:
    return code in PERMANENT_SEND_CODES
