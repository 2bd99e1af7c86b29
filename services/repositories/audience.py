"""Who the bot answers: the whitelist of contacts and the WhatsApp groups with their reply settings.
Runs in the tenant's unit of work, so RLS scopes every row."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from services.repositories.repositories import Repository
from services.repositories.rows import Page, one_row


@dataclass(frozen=True)
class WhitelistedContact:
    id: uuid.UUID
    phone: str | None  # a contact known only by its WhatsApp lid has no phone
    lid: str | None
    name: str
    created_at: datetime


@dataclass(frozen=True)
class RemovedContact:
    phone: str | None
    lid: str | None
    name: str


@dataclass(frozen=True)
class GroupSetting:
    group_id: str
    name: str
    auto_reply: bool
    mention_only: bool
    updated_at: datetime


class AudienceRepository(Repository):
    def whitelist(self, search: str = "", limit: int = 500, offset: int = 0) -> list[WhitelistedContact]:
        pattern = f"%{search.strip()}%"
        return self._records(
            WhitelistedContact,
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

    def remove_contact(self, contact_id: uuid.UUID) -> RemovedContact | None:
        return self._record(RemovedContact, "delete from public.whitelists where id = %s returning phone, lid, name",
                            [contact_id])

    def groups(self) -> list[GroupSetting]:
        return self._records(GroupSetting, "select group_id, name, auto_reply, mention_only, updated_at "
                                           "from public.group_settings order by name, group_id")

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
