"""Ingest: every input type becomes raw articles; every bad input becomes a clear error."""

from __future__ import annotations

import json
from pathlib import Path

from chronicle.ingest import InputError, RawArticle, read_paths


def read(*paths, date=None):
    items = list(read_paths([str(p) for p in paths], date=date))
    return [i for i in items if isinstance(i, RawArticle)], [i for i in items if isinstance(i, InputError)]


def test_text_file_headers_give_title_date_and_url(tmp_path: Path):
    path = tmp_path / "story.txt"
    path.write_text("Title: Talks resume\nDate: 2020-03-04\nURL: https://example.org/a\n\nEnvoys met in Geneva.\n")
    [article], errors = read(path)
    assert not errors
    assert (article.title, article.date, article.url, article.id) == ("Talks resume", "2020-03-04", "https://example.org/a", "story")
    assert article.text[article.body_start:].strip() == "Envoys met in Geneva."


def test_date_option_overrides_header_and_fills_missing(tmp_path: Path):
    path = tmp_path / "plain.txt"
    path.write_text("Envoys met in Geneva on Friday.\n")
    [article], _ = read(path, date="2015-11-20")
    assert article.date == "2015-11-20" and article.body_start == 0


def test_jsonl_keeps_ids_and_reports_bad_lines_by_number(tmp_path: Path):
    path = tmp_path / "corpus.jsonl"
    lines = [json.dumps({"id": "a1", "text": "Troops crossed the border.", "date": "2021-01-02", "title": "T"}),
             "{not json",
             json.dumps({"id": "a3", "text": ""}),
             json.dumps({"id": "a4", "text": "Police arrested protesters.", "date": "yesterday"}),
             json.dumps({"id": "a5", "text": "Rebels seized a town."}),
             '{"id": "a6", "text": "Truncated']
    path.write_text("\n".join(lines))
    articles, errors = read(path)
    assert [a.id for a in articles] == ["a1", "a5"]
    assert articles[0].title == "T" and articles[0].source == f"{path}:1"
    where = {e.source: e.message for e in errors}
    assert set(where) == {f"{path}:2", f"{path}:3", f"{path}:4", f"{path}:6"}
    assert "not valid JSON" in where[f"{path}:2"]
    assert "text" in where[f"{path}:3"]
    assert "date" in where[f"{path}:4"]
    assert "truncated" in where[f"{path}:6"]


def test_html_gives_main_text_title_and_date(samples: Path):
    page = next(samples.glob("*.html"))
    [article], errors = read(page)
    assert not errors
    assert article.title and article.date and len(article.text) > 500
    html = page.read_text(encoding="utf-8")
    assert "<p>" in html and "<p>" not in article.text  # markup is gone
    assert "cookie" not in article.text.lower()  # page chrome is not part of the story


def test_directories_are_read_recursively_and_skip_unknown_types(tmp_path: Path, samples: Path):
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    (nested / "one.txt").write_text("Date: 2020-01-01\n\nA protest was held in Paris.\n")
    (tmp_path / "notes.md").write_text("# not an article")
    articles, errors = read(tmp_path)
    assert [a.id for a in articles] == ["one"] and not errors
    sample_articles, sample_errors = read(samples)
    assert len(sample_articles) >= 8 and not sample_errors


def test_bad_files_get_clear_errors_naming_the_file(tmp_path: Path):
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Le ministre a d\xe9clar\xe9".encode("latin-1"))
    unknown = tmp_path / "data.xyz"
    unknown.write_text("hello")
    good = tmp_path / "good.txt"
    good.write_text("Officials met in Cairo.")
    articles, errors = read(empty, binary, latin, unknown, tmp_path / "missing.txt", good)
    assert [a.id for a in articles] == ["good"]
    messages = {Path(e.source).name: e.message for e in errors}
    assert "empty" in messages["empty.txt"]
    assert "binary" in messages["image.txt"]
    assert "UTF-8" in messages["latin.txt"] and "line 1" in messages["latin.txt"]
    assert "unsupported file type" in messages["data.xyz"]
    assert "no such file" in messages["missing.txt"]
    assert all(str(tmp_path) in str(e) for e in errors)


