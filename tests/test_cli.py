"""End to end through the command line, on the bundled samples."""

from __future__ import annotations

import json
from pathlib import Path

import chronicle
from chronicle.records import Document
from tests.conftest import read_jsonl, spans_of


def test_run_on_samples_stores_everything_and_is_idempotent(cli, samples, db):
    first = cli("run", str(samples), "--db", db, "--format", "jsonl")
    assert first.exit_code == 0, first.stderr
    records = [Document.model_validate_json(line) for line in first.stdout.splitlines()]
    assert len(records) >= 8
    assert "0 failed" in first.stderr and f"{len(records)} stored" in first.stderr
    again = cli("run", str(samples), "--db", db, "--format", "jsonl")
    assert f"0 stored in {db}, {len(records)} already stored" in again.stderr
    events = cli("events", "--db", db, "--format", "json")
    assert len(json.loads(events.stdout)) == sum(len(r.events) for r in records)


def test_every_span_indexes_the_original_text(cli, samples, db):
    result = cli("run", str(samples), "--no-store", "--format", "jsonl")
    records = [Document.model_validate_json(line) for line in result.stdout.splitlines()]
    assert all(r.entities and r.places and r.times for r in records)
    assert sum(bool(r.events) for r in records) >= 0.75 * len(records)
    assert sum(bool(r.quotes) for r in records) >= 0.75 * len(records)
    for record in records:
        for span in spans_of(record):
            assert record.text[span.start:span.end] == span.text


def test_jsonl_input_keeps_ids_and_offsets_index_the_text_field(cli, samples):
    src = samples / "10-wire-briefs.jsonl"
    result = cli("run", str(src), "--no-store", "--format", "jsonl")
    inputs = read_jsonl(src)
    outputs = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["id"] for o in outputs] == [i["id"] for i in inputs]
    for i, o in zip(inputs, outputs):
        assert o["text"] == i["text"] and o["date"] == i["date"]


