"""Intent: what the customer wants. An embedding classifier over example utterances
(the default, no LLM needed), the parsing and repair of an LLM's JSON verdict, and
simple payload extraction for tasks."""

from __future__ import annotations

import bisect
import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from pydantic import ValidationError

from pipelines.asked_sizes import UNIT_PATTERN
from schemas.bot import BusinessIntent
from schemas.messages import IntentResult, RankedLabel

# Class names: "Response", "HumanHandoff", "Task:<task_type>", and for a business's own intents
# "Answer:<key>", "Task:<key>", "Handoff:<key>". Plain questions outnumber requests on purpose, and many
# of them use ordering and booking words: asking how to order is a question, not an order.
# Small talk is answered by the bot itself (documents hold no answer to "hi"): built-in answer intents whose
# canned reply small_talk_reply writes. A business intent with the same key and a reply of its own wins.
SMALL_TALK: dict[str, list[str]] = {
    "Answer:greeting": ["hello", "hi, good morning", "good evening", "hey there", "hallo", "bonjour"],
    "Answer:thanks": ["thank you", "thanks a lot"],
    # A farewell with a day ("see you Saturday") is kept from a booking by `evidence`, not by more examples here:
    # five more farewells cost BANKING77 0.0016 (test) by changing the small-talk classes' fit.
    "Answer:goodbye": ["bye", "see you", "goodbye"],
}

DEFAULT_EXAMPLES: dict[str, list[str]] = {
    **SMALL_TALK,
    "Response": [
        "ok great", "alright, noted", "you're welcome",
        "how much does it cost?", "what is the price of the blue one?", "how much is the large size?",
        "what are your prices?", "is it cheaper if I buy more than one?", "do you have any discounts this week?",
        "how much is delivery?", "is shipping free?", "what does a service cost?", "price list please?",
        "do you have this in stock?", "is the medium size available?", "when will it be back in stock?",
        "do you still sell the old model?", "which colours do you have?", "what sizes do you have?",
        "what are your opening hours?", "are you open on Sunday?", "what time do you close on Saturday?",
        "are you open today?", "are you open on public holidays?", "when do you open tomorrow?",
        "where is your shop?", "what is your address?", "is there parking near you?",
        "do you deliver to my city?", "how long does delivery take?", "do you ship abroad?",
        "when will my order arrive if I order today?", "which courier do you use?",
        "how do I place an order?", "can I order online?", "is there a minimum order?",
        "how do I book an appointment?", "do I need to book in advance?", "how far ahead can I book?",
        "can I cancel a booking later?", "what is your return policy?", "can I return it if it doesn't fit?",
        "how long is the warranty?", "is there a warranty?", "which payment methods do you accept?",
        "can I pay by card?", "do you take mobile money?", "can I pay on delivery?",
        "tell me more about this product", "what is it made of?", "which one do you recommend?",
        "what's the difference between these two?", "is this suitable for beginners?",
        "do you send invoices by email?", "do you have a catalogue?", "do you have a website?",
        "how long does a repair usually take?", "do you offer gift cards?", "is it vegan?",
        "do you sell wholesale?", "how does the subscription work?", "what do customers usually order?",
        # Written in the voice of many small businesses: hours with a day in them, "can you …?" asking what
        # the business does, and how-to questions that use ordering, booking and email words.
        "u open sundays?", "r u open on bank holiday monday", "till what time are you open on fridays",
        "what time do you close tonight", "are you open this weekend?", "do you open early on saturdays?",
        "is the shop open over easter?", "when's the salon open on thursdays",
        "can you fix a zip on a leather jacket?", "do you repair garden gates?", "can you alter wedding dresses?",
        "do you do home visits?", "could you do a gluten free version?", "do you cater for big groups?",
        "can you print on t-shirts?", "do you deliver on sundays?", "how late can I collect on a saturday?",
        "how much notice do you need for a large order?", "can I pay when I pick it up?",
        "do you send a receipt by email?", "do you email the invoice or post it?",
        "what should I do if the plant leaves go yellow?", "my tap is dripping, is that normal?",
        "the paint chipped after a week, is that covered?", "how do I keep the flowers fresh longer?",
        "is it ok to wash it at 40 degrees?", "which one would you pick for a small garden?",
        "how long is the wait for a haircut on a saturday?", "do I need an appointment or can I just walk in?",
        "can I order for someone else?", "do you take orders over the phone?", "do you have a menu for parties?",
        "how far in advance should I order for a wedding?", "is there a waiting list?",
    ],
    "Task:book_calendar": [
        "I want to book an appointment", "can we schedule a meeting tomorrow at 3pm?",
        "book me a slot on Friday morning", "I'd like to reserve a table for two on Saturday",
        "can I come in next Monday at 10?", "please set up a call with your team next week",
        "book me in for Thursday afternoon please", "I'd like an appointment on the 12th at 11am",
        "please reserve a time for me this Saturday", "put me down for a service on Tuesday",
        "can you fit me in tomorrow morning? please book it", "schedule a fitting for me next week",
        "arrange a meeting with your sales team for me", "book my car in for a check-up on the 3rd",
        "I'd like to come by on Wednesday at 2, please put me in the calendar",
        "can I get a haircut at 4 today?", "I'd like a consultation next Tuesday afternoon",
        "could you pencil me in for 9:30 on the 14th?", "need a plumber to come round tomorrow morning",
        "we'd like to book the room for a birthday party on the 20th",
        "is 11 tomorrow free for a massage? I'll take it",
        "I'll drop the car off monday at 8, book it in please", "can we do a tasting session next thursday at 6pm?",
        "could we arrange a video call about our office project next week?",
    ],
    "Task:create_order": [
        "I want to order 3 of these", "please place an order for two bags of rice",
        "I'll take the red one, send it to my address", "add 5 units to my order and deliver them",
        "I want to buy this, how do I pay?", "order the large size for me please",
        "I'd like two of the 1kg bags please", "please send me one of each to my address",
        "I'll buy it, please reserve one for me", "yes, I want to order that, deliver it tomorrow",
        "put me down for 10 boxes", "I'd like to buy the blue one in size M",
        "please set one aside for me, I'll pick it up", "add a charger and a case to my order",
        "I need 2 more of the same as last time", "get me a pair of the black ones, size 42",
        "I'd like a bouquet of white roses for friday, I'll collect it at 5",
        "can I get 2 kg of minced beef for saturday?",
        "we need sandwich platters for 30 people next thursday", "I want the green lamp from your window",
        "could you save me a bag of the dark roast? I'll pick it up tomorrow", "I'll have the tasting box, please",
        "can I order a gift hamper for my mum's birthday on the 3rd?", "I want to buy the bike you posted yesterday",
        "I'd like to order flowers for a funeral on monday", "put aside two of the big candles for me",
        "I'd like to pre-order the new board game for my son", "we want 50 printed mugs for our company event",
    ],
    "Task:send_email": [
        "please email me the catalogue", "send the price list to my email", "can you email me an invoice?",
        "mail me the details at my address", "send a quote to my email please",
        "email me your price list", "send me the brochure by email",
        "my email is anna@example.com, please send me the menu", "forward the details to my email",
        "please send the offer to my work email", "mail me your terms and conditions",
        "email me the order confirmation again", "send the report to my email", "email the invoice to tom@example.com",
        "could you put that quote in an email for me?", "mail me the photos of the finished table",
        "pls email me a written estimate", "send the pictures to my inbox", "can I have the invoice by email please",
        "e-mail me the list of fabrics you have", "could you mail me the floor plan of the venue?",
        "I need the quote in writing, email it to me",
    ],
    "HumanHandoff": [
        "I want to talk to a human", "let me speak to the manager", "can a real person call me?",
        "this is not helpful, connect me to someone", "I have a complaint about my order",
        "my package arrived broken and I am very unhappy", "I want a refund now", "stop the bot please",
        "are you a robot? I need a real person", "please have someone call me back",
        "I'm very angry, nobody has answered me for days", "put me through to the owner",
        "you charged me twice!", "this is unacceptable, I am really upset",
        "hello?? is anybody there? I need to talk to staff", "I need to discuss a contract with someone in charge",
        "our order still hasn't come and the party starts in an hour!", "the flowers were dead when they arrived",
        "can someone from the shop ring me about a special request?", "I'd rather talk to the tailor himself",
        "it's a tricky job, can a person look at it?", "you sent the wrong size and I need it today!!",
        "this is the third time I've written, please answer", "can the owner phone me, it's about the invoice",
        "I want to speak to whoever worked on my car", "urgent: the van blocked our driveway, who do I call?",
    ],
}

