"""SQL behind the owner's dashboard. Runs in the tenant's unit of work, so RLS scopes every row."""

from __future__ import annotations

import uuid
from datetime import datetime

from psycopg.types.json import Jsonb

from services.repositories import Repository

BOT_FIELDS = ("enabled", "system_prompt", "models", "temperature", "max_reply_chars", "language", "tone",
              "business", "dont_know_reply", "whitelist_enabled", "owner_pause_minutes", "debounce_seconds",
              "allowed_task_types", "n8n_urls", "intent_examples", "owner_notify_phone", "handoff_when_unknown",
              "min_relevance", "history_turns", "group_mention_only_default", "task_settings")
JSON_FIELDS = {"models", "business", "n8n_urls", "intent_examples", "task_settings"}


class DashboardRepository(Repository):
    # --- overview -------------------------------------------------------------------------------

    def overview(self) -> dict:
        row = self._rows(
            """select
                 (select count(*) from public.inbox where created_at >= date_trunc('day', now())) as today,
                 (select count(*) from public.inbox where created_at >= now() - interval '7 days') as week,
                 (select count(*) from public.knowledge_base where status = 'ready') as documents_ready,
                 (select count(*) from public.knowledge_base) as documents,
                 (select percentile_cont(0.5) within group (
                      order by extract(epoch from o.sent_at - i.created_at))
                    from public.outbox o join public.inbox i on i.id = o.inbox_id
                   where o.sent_at is not null and o.created_at >= now() - interval '7 days') as median_reply_s,
                 (select status from public.sessions) as session_status,
                 (select last_error from public.sessions) as session_error""")[0]
        row["outcomes"] = dict(self.conn.execute(
            """select status, count(*) from public.inbox where created_at >= now() - interval '7 days'
               group by status order by 2 desc""").fetchall())
        row["intents"] = self.conn.execute(
            """select intent, count(*) from public.inbox
               where intent is not null and created_at >= now() - interval '7 days'
               group by intent order by 2 desc, 1 limit 5""").fetchall()
        row["daily"] = self.conn.execute(
            """select d::date, count(i.id) from generate_series(date_trunc('day', now()) - interval '6 days',
                   date_trunc('day', now()), interval '1 day') d
               left join public.inbox i on i.created_at >= d and i.created_at < d + interval '1 day'
               group by d order by d""").fetchall()
        return row

    # --- bot settings ---------------------------------------------------------------------------

    def bot_config(self) -> dict:
        rows = self._rows(f"select {', '.join(BOT_FIELDS)} from public.bot_config")
        return rows[0] if rows else {}

    def update_bot_config(self, user_id: uuid.UUID, values: dict) -> None:
        unknown = set(values) - set(BOT_FIELDS)
        if unknown:
            raise ValueError(f"not bot settings: {sorted(unknown)}")
        assignments = ", ".join(f"{name} = %s" for name in values)
        params = [Jsonb(v) if name in JSON_FIELDS else v for name, v in values.items()]
        self.conn.execute(f"update public.bot_config set {assignments} where user_id = %s", [*params, user_id])

    # --- whitelist ------------------------------------------------------------------------------

    def whitelist(self, search: str = "", limit: int = 500) -> list[dict]:
        pattern = f"%{search.strip()}%"
        return self._rows(
            """select id, phone, lid, name, created_at from public.whitelists
               where name ilike %(s)s or phone ilike %(s)s or lid ilike %(s)s
               order by name, phone limit %(limit)s""", {"s": pattern, "limit": limit})

    def add_contacts(self, user_id: uuid.UUID, contacts: list[tuple[str, str]]) -> int:
        """Insert (phone, name) pairs; numbers already listed are left as they are. Returns how many were new."""
        added = 0
        with self.conn.cursor() as cur:
            for phone, name in contacts:
                cur.execute(
                    """insert into public.whitelists (user_id, phone, name) values (%s, %s, %s)
                       on conflict (user_id, phone) where phone is not null do nothing""", [user_id, phone, name])
                added += cur.rowcount
        return added

    def remove_contact(self, contact_id: uuid.UUID) -> dict | None:
        rows = self._rows("delete from public.whitelists where id = %s returning phone, lid, name", [contact_id])
        return rows[0] if rows else None

    # --- groups ---------------------------------------------------------------------------------

    def groups(self) -> list[dict]:
        return self._rows("select group_id, name, auto_reply, mention_only, updated_at from public.group_settings "
                          "order by name, group_id")

    def remember_groups(self, user_id: uuid.UUID, groups: list[tuple[str, str]]) -> None:
        """Groups seen on WhatsApp: new ones are added switched off, known ones get their current name."""
        with self.conn.cursor() as cur:
            for group_id, name in groups:
                cur.execute(
                    """insert into public.group_settings (user_id, group_id, name) values (%s, %s, %s)
                       on conflict (user_id, group_id) do update set name = excluded.name
                       where group_settings.name is distinct from excluded.name""", [user_id, group_id, name])

    def set_group(self, group_id: str, *, auto_reply: bool, mention_only: bool) -> bool:
        return self.conn.execute(
            "update public.group_settings set auto_reply = %s, mention_only = %s where group_id = %s",
            [auto_reply, mention_only, group_id]).rowcount == 1

    # --- logs -----------------------------------------------------------------------------------

    def chat_logs(self, *, contact: str | None, since: datetime | None, until: datetime | None,
                  intent: str | None, outcome: str | None, chat_id: str | None = None,
                  limit: int = 100) -> list[dict]:
        return self._rows(
            """select id, chat_id, contact_phone, contact_lid, direction, inbox_id, outcome, reason, intent, trace,
                      ciphertext, nonce, key_id, created_at
               from public.chat_logs
               where (%(contact)s::text is null or chat_id ilike %(like)s or contact_phone ilike %(like)s
                      or contact_lid ilike %(like)s)
                 and (%(chat)s::text is null or chat_id = %(chat)s)
                 and (%(since)s::timestamptz is null or created_at >= %(since)s)
                 and (%(until)s::timestamptz is null or created_at < %(until)s)
                 and (%(intent)s::text is null or intent = %(intent)s)
                 and (%(outcome)s::text is null or outcome = %(outcome)s
                      or (%(outcome)s = 'answered' and direction = 'outbound'))
               order by created_at desc, direction limit %(limit)s""",
            {"contact": contact, "like": f"%{contact}%" if contact else None, "since": since, "until": until,
             "intent": intent, "outcome": outcome, "chat": chat_id, "limit": limit})

    def pending_in_chat(self, chat_id: str) -> int:
        """Inbound messages of this chat still on their way through the pipeline."""
        return self.conn.execute(
            "select count(*) from public.inbox where chat_id = %s and status in ('received', 'filtered', 'classified')",
            [chat_id]).fetchone()[0]

    def audit(self, *, action: str | None, since: datetime | None, limit: int = 200) -> list[dict]:
        return self._rows(
            """select action, detail, created_at from public.audit_logs
               where (%(action)s::text is null or action like %(prefix)s)
                 and (%(since)s::timestamptz is null or created_at >= %(since)s)
               order by created_at desc, id desc limit %(limit)s""",
            {"action": action, "prefix": f"{action}%" if action else None, "since": since, "limit": limit})

    def handoffs(self) -> list[dict]:
        return self._rows("select chat_id, contact_phone, handoff_since from public.chats where handoff_active "
                          "order by handoff_since desc")
