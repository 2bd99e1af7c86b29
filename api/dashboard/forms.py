"""The dashboard's forms. Each field is declared once, so its name, label and checks cannot disagree.

CSRF is checked for every unsafe request by the app (api/dashboard/__init__.py), so the forms
themselves carry no token of their own; the page template adds the one token.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import cast

from flask_wtf import FlaskForm
from wtforms import (  # type: ignore[attr-defined]  # SelectChoice: in wtforms 3.3, its stubs (3.2) predate it
    BooleanField,
    EmailField,
    Field,
    HiddenField,
    PasswordField,
    SelectChoice,
    SelectField,
    StringField,
    TelField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Email, Length, Optional, ValidationError

from pipelines import plain_words

MIN_PASSWORD = 10


def text_of(field: Field) -> str:
    """A validated text field's value. wtforms types `data` as `str | None` (None until input is
    processed); after `validate()` a text field holds its string."""
    return cast(str, field.data)


class Form(FlaskForm):
    class Meta:
        csrf = False  # one app-wide check (see the module docstring)

    def add_problems(self, problems: Mapping[str, list[str] | str]) -> None:
        """Problems found after the form's own checks (by the service or the settings schema), per field."""
        for name, given in problems.items():
            found = [given] if isinstance(given, str) else list(given)
            target = self._fields.get(name)
            if target is None:
                self.form_errors.extend(found)
            else:
                target.errors = [*list(target.errors), *(p for p in found if p not in target.errors)]

    def all_problems(self) -> list[tuple[str, str]]:
        """(label, sentence) for every problem in the form, in field order: the summary at its top."""
        found = [("", problem) for problem in self.form_errors]
        for field in self:
            found.extend((field.label.text, problem) for problem in field.errors)
        return found


def _required(what: str) -> DataRequired:
    return DataRequired(message=what)


# One rule for every form that takes an account's email (sign-up, sign-in, reset): spaces around it are
# dropped, and the address must be one email can reach (so not …@….local or …@….test).
EMAIL_CHECK = Email(message="Enter an email address like name@example.com.", granular_message=False)


def _stripped(value: object) -> object:
    return value.strip() if isinstance(value, str) else value


def account_email(label: str, missing: str) -> EmailField:
    return EmailField(label, [_required(missing), EMAIL_CHECK], filters=[_stripped],
                      render_kw={"autocomplete": "username"})
PASSWORD_LENGTH = Length(min=MIN_PASSWORD, max=200, message=f"Use at least {MIN_PASSWORD} characters.")


class SignUpForm(Form):
    display_name = StringField("Your business name", [_required("Enter your business name."),
                                                      Length(max=200, message="Use at most 200 characters.")],
                               filters=[lambda v: v.strip() if isinstance(v, str) else v],
                               render_kw={"autocomplete": "organization"})
    email = account_email("Email", "Enter your email address.")
    password = PasswordField("Password", [_required("Choose a password."), PASSWORD_LENGTH],
                             description=f"At least {MIN_PASSWORD} characters.",
                             render_kw={"autocomplete": "new-password"})


class LoginForm(Form):
    next = HiddenField()
    email = account_email("Email", "Enter your email address.")
    password = PasswordField("Password", render_kw={"autocomplete": "current-password"})


class ResetRequestForm(Form):
    email = account_email("Email", "Enter the email address of your account.")


def _same_as_password(form, field) -> None:
    if field.data != form.password.data:
        raise ValidationError("The two passwords are different. Type the same new password twice.")


class NewPasswordForm(Form):
    password = PasswordField("New password", [_required("Choose a new password."), PASSWORD_LENGTH],
                             description=f"At least {MIN_PASSWORD} characters.",
                             render_kw={"autocomplete": "new-password"})
    confirm = PasswordField("The new password again", [_required("Type the new password again."), _same_as_password],
                            render_kw={"autocomplete": "new-password"})


class ChangePasswordForm(NewPasswordForm):
    current_password = PasswordField("Current password", [_required("Enter your current password.")],
                                     render_kw={"autocomplete": "current-password"})


class ApiKeyForm(Form):
    name = StringField("Name of a new key", [_required("Give the key a name, like “n8n” or “website”."),
                                             Length(max=100, message="Use at most 100 characters.")],
                       filters=[lambda v: v.strip() if isinstance(v, str) else v],
                       description="Where the key will be used, so you recognise it later.")


class ProviderKeyForm(Form):
    provider_key = PasswordField("Your key", description="e.g. sk-… from your provider's console",
                                 render_kw={"autocomplete": "off"})


class ContactForm(Form):
    phone = TelField("Phone number", [_required("Enter the customer's phone number.")],
                     description="With country code, like +2348012345678.")
    name = StringField("Name (optional)", [Optional(), Length(max=200, message="Use at most 200 characters.")],
                       filters=[lambda v: v.strip() if isinstance(v, str) else v])


class ImportForm(Form):
    lines = TextAreaField("One per line: phone, name", render_kw={"rows": 5})


class PlaygroundForm(Form):
    text = StringField("Your message", render_kw={"autocomplete": "off", "placeholder": "Do you deliver to Accra?"})


class ReplyForm(Form):
    key = HiddenField()  # one per form shown: posting the same form twice sends one reply
    text = TextAreaField("Your reply", [_required("Write a reply first."),
                                        Length(max=4096, message="Use at most 4,096 characters.")],
                         filters=[lambda v: v.strip() if isinstance(v, str) else v], render_kw={"rows": 3})