# An address starts where a run of its characters starts and its parts are as long as an address's may be: a search
# from inside every run of letters ("ft" repeated 4,000 times) would cost the square of the message.
_EMAIL = re.compile(r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,253}\.[A-Za-z]{2,63}\b")
_PHONE = re.compile(r"(?<!\w)\+?\d[\d\s().-]{6,}\d(?!\w)")
_TIME = re.compile(r"\b(?:[01]?\d|2[0-3])(?::[0-5]\d)?\s?(?:am|pm)\b|\b(?:[01]?\d|2[0-3]):[0-5]\d\b|"
                   r"(?<=\bat )(?:[01]?\d|2[0-3])(?:\.[0-5]\d)?\b(?!\s*(?:%|euro|eur|€|\$|£|pounds?|dollars?))", re.I)
# What a quantity is counted in, beside the sizes' units (pipelines/asked_sizes.py).
_COUNTED = r"units?|pieces?|pcs|bags?|boxes?|packs?|items?|bottles?|pairs?"
_DATE = re.compile(
    # ("2.5 kg", "1.5 kilos", "3.5 pairs" are measures: a unit after the number)
    r"\b(?:\d{4}-\d{2}-\d{2}|\d{1,2}[/.]\d{1,2}(?:[/.]\d{2,4})?"
    rf"(?!\s*(?:%|(?:{UNIT_PATTERN}|{_COUNTED}|of\s+(?:these|those|them|the)|x)\b))|today|tomorrow|tonight|"
    r"(?:next |this )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|week|weekend)|"
    r"\d{1,2}(?:st|nd|rd|th)? (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*)\b|"
    # a day of the month alone ("on the 14th"), not a rank ("for the 5th time", "the 2nd floor")
    r"(?:(?<=\bon the )|(?<=\bby the )|(?<=\bfor the )|(?<=\btill the )|(?<=\bto the ))\d{1,2}(?:st|nd|rd|th)\b"
    # and not a rank before its noun ("the 3rd step", "the 10th anniversary"): end, punctuation or a small word
    r"(?=\s*(?:$|[,.!?;:)]|(?:at|in|of|please|pls|then|and|or|if|around|about|from|to|for|is|would|could|"
    r"works?|ok|okay)\b))", re.I)
# A number as written: "1.5" (kg), "1,000" (bags); never the tail of one ("5" of "1.5", "000" of "1,000").
_QUANTITY = re.compile(r"(?<![\d.,])\b(\d{1,3}(?:,\d{3})+|\d{1,5}(?:\.\d{1,3})?)\s*(?:x\s*)?"
                       rf"({_COUNTED}|kgs?|kilos?|litres?|liters?|of (?:these|those|them|the \w+))\b", re.I)
_WEIGHT_UNITS = {"kg", "kgs", "kilo", "kilos"}
_DESCRIBED = re.compile(r"\b(?:(?:she|he|it)(?:'s|\s+is|\s+was)|weighs|weighing|weighed)\s*"
                        r"(?:about\s+|around\s+|over\s+|under\s+|nearly\s+|almost\s+)?", re.I)
_WORD_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                 "nine": 9, "ten": 10, "a dozen": 12}


@dataclass(frozen=True)
class DecisionRules:
    """When a classifier's probabilities are enough to act.

    Costs are asymmetric: answering a request as a question costs a follow-up message, while
    starting a task or a hand-off for a question is a wrong action. So an action must be both
    probable and clearly ahead of the runner-up outcome; an answer only has to rank first. How
    clear depends on the message's form: a request ("please book…", "I'd like…") needs less
    than a statement, a question ("do you deliver…?") the most.
    """

    request_min_probability: float = 0.25
    request_min_margin: float = 0.0
    statement_min_probability: float = 0.35
    statement_min_margin: float = 0.1
    question_min_probability: float = 0.8
    question_min_margin: float = 0.45
    # An Answer:<key> below this is answered from the documents as a plain question instead.
    answer_min_probability: float = 0.0
    # A task whose details the message gives (TASK_DETAILS) is this many times likelier than the
    # classifier alone says: "send the report to lisa@example.org" is an email to send.
    details_odds: float = 2.0
    # A message's words that ask for an outcome (`evidence`: "email me", "call me", "can I order a …",
    # a complaint) make it this many times likelier; with the text given, this replaces details_odds.
    evidence_odds: float = 3.0
    # A business's own answer intent (Answer:<key>) is this many times likelier than the classifier
    # alone says. Its examples were written for its own customers, the shipped defaults are generic
    # ("how much does it cost?"), and both outcomes are answers, so leaning to the business's costs no
    # wrong action. Chosen on BANKING77's later training rows (dev): 1 → 2 moved 0.8578 → 0.8610,
    # 2 to 4 the same; the suites have no answer intents, so they are unchanged.
    answer_odds: float = 2.0

    def for_form(self, form: str) -> tuple[float, float]:
        return {"request": (self.request_min_probability, self.request_min_margin),
                "question": (self.question_min_probability, self.question_min_margin)}.get(
            form, (self.statement_min_probability, self.statement_min_margin))


_REQUEST = re.compile(
    r"^(?:hi|hello|hey|ok|okay|yes|great|good|so|then|and)?[\s,!.]*(?:please|pls|plz|kindly|"
    r"(?:can|could|would|will)\s+(?:you|u|ya|ye)|"  # "you" as WhatsApp spells it too: "can u", "could ye"
    r"i want|i wanna|i'd like|id like|i would like|i need|i'll take|ill take|i'll have|"
    r"let me|let's|lets|get me|give me|book|send|email|e-mail|mail|order|add|put|reserve|schedule|deliver|"
    r"set up|arrange|cancel|forward|ship|call me|sign me|connect me|transfer me)\b", re.I)
_QUESTION = re.compile(
    r"^(?:hi|hello|hey|ok|okay|so|and)?[\s,!.]*(?:(?:till|until|by)\s+(?=when\b))?"  # "till when do i …"
    r"(?:how|hw|what|what's|whats|when|where|which|who|why|is|are|do|"
    r"does|did|can i|can we|could i|may i|will|would it|have you|have ye|has|should|r u|are u|do u|does it|any|"
    # "anything i need to bring": asking as "any …" does; not "anything but chocolate for the cake on saturday"
    r"anything\s+(?:i|we|u|you|else)|can (?!you\b|u\b)\w+)\b", re.I)
# A question after a first clause: "dropped my phone in the bath, what should i do now".
_LATER_QUESTION = re.compile(
    r"[,.;:!?]\s*(?:so\s+)?(?:how|hw|what|what's|whats|when|where|which|why|is|are|do|does|can i|could i|should i|"
    r"should we|r u|are u|do u|will i|will it)\b|"
    # "buying six bottles for a bbq, any discount": what is asked of an order, not the order's own "any colour"
    r"[,.;:!?]\s*any\s+(?:discounts?|deals?|offers?|chance|way|news|updates?|reductions?|money off)\W*$", re.I)


# A question inside a message written without punctuation: "i lost my logbook what do i do". The verb before its
# subject is what makes it a question ("tell me when you are open" is none).
_INNER_QUESTION = re.compile(r"\b(?:how|what|when|where|which|why)\s+(?:do|does|did|should|can|could|would|will|is|"
                             r"are|must)\s+(?:i|we|you|u)\b", re.I)


def message_form(text: str) -> str:
    """"request", "question" or "statement": how the customer put it, as evidence for acting."""
    cleaned = text.strip()
    if _REQUEST.search(cleaned) or re.search(r"\b(?:please|pls|plz|kindly)\b", cleaned, re.I):
        return "request"
    if (_QUESTION.search(cleaned) or cleaned.endswith("?") or _LATER_QUESTION.search(cleaned)
            or _INNER_QUESTION.search(cleaned)):
        return "question"
    return "statement"


