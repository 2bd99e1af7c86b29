"""SQL for a tenant's chats and what the filter reads for them: hand-offs, pauses, the whitelist, groups."""

from __future__ import annotations

import uuid
from datetime import datetime

from services.repositories.repositories import Repository
from services.repositories.rows import one_row


class ChatRepository(Repository):
    def chat(self, user_id: uuid.UUID, chat_id: str, *, phone: str | None, lid: str | None, is_group: bool,
             inbound_at: datetime | None) -> dict:
        return self._rows(
            """insert into public.chats (user_id, chat_id, contact_phone, contact_lid, is_group, last_inbound_at)
               values (%s, %s, %s, %s, %s, %s)
               on conflict (user_id, chat_id) do update set
                   contact_phone = coalesce(excluded.contact_phone, chats.contact_phone),
                   contact_lid = coalesce(excluded.contact_lid, chats.contact_lid),
                   last_inbound_at = greatest(chats.last_inbound_at, excluded.last_inbound_at)
               returning *""",
            [user_id, chat_id, phone, lid, is_group, inbound_at],
        )[0]

    def chat_rules(self, user_id: uuid.UUID, chat_id: str, *, phone: str | None, lid: str | None, is_group: bool,
                   inbound_at: datetime | None) -> dict:
        """`chat` (the upsert), `whitelisted` and `group` in one statement: what the filter decides on.

        Keys: handoff_active, paused_until, whitelisted, group_auto_reply and group_mention_only
        (both None when this is not a group or the group has no settings).
        """
        return self._rows(
            """with chat as (
                   insert into public.chats (user_id, chat_id, contact_phone, contact_lid, is_group, last_inbound_at)
                   values (%(user)s, %(chat)s, %(phone)s, %(lid)s, %(group)s, %(at)s)
                   on conflict (user_id, chat_id) do update set
                       contact_phone = coalesce(excluded.contact_phone, chats.contact_phone),
                       contact_lid = coalesce(excluded.contact_lid, chats.contact_lid),
                       last_inbound_at = greatest(chats.last_inbound_at, excluded.last_inbound_at)
                   returning handoff_active, paused_until)
               select chat.handoff_active, chat.paused_until,
                      exists (select 1 from public.whitelists where (phone = %(phone)s) or (lid = %(lid)s))
                          as whitelisted,
                      g.auto_reply as group_auto_reply, g.mention_only as group_mention_only
               from chat left join public.group_settings g on %(group)s and g.group_id = %(chat)s""",
            {"user": user_id, "chat": chat_id, "phone": phone, "lid": lid, "group": is_group, "at": inbound_at},
        )[0]

    def pause_chat(self, user_id: uuid.UUID, chat_id: str, until: datetime) -> None:
        self.conn.execute(
            "update public.chats set paused_until = greatest(paused_until, %s) where user_id = %s and chat_id = %s",
            [until, user_id, chat_id])

    def start_handoff(self, user_id: uuid.UUID, chat_id: str) -> None:
        self.conn.execute(
            "update public.chats set handoff_active = true, handoff_since = now() "
            "where user_id = %s and chat_id = %s", [user_id, chat_id])

    def release_handoff(self, user_id: uuid.UUID, chat_id: str) -> bool:
        return self.conn.execute(
            "update public.chats set handoff_active = false, handoff_since = null "
            "where user_id = %s and chat_id = %s and handoff_active", [user_id, chat_id]).rowcount == 1


    def whitelisted(self, phone: str | None, lid: str | None) -> bool:
        return one_row(self.conn.execute(
            "select exists (select 1 from public.whitelists where (phone = %s) or (lid = %s))", [phone, lid]
        ))[0]

    def group(self, group_id: str) -> dict | None:
        rows = self._rows("select * from public.group_settings where group_id = %s", [group_id])
        return rows[0] if rows else None
