"""Quantities: numbers with what they count ("25 ... bombers", "$1.5 million")."""

from __future__ import annotations

import re

from spacy.tokens import Span as SpacySpan

from chronicle.extract.base import Context, register
from chronicle.records import Quantity

WORDS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
         "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
         "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
         "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
         "a dozen": 12, "dozen": 12, "dozens": 24, "hundreds": 200, "thousands": 2000, "millions": 2_000_000,
         "a hundred": 100, "a thousand": 1000, "scores": 40}
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "m": 1e6, "bn": 1e9, "k": 1e3}
CURRENCIES = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "dollar": "USD", "euro": "EUR",
              "pound": "GBP", "rouble": "RUB", "ruble": "RUB", "yuan": "CNY", "rupee": "INR", "hryvnia": "UAH"}
APPROX = re.compile(r"\b(about|around|some|nearly|almost|roughly|approximately|more than|over|at least|up to|"
                    r"fewer than|less than|dozens|hundreds|thousands|millions|scores|several|estimated)\b", re.I)


def parse_value(text: str) -> float | None:
    t = text.lower().replace(",", "")
    t = re.sub(r"^(about|around|some|nearly|almost|roughly|approximately|more than|over|at least|up to|fewer than|"
               r"less than|an estimated|estimated)\s+", "", t)
    m = re.search(r"(\d+(?:\.\d+)?)\s*(thousand|million|billion|trillion|bn|m|k)?\b", t)
    if m:
        return float(m.group(1)) * SCALES.get(m.group(2) or "", 1)
    for phrase in sorted(WORDS, key=len, reverse=True):
        if re.search(rf"\b{phrase}\b", t):
            value = float(WORDS[phrase])
            scale = re.search(r"\b(thousand|million|billion)\b", t.replace(phrase, "", 1))
            return value * (SCALES[scale.group(1)] if scale else 1)
    return None


def unit_of(ent: SpacySpan) -> str | None:
    text = ent.text.lower()
    for symbol, code in CURRENCIES.items():
        if text.startswith(symbol) or re.search(rf"\b{re.escape(symbol)}s?\b", text):
            return code
    root = ent.root
    if ent.label_ == "QUANTITY":
        return root.lemma_.lower() if not root.like_num else None
    # "25 Backfire, Bear and Blackjack bombers": the counted noun is the head of the number.
    head = root.head if root.dep_ in ("nummod", "quantmod", "amod", "compound") else None
    if head is not None and head.pos_ in ("NOUN", "PROPN") and head.i >= ent.end:
        # "25 Backfire, Bear and Blackjack bombers": climb from the name to the noun counted
        steps = 0
        while head.dep_ in ("nmod", "compound", "conj", "amod") and head.head.i > head.i and steps < 4:
            head = head.head
            steps += 1
        return head.lemma_.lower()
    if root.dep_ in ("nsubj", "dobj", "pobj") and root.pos_ == "NUM":
        for child in root.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                objs = [c for c in child.children if c.dep_ == "pobj"]
                if objs:
                    return objs[0].lemma_.lower()
    return None


@register("quantities")
def extract_quantities(ctx: Context) -> None:
    for ent in ctx.ents:
        if ent.label_ not in ("MONEY", "QUANTITY", "CARDINAL"):
            continue
        s = ctx.of(ent)
        q = Quantity(start=s.start, end=s.end, text=s.text, value=parse_value(ent.text), unit=unit_of(ent),
                     approx=bool(APPROX.search(ent.text)))
        ctx.quantity_of_ent[ent.start] = q
        ctx.record.quantities.append(q)