# --- evidence in the words -----------------------------------------------------------------------
# What a message asks the business to do, beyond what its sentence resembles. A sentence's embedding
# puts "what time do you open on Saturday" near "can I come in on Saturday": the words tell asking
# about a thing from asking for it. Evidence raises an outcome's odds (DecisionRules.evidence_odds)
# and lets a question that carries it be decided as a statement; it never decides alone.

# The channel the customer names: an email to send, a person to talk to.
_EMAIL_ASKED = re.compile(
    r"\b(?:e-?mail|mail)\s+(?:me|us|it|them|this|that|over|across|a |an |the |your |my |our )|"
    r"\b(?:by|via|per|through|over|in an?|to my|to our|into my)\s+(?:e-?mail|mail|inbox)\b|"
    r"\b(?:my|our)\s+(?:\w+\s+)?(?:e-?mail|inbox)\b|\bsend\b[^.?!]{0,120}?\b(?:e-?mail|inbox)\b|"
    # a thing to have emailed: "could I get a VAT invoice emailed", "can the voucher be emailed again" ("will it be
    # emailed?" asks how it is sent)
    # Only asked for ("can I get …", "I'd like to have …", "please get …") and with a thing named: "I have emailed
    # you twice", "have you emailed the invoice yet?" and "I'll get them emailed to you" tell, not ask.
    r"(?:\b(?:can|could|may)\s+(?:i|we)|\b(?:i|we)(?:'d| would)\s+(?:like|love)\s+to|\bplease)\s+(?:get|have)\s+"
    r"(?:[\w-]+\s+){1,4}e-?mailed\b|"
    r"\b(?:can|could)\s+(?:[\w'-]+\s+){1,4}be\s+e-?mailed\b", re.I)
_PERSON_ASKED = re.compile(
    r"\b(?:call|ring|phone)\s+(?:me|us)\b|\bcall\s+(?:me\s+)?back\b|"
    r"\b(?:speak|talk|chat)\s+(?:to|with)\s+(?:a |an |the |one of |someone|somebody|anyone|a real|your |staff|"
    r"the owner|the manager)|"
    r"\b(?:manager|owner|boss|supervisor|(?:someone|somebody|whoever(?:\s+is|'s)?)\s+in\s+charge)\b|"
    r"\b(?:a|real|actual|living)\s+(?:human|person|people)\b|\bhumans?\b|"
    r"\bput me through\b|\bconnect me\b|\b(?:someone|somebody|anyone|one of (?:the|your) \w+)\s+(?:to\s+)?"
    r"(?:call|ring|phone|contact|get back|help|look|come)|"
    r"\bwho\s+(?:can|could|should|do)\s+(?:i|we)\s+(?:talk|speak)\s+to\b", re.I)
# Whether anyone is there at all, the clause ending on it: "is anyone there??", "hello, anybody home?". It asks for a
# person in a question's form, so it counts before questions about the business are set aside ("does anyone there
# speak Spanish?" asks about the staff: its clause goes on).
# The question starts its clause ("what time is anyone there?", "I left the keys with someone there" are none).
_ANYONE_THERE = re.compile(
    r"(?:^|[.?!,;]\s*)(?:(?:hi|hello|hey|excuse me|sorry)[\s,!.?]*)?(?:(?:is|are)\s+(?:there\s+)?)?"
    r"(?:any|some)(?:one|body)\s+(?:there|here|around|home|awake|in)?\s*(?:[?!.,]|$)", re.I)
# Whether a person is there at all, asked of the chat itself: "is there a real person on here", "is there a human
# there at all", "are you a real person?". Only the chat's person: "is there a person who can fit a car seat?" asks
# about the staff, so the clause must end on the person or on where they are.
_HUMAN_THERE = re.compile(
    r"(?:^|[.?!,;]\s*)(?:(?:hi|hello|hey|excuse me|sorry|um|ok)[\s,!.?]*)?"
    r"(?:is\s+there|are\s+there|is\s+this|are\s+(?:you|u)|am\s+i\s+(?:talking|speaking|chatting)\s+(?:to|with))\s+"
    # one space run between words, each word optional with its own: no run split many ways (a message of spaces)
    r"(?:(?:a|an|any)\s+)?(?:(?:real|actual|live|living)\s+)?(?:human|person|people|humans|persons)"
    r"(?:\s+(?:there|here|on\s+here|on\s+there|on\s+this|at\s+all|at\s+the\s+other\s+end|reading\s+this))*"
    r"\s*(?:[?!.,]|$)", re.I)
# Someone by name ("I want to speak to Miriam directly", "… to Émilie"): a capital letter is the evidence, so
# not re.I; a day, a month or one of the customer's own people written with a capital is no name of the staff.
_PERSON_NAMED = re.compile(
    r"\b(?:[Ss]peak|[Tt]alk|[Cc]hat)\s+(?:to|with)\s+"
    r"(?!(?:I|My|Your|The|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|"
    r"May|June|July|August|September|October|November|December|Mum|Mom|Dad|Husband|Wife|Partner|Boyfriend|"
    r"Girlfriend|Son|Daughter|Family)\b)[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+")
# Who holds a role, asked as a fact ("who's the boss there", "who is the owner?"): the documents often name them, and
# the words ask for no one to talk to. Asking to speak with them stays a hand-off ("who's the manager, I want to talk
# to them"), by `_PERSON_ASKED`'s other forms.
_IDENTITY_ASKED = re.compile(
    r"^(?:hi|hello|hey)?[\s,!.]*who(?:'s|s|\u2019s|\s+is|\s+are)\s+(?:the|your|ur)\s+(?:owner|boss|manager)s?"
    r"(?:\s+(?:there|here|of\s+(?:the\s+)?(?:shop|place|business)))?[\s?!.]*$", re.I)
# Something went wrong and the customer is upset or in a hurry: a person should see it.
_COMPLAINT = re.compile(
    r"\bnever\s+(?:arrived|came|showed|turned up|got|received)|\bstill\s+(?:waiting|not|hasn't|has not|haven't)|"
    # a long wait for a thing owed: "I've been waiting for an answer since yesterday", "… since monday for the
    # parcel" ("is there a waiting list?", "been waiting for ages to try your sourdough", "waiting all week for
    # saturday's lesson" and "kept waiting for a reply so I rang, all sorted" are none)
    r"\b(?:been(?:\s+kept)?|still)\s+waiting\s+(?:for\s+(?:an?\s+|your\s+|my\s+|the\s+)?"
    r"(?:answer|reply|response|call|refund|delivery|parcel|package|order)|"
    r"(?:for\s+)?(?:since|ages|days|hours|weeks|all\s+(?:day|week|morning)|(?:over|more than)\s+an?\s|\d+\s+\w+)"
    r"(?![^.?!]{0,40}?\bto\s+(?!me\b|us\b|get\b|receive\b|hear\b)\w)"
    r"[^.?!]{0,40}?\b(?:answer|reply|response|call|refund|delivery|parcel|package|order|email|money)s?\b)|"
    r"\bcomplain|\brefund|\bmoney back\b|\bunacceptable|\bdisappoint|\bfurious|\bangry|\bupset|\bruined|\bscam\b|"
    r"\bcharged\s+(?:me\s+)?twice|\bwrong\s+(?:order|item|size|cake|one|thing|parcel|bike|part)|"
    r"\b(?:arrived|came)\s+(?:broken|damaged|late|squashed|melted)|\burgent(?:ly)?\b|\basap\b|"
    # money taken that should not have been: "you charged me €62 but …", "you still take money from my account"
    r"\b(?:over)?charged\s+me\b|\bbilled\s+me\b|"
    # ("can you take the money from my card now?" pays: a taking asked for is no complaint)
    r"\b(?:you|u|they)\s+(?:(?:have|'ve|already|just|also)\s+)*(?:took|taken|deducted)\b"
    r"[^.?!]{0,30}\b(?:money|(?:off|from)\s+my\s+(?:card|account))\b|"
    r"\b(?:you|u|they)\s+(?:(?:still|keep|are|'re)\s+)+(?:take|taking|deducting)\b"
    r"[^.?!]{0,30}\b(?:money|(?:off|from)\s+my\s+(?:card|account))\b", re.I)