class BotSettingsForm(Form):
    """The bot settings page. The settings schema (shared with the REST API) checks the values on save."""

    enabled = BooleanField("The bot answers customers")
    system_prompt = TextAreaField("Instructions for the bot (system prompt)", render_kw={"rows": 6},
                                  description="Who the bot is and how it should answer. "
                                              "Your documents are added automatically.")
    language = StringField("Language", description="auto = the customer's language")
    tone = StringField("Tone", description="e.g. friendly, formal")
    max_reply_chars = StringField("Longest reply (characters)",
                                  render_kw={"type": "number", "min": 50, "max": 4000, "inputmode": "numeric"})
    dont_know_reply = TextAreaField(
        "Reply when the documents have no answer", render_kw={"rows": 2},
        description="Nobody is told of the question unless the box below is ticked, so promise no follow-up "
                    "here. With it ticked, the standard reply adds “Someone from our team will get back to you.”")
    handoff_when_unknown = BooleanField("…and hand the chat to a person, who is alerted")
    business_name = StringField("Name")
    business_phone = StringField("Phone")
    business_website = StringField("Website")
    business_hours = StringField("Opening hours")
    business_address = StringField("Address")
    business_about = TextAreaField("About", render_kw={"rows": 2})
    models = TextAreaField("Models, tried in this order (one per line: a model, or openai/<model> | your server's "
                           "api base)", render_kw={"rows": 3})
    temperature = StringField("Temperature (0 = always the same answer, 2 = most varied)",
                              render_kw={"type": "number", "min": 0, "max": 2, "step": "0.1", "inputmode": "decimal"})
    min_relevance = StringField("How sure the bot must be that your documents answer (0 to 1; 0.35 is the "
                                "default, higher says “don't know” more often)",
                                render_kw={"type": "number", "min": 0, "max": 1, "step": "0.05",
                                           "inputmode": "decimal"})
    model_calls = SelectField("Model calls per message", coerce=int,
                              choices=[(1, "1: the intent and the answer from one call (quicker, cheaper)"),
                                       (2, "2: one call classifies, a second one answers")])
    history_turns = StringField("Earlier turns the bot reads",
                                render_kw={"type": "number", "min": 0, "max": 50, "inputmode": "numeric"})
    owner_notify_phone = TelField("Your WhatsApp number for hand-off alerts")
    owner_pause_minutes = StringField("Quiet minutes after you reply yourself",
                                      render_kw={"type": "number", "min": 0, "inputmode": "numeric"})
    debounce_seconds = StringField("Wait for more messages (seconds)",
                                   render_kw={"type": "number", "min": 0, "max": 120, "inputmode": "numeric"})
    group_mention_only_default = BooleanField("In new groups, answer only when mentioned")
    allowed_task_types = StringField("Tasks the bot may start (comma separated)",
                                     description="e.g. send_email, book_calendar, create_order")
    n8n_urls = TextAreaField("n8n webhook per task (one per line: task = URL)", render_kw={"rows": 3})
    intent_examples = TextAreaField("Your own example messages (one per line: Question: …, Person: …, "
                                    "Task:book_calendar: …)", render_kw={"rows": 4},
                                    description="Question: a customer question the bot should answer; Person: a "
                                                "message that means the customer wants to talk to you.")


class IntentForm(Form):
    """One of the business's own intents. The settings schema checks it (schemas/bot.py::BusinessIntent)."""

    original_key = HiddenField()
    key = StringField("Key", description="lower case letters, digits and _, like opening_hours; for a task, the "
                                         "task's name in n8n")
    name = StringField("Name (any language)")
    kind = SelectField("What the bot does", choices=[
        SelectChoice("answer", "Answer (with the reply below, or from your documents)"),
        SelectChoice("task", "Start a task (an n8n workflow named like the key)"),
        SelectChoice("handoff", "Hand the chat to you")], default="answer")
    examples = TextAreaField("Example messages (one per line)", render_kw={"rows": 6},
                             description="How customers say it, in their words; 5 to 20 varied examples work well.")
    reply = TextAreaField("Reply (answers only; empty: answered from your documents)", render_kw={"rows": 3})
    description = StringField("Note for yourself")


def schema_problems(errors) -> dict[str, list[str]]:
    """A settings schema's validation errors as the owner's sentences, per form field."""
    return plain_words.field_problems(errors)


class TaskSettingsForm(Form):
    """What the business's n8n workflows need (the bot settings' task_settings). Checked by the settings schema."""

    owner_email = EmailField("Your email for hand-offs, failed tasks and booking requests",
                             description="Empty: your account's email.")
    sender_email = EmailField("Send the workflows' emails from", description="Empty: the address above.")
    sender_name = StringField("Sender name", description="e.g. your business name")
    order_url = StringField("Send each order to (URL)",
                            description="create_order posts every order here as JSON, e.g. your shop's order "
                                        "endpoint. It must be reachable on the public internet.")
    calendar_mode = SelectField("Bookings", choices=[SelectChoice("ics", "Email me an invitation (.ics)"),
                                                     SelectChoice("google", "Create a Google Calendar event")])
    calendar_id = StringField("Google Calendar id", description="primary = the calendar of the connected account")
    booking_minutes = StringField("Length of a booking (minutes)",
                                  render_kw={"type": "number", "min": 5, "max": 480, "inputmode": "numeric"})
    email_subject = StringField("Subject of the email a customer asks for")
    email_text = TextAreaField("Text of that email", render_kw={"rows": 5})
    email_link = StringField("Link added to the email (optional)", description="e.g. your online price list")
    email_document_id = SelectField("Document attached to the email (optional)", choices=[SelectChoice("", "None")])
