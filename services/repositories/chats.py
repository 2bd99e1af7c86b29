"""SQL for a tenant's chats and what the filter reads for them: hand-offs, pauses, the whitelist, groups."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from services.repositories.repositories import Repository
from services.repositories.rows import existing


@dataclass(frozen=True)
class ChatRules:
    """What the filter decides on for a chat."""

    handoff_active: bool
    paused_until: datetime | None
    whitelisted: bool
    # Both None when this is not a group or the group has no settings.
    group_auto_reply: bool | None
    group_mention_only: bool | None



class ChatRepository(Repository):
    def chat_rules(self, user_id: uuid.UUID, chat_id: str, *, phone: str | None, lid: str | None, is_group: bool,
                   inbound_at: datetime | None) -> ChatRules:
        """The chat's row created or brought up to date, with the whitelist and group settings that apply to
        it, in one statement."""
        return existing(self._record(
            ChatRules,
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
        ), "chat")

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

