"""Times resolved against the publication date; numbers with what they count."""

from __future__ import annotations

import datetime as dt

import pytest

import chronicle
from chronicle.extract.quantities import parse_value
from chronicle.extract.times import normalise

FRIDAY = dt.date(2015, 11, 20)


@pytest.mark.parametrize("text, expected", [
    ("Friday", ("DATE", "2015-11-20")),  # the publication day itself
    ("on Wednesday", ("DATE", "2015-11-18")),
    ("last Friday", ("DATE", "2015-11-13")),
    ("next week", ("DATE", "2015-W48")),
    ("overnight", ("TIME", "2015-11-19TNI")),
    ("to date", ("DATE", "PRESENT_REF")),
    ("recently", ("DATE", "PAST_REF")),
    ("daily", ("SET", "P1D")),
    ("two days ago", ("DATE", "2015-11-18")),
    ("three weeks", ("DURATION", "P3W")),
    ("March 2014", ("DATE", "2014-03")),
    ("November 13, 2015", ("DATE", "2015-11-13")),
    ("2011", ("DATE", "2011")),
])
def test_time_normalisation(text, expected):
    assert normalise(text, FRIDAY) == expected


def test_times_in_a_document_index_the_original_text():
    doc = chronicle.process("Share\n\nTroops withdrew on Friday after talks next week were announced.",
                            date="2015-11-20")
    by_text = {t.text: t.value for t in doc.times}
    assert by_text["Friday"] == "2015-11-20" and by_text["next week"] == "2015-W48"
    for t in doc.times:
        assert doc.text[t.start:t.end] == t.text


@pytest.mark.parametrize("text, value", [("$1.5 million", 1.5e6), ("25", 25), ("more than a dozen", 12),
                                          ("thousands", 2000), ("4,200", 4200), ("two", 2)])
def test_parse_value(text, value):
    assert parse_value(text) == value


def test_quantities_know_what_they_count():
    doc = chronicle.process("Warplanes including 25 Backfire and Blackjack bombers hit more than a dozen targets, "
                            "depriving the group of $1.5 million a day.", date="2015-11-20")
    found = {q.text: q for q in doc.quantities}
    assert found["25"].unit == "bomber" and found["25"].value == 25 and not found["25"].approx
    assert found["more than a dozen"].approx and found["more than a dozen"].unit == "target"
    assert found["$1.5 million"].unit == "USD" and found["$1.5 million"].value == 1.5e6
