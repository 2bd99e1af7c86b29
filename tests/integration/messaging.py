"""Helpers for message-pipeline tests: signed webhooks, settings, waiting for replies and traces."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime

from psycopg.types.json import Jsonb

from schemas.settings import DEV_WEBHOOK_SECRETS
from services.adapters.signing import secret_key, signed_headers
from tests.conftest import wait_for

KEY = secret_key(DEV_WEBHOOK_SECRETS)
FAQ = (b"# Delivery\nWe deliver to Lagos, Abuja and Accra within 3 working days. Delivery is free above "
       b"50,000 naira.\n\n# Returns\nUnused items can be returned within 30 days for a full refund.\n")


def _configure(container, user, **values):
    with container.tenant_uow(user) as uow:
        for column, value in values.items():
            uow.conn.execute(f"update public.bot_config set {column} = %s where user_id = %s",
                             [Jsonb(value) if isinstance(value, (dict, list)) else value, user])


def tenant_phone(user) -> str:
    """A customer number of the tenant's own: the fake gateway is shared by every test, and a chat id
    used by two tests would mix their replies (a late one from an earlier test included)."""
    return "+23480" + str(uuid.UUID(str(user)).int % 10**8).zfill(8)


def _message(user, text, *, chat=None, **extra):
    phone = extra.pop("sender_phone", None) or tenant_phone(user)
    return {"tenant": str(user), "provider_message_id": f"wamid.{uuid.uuid4().hex}",
            "chat_id": chat or f"{phone.lstrip('+')}@c.us", "sender_phone": phone, "text": text,
            "timestamp": datetime.now(UTC).isoformat(), **extra}


def _post(client, payload, *, key=KEY, message_id=None, timestamp=None, body=None):
    raw = body if body is not None else json.dumps(payload).encode()
    headers = signed_headers(key, message_id or f"msg_{uuid.uuid4().hex}", raw, timestamp)
    return client.post("/api/webhook/whatsapp", data=raw, headers={**headers, "content-type": "application/json"})


def _replies(gateway, chat_id, count=1, timeout=60):
    return wait_for(lambda: len(m := gateway.messages_to(chat_id)) >= count and m, timeout=timeout,
                    message=f"{count} reply(ies) to {chat_id}")


def _trace(client, headers, inbox_id):
    return client.get(f"/api/messages/{inbox_id}/trace", headers=headers).get_json()


def _final(client, headers, inbox_id, timeout=60):
    return wait_for(lambda: (t := _trace(client, headers, inbox_id))["status"] in
                    ("answered", "ignored", "handed_off", "failed") and t, timeout=timeout,
                    message="the message to be handled")
