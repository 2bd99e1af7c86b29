"""The asked-for thing whose words the passages name only apart, each in another item ("a private reformer
session" against a private session row and a reformer class row), counts them as unknown words (pipelines/abstention.py,
named_apart)."""

import time

import pytest

from pipelines import abstention

PRIVATE = "category: private sessions; item: private session; size: 60 minutes; yoga or mat pilates; price_eur: 89.00"
REFORMER = "category: single classes; item: drop-in reformer class; size: 1 reformer class; price_eur: 32.00"
PAYING = "Paying\nIn the bakery you can pay with cash, girocard (EC card), Visa and Mastercard."
TASTING = "category: services; item: wedding cake tasting; price_eur: 25.00; notes: credited to the wedding cake order"
CHILDREN = "Repairs > 4. Children's bikes\nWe repair them from 16 inch wheels upwards. Balance bikes get a free check."
WALKS = "Before your visit\nPlease give your dog a short walk before you arrive.\nWe groom dogs of every size."


@pytest.mark.parametrize(
    ("question", "unknown", "passages", "apart"),
    [
        # every word is the business's, each in another item
        ("how much is a private reformer session?", [], [PRIVATE, REFORMER], {"reformer"}),
        # one sentence or row names the whole thing
        ("how much is a drop-in reformer class?", [], [PRIVATE, REFORMER], set()),
        ("how much is a private session?", [], [PRIVATE, REFORMER], set()),
        # the passage's heading path is read with each of its sentences
        ("do you do checks on balance bikes?", [], [CHILDREN], set()),
        ("is there a price for children's bikes repairs?", [], [CHILDREN], set()),
        # a word named only as a longer word of its stem is not the business's in another item
        ("do you take credit card", [], [PAYING, TASTING], set()),
        # a thing of one known word is for the other figures; unknown words are counted as unknown already
        ("is there parking at the salon?", [], [WALKS], set()),
        ("do you sell dog toothpaste?", ["toothpaste"], [WALKS], set()),
        # no thing asked for, or no passages
        ("when are you open on saturdays?", [], [WALKS], set()),
        ("how much is a private reformer session?", [], [], set()),
        # the words a price question is phrased with are no part of the thing
        ("how much does a private session cost?", [], [PRIVATE, REFORMER], set()),
        # the role verb is read by unplayed_roles, not here
        ("do you sell dogs?", [], [WALKS], set()),
    ],
)
def test_named_apart(question, unknown, passages, apart):
    assert abstention.named_apart(question, unknown, passages) == apart


def test_ordinary_answerable_questions_are_not_named_apart():
    bread = "Reserving bread and rolls\nYou can reserve bread and rolls over WhatsApp and collect them at the counter."
    hours = "Opening hours\nWe are open Tuesday to Friday from 06:30 to 18:30, Saturday from 06:30 to 14:00."
    assert abstention.named_apart("can I reserve bread rolls for tomorrow?", [], [bread, hours]) == set()
    assert abstention.named_apart("how much is a nail clip for a small dog?", [], [WALKS, PRIVATE]) == set()
    table = "| Lesson | Price |\n|---|---|\n| Automatic lesson 60 min | €55 |\n| Manual lesson 60 min | €50 |"
    assert abstention.named_apart("how much are automatic lessons?", [], [table]) == set()


def test_the_sentence_holding_most_of_the_thing_by_weight_decides():
    weights = {"private": 1.0, "reformer": 3.0, "session": 1.0}
    # the reformer row holds the rarest word: what it leaves out weighs less
    assert abstention.named_apart("how much is a private reformer session?", [], [PRIVATE, REFORMER], weights) == {
        "private",
        "session",
    }


@pytest.mark.parametrize(("size", "budget"), [(4096, 0.02), (100_000, 0.5)])
def test_long_adversarial_messages_are_read_in_a_few_ms(size, budget):
    # The message is the customer's, of any length; a passage is a chunk of a few thousand characters at most. At
    # 100,000 characters most of the time is asked_for's reading of the message (~0.2 s for "is there a b a b …"),
    # which the other rules of the decision read as well.
    question = ("do you sell " + "private reformer session " * size)[:size]
    passage = ("# " + "a. " * 500)[:750] + "\n" + ("1. private session. " * 500)[:750]  # a chunk: ~1,500 chars
    abstention.named_apart("how much is a private reformer session?", [], [passage, REFORMER])  # passages read once
    taken = []
    for _ in range(3):  # the best of three: a loaded machine's pauses are no cost of the rule
        started = time.perf_counter()
        abstention.named_apart(question, [], [passage, REFORMER])
        abstention.named_apart("how much is " + "x" * size, [], [passage])
        abstention.named_apart("is there " + "a b " * size, [], [passage])
        taken.append(time.perf_counter() - started)
    assert min(taken) < budget


def test_headings_are_told_in_a_few_ms_on_long_lines():
    lines = ["#" * 7 + "\t" * 100_000 + "x", " " * 100_000 + "1" * 4096, "12" + " " * 100_000 + ".)"]
    started = time.perf_counter()
    assert not any(abstention._HEADING.match(line.lstrip()) for line in lines)
    assert time.perf_counter() - started < 0.005
