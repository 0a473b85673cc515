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


WIRE_DAY = dt.date(1989, 10, 26)


@pytest.mark.parametrize("text, tense, quarter, value", [
    ("Monday", "future", None, "2015-11-23"),  # a clause about the future looks ahead
    ("Monday", "past", None, "2015-11-16"),
    ("Friday", "future", None, "2015-11-20"),
    ("December", "future", None, "2015-12"),
    ("December", None, None, "2015-12"),  # the nearest December: one month ahead
    ("June", None, None, "2015-06"),
    ("earlier this month", None, None, "2015-11"),
    ("the end of 1994", None, None, "1994"),
    ("the weekend", None, None, "2015-W46-WE"),
])
def test_tense_and_modifiers(text, tense, quarter, value):
    assert normalise(text, FRIDAY, tense, quarter)[1] == value


@pytest.mark.parametrize("text, anchor, value", [
    ("Nov. 25", dt.date(2000, 1, 15), "1999-11-25"),  # a year-less date is the nearest one
    ("Jan. 14", dt.date(2000, 1, 5), "2000-01-14"),
    ("Monday, Oct. 26", dt.date(1998, 10, 25), "1998-10-26"),  # the weekday fixes the year
    ("last Oct. 23", dt.date(1999, 4, 19), "1998-10-23"),
    ("fiscal 1989", WIRE_DAY, "1989"),
    ("the 1988 second quarter", WIRE_DAY, "1988-Q2"),
    ("next year's first quarter", WIRE_DAY, "1990-Q1"),
    ("the first two quarters of 1990", WIRE_DAY, "1990-H1"),
    ("a fourth-quarter", WIRE_DAY, "1989-Q4"),
    ("a year ago", WIRE_DAY, "1988"),
    ("nineteen ninety-seven", WIRE_DAY, "1997"),
    ("January nineteen ninety-seven", WIRE_DAY, "1997-01"),
    ("the 20th century", WIRE_DAY, "19"),
])
def test_wire_and_broadcast_expressions(text, anchor, value):
    assert normalise(text, anchor)[1] == value


def test_a_year_ago_in_a_quarterly_report_is_that_quarter():
    assert normalise("a year ago", WIRE_DAY, None, "1989-Q3")[1] == "1988-Q3"
    assert normalise("the year-ago quarter", WIRE_DAY)[1] == "1988-Q3"


def test_times_follow_the_tense_and_split_ranges():
    doc = chronicle.process("Acme earned $5 million in the third quarter ended Sept. 30, up from $4 million a year "
                            "ago. It will report again on Monday. Its chief resigned on Tuesday.", date="1989-10-26")
    by_text = {t.text: t.value for t in doc.times}
    assert by_text["Monday"] == "1989-10-30" and by_text["Tuesday"] == "1989-10-24"
    assert by_text["Sept. 30"] == "1989-09-30" and by_text["the third quarter"] == "1989-Q3"
    assert by_text["a year ago"] == "1988-Q3"


def test_that_year_refers_to_the_story_not_the_publication():
    doc = chronicle.process("He fled to Florida in June 1998. The following month, he was jailed, and he "
                            "returned to Cuba later that year.", date="2000-01-28")
    by_text = {t.text: t.value for t in doc.times}
    assert by_text["June 1998"] == "1998-06"
    assert by_text["later that year"] == "1998"
    assert by_text["The following month"] == "1998-07"


@pytest.mark.parametrize("text, anchor, value", [
    ("almost three years ago", WIRE_DAY, "1986"),  # a hedge keeps the value
    ("a decade ago", WIRE_DAY, "1979"),
    ("this century", WIRE_DAY, "19"),
    ("Thanksgiving Day", dt.date(2001, 1, 9), "2000-11-23"),  # a named day: the nearest one, behind first
    ("last Christmas", dt.date(2001, 12, 20), "2000-12-25"),
    ("Election Day", dt.date(2004, 10, 20), "2004-11-02"),
    ("Easter", dt.date(2010, 4, 10), "2010-04-04"),
    ("the week of May 3", dt.date(2010, 4, 20), "2010-W18"),
    ("7 p.m. Sunday", FRIDAY, "2015-11-15T19:00"),
])
def test_hedges_named_days_and_clock_days(text, anchor, value):
    assert normalise(text, anchor)[1] == value


def test_split_expressions_and_deadlines_look_the_right_way():
    doc = chronicle.process("The council postponed until Tuesday morning any vote on the budget. The mayor has "
                            "scheduled a hearing Thursday, and aides said she would fly to Lyon Saturday. The "
                            "depot has until 6 p.m. Wednesday to reopen. Now the Oct. 3 strike is over.",
                            date="2015-11-16")
    by_text = {t.text: t.value for t in doc.times}
    assert by_text["Tuesday morning"] == "2015-11-17TMO"
    assert by_text["Thursday"] == "2015-11-19" and by_text["Saturday"] == "2015-11-21"
    assert by_text["6 p.m. Wednesday"] == "2015-11-18T18:00"
    assert by_text["Now"] == "PRESENT_REF" and by_text["Oct. 3"] == "2015-10-03"


def test_a_limit_set_in_the_past_may_lie_ahead():
    doc = chronicle.process("The offer was extended to Nov. 16, the company said.", date="1995-10-30")
    assert {t.text: t.value for t in doc.times}["Nov. 16"] == "1995-11-16"
    assert normalise("Easter week", dt.date(2010, 4, 1))[1] == "2010-W13"
