"""A demo business to try Salesboy with: a login, a bot config, two whitelisted numbers and sample documents.

The documents are read in this process (not by the workers), so the playground answers from
them as soon as `salesboy up` runs.
"""

from __future__ import annotations

import secrets
import uuid
from collections import deque
from dataclasses import dataclass

from services.bootstrap import App
from services.usecases import kb, tenants
from services.usecases.accounts_local import hash_password

DEMO_EMAIL = "demo@example.com"
# The demo's address before it became one the account forms accept: an install seeded then keeps its demo.
LEGACY_DEMO_EMAIL = "demo@salesboy.local"
DEMO_NAME = "Demo Shop"
DEMO_WHITELIST = (("+15550100001", "Demo customer one"), ("+15550100002", "Demo customer two"))
DEMO_DOCUMENTS: dict[str, str] = {
    "delivery-and-payment.md": """# Delivery

We deliver to Lagos, Abuja and Accra. Delivery takes 2 to 3 working days.
Delivery within Lagos costs 2,000 naira; to Abuja 3,500 naira; to Accra 6,000 naira.
Orders above 50,000 naira are delivered free of charge.

# Payment

We accept bank transfer, card payment on delivery and mobile money.
Payment on delivery is possible in Lagos only.

# Returns

Unopened items can be returned within 7 days for a full refund. Perishable food cannot be returned.
""",
    "price-list.md": """# Rice and grains

Long grain rice, 50 kg bag: 68,000 naira. Basmati rice, 10 kg bag: 24,000 naira.
Brown beans, 25 kg bag: 41,000 naira. Yellow garri, 25 kg bag: 19,500 naira.

# Oils

Palm oil, 5 litres: 9,000 naira. Groundnut oil, 5 litres: 12,500 naira.

# Wholesale

Buying 10 bags or more of the same item gives 5% off the whole order.
""",
    "opening-hours.md": """# Opening hours

Our shop at 12 Market Road, Yaba, Lagos is open Monday to Saturday from 9:00 to 18:00.
We are closed on Sundays and public holidays. WhatsApp messages are answered at any time.

# Contact

Call us on +234 801 000 0000 or write to hello@demo-shop.example.
""",
}


@dataclass(frozen=True)
class SeededTenant:
    user_id: uuid.UUID
    email: str
    password: str
    created: bool
    documents: int = 0


class InlineJobs:
    """A publisher that runs each published job (and those it publishes) here, in order."""

    def __init__(self) -> None:
        self.container: App | None = None
        self.queue: deque = deque()

    def publish(self, job, countdown: float = 0, queue: str | None = None) -> None:
        self.queue.append(job)

    def drain(self) -> None:
        if self.container is None:
            raise RuntimeError("no container to run the queued jobs with: set InlineJobs.container first")
        while self.queue:
            self.container.handle(self.queue.popleft())


class QuietEvents:
    """Progress events need a listening page; nobody is watching a seed."""

    def publish(self, user_id: uuid.UUID, event: str, data: dict) -> None:
        return None


def seed_demo_tenant(container: App, email: str = DEMO_EMAIL, *, jobs: InlineJobs | None = None
                     ) -> SeededTenant:
    """Create the demo tenant, or give the existing one a fresh password; add the sample documents it lacks.

    With `jobs` (the container's publisher) the documents are read before this returns.
    """
    password = secrets.token_urlsafe(12)
    hashed = hash_password(password)
    with container.system_uow() as uow:
        existing = uow.users.find_by_email(email)
        if existing is None and email == DEMO_EMAIL:
            existing = uow.users.find_by_email(LEGACY_DEMO_EMAIL)
            if existing is not None:
                uow.conn.execute("update auth.users set email = %s, updated_at = now() where id = %s",
                                 [DEMO_EMAIL, existing.id])
        if existing is None:
            user_id = uow.users.create(email, hashed, metadata={"display_name": DEMO_NAME})
        else:
            user_id = existing.id
            uow.users.set_password_hash(user_id, hashed)
    tenants.provision(container.tenant_uow, user_id)
    with container.tenant_uow(user_id) as uow:
        uow.conn.execute("update public.profiles set display_name = %s where user_id = %s and "
                         "coalesce(display_name, '') = ''", [DEMO_NAME, user_id])
        uow.tenants.set_business(user_id, {"name": DEMO_NAME, "hours": "Mon-Sat 09:00-18:00"})
        for phone, name in DEMO_WHITELIST:
            uow.tenants.add_whitelisted(user_id, phone=phone, name=name)
        uow.audit.log(user_id, "tenant.seeded", {"whitelisted": len(DEMO_WHITELIST)})
    present = {d.filename for d in container.kb.list_documents(user_id)}
    added = 0
    for filename, text in DEMO_DOCUMENTS.items():
        if filename not in present:
            try:
                container.kb.upload(user_id, filename, text.encode())
            except kb.DuplicateDocumentError:
                continue
            added += 1
    if jobs is not None:
        jobs.drain()
    return SeededTenant(user_id, email, password, existing is None, added)
