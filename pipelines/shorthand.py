"""Customers' shorthand, written out: "do u take amex", "250 biz cards", "im at uni, any discount?". A document
writes "American Express", "business cards" and "students"; searched as typed, the shorthand meets no passage and
counts as a word the documents do not know, so an answerable question was abstained on. Each entry is a common
English abbreviation of chat and shop talk with one reading in a customer's message; ambiguous ones are left out
("gf": gluten-free or girlfriend, "min": minimum or minute, "sat": Saturday or sat nav, "mo": month or moment).
A clipped word of everyday speech counts as shorthand when shops write it otherwise: "telly" is a TV in every price
list (an electrical shop's customers wrote it in 19 of 226 messages, and each question holding it was abstained on).
"""

from __future__ import annotations

_SHORTHAND_TEXT = """
amex american express
biz business
uni university
appt appointment
appts appointments
tmrw tomorrow
tmr tomorrow
tmro tomorrow
tomoz tomorrow
2moro tomorrow
2morrow tomorrow
2day today
2nite tonight
tonite tonight
nite night
xmas christmas
bday birthday
wknd weekend
wkend weekend
wk week
wks weeks
hr hour
hrs hours
mins minutes
secs seconds
yrs years
pic picture
pics pictures
ppl people
msg message
b4 before
thru through
govt government
dept department
qty quantity
pcs pieces
approx approximately
deets details
mob mobile
telly tv
tellies tvs
"""
SHORTHAND: dict[str, tuple[str, ...]] = {
    line.split()[0]: tuple(line.split()[1:]) for line in _SHORTHAND_TEXT.strip().splitlines()
}


def written_out(word: str) -> tuple[str, ...]:
    """The words a lowercased shorthand stands for, or the word itself."""
    return SHORTHAND.get(word, (word,))