# "!!" is urgency, unless thanks stand beside it: "passed!!! thank you so much", "thanks a mil, she looks gorgeous!!",
# "the cake was amazing!! thanks". Thanks after it leave it urgent when its clause names trouble ("my dog is
# bleeding!! please reply, thanks", "the party starts in an hour!! thx"). "no thanks" is neither thanks nor urgency
# ("ok no thanks!!"); "thanks for nothing!!" is no thanks at all.
_EXCLAIMED = re.compile(r"!!")
_THANKS = re.compile(r"\b(?:thanks|thank\s+(?:you|u)|thx|ty|cheers|ta|much appreciated|appreciate it)\b", re.I)
_THANKS_FOR_NOTHING = re.compile(r"\bthanks\s+for\s+nothing\b", re.I)
_NO_THANKS = re.compile(r"\bno\s+thanks\b", re.I)
# Trouble a "!!" may carry even beside thanks: harm, a thing missing or broken, a plea for an answer, a deadline.
_TROUBLE = re.compile(r"\bhelp\b|\bplease\s+(?:reply|answer|respond|call|ring|hurry)|\basap\b|\burgent|\bemergenc|"
                      r"\bbleed|\bbroken|\bbroke\b|\bhurt|\binjur|\bnot\s+(?:here|arrived|come|working)|"
                      r"\bhas(?:n't| not)\s+(?:arrived|come)|\bmissing\b|\blost\b|\bwhere\s+is\b|"
                      r"\bin\s+(?:an?|one|two|\d+)\s+(?:hour|min)", re.I)
_SENTENCE_END = re.compile(r"[.?!]")
# How far from "!!" thanks still speak to it (a short clause either side), and how far back its clause is read.
_THANKS_REACH = 40
_CLAUSE_REACH = 80


def _urgent(text: str) -> bool:
    """Whether the message's "!!" is urgency rather than joy or thanks."""
    words = _THANKS_FOR_NOTHING.sub(lambda m: " " * len(m.group()), text)
    refusals = [m.span() for m in _NO_THANKS.finditer(words)]
    words = _NO_THANKS.sub(lambda m: " " * len(m.group()), words)
    for mark in _EXCLAIMED.finditer(words):
        before = words[max(0, mark.start() - _THANKS_REACH):mark.start()]
        after = words[mark.end():mark.end() + _THANKS_REACH]
        if _THANKS.search(before):
            continue
        thanks_after = _THANKS.search(after)
        # The last refusal starting before the reach ends is the one nearest: refusals never overlap.
        last = bisect.bisect_right(refusals, (mark.end() + _THANKS_REACH, len(words))) - 1
        refused = last >= 0 and refusals[last][1] >= mark.start() - _THANKS_REACH
        if thanks_after or refused:
            clause = _SENTENCE_END.split(words[max(0, mark.start() - _CLAUSE_REACH):mark.start()])[-1]
            said = clause + " " + after[:thanks_after.start() if thanks_after else len(after)]
            if not _TROUBLE.search(said):
                continue
        return True
    return False
# A first-person want or a request with a thing to have: "can I order a cake", "I want two loaves", "I'd like to rent a
# locker".
_ORDER_ASKED = re.compile(
    r"\b(?:i|we)(?:'d| would)?\s+(?:like|want|wanna|need)\s+"
    # (hiring a person is a service asked for, not a thing to have: "I'd like to hire a driving instructor")
    r"(?:to\s+(?:order|buy|get|purchase|pre-?order|pay for|rent|hire(?!\s+(?:an?|one|some|the|your)\s+(?:[\w-]+\s+)?"
    r"(?:instructor|teacher|trainer|tutor|coach|driver|groomer|photographer|person|someone|somebody|cleaner|"
    r"gardener|mechanic|technician|designer|baker|dj|staff)s?\b))\s+)?"
    r"(?:a|an|one|two|three|four|five|six|\d+|some|the|this|that|these|those|it|them)\b|"
    r"\b(?:i|we)(?:'ll| will)\s+(?:take|have|buy|order)\b|\b(?:order|buy|reserve)\s+(?:me|us)\b|"
    r"\b(?:set|put)\s+(?:one|it|them|some|\w+)\s+aside\b|"
    r"\b(?:i|we)(?:'ll| will| can| could)?\s+"
    r"(?:pick\s+(?:it|them|one|those|these|the \w+)\s+up|collect\s+(?:it|them))\b|"
    r"^(?:yes|ok|okay|great|good|then)?[\s,!.]*(?:please\s+|pls\s+)?(?:order|buy|get|reserve)\s+"
    r"(?:the|a|an|one|two|three|\d+|me|us|it|them)\b", re.I)
# Asking whether one may order ("can I order a case from you?") is a question, unless it says when or how many.
_ORDER_ASKED_IF = re.compile(
    r"\b(?:can|could|may)\s+(?:i|we)\s+(?:order|pre-?order|buy|get|have|grab)\s+(?:a|an|one|two|three|four|five|"
    r"six|\d+|some|the|this|that|these|those|it|them|\w+ of)\b", re.I)
# Asking to have a thing at a time asks for goods or a service alike: "can I get a double lesson on saturday morning",
# "can I get a cake for friday". Which one, the examples say.
# Renting or hiring is the same: "I'd like to hire the hall on the 12th" may be a booking.
# A paper or news about a thing had ("can I get the receipt for …", "an update on my order") is none, nor a day gone
# by when no other day is named ("last saturday", "my order from monday", "tuesday's lesson").
_HAVE_ASKED_IF = re.compile(r"\b(?:can|could|may)\s+(?:i|we)\s+(?:get|have)\s+(?:a|an|one|some|the|my|our)\s+"
                            r"(?!(?:receipt|invoice|update|refund|copy|confirmation|statement)s?\b)|"
                            # the day the rented thing is for: "hire the hall on the 12th" ("rent a van to collect the
                            # shed on saturday": the day is the errand's)
                            r"\b(?:rent|hire)\s+(?:(?!to\b)[\w'-]+\s+){1,3}(?:on|for|from)\b", re.I)
# (an order placed on a day is gone too: "an update on my order from monday"; "a bike from monday to friday" is not)
_DAY_GONE = re.compile(r"\b(?:(?:last|since|(?:order|ordered|bought|paid)\s+(?:it\s+)?from)\s+(?:\w+\s+)?"
                       r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|week|weekend)|"
                       r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)'s)\b", re.I)
# A day named besides those gone by is the one asked for: "a cake for saturday, last saturday's one was great".
_DAY_NAMED = re.compile(r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|tonight|tomorrow|"
                        r"weekend)\b", re.I)


def _only_days_gone(text: str) -> bool:
    """Whether the message names a day gone by and no other day."""
    rest, gone = _DAY_GONE.subn(" ", text)
    return gone > 0 and _DAY_NAMED.search(rest) is None


# A counted or packed thing is no question of whether one may order at all: "can I buy 3 lessons as a present",
# "can i get 3x decaf", "can I buy the block of 10 lessons", "can I buy a box of poo bags".
_ORDER_COUNTED = re.compile(r"\b(?:can|could|may)\s+(?:i|we)\s+(?:order|pre-?order|buy|get)\s+(?:(?:\d+\s*x?|two|three|"
                            r"four|five|six|seven|eight|nine|ten|a dozen)\s|(?:a|an|one|the)\s+(?:\w+\s+)?"
                            r"(?:box|bag|pack|packet|case|bottle|jar|tin|crate|sack|block|bundle)s?\s+of\s)"
                            # a count of people or of time is no thing to have: "can we get 2 people in one lesson"
                            r"(?!(?:people|persons|adults|kids|children|of us|min|mins|minutes?|hours?|days?|"
                            r"weeks?|months?|years?|percent)\b)", re.I)
