"""Discard phrases: a sentence (or, with `+`, a story) that contains one is not event-coded."""

from __future__ import annotations

import datetime as dt

from chronicle.extract.discards import discard_hits, discarded_sentences
from chronicle.knowledge.base import Discard, Knowledge, parse_discard


def test_a_line_gives_words_scope_and_dates():
    assert parse_discard("African Nations Cup") == Discard(("african", "nations", "cup"), False)
    assert parse_discard("+Typhoon").story
    dated = parse_discard("USSR from 1991-12-26")
    assert dated.words == ("ussr",) and dated.start == dt.date(1991, 12, 26) and dated.end is None
    both = parse_discard("Ent from 1980-01-01 until 1988-12-31")
    assert (both.start, both.end) == (dt.date(1980, 1, 1), dt.date(1988, 12, 31))
    assert parse_discard("+ ...") is None


def test_phrases_match_whole_words_in_force_on_the_date():
    k = Knowledge(discards=[parse_discard("baseball"), parse_discard("Manchester United"),
                            parse_discard("ussr from 1991-12-26")])
    assert [d.phrase for d in discard_hits(k, "Fans of MANCHESTER  United rioted.", None)] == ["manchester united"]
    assert discard_hits(k, "The baseballs were seized.", None) == []  # not a whole word
    assert discard_hits(k, "Manchester and United Russia", None) == []
    ussr = "The USSR sent troops."
    assert discard_hits(k, ussr, dt.date(1990, 1, 1)) == []
    assert [d.phrase for d in discard_hits(k, ussr, dt.date(1995, 1, 1))] == ["ussr"]
    assert discard_hits(k, ussr, None) != []  # undated text is read as current, as for dated roles


def test_a_story_phrase_discards_every_sentence():
    k = Knowledge(discards=[parse_discard("baseball"), parse_discard("+typhoon")])
    sentences = [(0, "Rebels attacked the town."), (1, "The baseball final was cancelled."), (2, "Troops left.")]
    assert discarded_sentences(k, sentences, None) == {1}
    sentences.append((3, "A typhoon struck."))
    assert discarded_sentences(k, sentences, None) == {0, 1, 2, 3}
