"""SQL behind the owner's dashboard. Runs in the tenant's unit of work, so RLS scopes every row."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from psycopg.types.json import Jsonb

from schemas.messages import PLAYGROUND_SUFFIX
from schemas.pipelines import MESSAGE_IN_PROGRESS
from services.repositories.repositories import Repository
from services.repositories.rows import one_row

BOT_FIELDS = ("enabled", "system_prompt", "models", "temperature", "max_reply_chars", "language", "tone",
              "business", "dont_know_reply", "whitelist_enabled", "owner_pause_minutes", "debounce_seconds",
              "allowed_task_types", "n8n_urls", "intent_examples", "owner_notify_phone", "handoff_when_unknown",
              "min_relevance", "history_turns", "group_mention_only_default", "task_settings", "intents", "model_calls")
JSON_FIELDS = {"models", "business", "n8n_urls", "intent_examples", "task_settings", "intents"}
# What rag.respond records when the documents do not answer the question (services/usecases/answering.py);
# the second is how messages answered before the abstention decision existed read.
DONT_KNOW_ANSWER = "abstained"
DONT_KNOW_ANSWERS = [DONT_KNOW_ANSWER, "nothing relevant in the knowledge base"]


@dataclass(frozen=True)
class Page:
    """One page of a longer list: its rows, how many there are in all, and where this page starts."""

    rows: list[Any]  # rows as dicts, or the views made from them (documents)
    total: int
    offset: int

    @property
    def shown(self) -> int:
        return len(self.rows)

    @property
    def has_more(self) -> bool:
        return self.offset + len(self.rows) < self.total


class DashboardRepository(Repository):
    # --- overview -------------------------------------------------------------------------------

    def overview(self, since: datetime, until: datetime) -> dict:
        """Customer traffic between two moments (playground chats and the owner's own messages left out)."""
        params = {"since": since, "until": until, "playground": f"%{PLAYGROUND_SUFFIX}",
                  "dont_know": DONT_KNOW_ANSWERS}
        customer = """i.chat_id not like %(playground)s and not i.from_me
                      and i.created_at >= %(since)s and i.created_at < %(until)s"""
        row = self._rows(
            f"""select
                 (select count(*) from public.inbox i where {customer}) as messages,
                 (select count(distinct i.chat_id) from public.inbox i where {customer}) as customers,
                 (select percentile_cont(0.5) within group (order by extract(epoch from o.sent_at - i.created_at))
                    from public.outbox o join public.inbox i on i.id = o.inbox_id
                   where o.sent_at is not null and {customer}) as median_reply_s,
                 (select count(*) from public.knowledge_base where status = 'ready') as documents_ready,
                 (select count(*) from public.knowledge_base) as documents,
                 (select status from public.sessions) as session_status,
                 (select last_error from public.sessions) as session_error""", params)[0]
        row["days"] = self._rows(
            f"""with days as (
                  select d::date as day from generate_series(%(since)s::date, (%(until)s - interval '1 second')::date,
                                                              interval '1 day') d),
                kinds as (
                  select i.created_at::date as day,
                         case when i.trace -> 'respond' ->> 'answer' = any(%(dont_know)s) then 'dont_know'
                              when i.trace -> 'reply' ->> 'kind' = 'task' then 'task'
                              when i.status = 'answered' then 'answered'
                              when i.status = 'handed_off' then 'handed_off'
                              when i.status = 'ignored' then 'ignored'
                              when i.status = 'failed' then 'failed'
                              else 'working' end as kind
                    from public.inbox i where {customer}),
                replies as (
                  select i.created_at::date as day,
                         percentile_cont(0.5) within group (order by extract(epoch from o.sent_at - i.created_at)) as s
                    from public.outbox o join public.inbox i on i.id = o.inbox_id
                   where o.sent_at is not null and {customer} group by 1)
                select days.day,
                       count(kinds.kind) as total,
                       count(*) filter (where kinds.kind = 'answered') as answered,
                       count(*) filter (where kinds.kind = 'dont_know') as dont_know,
                       count(*) filter (where kinds.kind = 'handed_off') as handed_off,
                       count(*) filter (where kinds.kind = 'task') as task,
                       count(*) filter (where kinds.kind in ('ignored', 'failed', 'working')) as other,
                       max(replies.s) as reply_s
                  from days left join kinds on kinds.day = days.day left join replies on replies.day = days.day
                 group by days.day order by days.day""", params)
        return row

    def unanswered_questions(self, since: datetime, until: datetime, limit: int = 200) -> list[dict]:
        """Customer questions the documents had nothing about (sealed; the caller opens them), newest first."""
        return self._rows(
            """select i.id, i.chat_id, i.body_ciphertext as ciphertext, i.body_nonce as nonce,
                      i.body_key_id as key_id, i.created_at
                 from public.inbox i
                where i.chat_id not like %(playground)s and not i.from_me
                  and i.created_at >= %(since)s and i.created_at < %(until)s
                  and i.trace -> 'respond' ->> 'answer' = any(%(dont_know)s)
                order by i.created_at desc limit %(limit)s""",
            {"since": since, "until": until, "playground": f"%{PLAYGROUND_SUFFIX}", "dont_know": DONT_KNOW_ANSWERS,
             "limit": limit})

    def first_run(self) -> dict:
        """What a new owner has done so far: the overview's checklist ticks itself from this."""
        return self._rows(
            """select
                 coalesce((select status = 'WORKING' or phone is not null from public.sessions), false) as linked,
                 exists (select 1 from public.knowledge_base where status = 'ready') as documents,
                 exists (select 1 from public.knowledge_base) as uploaded,
                 exists (select 1 from public.inbox where chat_id like %(playground)s) as tried,
                 coalesce((select enabled from public.bot_config), false) as enabled""",
            {"playground": f"%{PLAYGROUND_SUFFIX}"})[0]

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

    def whitelist(self, search: str = "", limit: int = 500, offset: int = 0) -> list[dict]:
        pattern = f"%{search.strip()}%"
        return self._rows(
            """select id, phone, lid, name, created_at from public.whitelists
               where name ilike %(s)s or phone ilike %(s)s or lid ilike %(s)s
               order by name, phone limit %(limit)s offset %(offset)s""",
            {"s": pattern, "limit": limit, "offset": offset})

    def whitelist_page(self, search: str, limit: int, offset: int) -> Page:
        pattern = f"%{search.strip()}%"
        total = one_row(self.conn.execute(
            "select count(*) from public.whitelists where name ilike %(s)s or phone ilike %(s)s or lid ilike %(s)s",
            {"s": pattern}))[0]
        return Page(self.whitelist(search, limit, offset), total, offset)

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
                  limit: int = 100, after: tuple | list | None = None) -> list[dict]:
        """Newest first; `after` = (created_at, id) of the last entry of the previous page."""
        after_at, after_id = after if after else (None, None)
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
                 and (%(after_at)s::timestamptz is null or (created_at, id) < (%(after_at)s, %(after_id)s::uuid))
               order by created_at desc, id desc limit %(limit)s""",
            {"contact": contact, "like": f"%{contact}%" if contact else None, "since": since, "until": until,
             "intent": intent, "outcome": outcome, "chat": chat_id, "limit": limit, "after_at": after_at,
             "after_id": after_id})

    def conversations(self, *, handoff: bool | None, limit: int, after: tuple | list | None = None) -> list[dict]:
        """Chats, most recently active first; `after` = (last activity, chat id) of the previous page's last."""
        after_at, after_chat = after if after else (None, None)
        return self._rows(
            """select chat_id, contact_phone, contact_lid, is_group, handoff_active, handoff_since, paused_until,
                      last_inbound_at, created_at from public.chats
               where (%(h)s::boolean is null or handoff_active = %(h)s)
                 and (%(after_at)s::timestamptz is null
                      or (coalesce(last_inbound_at, created_at), chat_id) < (%(after_at)s, %(after_chat)s))
               order by coalesce(last_inbound_at, created_at) desc, chat_id desc limit %(limit)s""",
            {"h": handoff, "limit": limit, "after_at": after_at, "after_chat": after_chat})

    def pending_in_chat(self, chat_id: str) -> int:
        """Inbound messages of this chat still on their way through the pipeline."""
        return one_row(self.conn.execute(
            "select count(*) from public.inbox where chat_id = %s and status = any(%s)",
            [chat_id, list(MESSAGE_IN_PROGRESS)]))[0]

    def audit(self, *, action: str | None, since: datetime | None, limit: int = 200, offset: int = 0) -> Page:
        params = {"action": action, "prefix": f"{action}%" if action else None, "since": since, "limit": limit,
                  "offset": offset}
        where = """where (%(action)s::text is null or action like %(prefix)s)
                     and (%(since)s::timestamptz is null or created_at >= %(since)s)"""
        rows = self._rows(f"""select action, detail, created_at from public.audit_logs {where}
                              order by created_at desc, id desc limit %(limit)s offset %(offset)s""", params)
        return Page(rows, one_row(self.conn.execute(f"select count(*) from public.audit_logs {where}", params))[0],
                    offset)

    def task_page(self, *, status: str | None, since: datetime | None, until: datetime | None, limit: int,
                  offset: int) -> Page:
        params = {"status": status, "since": since, "until": until, "limit": limit, "offset": offset}
        where = """where (%(status)s::text is null or status = %(status)s)
                     and (%(since)s::timestamptz is null or created_at >= %(since)s)
                     and (%(until)s::timestamptz is null or created_at < %(until)s)"""
        rows = self._rows(f"""select id, chat_id, task_type, status, attempts, last_error, created_at, updated_at
                              from public.tasks {where} order by created_at desc limit %(limit)s offset %(offset)s""",
                          params)
        return Page(rows, one_row(self.conn.execute(f"select count(*) from public.tasks {where}", params))[0],
                    offset)

    # --- conversations, one thread per customer ---------------------------------------------------

    def threads(self, *, contact: str | None, since: datetime | None, until: datetime | None,
                waiting_only: bool = False, limit: int = 25, offset: int = 0) -> Page:
        """Customer chats, latest activity first, each with its last message (sealed) and hand-off state.

        Playground chats are the owner trying the bot, not customers: they are left out.
        """
        params = {"contact": contact, "like": f"%{contact}%" if contact else None, "since": since, "until": until,
                  "waiting": waiting_only, "limit": limit, "offset": offset, "playground": f"%{PLAYGROUND_SUFFIX}"}
        where = """where l.chat_id not like %(playground)s
                     and (%(contact)s::text is null or l.chat_id ilike %(like)s or l.contact_phone ilike %(like)s
                          or l.contact_lid ilike %(like)s)
                     and (%(since)s::timestamptz is null or l.created_at >= %(since)s)
                     and (%(until)s::timestamptz is null or l.created_at < %(until)s)"""
        having = "and (not %(waiting)s or coalesce(c.handoff_active, false))"
        rows = self._rows(
            f"""with last as (
                  select distinct on (l.chat_id) l.chat_id, l.id, l.direction, l.ciphertext, l.nonce, l.key_id,
                         l.created_at, l.outcome, l.intent
                    from public.chat_logs l {where} order by l.chat_id, l.created_at desc, l.direction),
                counts as (
                  select l.chat_id, count(*) as messages, max(l.contact_phone) as contact_phone,
                         max(l.contact_lid) as contact_lid
                    from public.chat_logs l {where} group by l.chat_id)
                select last.*, counts.messages, coalesce(counts.contact_phone, c.contact_phone) as contact_phone,
                       coalesce(counts.contact_lid, c.contact_lid) as contact_lid,
                       coalesce(c.handoff_active, false) as handoff_active, c.paused_until, c.is_group
                  from last join counts using (chat_id)
                  left join public.chats c on c.chat_id = last.chat_id
                 where true {having}
                 order by last.created_at desc limit %(limit)s offset %(offset)s""", params)
        total = one_row(self.conn.execute(
            f"""select count(*) from (select l.chat_id from public.chat_logs l {where} group by l.chat_id) t
                left join public.chats c on c.chat_id = t.chat_id where true {having}""", params))[0]
        return Page(rows, total, offset)

    def thread(self, chat_id: str, *, limit: int = 50, before: datetime | None = None) -> tuple[list[dict], int]:
        """A chat's messages, oldest first (the newest `limit` before `before`), and how many it has in all."""
        rows = self._rows(
            """select id, chat_id, contact_phone, contact_lid, direction, inbox_id, outcome, reason, intent, trace,
                      ciphertext, nonce, key_id, created_at
                 from public.chat_logs
                where chat_id = %(chat)s and (%(before)s::timestamptz is null or created_at < %(before)s)
                order by created_at desc, direction limit %(limit)s""",
            {"chat": chat_id, "before": before, "limit": limit})
        rows.reverse()
        total = one_row(self.conn.execute("select count(*) from public.chat_logs where chat_id = %s", [chat_id]))[0]
        return rows, total

    def chat_has_work(self, chat_id: str) -> bool:
        """A task or a reply exists for the chat (e.g. a task created over REST before any message)."""
        return one_row(self.conn.execute(
            "select exists (select 1 from public.tasks where chat_id = %s) "
            "or exists (select 1 from public.outbox where chat_id = %s)", [chat_id, chat_id]))[0]

    def chat_state(self, chat_id: str) -> dict | None:
        rows = self._rows("""select chat_id, contact_phone, contact_lid, is_group, paused_until, handoff_active,
                                    handoff_since from public.chats where chat_id = %s""", [chat_id])
        return rows[0] if rows else None

    def handoffs(self) -> list[dict]:
        return self._rows("select chat_id, contact_phone, handoff_since from public.chats where handoff_active "
                          "order by handoff_since desc")
