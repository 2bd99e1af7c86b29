"""A question asking for the cheapest (or dearest) item is answered from every row of the item's table in price
order, with the real embedder, ingest and Postgres: the rows the search ranks first are not the cheapest ones."""

from __future__ import annotations

import pytest

from schemas.bot import BotSettings
from schemas.messages import ModelSpec
from services.usecases import answering
from tests.conftest import create_user
from tests.integration.inline_messages import answer_plainly, tenant_with
from tests.unit.handlers.fakes import FakeChat

PRICE_LIST = b"""category,item,variant,price_eur,notes
frames,Clew Bay house range frame,adult,59.00,includes case and cloth
frames,Clew Bay house range frame,child under 16,35.00,flexible hinges
frames,Ray-Ban frame,adult,145.00,
frames,Orgreen acetate frame,adult,189.00,
frames,Lindberg titanium frame,rimless,395.00,
lenses,single vision lenses,standard,45.00,pair
lenses,lenses in your own frame,handling fee,15.00,plus the lens price
coatings,blue light filter,pair,40.00,
coatings,photochromic lenses,pair,75.00,darken outdoors
repairs,nose pads,pair,0.00,free while you wait
repairs,frame solder,sent to workshop,42.00,about 10 working days
"""
FAQ = b"""# Frames

About 600 frames, including Ray-Ban, Lindberg and Orgreen. Children's frames have their own corner.

# Lens guide

| Lens | What it is for | Price |
|---|---|---|
| Varifocal premium lens | wider reading and computer areas | \xe2\x82\xac325 |
| Varifocal standard lens | distance, computer and reading | \xe2\x82\xac195 |
| Office lens | computer and desk work | \xe2\x82\xac150 |
"""


@pytest.fixture
def optician(settings):
    with tenant_with(settings, {"price_list.csv": PRICE_LIST, "faq.md": FAQ}) as tenant:
        yield tenant



def test_the_cheapest_item_comes_from_the_whole_table(optician):
    container, user = optician
    result = answer_plainly(container, user, "whats the cheapest pair of frames u have")
    assert result.how == answering.EXTRACTIVE and result.trace["order"] == "lowest"
    # The child's frame, then the adult's: not the lens handling fee, which names "frame" only in its item.
    assert result.reply.startswith("frames, Clew Bay house range frame, child under 16: 35.00 EUR"), result.reply
    assert "59.00 EUR" in result.reply and "15.00" not in result.reply and "395" not in result.reply


def test_the_dearest_item_leads_for_most_expensive(optician):
    container, user = optician
    result = answer_plainly(container, user, "what is your most expensive frame?")
    assert result.trace["order"] == "highest"
    assert result.reply.startswith("frames, Lindberg titanium frame, rimless: 395.00 EUR"), result.reply
    assert "189.00 EUR" in result.reply


def test_a_markdown_table_in_a_text_is_ordered_too(optician):
    container, user = optician
    result = answer_plainly(container, user, "what's your cheapest varifocal lens?")
    assert result.trace["order"] == "lowest"
    assert result.reply.startswith("Varifocal standard lens"), result.reply
    assert "€195" in result.reply and "€325" in result.reply and "Office" not in result.reply


def test_a_question_without_an_order_is_answered_as_before(optician):
    container, user = optician
    result = answer_plainly(container, user, "how much is a Ray-Ban frame?")
    assert "order" not in result.trace and "145.00 EUR" in result.reply


def test_another_tenants_table_is_not_read(optician):
    container, user = optician
    other = create_user(container)
    with container.tenant_uow(user) as uow:
        document_id = next(d.id for d in uow.kb.list() if d.filename == "price_list.csv")
        assert any("Lindberg" in line for line in uow.kb.table_lines(document_id, None, 10))
    with container.tenant_uow(other) as uow:  # row level security: the other tenant's rows are not there
        assert uow.kb.table_lines(document_id, None, 10) == []


def test_a_model_is_given_the_rows_in_price_order(optician):
    container, user = optician
    chat = FakeChat(texts=["Our cheapest frame is the Clew Bay child's frame at 35 EUR."])
    deps = answering.Deps(container.embedder, container.vectors, container.tenant_uow, chat=chat)
    settings = BotSettings(debounce_seconds=0, models=[ModelSpec(model="operator/default")])
    result = answering.answer(deps, user, settings, "whats the cheapest pair of frames u have")
    assert result.how == answering.MODEL and result.trace["order"] == "lowest"
    context = chat.calls[0][-1]["content"] + chat.calls[0][0]["content"]
    listed = context[context.index("The asked item's prices, cheapest first:"):]
    assert listed.index("35.00 EUR") < listed.index("59.00 EUR") < listed.index("395.00 EUR")
    assert "handling fee" not in listed