# A voucher or a gift card of a chosen value is a thing to have, asked for however politely: "can I buy a €100 gift
# voucher", "can I get a gift voucher for 50 euros". The value is the customer's choice, not a price asked about.
_VALUE = r"(?:[€$£]\s?\d+|\d+\s?(?:€|\$|£|euros?|eur|pounds?|quid|dollars?))"
_GIFT = r"(?:(?:gift\s+)?(?:voucher|certificate|token)|gift\s+card)s?\b"
_VALUE_CHOSEN = re.compile(rf"\b(?:can|could|may)\s+(?:i|we)\s+(?:buy|get|order|have)\s+(?:a|an|one|two|\d+)\s+"
                           rf"(?:{_VALUE}\s+{_GIFT}|{_GIFT}[^.?!]{{0,20}}?{_VALUE}(?!\w)(?!\s*off\b))", re.I)
# Asking to book a counted place, or a slot with someone or for a purpose, asks for the booking, though its day is
# still open: "can I book 2 tickets for the burns night tasting", "can I reserve 4 places at the cheese night", "can I
# book a time with Ellie", "can i book a slot to talk through wine for our wedding". Whether one may book at all, or
# how, is a question: "can I book over WhatsApp?", "can i book lessons on here?".
_BOOKING_ASKED_FOR = re.compile(
    r"\b(?:can|could|may)\s+(?:i|we)\s+(?:book|reserve|make)\s+"
    r"(?:(?:\d+|two|three|four|five|six|seven|eight|nine|ten)\s+(?:tickets?|places?|seats?|spots?|spaces?)\b|"
    r"(?:a|an)\s+(?:slot|time|appointment|session)\s+(?:with\s+(?-i:[A-ZÀ-ÖØ-Þ])|to\s+(?!book\b)[a-z]))", re.I)
# Going ahead with what was offered or quoted orders it: "go ahead with the premium varifocals in the house frame",
# "go ahead and print the flyers on the proof you sent", "ok let's go with the business card design plus 250 cards",
# "yes please confirm the order for the gin and the port", "yes approve the proof, print the cards". The customer's
# own go-ahead only: "can you confirm the order arrived?" asks the business to.
_GO_AHEAD = re.compile(
    r"\bgo\s+ahead\s+(?:with|and)\b|\blet'?s\s+go\s+with\b|"
    r"(?:^|\b(?:yes|ok|okay|great|perfect|grand|lovely)\b)[\s,!.]*(?:please\s+|pls\s+)?"
    r"(?:confirm\s+(?:the|my|our)\s+order|approve\s+the\s+(?:proof|design|quote|estimate))\b", re.I)
# A question about what the business does ("do you email the quote?", "will you call me if …") asks about
# a thing, not for it: its words are no evidence.
_ABOUT = re.compile(r"^(?:hi|hello|hey|ok|okay|so|and)?[\s,!.]*(?:(?:till|until|by)\s+(?=when\b))?"
                    r"(?:do|does|did|is|are|how|when|where|what|which|why|"
                    r"will you|would it|r u|are u|do u|what's|whats)\b", re.I)
# Asking about the business's hours: a day or a time here is when it is open, not a booking.
_HOURS_ASKED = re.compile(r"\b(?:open|opens|opening|close|closes|closing|closed|hours)\b", re.I)
_BOOKING_WORDS = re.compile(r"\b(?:book|booking|appointment|reserve|reservation|slot|schedule|fit me in|come in|"
                            r"come by|bring (?:it|her|him|them|my \w+|the \w+) in|get (?:\w+ ){1,2}in for|"
                            r"drop (?:it|her|him|them|\w+ \w+) off|table for|put me down|meeting|set up a call)\b",
                            re.I)
# The customer's own wrong choice is no complaint: "bought a harness in the wrong size, can i bring it back".
# Only the customer's own hand on "wrong": "I ordered a cake and the wrong one was delivered" stays a complaint.
# So is what the customer never got round to: "i never got round to picking up my click and collect" ("you never got
# round to replying" stays one).
_OWN_CHOICE = re.compile(r"\b(?:i|we)\s+(?:\w+\s+)?(?:bought|ordered|picked|chose|booked)\s+(?:the\s+|a\s+)?wrong\b|"
                         r"\b(?:bought|ordered|picked|chose|booked)\b[^.?!,]{0,30}?\bin\s+the\s+wrong\b|"
                         r"\b(?:i|we)\s+never\s+got\s+a?round\s+to\b", re.I)
# Whether a refund is to be had, asked: "can i get a refund on the ones i havent used", "do I get my money back?". A
# policy the documents answer, so no complaint by itself; "I want a refund", "please refund one" and "I want my money
# back" still are, and so is the trouble beside it ("it arrived broken, can i get a refund").
_REFUND_ASKED = re.compile(
    r"\b(?:(?:can|could|may|do|does|would)\s+(?:i|we|he|she|they)\s+(?:still\s+)?get\s+"
    r"(?:a\s+|my\s+|our\s+|the\s+|any\s+|some\s+)?|"
    # "will i get a refund if i cancel" asks; "will i get my refund this week?" chases one owed
    r"(?:will|would)\s+(?:i|we|he|she|they)\s+get\s+(?:a\s+|any\s+|some\s+)?)"
    r"(?:full\s+|partial\s+)?(?:refund|money\s+back)\b", re.I)
# Trouble beside the refund asked for makes it a complaint: "the item was faulty can i get a refund", "it was cold
# when it arrived", "can i get a refund or not?? this is ridiculous".
_REFUND_TROUBLE = re.compile(
    r"\b(?:faulty|damaged|defective|broken|broke|stale|mouldy|moldy|rotten|spoiled|spoilt|wrong|missing|ruined|"
    r"bad|awful|terrible|ridiculous|disgusting|useless|immediately|(?:was|were|is|arrived|came)\s+cold|"
    r"(?:not|n't|stopped)\s+(?:work|working|arrive|arrived|come|came|here|ready|fit)|"
    r"been\s+(?:\d+|a|an|two|three|four|five|several|many)\s+(?:days?|weeks?|months?))\b|\?\?|!!", re.I)
# "my booking", "your appointment": one already made. Found by where the owner word ends, in one pass: a search
# before every booking word would cost the square of a long message.
_HELD = re.compile(r"\b(?:my|our|your)\s+", re.I)
# Changing a booking asks the calendar to act on it: "can I change my booking to friday?".
_CHANGE_ASKED = re.compile(r"\b(?:change|move|reschedule|re-schedule|push|bring forward|swap|switch|cancel)\b", re.I)
# Taking leave starts its clause: "grand, see you thursday", "ok see u then"; "I'll come and see you on the 14th at
# 10" and "pop in to see you tuesday" announce a visit, and stay a booking.
# At most two words before it: bounded, so a long message costs linear time.
_FAREWELL = re.compile(r"(?:^|[,.!;]\s*)(?:(?:ok|okay|great|perfect|grand|lovely|cool|brilliant|super|thanks|"
                       r"thank you|cheers|right|sound|all good|no problem|np)[\s,!.]*){0,2}"
                       r"(?:(?:i'll|ill|i will|we'll|we will)\s+)?see (?:you|u|ya|ye)\b", re.I)
# Asking to agree on a time is a booking with its day still open: "could we arrange a time to look at the stands?".
# Only asked for ("could we …", "let's …", "we need to …", "please …"): "I can't find a time that works" and "I'll
# pick a day and let you know" tell, not ask.
_TIME_ASKED_FOR = re.compile(r"(?:\b(?:can|could|shall|should|may)\s+(?:we|you|u|i)\s+|\blet'?s\s+|\bplease\s+|"
                             r"\b(?:i|we)(?:'d| would)\s+like\s+to\s+|\b(?:i|we)\s+(?:need|want|have)\s+to\s+|"
                             r"^(?:hi|hello|hey|ok|okay|so)?[\s,!.]*)"
                             r"(?:arrange|set up|find|fix|agree(?:\s+on)?|sort out|pick)\s+(?:a|an|another|some)\s+"
                             r"(?:(?:good|suitable|convenient)\s+)?(?:time|date|day|slot|appointment)\b", re.I)
_WEEKDAY_ONLY = re.compile(r"^(?:(?:next|this)\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|week|"
                           r"weekend)$", re.I)


