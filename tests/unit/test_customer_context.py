import time

import pytest

from pipelines import customer_context


@pytest.mark.parametrize(
    ("question", "place"),
    [
        ("my parcel still hasnt come and its been a week and a half, im in leeds", {"leeds"}),
        ("can you post me the davines shampoo? i'm out in athenry", {"athenry"}),
        ("do you come out to the hotel for weddings? we're getting ready in oranmore", {"oranmore"}),
        ("we're clearing my nan's house in dartington, about 15 boxes of books", {"dartington"}),
        ("can you post posters to my mum in cardiff?", {"cardiff"}),
        ("I have 2 westies in sallins, any discount for doing both", {"sallins"}),
        # no customer before it: the place is what is asked about
        ("do you deliver in leeds?", set()),
        ("is there parking near the shop?", set()),
        # "in" before an article is no place
        ("my dad is in a wheelchair, can he get in for an eye test?", set()),
        # the place must close the clause
        ("im in leeds next week, can i collect", set()),
    ],
)
def test_the_place_the_customer_is_at(question, place):
    assert customer_context.places(question) == place


@pytest.mark.parametrize(
    ("question", "aid"),
    [
        ("my mam uses a wheelchair, can she get into the salon ok?", {"wheelchair"}),
        ("my dad is in a wheelchair, can he get in for an eye test?", {"wheelchair"}),
        ("do any of your cars have hand controls? I'm a wheelchair user", {"wheelchair"}),
        ("my gran is on crutches since her op, is there a lift", {"crutches"}),
        ("can i come in with a walker", set()),
        ("my nan uses a mobility scooter", {"mobility", "scooter"}),
        ("can i bring the baby in a pram", set()),
        # asked about directly, the aid is what the question asks
        ("is the shop wheelchair accessible?", set()),
        ("do you have a wheelchair i could borrow", set()),
    ],
)
def test_a_mobility_aid_of_the_customers(question, aid):
    assert customer_context.aids(question) == aid


@pytest.mark.parametrize(
    ("question", "told"),
    [
        ("can i bring my dog in? hes a lab, very chilled", {"hes", "a", "lab", "very", "chilled"}),
        ("is your bread gluten free? my daughter is coeliac", {"my", "daughter", "coeliac"}),
        # a word of the question itself stays counted
        ("do you sell tea? green tea specifically", {"green", "specifically"}),
        # a second question is asked, not told
        ("do you sell tea? what kinds?", set()),
        ("do you sell tea? any green tea", set()),
        # a statement before the question may say what is asked
        ("my boiler broke. can you come today?", set()),
        # an asking sentence naming nothing leaves the next one to say what is asked
        ("can you help? i need a kilt shortened", set()),
        ("quick question? i need a kilt shortened", set()),
        ("Hi. I'd like a cake. Price?", set()),
        ("", set()),
    ],
)
def test_what_the_customer_adds_after_the_question(question, told):
    assert customer_context.added_after(question) == told


@pytest.mark.parametrize(
    ("question", "told"),
    [
        (
            "my son is 6 and obsessed with dinosaurs, is story time ok for his age",
            {"my", "son", "6", "and", "obsessed", "with", "dinosaurs"},
        ),
        ("hiya my little one is 4, how much is the kids book box", {"hiya", "my", "little", "one", "4"}),
        ("my mam is housebound. can someone come out to test her eyes", {"my", "mam", "is", "housebound"}),
        ("my dad's not great on stairs, is the barbers upstairs?", {"my", "dad", "s", "not", "great", "on", "stairs"}),
        # a word of the question itself stays counted
        ("my son is vegan, do you do vegan cakes?", {"my", "son", "is"}),
        # what follows asks nothing: no question to tell it before
        ("my daughter's hen party is next week. we want tshirts", set()),
        # no person of the customer's opens it: the clause may say what is asked
        ("my boiler is broken, can you come today?", set()),
        ("need 500 a6 leaflets for a car boot sale, how much", set()),
        ("my son wants a cake, how much", set()),
    ],
)
def test_who_the_question_is_for_told_before_it(question, told):
    assert customer_context.told_before(question) == told


def test_a_rare_word_told_after_the_question_still_counts():
    question = "will my phone insurance pay for the repair? I'm with Wertgarantie"
    assert "wertgarantie" in customer_context.story(question)
    assert "wertgarantie" not in customer_context.story(question, rare={"wertgarantie"})
    # a place is the customer's however rare
    assert "oranmore" in customer_context.story("can i collect? im in oranmore", rare={"oranmore"})


@pytest.mark.parametrize(
    "question",
    [
        "im " + "in leeds " * 500,
        "my " + "x " * 2000 + "in",
        "uses " * 800,
        "? " * 2000 + "a",
        ("do you? " * 500) + "hes a lab",
        "my son is " + "x " * 2000 + ", how much",
        "my son is " + "x " * 2000,
    ],
)
def test_long_messages_are_read_in_linear_time(question):
    started = time.process_time()  # CPU time: a machine busy elsewhere is no slow read
    customer_context.story(question)
    assert time.process_time() - started < 1.0
