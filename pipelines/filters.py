"""Whether the bot answers an inbound message, and why not when it doesn't."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from schemas.messages import Decision, InboundMessage


@dataclass(frozen=True)
class ChatRules:
    """Everything the decision needs, read from the tenant's settings and the chat's state."""

    bot_enabled: bool
    whitelist_enabled: bool
    whitelisted: bool  # the sender matched on phone or on LID
    group_auto_reply: bool  # False for groups nobody switched on
    group_mention_only: bool
    handoff_active: bool
    paused_until: datetime | None
    owner_pause_minutes: int


def decide(message: InboundMessage, rules: ChatRules, now: datetime) -> Decision:
    if message.from_me:
        # The owner answered by hand: stay out of this conversation for a while.
        until = now + timedelta(minutes=rules.owner_pause_minutes) if rules.owner_pause_minutes else None
        return Decision(answer=False, reason="sent by the owner", pause_chat_until=until)
    # In order: the first rule that applies is the reason given.
    refusals = (
        (message.is_broadcast, "status or broadcast message"),
        (not rules.bot_enabled, "the bot is switched off"),
        (message.is_group and not rules.group_auto_reply, "auto-reply is off for this group"),
        (message.is_group and rules.group_mention_only and not message.mentions_me,
         "the business was not mentioned in the group"),
        # The owner trying the bot in the playground is always let through.
        (not message.is_group and rules.whitelist_enabled and not rules.whitelisted and not message.is_playground,
         "the contact is not on the whitelist"),
        (rules.handoff_active, "a person is handling this chat"),
        (rules.paused_until is not None and rules.paused_until > now,
         "paused: the owner replied in this chat recently"),
        (not message.text, "no text to answer (media only)"),
    )
    for applies, reason in refusals:
        if applies:
            return Decision(answer=False, reason=reason)
    return Decision(answer=True, reason="answer")


def superseded(created_at: datetime, newer_from_same_chat: list[datetime], window_seconds: float) -> bool:
    """A message in a burst is answered through the burst's last message, not on its own."""
    return any(created_at < newer <= created_at + timedelta(seconds=window_seconds)
               for newer in newer_from_same_chat)