def _complaint(text: str) -> bool:
    """Something went wrong, in the words: not the customer's own choice, nor a refund policy asked about alone."""
    rest = _OWN_CHOICE.sub(" ", text)
    if not _REFUND_TROUBLE.search(rest):
        rest = _REFUND_ASKED.sub(" ", rest)
    return _COMPLAINT.search(rest) is not None


def evidence(text: str, payload: Mapping[str, object]) -> dict[str, str]:
    """The outcomes the message's words give evidence for, each with what the evidence is."""
    found: dict[str, str] = {}
    if payload.get("emails"):
        found["Task:send_email"] = "an email address"
    if _ANYONE_THERE.search(text) or _HUMAN_THERE.search(text):
        found["HumanHandoff"] = "asks whether anyone is there"
    if _ABOUT.search(text):
        return found
    if _EMAIL_ASKED.search(text):
        found["Task:send_email"] = "asks for an email"
    if (_PERSON_ASKED.search(text) and not _IDENTITY_ASKED.search(text)) or _PERSON_NAMED.search(text):
        found["HumanHandoff"] = "asks for a person"
    elif _complaint(text) or _urgent(text):
        found["HumanHandoff"] = "a complaint or an urgent problem"
    # "my booking" is one already made: the message asks about it ("email me confirmation of my booking"),
    # unless it asks to change it.
    held = {m.end() for m in _HELD.finditer(text)}
    said = [m.start() for m in _BOOKING_WORDS.finditer(text)]
    changed = bool(said) and _CHANGE_ASKED.search(text) is not None
    booking = changed or any(start not in held for start in said)
    dates = [str(d) for d in payload.get("dates") or []]  # type: ignore[attr-defined]
    when = bool(dates or payload.get("times"))
    ordered = not booking and (_ORDER_ASKED.search(text) is not None or (
        _ORDER_ASKED_IF.search(text) is not None and (when or bool(payload.get("quantities")))) or
        _ORDER_COUNTED.search(text) is not None or _VALUE_CHOSEN.search(text) is not None or
        _GO_AHEAD.search(text) is not None)
    complaint = "HumanHandoff" in found  # "it never arrived and the party is tonight"
    # A quantity in a complaint is what went wrong ("you charged me for 3 bags but I only got 2"), not an order; in a
    # question of price it is what is priced ("price for a 4 pack of the hazy pale ale?", "30 bottles for my
    # daughter's wedding, whats the discount on that"). Words asking to have it still order: "I want two of the large
    # cakes, what's the price?".
    priced = _PRICE_QUESTION.search(text) is not None
    if ordered or (payload.get("quantities") and not complaint and not priced):
        found["Task:create_order"] = "asks to have something" if ordered else "a quantity"
    # A booking's details: a clock time or a calendar date, or any day with booking words; a weekday alone
    # ("are you open on Saturday", "see you Saturday") is not one, nor a day in a question about hours, in
    # an order (its pickup day), in a farewell or in a complaint.
    specific = bool(payload.get("times")) or any(not _WEEKDAY_ONLY.match(d) for d in dates)
    hours = _HOURS_ASKED.search(text) is not None and not booking
    farewell = _FAREWELL.search(text) is not None  # "perfect, see you Saturday at 10"
    about_held = bool(said) and not booking  # "my appointment on the 14th, can I bring my dog"
    if (booking and when) or (specific and not (hours or ordered or farewell or complaint or about_held)):
        found["Task:book_calendar"] = "a date or a time"
    elif (ordered and when and _HAVE_ASKED_IF.search(text) and not _only_days_gone(text)
          and not (hours or farewell or complaint or about_held)):
        found["Task:book_calendar"] = "asks to have something at a time"
    elif _TIME_ASKED_FOR.search(text):
        found["Task:book_calendar"] = "asks to agree on a time"
    elif _BOOKING_ASKED_FOR.search(text):
        found["Task:book_calendar"] = "asks to book places or a slot"
    return found


def label_of(class_name: str, allowed_task_types: Sequence[str]) -> str:
    """The outcome a classifier class stands for (a task that is not enabled is answered instead)."""
    if class_name.startswith("Handoff:"):
        return "HumanHandoff"
    if class_name.startswith("Task:") and class_name.split(":", 1)[1] not in allowed_task_types:
        return "Response"
    return class_name


# The details a built-in task needs: a question that gives them ("could I come tomorrow at 10?")
# carries the evidence a plain question lacks, so it needs only what a statement needs.
TASK_DETAILS: dict[str, tuple[str, ...]] = {
    "Task:book_calendar": ("dates", "times"), "Task:send_email": ("emails",), "Task:create_order": ("quantities",)}


def evidence_form(form: str, label: str, payload: Mapping[str, object]) -> str:
    """The form whose rules apply: a question with its task's details counts as a statement."""
    if form == "question" and any(payload.get(field) for field in TASK_DETAILS.get(label, ())):
        return "statement"
    return form


def with_details(outcomes: Mapping[str, float], payload: Mapping[str, object], odds: float) -> dict[str, float]:
    """The outcomes' probabilities after the evidence of a task's details in the message."""
    weighted = {label: p * (odds if any(payload.get(f) for f in TASK_DETAILS.get(label, ())) else 1.0)
                for label, p in outcomes.items()}
    total = sum(weighted.values())
    return {label: p / total for label, p in weighted.items()} if total > 0 else dict(outcomes)


def with_answer_odds(outcomes: Mapping[str, float], odds: float) -> dict[str, float]:
    """The outcomes' probabilities with the business's own answer intents weighted by `odds` (small talk is
    Salesboy's own, generic like the other defaults)."""
    weighted = {label: p * (odds if label.startswith("Answer:") and label not in SMALL_TALK else 1.0)
                for label, p in outcomes.items()}
    total = sum(weighted.values())
    return {label: p / total for label, p in weighted.items()} if total > 0 else dict(outcomes)


def is_action(label: str) -> bool:
    return label == "HumanHandoff" or label.startswith("Task:")


def bids_farewell(text: str) -> bool:
    """Whether the message takes leave ("perfect, see you saturday", "ok see u then")."""
    return _FAREWELL.search(text) is not None


def asked_as_question(text: str) -> bool:
    """Whether the customer put the message as a question, judged on how it ends: a question mark ("can you
    deliver tomorrow?", a request in form), or a last sentence in a question's form ("are you open on sunday").
    "is 11 free? I'll take it" ends as a request, "is anyone there? the bot is not helping" as a statement."""
    if _ENDS_ASKING.search(text) or (_PRICE_ASKED.search(text) and not _SEND_ASKED.search(text)):
        return True
    return message_form(_SENTENCE_BREAK.split(text.strip())[-1]) == "question"


# Naming a price asks what it is, in whatever form: "price for an entire black forest cake", "10 lessons price pls".
_PRICE_WORDS = "price|prices|pricing|cost|costs|how much"
_PRICE_ASKED = re.compile(rf"\b(?:{_PRICE_WORDS})\b", re.I)
# A question of what something costs, or of money off it (`evidence`).
_PRICE_QUESTION = re.compile(rf"\b(?:{_PRICE_WORDS}|discount|discounts|money off)\b", re.I)
# … unless it asks for them to be sent: "send the price list to my office please" is an email to send.
_SEND_ASKED = re.compile(r"\b(?:send|email|e-mail|mail|forward|text)\b", re.I)
_ENDS_ASKING = re.compile(r"\?[^\w?]*$")  # a last question mark, then only punctuation or emoji ("?!", "? 🙂")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+")
# Words that ask the business to act, whatever the sentence's form: "can I book …", "could you reserve …", "I want
# to order …", "please send …". A question holding them is decided by its form's rules (question_min_probability)
# even without the details `evidence` reads ("can you reserve a spot for me at the next tasting?" has no date).
_ACTING = re.compile(
    # "can I / could you …" opening the message or a clause ("how far ahead can I book?" asks how)
    r"(?:^|[,.;:!?]\s*)(?:(?:hi|hello|hey|ok|okay|yes|great|so|and|then)[\s,!.]+)?"
    r"(?:can|could|may|would|will)\s+(?:i|we|you|u)\s+(?:please\s+)?(?:book|reserve|order|pre-?order|schedule|"
    r"arrange|send|e-?mail|mail|put me|sign me|set (?:me|us) up|fit me|pencil me)\b|"
    r"\b(?:i|we)(?:'d| would)?\s+(?:like|want|wanna|need)\s+to\s+(?:book|reserve|order|pre-?order|buy|schedule|"
    r"arrange|speak|talk)\b|"
    r"\b(?:please|pls|plz|kindly)\s+(?:book|reserve|order|send|e-?mail|mail|schedule|arrange|call|put me|sign me)\b",
    re.I)


