"""Cleaning: furniture out, captions apart, and every offset maps back to the original."""

from __future__ import annotations

from chronicle.clean import clean

PAGE = (
    "Share\n\n"
    "Rebels take border town after week of fighting\n\n"
    "Rebel fighters captured the town of Ras al-Ain on Tuesday, officials said.\n\n"
    "Advertisement\n\n"
    "Residents wait for buses at a checkpoint near the town\n\n"
    "Read more: Ceasefire talks stall in Geneva\n\n"
    "The army said it had withdrawn to new positions.\n\nClick here\n\n"
    "Photo: AFP\n\n"
    "Aid groups said thousands had fled.\n"
)


def test_furniture_lines_are_removed_and_recorded():
    c = clean(PAGE)
    removed = [PAGE[s:e] for s, e in c.furniture]
    assert removed == ["Share", "Advertisement", "Read more: Ceasefire talks stall in Geneva", "Click here", "Photo: AFP"]
    for line in removed:
        assert line not in c.text


def test_caption_is_kept_apart_and_headline_kept_as_its_own_paragraph():
    c = clean(PAGE)
    assert [PAGE[s:e] for s, e in c.captions] == ["Residents wait for buses at a checkpoint near the town"]
    assert "Residents wait" not in c.text
    assert c.title is not None and PAGE[c.title[0]:c.title[1]].startswith("Rebels take border town")
    assert c.text.startswith("Rebels take border town after week of fighting\n\n")


def test_offset_map_points_every_kept_character_back_to_the_original():
    c = clean(PAGE)
    for i, ch in enumerate(c.text):
        if c.text[i:i + 2] == "\n\n" or (i > 0 and c.text[i - 1:i + 1] == "\n\n"):
            continue  # separators are inserted, not copied
        assert PAGE[c.offsets.start(i)] == ch
    sentence = "Aid groups said thousands had fled."
    s = c.text.index(sentence)
    start, end = c.offsets.start(s), c.offsets.end(s + len(sentence))
    assert PAGE[start:end] == sentence


def test_headers_are_skipped_and_sentences_inside_a_paragraph_stay_together():
    text = "Title: T\nDate: 2020-01-01\n\nThe minister said the talks\nwould resume in March.\n"
    c = clean(text, body_start=text.index("The minister"))
    assert c.text == "The minister said the talks\nwould resume in March."
    assert not c.captions and not c.furniture


def test_one_paragraph_per_line_text_is_handled():
    text = "Officials met in Doha.\nThe talks ended without a deal.\nSubscribe now\nBoth sides will meet again."
    c = clean(text)
    assert [text[s:e] for s, e in c.furniture] == ["Subscribe now"]
    assert "Both sides will meet again." in c.text
