"""The number of things a customer gives is answered from the tier holding it, with the real embedder, ingest and
Postgres: a tier the search found leads the reply, and a tier it did not find is read from the item's whole table."""

from __future__ import annotations

import pytest

from services.usecases import answering
from tests.integration.inline_messages import answer_plainly, tenant_with

PRICES = b"""category,item,variant,price_gbp,notes
groups,group session,4 to 8 people,22.00 per person,90 minutes with an instructor; shoe hire included
groups,group session,9 to 15 people,19.50 per person,
groups,group session,16 to 24 people,17.00 per person,
groups,whole-centre hire,up to 40 people,480.00,Sundays 18:30 to 21:30; two instructors included
day passes,day pass,adult,12.50,
day passes,day pass,student,10.00,with a student card
shop,chalk ball,one size,4.00,
shop,climbing shoes,adult,85.00,
"""

FAQ = b"""# Groups, schools and work teams

We run instructor-led 90-minute sessions for groups of 4 to 24 people: team days, scouts and guides, or a big group
of friends. Book at least 7 days ahead.

# Case discounts

Mix any wines you like: the discount counts every bottle in the order.

| Bottles of wine | Discount |
|---|---|
| 6 to 11 | 5% off |
| 12 to 23 | 10% off |
| 24 or more | 15% off |

A magnum counts as two bottles.
"""


@pytest.fixture
def shop(settings):
    with tenant_with(settings, {"prices.csv": PRICES, "faq.md": FAQ}) as tenant:
        yield tenant



def test_the_tier_of_the_customers_count_is_read_from_the_whole_table(shop):
    container, user = shop
    question = "we're a team of 12 from work, how much per head for an instructor session"
    result = answer_plainly(container, user, question)
    assert result.how == answering.EXTRACTIVE
    assert "9 to 15 people: 19.50 per person" in result.reply
    assert result.trace["tier"].startswith("groups, group session, 9 to 15 people")
    # Without a count, no tier is looked up.
    assert "tier" not in answer_plainly(container, user, "how much is a group session with an instructor").trace


@pytest.mark.parametrize(("question", "tier"), [
    ("if I get 12 bottles, all different, do i get money off", "12 to 23 bottles of wine: discount 10% off."),
    ("30 bottles of wine for a wedding, whats the discount on that", "24 or more bottles of wine: discount 15% off."),
])
def test_the_tier_holding_the_count_leads_and_the_others_are_not_said(shop, question, tier):
    container, user = shop
    result = answer_plainly(container, user, question)
    assert tier in result.reply
    others = {"6 to 11 bottles", "12 to 23 bottles", "24 or more bottles"} - {tier.split(" of wine")[0]}
    assert not any(other in result.reply for other in others)
