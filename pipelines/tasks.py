"""What customers and owners are told about a task, and when a task is overdue.

One place for the words, so every path (a message, the task API, n8n's callback, the sweeper)
tells the same truth once: an acknowledgement while a task is handled, then either the
result or one message that a person will follow up.
"""

from __future__ import annotations

HANDOFF = "human_handoff"

ACKNOWLEDGED = "Thanks! We're handling your request now and will message you here as soon as it's done."
HANDOFF_REPLY = "Thanks for your patience. I've asked a member of our team to take over; they'll reply here soon."
FAILED = ("Sorry, we couldn't complete that automatically. A member of our team has been told and will follow up "
          "with you here shortly.")
SUCCEEDED = {
    "send_email": "Done! I've emailed you the details.",
    "book_calendar": "Your booking request is in: we'll confirm the time with you shortly.",
    "create_order": "Your order has been received. We'll confirm it shortly.",
}
SUCCEEDED_OTHER = "Done! Your request has been completed."

LABELS = {"send_email": "an email to a customer", "book_calendar": "a booking", "create_order": "an order",
          HANDOFF: "a hand-off to a person"}


def success_reply(task_type: str, reply_text: str | None) -> str | None:
    """What the customer hears when a task succeeded (None for a hand-off: they were already told)."""
    if task_type == HANDOFF:
        return reply_text
    return reply_text or SUCCEEDED.get(task_type, SUCCEEDED_OTHER)


def failure_reply(task_type: str) -> str | None:
    """What the customer hears when a task failed (None for a hand-off: a person is already on it)."""
    return None if task_type == HANDOFF else FAILED


def contact_label(phone: str | None, chat_id: str) -> str:
    return phone or chat_id.split("@", 1)[0]


def failed_alert(task_type: str, contact: str, reason: str) -> tuple[str, str]:
    """(title, detail) of the owner's alert for a failed task."""
    what = LABELS.get(task_type, f"a {task_type} task")
    return (f"Follow up with {contact}: {what} could not be completed",
            f"The customer was told a member of the team will follow up. Reason: {reason}"[:2000])


def handoff_alert(contact: str, via_n8n: bool) -> tuple[str, str]:
    return (f"{contact} asked to talk to a person",
            "Reply to them on WhatsApp; the bot stays quiet in that chat until you release it."
            + ("" if via_n8n else " (No n8n workflow is configured for hand-offs: this alert is the only notice.)"))


def owner_note(title: str, detail: str) -> str:
    """The WhatsApp note to the owner's phone."""
    return f"Salesboy: {title}. {detail}"[:1000]


def callback_deadline(task_type: str, deadlines: dict[str, float], default: float) -> float:
    """Seconds n8n has, after accepting a task, to call back before the task is failed."""
    return deadlines.get(task_type, default)