def test_empty_jsonl_is_an_error(tmp_path: Path):
    path = tmp_path / "none.jsonl"
    path.write_text("\n\n")
    articles, errors = read(path)
    assert not articles and errors and "empty" in errors[0].message


def mixed_languages(tmp_path: Path) -> Path:
    path = tmp_path / "mixed.jsonl"
    french = ("Le président de la République a annoncé mardi que les troupes françaises quitteraient le Mali dans "
              "les prochains mois, selon un communiqué publié par l'Élysée après une réunion du conseil de défense. "
              "Les soldats seront redéployés au Niger et au Tchad, a précisé le ministère des Armées.")
    english = ("The president announced on Tuesday that French troops would leave Mali in the coming months, "
               "according to a statement published after a meeting of the defence council. The soldiers will be "
               "redeployed to Niger and Chad, the ministry said.")
    path.write_text(json.dumps({"id": "fr", "text": french}) + "\n" + json.dumps({"id": "en", "text": english}) + "\n")
    return path


def test_articles_carry_their_detected_language(tmp_path: Path):
    articles, errors = read(mixed_languages(tmp_path))
    assert not errors  # another language is not an error: the article is stored, not coded
    assert [(a.id, a.language) for a in articles] == [("fr", "fr"), ("en", "en")]


def test_language_detection_can_be_left_to_where_articles_are_processed(tmp_path: Path):
    # What `chronicle run --workers` does: the reading process skips it, the pipeline (on a worker) detects.
    from chronicle.ingest import ReadOptions
    from chronicle.pipeline import process_many

    articles = list(read_paths([str(mixed_languages(tmp_path))], options=ReadOptions(detect_language=False)))
    assert [(a.id, a.language) for a in articles] == [("fr", None), ("en", None)]
    docs = list(process_many(articles))
    assert [(d.id, d.language) for d in docs] == [("fr", "fr"), ("en", "en")]
    assert not docs[0].events and docs[1].body  # the French one is stored, not coded


def test_language_detection_leaves_short_and_unclear_texts_undetermined():
    from chronicle.ingest import detect_language, is_english

    assert detect_language("Officials met in Cairo.") is None  # too short to tell
    assert detect_language("Russia threatened to attack Ukraine, the foreign minister said on Monday.") == "en"
    assert detect_language("Die Bundesregierung hat am Montag neue Sanktionen gegen Russland beschlossen.") == "de"
    assert detect_language("Президент России заявил во вторник, что переговоры с Украиной продолжатся.") == "ru"
    assert detect_language("1234 5678 ---- ////" * 50) is None  # no letters
    assert is_english(None) and is_english("en") and not is_english("fr")


def test_english_news_about_nigeria_is_not_taken_for_nigerian_pidgin():
    import chronicle
    from chronicle.ingest import detect_language

    assert detect_language("Nigerian police arrested 40 protesters in Lagos on Monday.") in (None, "en")
    assert detect_language("Una don hear say di goment don increase di price of fuel for Naija? "
                           "Wetin dey happen for dis kontri sef?") == "pcm"
    doc = chronicle.process("The Nigerian army killed 30 Boko Haram fighters in an ambush in Borno state.",
                            date="2019-05-10")
    assert any(e.code.startswith("19") for e in doc.events)


def test_library_process_stores_language_and_skips_nlp_for_other_languages():
    import chronicle

    doc = chronicle.process("Le gouvernement français a annoncé mardi l'envoi de troupes supplémentaires au Mali, "
                            "selon un communiqué du ministère des Armées publié à Paris.", date="2020-01-01")
    assert doc.language == "fr" and not doc.entities and not doc.events and not doc.body