def asks_to_act(text: str) -> bool:
    """Whether the message's words ask the business to act (see _ACTING)."""
    return _ACTING.search(text) is not None


# A call or a meeting to be arranged is a calendar entry: "can we set up a call about our company phones next week?".
# Its sentence resembles the hand-off's ("can someone call me?"), which asks for a person now.
_CALL_ARRANGED = re.compile(r"\b(?:arrange|set up|schedule|book|organi[sz]e|plan)\s+(?:a|an|the)\s+"
                            r"(?:(?:quick|short|phone|video|zoom|teams)\s+)?(?:call|meeting|chat)\b", re.I)


def call_as_booking(outcomes: Mapping[str, float], found: Mapping[str, str], text: str) -> dict[str, float]:
    """The outcomes with a hand-off's likeness counted for the booking, when the words arrange a call and ask for no
    person or complain (`found` has no hand-off) and bookings are enabled."""
    if ("HumanHandoff" in found or "HumanHandoff" not in outcomes or "Task:book_calendar" not in outcomes
            or _CALL_ARRANGED.search(text) is None):
        return dict(outcomes)
    moved = {label: p for label, p in outcomes.items() if label != "HumanHandoff"}
    moved["Task:book_calendar"] += outcomes["HumanHandoff"]
    return moved


def with_evidence(outcomes: Mapping[str, float], found: Mapping[str, str], odds: float) -> dict[str, float]:
    """The outcomes' probabilities after the evidence of the message's words. The evidence tells asking for a
    thing from the shipped generic questions; a business's own answer intents were written for messages like
    these ("I want my money back" as its refunds answer), so they keep their odds against the evidenced
    outcome (on BANKING77 the evidence alone lost 0.0032 of its decisions to hand-offs and orders)."""
    def weight(label: str) -> float:
        if label in found or (found and label.startswith("Answer:") and label not in SMALL_TALK):
            return odds
        return 1.0

    weighted = {label: p * weight(label) for label, p in outcomes.items()}
    total = sum(weighted.values())
    return {label: p / total for label, p in weighted.items()} if total > 0 else dict(outcomes)


def acting_form(form: str, label: str, found: Mapping[str, str], payload: Mapping[str, object], *,
                with_text: bool) -> str:
    """The form whose rules decide acting on `label`, with why when the evidence changed it."""
    if with_text:
        if label in found and form == "question":
            return f"statement (a question with evidence: {found[label]})"
        if label == "HumanHandoff" and label not in found and form == "request":
            # "can you fix Face ID?" asks what the business does; only a person or a problem is a hand-off.
            return "question (a request naming no person nor problem)"
    elif evidence_form(form, label, payload) != form:
        return "statement (a question with the task's details)"
    return form


def answered_instead(label: str, found: Mapping[str, str], text: str | None) -> str | None:
    """Why a message the examples rank as an action is answered whatever its odds, or None. Without words that
    ask to act or give evidence for `label`: a farewell ("grand, see you thursday" resembles "can I come in on
    Thursday?", but the day is the one already agreed), or a question ("are you open on Sunday?" resembles "can I
    come in on Sunday?"; only the words can say it asks for the action: "can I book a table for Sunday?")."""
    if not text or label in found or asks_to_act(text):
        return None
    if bids_farewell(text):
        return "a farewell, no request"
    if asked_as_question(text):
        return "a question with no evidence of acting"
    return None


def decide(probabilities: Mapping[str, float], *, rules: DecisionRules, allowed_task_types: Sequence[str],
           payload: dict[str, object], form: str = "statement", text: str | None = None) -> IntentResult:
    """The decision from class probabilities: classes of the same outcome are added up, then an
    action needs a clear lead and an answer a first place. With the message's `text`, its words'
    evidence (`evidence`) weighs in; without it, only the payload's task details do."""
    outcomes: dict[str, float] = {}
    for name, probability in probabilities.items():
        label = label_of(name, allowed_task_types)
        outcomes[label] = outcomes.get(label, 0.0) + probability
    found: dict[str, str] = {}
    if text:
        found = evidence(text, payload)
        outcomes = call_as_booking(with_evidence(outcomes, found, rules.evidence_odds), found, text)
    else:
        outcomes = with_details(outcomes, payload, rules.details_odds)
    outcomes = with_answer_odds(outcomes, rules.answer_odds)
    if not outcomes:
        return IntentResult(intent="Response", label="Response", confidence=0.0,
                            raw_analysis="no examples to compare with")
    ranked = sorted(outcomes.items(), key=lambda item: item[1], reverse=True)
    top = [RankedLabel(label=name, probability=round(min(1.0, p), 4)) for name, p in ranked[:3]]
    analysis = "; ".join(f"{name} {p:.2f}" for name, p in ranked[:3])
    label, probability = ranked[0]
    margin = probability - (ranked[1][1] if len(ranked) > 1 else 0.0)
    if is_action(label):
        held_back = answered_instead(label, found, text)
        if held_back is None:
            form = acting_form(form, label, found, payload, with_text=bool(text))
            least, least_margin = rules.for_form(form.split(" ", 1)[0])
            if probability >= least and margin >= least_margin:
                return from_label(label, probability, payload, f"{form}: {analysis}", top)
            held_back = f"not sure enough to act on a {form} (margin {margin:.2f})"
        label, probability = next(((n, p) for n, p in ranked if not is_action(n)), ("Response", 0.0))
        analysis = f"{held_back}: {analysis}"
    if label.startswith("Answer:") and probability < rules.answer_min_probability:
        label = "Response"
        analysis = f"{ranked[0][0]} too unlikely: {analysis}"
    if label in SMALL_TALK and form.startswith("question"):
        # "hi, how much is delivery?" greets and asks: the question is what needs answering.
        label, analysis = "Response", f"a question, not only {label}: {analysis}"
    return from_label(label, probability, payload, analysis, top)


def small_talk_reply(label: str, business_name: str = "") -> str:
    """The reply to small talk ("" for any other label): short, and inviting the customer's question."""
    if label == "Answer:greeting":
        welcome = f"Hello, welcome to {business_name}!" if business_name.strip() else "Hello, welcome!"
        return f"{welcome} How can I help you today?"
    return {"Answer:thanks": "You're welcome! Is there anything else I can help you with?",
            "Answer:goodbye": "Goodbye, and thank you for getting in touch!"}.get(label, "")


def from_label(label: str, confidence: float, payload: dict[str, object], analysis: str,
               top: list[RankedLabel] | None = None) -> IntentResult:
    confidence = max(0.0, min(1.0, confidence))
    ranked, reason = top or [], analysis[:2000]
    if label.startswith("Task:"):
        return IntentResult(intent="Task", task_type=label.split(":", 1)[1], payload=payload, confidence=confidence,
                            label=label, top=ranked, raw_analysis=reason)
    if label == "HumanHandoff":
        return IntentResult(intent="HumanHandoff", payload=payload, confidence=confidence, label=label, top=ranked,
                            raw_analysis=reason)
    return IntentResult(intent="Response", confidence=confidence, label=label, top=ranked, raw_analysis=reason)


