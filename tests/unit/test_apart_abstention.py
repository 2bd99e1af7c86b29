"""The asked-for thing whose words the passages name only apart, each in another item ("a discount for senior dogs"
against "senior turkey dry food … for dogs over 8"), counts its modifiers as unknown words (pipelines/abstention.py,
named_apart)."""

import time

import pytest

from pipelines import abstention

PRIVATE = "category: private sessions; item: private session; size: 60 minutes; yoga or mat pilates; price_eur: 89.00"
REFORMER = "category: single classes; item: drop-in reformer class; size: 1 reformer class; price_eur: 32.00"
PAYING = "Paying\nIn the bakery you can pay with cash, girocard (EC card), Visa and Mastercard."
TASTING = "category: services; item: wedding cake tasting; price_eur: 25.00; notes: credited to the wedding cake order"
SENIOR = "category: shop food; item: senior turkey dry food; size: 6 kg; price_eur: 38.00; notes: for dogs over 8"
WALKS = "On the day\nPlease give your dog a short walk before you arrive.\nWe groom dogs of every size."
BREAD = "Allergies\nAll our bread is also baked gluten-free on Fridays. Rolls: order by 16:00 the day before."
SHOP = "The shop\nThe shop sells dry food, treats and chews. We send a bag of food by post for 5.00."


@pytest.mark.parametrize(
    ("question", "unknown", "passages", "apart"),
    [
        # every word is the business's, each in another item: the modifiers count
        # two of three words meet ("private session"): left to the other figures
        ("how much is a private reformer session?", [], [PRIVATE, REFORMER], set()),
        ("do you do private reformer?", [], [PRIVATE, REFORMER], {"private"}),
        ("is there a discount for senior dogs", ["discount"], [SENIOR, WALKS], {"senior"}),
        # two neighbours of the thing meet in a row or sentence, a few words apart at most, in either order
        ("how much is a drop-in reformer class?", [], [PRIVATE, REFORMER], set()),
        ("how much is a private session?", [], [PRIVATE, REFORMER], set()),
        ("is there senior dog food?", [], [SENIOR], set()),
        ("do you have gluten free bread?", [], [BREAD], set()),
        ("do you have bread that is gluten free?", [], [BREAD], set()),
        # a word named only as a longer word of its stem is not the business's in another item
        ("do you take credit card", [], [PAYING, TASTING], set()),
        # a thing of one known word is for the other figures; unknown words are counted as unknown already
        ("is there parking at the salon?", [], [WALKS], set()),
        ("do you sell dog toothpaste?", ["toothpaste"], [WALKS], set()),
        # no thing asked for, or no passages
        ("when are you open on saturdays?", [], [WALKS], set()),
        ("how much is a private reformer session?", [], [], set()),
        # the words of a price question, the role verb and a service's own verb are no part of the thing
        ("how much does a private session cost?", [], [PRIVATE, REFORMER], set()),
        ("do you sell dogs?", [], [WALKS], set()),
        ("can you post me out a bag of food", [], [SHOP], set()),
    ],
)
def test_named_apart(question, unknown, passages, apart):
    assert abstention.named_apart(question, unknown, passages) == apart


def test_ordinary_answerable_questions_are_not_named_apart():
    hours = "Opening hours\nWe are open Tuesday to Friday from 06:30 to 18:30, Saturday from 06:30 to 14:00."
    reserve = "Reserving bread and rolls\nYou can reserve bread and rolls over WhatsApp and collect them here."
    assert abstention.named_apart("can I reserve bread rolls for tomorrow?", [], [reserve, hours]) == set()
    assert abstention.named_apart("how much is the senior dry food?", [], [WALKS, SENIOR]) == set()
    table = "| Lesson | Price |\n|---|---|\n| Automatic lesson 60 min | €55 |\n| Manual lesson 60 min | €50 |"
    assert abstention.named_apart("how much are automatic lessons?", [], [table]) == set()
    assert abstention.named_apart("what time do you open on saturdays?", [], [hours]) == set()


@pytest.mark.parametrize(("size", "budget"), [(4096, 0.05), (100_000, 1.0)])
def test_long_adversarial_messages_are_read_in_a_few_ms(size, budget):
    # The message is the customer's, of any length; a passage is a chunk of a few thousand characters at most. Measured
    # at most 6 ms at 4,096 characters and 62 ms at 100,000 (of which 37 ms are asked_for's reading of "is there a b a
    # b …", which the other rules of the decision do as well); the budgets leave room for a loaded machine.
    passage = ("a. " * 500)[:750] + "\n" + ("1. private session. " * 500)[:750]  # a chunk: ~1,500 chars
    abstention.named_apart("how much is a private reformer session?", [], [passage, REFORMER])  # passages read once
    messages = ["do you sell " + "private reformer session " * size, "how much is " + "x" * size]
    messages.append("is there " + "a b " * size)
    for message in (m[:size] for m in messages):
        taken = []
        for _ in range(3):  # the best of three: a loaded machine's pauses are no cost of the rule
            started = time.perf_counter()
            abstention.named_apart(message, [], [passage, REFORMER])
            taken.append(time.perf_counter() - started)
        assert min(taken) < budget
