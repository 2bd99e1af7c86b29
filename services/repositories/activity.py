"""What the owner's overview and activity lists read: traffic, unanswered questions, the first-run
checklist, the audit trail and tasks. Runs in the tenant's unit of work, so RLS scopes every row."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from pipelines.plain_words import ABSTAINED
from schemas.messages import PLAYGROUND_SUFFIX
from services.repositories.repositories import Repository
from services.repositories.rows import Page, existing, one_row, record
from services.repositories.tasks import TaskSummary

# What rag.respond records when the documents do not answer the question (services/usecases/answering.py);
# the second is how messages answered before the abstention decision existed read.
DONT_KNOW_ANSWER = ABSTAINED[0]
DONT_KNOW_ANSWERS = list(ABSTAINED)


@dataclass(frozen=True)
class DayCounts:
    """One day's customer messages by what came of them, and that day's median reply time."""

    day: date
    total: int
    answered: int
    dont_know: int
    handed_off: int
    task: int
    other: int
    reply_s: float | None


@dataclass(frozen=True)
class Traffic:
    """Customer traffic over a range, the documents and the WhatsApp link's state."""

    messages: int
    customers: int
    median_reply_s: float | None
    documents_ready: int
    documents: int
    session_status: str | None
    session_error: str | None
    days: list[DayCounts]


@dataclass(frozen=True)
class UnansweredQuestion:
    """A customer question the documents had nothing about, its body still sealed."""

    id: uuid.UUID
    chat_id: str
    ciphertext: bytes
    nonce: bytes
    key_id: str
    created_at: datetime


@dataclass(frozen=True)
class FirstRun:
    """What a new owner has done so far."""

    linked: bool
    documents: bool
    uploaded: bool
    tried: bool
    enabled: bool


@dataclass(frozen=True)
class AuditLine:
    """One entry of the audit tab."""

    action: str
    detail: dict
    created_at: datetime


class ActivityRepository(Repository):
    def overview(self, since: datetime, until: datetime) -> Traffic:
        """Customer traffic between two moments (playground chats and the owner's own messages left out)."""
        params = {"since": since, "until": until, "playground": f"%{PLAYGROUND_SUFFIX}",
                  "dont_know": DONT_KNOW_ANSWERS}
        customer = """i.chat_id not like %(playground)s and not i.from_me
                      and i.created_at >= %(since)s and i.created_at < %(until)s"""
        totals = self._rows(
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
        days = self._records(
            DayCounts,
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
        return record(Traffic, {**totals, "days": days})

    def unanswered_questions(self, since: datetime, until: datetime,
                             limit: int = 200) -> list[UnansweredQuestion]:
        """Customer questions the documents had nothing about (sealed; the caller opens them), newest first."""
        return self._records(
            UnansweredQuestion,
            """select i.id, i.chat_id, i.body_ciphertext as ciphertext, i.body_nonce as nonce,
                      i.body_key_id as key_id, i.created_at
                 from public.inbox i
                where i.chat_id not like %(playground)s and not i.from_me
                  and i.created_at >= %(since)s and i.created_at < %(until)s
                  and i.trace -> 'respond' ->> 'answer' = any(%(dont_know)s)
                order by i.created_at desc limit %(limit)s""",
            {"since": since, "until": until, "playground": f"%{PLAYGROUND_SUFFIX}", "dont_know": DONT_KNOW_ANSWERS,
             "limit": limit})

    def first_run(self) -> FirstRun:
        """What a new owner has done so far: the overview's checklist ticks itself from this."""
        return existing(self._record(
            FirstRun,
            """select
                 coalesce((select status = 'WORKING' or phone is not null from public.sessions), false) as linked,
                 exists (select 1 from public.knowledge_base where status = 'ready') as documents,
                 exists (select 1 from public.knowledge_base) as uploaded,
                 exists (select 1 from public.inbox where chat_id like %(playground)s) as tried,
                 coalesce((select enabled from public.bot_config), false) as enabled""",
            {"playground": f"%{PLAYGROUND_SUFFIX}"}), "the first-run facts")

    def audit(self, *, action: str | None, since: datetime | None, limit: int = 200, offset: int = 0) -> Page:
        params = {"action": action, "prefix": f"{action}%" if action else None, "since": since, "limit": limit,
                  "offset": offset}
        where = """where (%(action)s::text is null or action like %(prefix)s)
                     and (%(since)s::timestamptz is null or created_at >= %(since)s)"""
        rows = self._records(AuditLine, f"""select action, detail, created_at from public.audit_logs {where}
                              order by created_at desc, id desc limit %(limit)s offset %(offset)s""", params)
        return Page(rows, one_row(self.conn.execute(f"select count(*) from public.audit_logs {where}", params))[0],
                    offset)

    def task_page(self, *, status: str | None, since: datetime | None, until: datetime | None, limit: int,
                  offset: int) -> Page:
        params = {"status": status, "since": since, "until": until, "limit": limit, "offset": offset}
        where = """where (%(status)s::text is null or status = %(status)s)
                     and (%(since)s::timestamptz is null or created_at >= %(since)s)
                     and (%(until)s::timestamptz is null or created_at < %(until)s)"""
        rows = self._records(TaskSummary, f"""select id, chat_id, task_type, status, attempts, last_error, created_at,
                                                  updated_at
                                             from public.tasks {where}
                                            order by created_at desc limit %(limit)s offset %(offset)s""", params)
        return Page(rows, one_row(self.conn.execute(f"select count(*) from public.tasks {where}", params))[0],
                    offset)