def training_set(examples: Mapping[str, Sequence[str]], intents: Sequence[BusinessIntent]) -> dict[str, list[str]]:
    """Every class's example texts: the defaults, the business's extra examples for built-in
    intents, and its own intents (a task intent named like a built-in task adds to its examples)."""
    classes: dict[str, list[str]] = {name: list(texts) for name, texts in DEFAULT_EXAMPLES.items()}
    for name, texts in examples.items():
        classes.setdefault(name, []).extend(texts)
    for item in intents:
        name = {"task": "Task:", "answer": "Answer:", "handoff": "Handoff:"}[item.kind] + item.key
        classes.setdefault(name, []).extend(item.examples)
    # One text in two classes is noise for either: the business's (later) use of it wins.
    owner: dict[str, str] = {}
    for name, texts in classes.items():
        for text in texts:
            owner[text.strip().lower()] = name
    return {name: kept for name, texts in classes.items()
            if (kept := list(dict.fromkeys(t for t in texts if owner[t.strip().lower()] == name)))}


def training_key(model_name: str, classes: Mapping[str, Sequence[str]]) -> str:
    """A stable hash of an example set, so a head fitted once serves every message that uses it."""
    digest = hashlib.sha256(model_name.encode())
    for name in sorted(classes):
        digest.update(b"\0" + name.encode())
        for text in classes[name]:
            digest.update(b"\1" + text.encode())
    return digest.hexdigest()


def _number(written: str) -> int | float:
    """A quantity's number: whole numbers stay whole ("1,000" is 1000), "1.5" is 1.5."""
    plain = written.replace(",", "")
    return float(plain) if "." in plain else int(plain)


def extract_payload(text: str) -> dict[str, object]:
    """Contact details, dates, times and quantities a task workflow can use."""
    payload: dict[str, object] = {}
    emails = _EMAIL.findall(text)
    # Dates, times and emails are taken out first so their digits never read as a phone number.
    rest = _DATE.sub(" ", _TIME.sub(" ", _EMAIL.sub(" ", text)))
    phones = [re.sub(r"[^\d+]", "", p) for p in _PHONE.findall(rest)]
    phones = [p for p in phones if 7 <= len(p.lstrip("+")) <= 15]
    dates = [d.strip() for d in _DATE.findall(text)]
    times = [t.strip() for t in _TIME.findall(text)]
    # A weight someone or something has ("she's 55kg") describes, it orders nothing.
    described = {m.end() for m in _DESCRIBED.finditer(text)}  # where a described weight's number starts
    quantities = [{"quantity": _number(m.group(1)), "unit": m.group(2).lower()} for m in _QUANTITY.finditer(text)
                  if m.group(2).lower() not in _WEIGHT_UNITS or m.start() not in described]
    lowered = text.lower()
    for word, number in _WORD_NUMBERS.items():
        match = re.search(rf"\b{word}\s+(units?|pieces?|bags?|boxes?|packs?|items?|bottles?|pairs?)\b", lowered)
        if match:
            quantities.append({"quantity": number, "unit": match.group(1)})
    for key, values in (("emails", emails), ("phones", phones), ("dates", dates), ("times", times),
                        ("quantities", quantities)):
        if values:
            payload[key] = values
    return payload


# --- an LLM's verdict ------------------------------------------------------------------------

def intent_instructions(allowed_task_types: Sequence[str], intents: Sequence[BusinessIntent] = (), *,
                        with_reply: bool = False) -> str:
    """The classification request; `with_reply` asks for the customer's reply in the same JSON object
    (the one-call mode: the answering rules and context come before it in the system prompt)."""
    tasks = ", ".join(allowed_task_types) or "none"
    named = [f"- {_kind_words[i.kind]} {i.key}" + (f" ({i.name})" if i.name else "")
             + (f": {i.description}" if i.description else "") + "; e.g. " + " / ".join(i.examples[:3])
             for i in intents if i.kind != "answer"][:50]
    reply = (", reply (when intent is Response: the WhatsApp message to send the customer, written by the "
             "rules above; an empty string otherwise), answered (false only when you cannot answer the customer "
             "and the reply is the \"don't know\" reply; true otherwise)") if with_reply else ""
    return (
        "Classify the customer's last message for a business's WhatsApp assistant"
        + (" and write the reply" if with_reply else "") + ". Answer with one JSON "
        "object and nothing else, with keys: intent (\"Response\" to answer a question or chat, \"Task\" "
        "when the customer asks the business to do something, \"HumanHandoff\" when they want a person or "
        "complain), confidence (0 to 1), task_type (one of: " + tasks + "; null unless intent is Task), "
        "payload (an object with any details the task needs: emails, phones, dates, times, items, "
        "quantities, address), raw_analysis (one short sentence on why)" + reply + "."
        + ("\nThe business's own requests:\n" + "\n".join(named) if named else "")
    )


_kind_words = {"task": "Task with task_type", "handoff": "HumanHandoff for"}


def _json_object(raw: str) -> dict[str, Any]:
    text = raw.strip()
    fenced = re.match(r"^```(?:json)?\s*(.*?)\s*```$", text, re.S)
    if fenced:
        text = fenced.group(1)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"the reply is not valid JSON ({exc.msg} at position {exc.pos})") from None
    if not isinstance(data, dict):
        raise ValueError("the reply must be one JSON object")
    return data


def parse_llm_intent(raw: str, allowed_task_types: Sequence[str]) -> IntentResult:
    """Parse the model's JSON; raise ValueError with a message fit to send back for a repair."""
    return _verdict(_json_object(raw), allowed_task_types)


class ModelAnswer(NamedTuple):
    """The one-call mode's verdict and reply, and whether the model found the answer in the passages."""

    verdict: IntentResult
    reply: str  # "" unless the verdict is Response
    answered: bool  # False: the passages do not hold what was asked, whatever words the reply found to say so


def parse_llm_answer(raw: str, allowed_task_types: Sequence[str]) -> ModelAnswer:
    """The one-call mode's JSON: the verdict, the reply and the `answered` flag (true when a model leaves it out,
    so a model that does not write it still answers)."""
    data = _json_object(raw)
    reply = data.pop("reply", None)
    answered = data.pop("answered", None)
    if reply is None and data.get("intent") != "Response":
        reply = ""
    if not isinstance(reply, str) or (data.get("intent") == "Response" and not reply.strip()):
        raise ValueError("the JSON does not match the schema: reply: the message to send is required (a string) "
                         "when intent is Response")
    # Read only with a reply to send: a task's or a hand-off's verdict is acted on whatever the flag says.
    if data.get("intent") != "Response":
        answered = None
    elif answered is not None and not isinstance(answered, bool):
        raise ValueError("the JSON does not match the schema: answered: true or false (a JSON boolean)")
    return ModelAnswer(_verdict(data, allowed_task_types), reply.strip(), answered is not False)


def _verdict(data: dict[str, Any], allowed_task_types: Sequence[str]) -> IntentResult:
    if isinstance(data.get("confidence"), int):
        data["confidence"] = float(data["confidence"])
    try:
        result = IntentResult.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'object'}: {e['msg']}" for e in exc.errors())
        raise ValueError(f"the JSON does not match the schema: {problems}") from None
    if result.intent == "Task" and result.task_type not in allowed_task_types:
        return IntentResult(intent="Response", confidence=result.confidence, label="Response",
                            raw_analysis=f"task {result.task_type} is not enabled; {result.raw_analysis}"[:2000])
    label = f"Task:{result.task_type}" if result.intent == "Task" else result.intent
    return result.model_copy(update={"label": label, "top": []})


def repair_message(error: str) -> str:
    return (f"That answer could not be used: {error}. Reply again with only the JSON object, "
            "exactly as specified.")


def at_rest(result: IntentResult, method: str) -> dict[str, object]:
    """What of a decision may be stored in plaintext: never the customer's words.

    The extracted payload holds what the customer wrote (addresses, emails, quantities), so only
    its field names are kept; a model's analysis may quote the customer, so only the embedding
    classifier's own (built from labels and scores) is kept.
    """
    model_written = method.startswith("llm")
    label = result.label or (f"Task:{result.task_type}" if result.intent == "Task" else result.intent)
    return {
        "intent": result.intent,
        "task_type": result.task_type,
        "label": label,
        "top": [{"label": r.label, "probability": r.probability} for r in result.top],
        "confidence": round(result.confidence, 4),
        "payload_fields": sorted(result.payload),
        "analysis": f"decided by {method.removeprefix('llm:')}" if model_written else result.raw_analysis,
    }