def test_bad_inputs_fail_clearly_and_do_not_disturb_the_store(cli, samples, db, tmp_path: Path):
    cli("run", str(samples), "--db", db)
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "ok", "text": "Rebels attacked a convoy near Goma.", "date": "2023-01-05"}\n{"id": "x", "te')
    binary = tmp_path / "blob.txt"
    binary.write_bytes(bytes(range(256)))
    result = cli("run", str(bad), str(binary), str(samples), "--db", db)
    assert result.exit_code == 1
    assert f"{bad}:2" in result.stderr and "blob.txt" in result.stderr
    assert "2 failed" in result.stderr and "1 stored" in result.stderr
    counts = cli("events", "--db", db, "--format", "json")
    ids = [e["article_id"] for e in json.loads(counts.stdout)]
    assert len(ids) == len(set((e["content_hash"], e["trigger"], e["source_code"], e["target_code"], e["code"])
                               for e in json.loads(counts.stdout)))


def test_events_query_and_show(cli, samples, db):
    cli("run", str(samples), "--db", db)
    table = cli("events", "--db", db, "--code", "19")
    assert table.exit_code == 0 and "19" in table.stdout
    rows = json.loads(cli("events", "--db", db, "--code", "19", "--format", "json").stdout)
    assert rows and all(r["code"].startswith("19") for r in rows)
    shown = cli("show", rows[0]["article_id"], "--db", db)
    assert shown.exit_code == 0 and rows[0]["trigger"] in shown.stdout
    missing = cli("show", "no-such-article", "--db", db)
    assert missing.exit_code != 0 and "no stored article" in missing.stderr


def test_table_output_and_schema(cli, samples):
    result = cli("run", str(samples / "01-airstrikes-idlib.txt"), "--no-store")
    assert result.exit_code == 0 and "195" in result.stdout
    schema = json.loads(cli("schema").stdout)
    assert schema["title"] == "Chronicle document record"
    for key in ("entities", "actors", "events", "quotes", "places", "times", "quantities"):
        assert key in schema["properties"]
    assert {"Event", "ActorRef", "Quote", "Place", "Time", "Quantity"} <= set(schema["$defs"])


def test_library_and_cli_agree(cli, samples):
    path = samples / "03-venezuela-colombia-denial.txt"
    via_cli = Document.model_validate_json(cli("run", str(path), "--no-store", "--format", "jsonl").stdout)
    via_lib = chronicle.process(path.read_text(encoding="utf-8"), id=path.stem)
    assert via_cli.events == via_lib.events and via_cli.entities == via_lib.entities


def test_seed_style_article_end_to_end(seed_like):
    d = seed_like
    assert [f.text for f in d.furniture] == ["Share", "Advertisement"]
    triples = {(e.source and e.source.code, e.code, e.target and e.target.code) for e in d.events}
    assert ("RUSMIL", "195", "IMGMUSISI") in triples
    visit = next(e for e in d.events if e.code == "042")
    assert (visit.source.code, visit.target.code, visit.modality) == ("FRAGOV", "RUS", "planned")
    assert any(q.speaker is not None and q.speaker.text == "Peskov" for q in d.quotes)
    assert {"Raqqa", "Moscow", "Syria"} <= {p.text for p in d.places}
    assert {t.text: t.value for t in d.times}["next week"] == "2015-W48"


def test_seed_article_main_facts(cli, shared):
    """The project's sample article: air strikes, statement sources, Syrian places, resolved dates."""
    result = cli("run", str(shared / "seed" / "article.txt"), "--date", "2015-11-20", "--no-store", "--format", "jsonl")
    d = Document.model_validate_json(result.stdout)
    triples = {(e.source and e.source.code, e.code, e.target and e.target.code) for e in d.events}
    assert ("RUSMIL", "195", "IMGMUSISI") in triples
    speakers = {(q.speaker.text, getattr(q.speaker, "code", None)) for q in d.quotes if q.speaker}
    assert ("Peskov", "RUSGOV") in speakers and any(code == "USAMIL" for _, code in speakers)
    syrian = {p.text for p in d.places if p.country == "SYR" and p.kind == "city"}
    assert {"Aleppo", "Idlib", "Latakia", "Palmyra"} <= syrian
    times = {t.text: t.value for t in d.times}
    assert times["Friday"] == "2015-11-20" and times["Wednesday"] == "2015-11-18"
    body = " ".join(b.text for b in d.body)
    assert "Advertisement" not in body and not body.startswith("Share")


def test_json_output_to_a_file(cli, samples, tmp_path: Path):
    out = tmp_path / "records.json"
    result = cli("run", str(samples / "02-kenya-ethiopia-visit.txt"), "--no-store", "--format", "json", "--out", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    [record] = json.loads(out.read_text(encoding="utf-8"))
    assert record["id"] == "02-kenya-ethiopia-visit" and record["date"] and record["title"]
    assert all(key in record for key in ("entities", "actors", "events", "quotes", "places", "times", "quantities"))


def test_bad_date_option_is_a_usage_error(cli, samples):
    result = cli("run", str(samples), "--date", "20/11/2015", "--no-store")
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.stderr


def test_code_writes_one_line_per_input_with_actor_code_strings(cli, tmp_path: Path):
    src = tmp_path / "sentences.jsonl"
    lines = [{"id": "s1", "text": "Russian warplanes bombed Islamic State targets in Raqqa.", "date": "2015-11-20"},
             {"id": "s2", "text": "The market reopened after the holiday.", "date": "2015-11-20"},
             {"id": "s3", "text": "Israel will not attack Hezbollah.", "date": "2024-03-01"}]
    src.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    result = cli("code", str(src))
    assert result.exit_code == 0
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["id"] for o in out] == ["s1", "s2", "s3"]
    assert {(e["source"], e["code"], e["target"]) for e in out[0]["events"]} >= {("RUSMIL", "195", "IMGMUSISI")}
    assert out[1]["events"] == []
    flagged = out[2]["events"]
    assert flagged and all(e["negated"] for e in flagged)  # kept, with their flags
    for e in out[0]["events"]:
        span = e["evidence"][0]
        assert lines[0]["text"][span["start"]:span["end"]] == span["text"]


def test_explain_shows_pattern_actors_and_flags(cli):
    result = cli("explain", "Russia threatened to attack Ukraine. The Russian Defence Ministry said it would not "
                            "negotiate with the rebels. Vladimir Putin landed in Paris. He could not attack France.",
                 "--date", "2015-01-01")
    assert result.exit_code == 0
    out = result.stdout
    assert "1384" in out and "governed by 'threatened'" in out and "pattern 'attack'" in out
    assert "125" in out and "a refusal" in out  # announced by the ministry itself
    assert "via pronoun" in out and "NEGATED hypothetical" in out
    empty = cli("explain", "The weather was fine.")
    assert empty.exit_code == 0 and "no event coded" in empty.stdout


def test_eval_scores_given_predictions_and_skips_flagged_events(cli, tmp_path: Path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"id": "a", "text": "x", "events": [{"source": "ISR", "target": "LBN", "code": "190"}],
                                "no_event": False, "evaluate": True}) + "\n")
    pred = tmp_path / "pred.jsonl"
    pred.write_text(json.dumps({"id": "a", "events": [
        {"source": "ISR", "target": "LBN", "code": "193", "negated": False, "modality": "asserted"},
        {"source": "LBN", "target": "ISR", "code": "190", "negated": True, "modality": "asserted"}]}) + "\n")
    report = json.loads(cli("eval", "events", "--gold", str(gold), "--pred", str(pred), "--json").stdout)
    assert report["levels"]["root"]["tp"] == 1 and report["levels"]["root"]["fp"] == 0
    assert report["levels"]["exact"]["tp"] == 0
    pred.write_text('{"id": "a", "events": [\n')
    bad = cli("eval", "events", "--gold", str(gold), "--pred", str(pred))
    assert bad.exit_code != 0 and "pred.jsonl, line 1" in bad.output
