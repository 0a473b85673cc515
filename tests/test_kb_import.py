"""`chronicle kb import-petrarch`: TABARI / PETRARCH dictionaries into a knowledge directory the coder uses."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from chronicle.knowledge.legacy import (LegacyError, Report, convert_pattern, convert_verbs, parse_actors,
                                        parse_agents, parse_verbs, read_project, sequence_texts)

ACTORS = """\
<!-- a PETRARCH-style actors file -->
ARNOR_  [ARN]
+ARNORIAN   # comment
GONDOR [GON]
+MINAS_TIRITH
ITHILEN MILITARY  [ITHMIL]
BOROMIR  [---]
GOLLUM  # dated codes on their own lines
+SMEAGOL
\t[HOB < 950601]
\t[HOBGOV 19950601 - 19990815]
\t[HOBREB > 990816]
"""

AGENTS = """\
!PERSON! = MAN, WOMAN
POLICE {} [ ~COP] # a comment
GOLDEN_GOOSE {GOLDEN_GEESE} [~GGS]
CONGRESS!PERSON! [~LEG]
HUMAN_RIGHTS_BODY  [NGO~]
"""

VERBS = """\
&TIETYPES
+MILITARY
+ECONOMIC

--- RESTORE  [064]  ---
RESTORE
+REESTABLISH
- * &TIETYPES TIES [065]
- NOT * RELATIONS  [112]
- * DOWN FROM [013]
- * + IN DETENTION [212]

--- BANNED [191] ---
BANNED {BANS}

--- SERENADE [905] ---
SERENADED
"""

SENTENCE = "Arnor serenaded Gondor on Monday."  # a verb the built-in patterns do not know


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(line for line in handle if not line.startswith("#")))


def test_actors_keep_synonyms_and_dated_codes(tmp_path):
    actors = parse_actors(write(tmp_path, "a.txt", ACTORS))
    by_name = {a.names[0]: a for a in actors}
    assert by_name["ARNOR"].names == ["ARNOR", "ARNORIAN"] and by_name["ARNOR"].codes[0].code == "ARN"
    gollum = by_name["GOLLUM"]
    assert gollum.names == ["GOLLUM", "SMEAGOL"]
    assert [(c.code, str(c.start), str(c.end)) for c in gollum.codes] == [
        ("HOB", "None", "1995-05-31"), ("HOBGOV", "1995-06-01", "1999-08-15"), ("HOBREB", "1999-08-17", "None")]


def test_agents_expand_plurals_and_substitutions(tmp_path):
    agents = {a.words[0]: a for a in parse_agents(write(tmp_path, "g.txt", AGENTS))}
    assert agents["police"].code == "COP" and not agents["police"].prefix
    assert agents["golden goose"].words == ["golden goose", "golden geese"]
    assert agents["congressman"].words == ["congressman", "congresswoman"]
    assert agents["human rights body"].prefix


def converted(entries: list[dict]) -> tuple[dict[str, str], dict[str, str]]:
    """(verb pattern -> code, "verb: sequence" -> code) of converted entries."""
    verbs = {text: e["code"] for e in entries for text in e.get("verbs", [])}
    sequences = {f"{verb}: {text}": e["code"] for e in entries for item in e.get("sequences", [])
                 for verb, text in item.items()}
    return verbs, sequences


def test_verb_lines_become_patterns_and_phrase_patterns_word_sequences(tmp_path):
    report = Report()
    blocks, synsets = parse_verbs(write(tmp_path, "v.txt", VERBS))
    verbs, sequences = converted(convert_verbs(blocks, synsets, report))
    # inflected headwords become lemmas
    assert verbs == {"restore": "064", "reestablish": "064", "ban": "191", "serenade": "905"}
    # PETRARCH's words are matched as written, in order around the verb, synsets spelled out
    assert sequences["restore: * military ties"] == "065" and sequences["reestablish: * economic ties"] == "065"
    assert sequences["restore: not * relations"] == "112" and sequences["restore: * + in detention"] == "212"
    assert sequences["restore: * down from"] == "013"
    assert convert_pattern("clash", ["WILL", "NOT", "*"])[0] == "clash will not"
    assert convert_pattern("clash", ["DIDN'T", "*", "OVER"])[0] == "clash do not over"
    assert convert_pattern("demand", ["SUGGESTED", "+", "*"]) == (
        None, "words before the verb (other than auxiliaries and negation)")
    assert convert_pattern("ask", ["*", "FOR", "SANCTIONS", "AGAINST"])[0] == "ask for <sanctions> against"
    assert convert_pattern("go", ["*", "TO"])[0] == "go to"
    assert convert_pattern("go", ["*", "TO", "FROM"]) == (None, "consecutive prepositions")


def test_tabari_patterns_keep_joins_alternatives_and_stems():
    synsets = {"&MONEY": ["DOLLAR", "KRONER_", "SWISS_FRANC"]}
    # TABARI matched every word as a stem unless `_` ends it; `_` between words keeps them together
    assert sequence_texts("HAS { NOT | REFUSED_TO } *", synsets) == ["has* not* *", "has* refused*_to* *"]
    assert sequence_texts("* &MONEY", synsets) == ["* dollar*", "* kroner", "* swiss*_franc*"]
    assert sequence_texts("SUGGESTED_+ * DEMAND", synsets, stems=False) == ["suggested_+ * demand"]
    assert sequence_texts("$ HOSTING ^ * TABASKI", synsets, stems=False) == ["$ hosting ^ * tabaski"]
    # PETRARCH 2's noun phrase {A B} and prepositional phrase (A): their words, kept together
    assert sequence_texts("* {PRIME MINISTER} (TOWARD)", synsets, stems=False) == ["* prime_minister toward"]
    with pytest.raises(ValueError, match="no verb position"):
        sequence_texts("HAS NOT", synsets)
    with pytest.raises(KeyError):
        sequence_texts("* &NOPE", synsets)


def test_null_and_paired_codes_are_kept(tmp_path):
    text = "--- LEFT [032:033] ---\nLEFT\n- * FOR_GOOD [---]\n- * [+++]\n"
    blocks, synsets = parse_verbs(write(tmp_path, "v.txt", text))
    verbs, sequences = converted(convert_verbs(blocks, synsets, Report()))
    assert verbs == {"leave": "032:033"} and sequences == {"leave: * for_good": "---"}  # the bare pattern is dropped


def test_bad_input_names_file_and_line(tmp_path):
    bad = write(tmp_path, "bad.txt", "ARNOR [ARN]\n\t[ARN 1995-01-01 to later]\n")
    with pytest.raises(LegacyError, match=r"bad.txt:2: cannot read code block"):
        parse_actors(bad)
    latin = tmp_path / "latin.txt"
    latin.write_bytes("ARNOR [ARN]\nM\xc9NAS [GON]\n".encode("latin-1"))
    with pytest.raises(LegacyError, match=r"latin.txt:2: not utf-8 text"):
        parse_actors(latin)
    assert parse_actors(latin, encoding="latin-1")[1].names == ["M\xc9NAS"]
    # in a long dictionary, one bad line is left out and reported with its place; the rest is imported
    report = Report()
    blocks, synsets = parse_verbs(write(tmp_path, "v.txt", "--- GO [010] ---\nGO\n- * &NOPE [011]\n- * HOME [012]\n"))
    assert converted(convert_verbs(blocks, synsets, report))[1] == {"go: * home": "012"}
    assert any("&NOPE" in line and "v.txt:3" in line for line in report.lines())
    agents = parse_agents(write(tmp_path, "g.txt", "POLICE [~COP]\nDEPARMENT_OF_ENVIRONMENT [~ENV}\n"), report=report)
    assert [a.code for a in agents] == ["COP"] and any("g.txt:2" in line for line in report.lines())
    typo = write(tmp_path, "typo.txt", "GONDOR [GON]\nARNOR [ARN >201005011]\n")
    assert [a.names for a in parse_actors(typo, report=report)] == [["GONDOR"], ["ARNOR"]]
    assert any("typo.txt:2" in line for line in report.lines())


def test_cli_writes_a_directory_and_reports(cli, tmp_path):
    out = tmp_path / "kb"
    result = cli("kb", "import-petrarch", "--actors", str(write(tmp_path, "a.txt", ACTORS)),
                 "--agents", str(write(tmp_path, "g.txt", AGENTS)), "--verbs", str(write(tmp_path, "v.txt", VERBS)),
                 "--out", str(out))
    assert result.exit_code == 0, result.stderr
    assert "3 actors" in result.stdout and "1 dated actors" in result.stdout and "4 agents" in result.stdout
    assert "[---]" in result.stdout
    assert "BOROMIR" in (out / "import-report.txt").read_text(encoding="utf-8")  # every item, with its place
    assert {"words": "human rights body", "sector": "NGO~"} in rows(out / "agents.csv")  # a prefix agent
    countries = {r["code"]: r for r in rows(out / "countries.csv")}
    assert countries["GON"]["name"] == "Gondor" and "Minas Tirith" in countries["GON"]["aliases"]
    assert {r["code"]: r["country"] for r in rows(out / "organisations.csv")} == {"ITHMIL": ""}
    leaders = rows(out / "leaders.csv")
    assert [(r["country"], r["sector"], r["start"], r["end"]) for r in leaders][:2] == [
        ("HOB", "-", "", "1995-05-31"), ("HOB", "GOV", "1995-06-01", "1999-08-15")]
    assert yaml.safe_load((out / "verbs" / "imported.yaml").read_text())
    again = cli("kb", "import-petrarch", "--agents", str(tmp_path / "g.txt"), "--out", str(out))
    assert again.exit_code != 0 and "--overwrite" in again.stderr
    missing = cli("kb", "import-petrarch", "--actors", str(tmp_path / "nope.txt"), "--out", str(tmp_path / "x"))
    assert missing.exit_code != 0 and "nope.txt: no such file" in missing.stderr


def code_in_subprocess(knowledge: Path, text: str, date: str) -> str:
    """Code one sentence in a fresh process: knowledge files are read once per process."""
    script = ("import json,sys\nfrom chronicle.pipeline import process\n"
              "d = process(sys.argv[1], date=sys.argv[2])\n"
              "print(json.dumps([[e.code, e.source.code if e.source else '', e.target.code if e.target else '']"
              " for e in d.events] + [['actor', a.code, a.name] for a in d.actors]))")
    env = {"CHRONICLE_KNOWLEDGE": str(knowledge), "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-c", script, text, date], capture_output=True, text=True, env=env,
                          cwd=Path(__file__).resolve().parents[1], check=True)
    return done.stdout


def test_imported_knowledge_codes_sentences(cli, tmp_path):
    out = tmp_path / "kb"
    result = cli("kb", "import-petrarch", "--actors", str(write(tmp_path, "a.txt", ACTORS)),
                 "--agents", str(write(tmp_path, "g.txt", AGENTS)), "--verbs", str(write(tmp_path, "v.txt", VERBS)),
                 "--out", str(out))
    assert result.exit_code == 0, result.stderr
    import json
    coded = json.loads(code_in_subprocess(out, SENTENCE, "1995-01-01"))
    assert ["905", "ARN", "GON"] in coded  # imported actors and verb
    # an imported agent gives the sector; dated codes apply only on their dates
    police = json.loads(code_in_subprocess(out, "Smeagol met the Gondor police on Monday.", "1997-03-01"))
    codes = {c[1] for c in police if c[0] == "actor"}
    assert "GONCOP" in codes and "HOBGOV" in codes
    later = json.loads(code_in_subprocess(out, "Smeagol met the Gondor police on Monday.", "2001-03-01"))
    assert "HOBREB" in {c[1] for c in later if c[0] == "actor"}
    earlier = json.loads(code_in_subprocess(out, "Smeagol met the Gondor police on Monday.", "1990-03-01"))
    assert "HOB" in {c[1] for c in earlier if c[0] == "actor"}


def test_imported_names_win_over_built_in_ones(cli, tmp_path):
    import json
    actors = "UNITED_NATIONS [UNO]\nKUWAIT [KUW]\nZIMBABWE\n\t[RHO <790605]\n\t[ZBW]\n"
    result = cli("kb", "import-petrarch", "--actors", str(write(tmp_path, "a.txt", actors)), "--out", str(tmp_path / "kb"))
    assert result.exit_code == 0 and "the imported code wins" in result.stdout
    text = "The United Nations and Kuwait criticized Zimbabwe on Monday."
    later = {c[1] for c in json.loads(code_in_subprocess(tmp_path / "kb", text, "1995-01-01")) if c[0] == "actor"}
    assert {"UNO", "KUW", "ZBW"} <= later and not later & {"IGOUNO", "KWT", "ZWE"}
    earlier = {c[1] for c in json.loads(code_in_subprocess(tmp_path / "kb", text, "1975-01-01")) if c[0] == "actor"}
    assert "RHO" in earlier  # the dated code of the user's entry, not the built-in country


def test_a_name_for_several_actors_codes_an_event_for_each(cli, tmp_path):
    import json
    actors = ACTORS + "THE_SHIRE [FRO/BIL/SAM]\n"
    result = cli("kb", "import-petrarch", "--actors", str(write(tmp_path, "a.txt", actors)),
                 "--verbs", str(write(tmp_path, "v.txt", VERBS)), "--out", str(tmp_path / "kb"))
    assert result.exit_code == 0 and "1 actors standing for several" in result.stdout
    coded = json.loads(code_in_subprocess(tmp_path / "kb", "The Shire serenaded Gondor on Monday.", "1995-01-01"))
    assert sorted(c for c in coded if c[0] == "905") == [["905", "BIL", "GON"], ["905", "FRO", "GON"],
                                                          ["905", "SAM", "GON"]]


def test_real_dictionaries_import_and_code(shared, cli, tmp_path):
    dicts = shared / "gold" / "events" / "feature_dicts"
    files = read_project(dicts / "tabari" / "Validate.project")
    assert [p.name for p in files["actors"]] == ["TABARI.Demo.actors"]
    out = tmp_path / "petr"
    petr = dicts / "petrarch2"
    result = cli("kb", "import-petrarch", "--actors", str(petr / "PETR.Validate.actors.txt"),
                 "--agents", str(petr / "PETR.Validate.agents.txt"), "--verbs", str(petr / "PETR.Validate.verbs.txt"),
                 "--discards", str(petr / "PETR.Validate.discards.txt"), "--out", str(out))
    assert result.exit_code == 0, result.stderr
    assert "discard phrases" in result.stdout and (out / "discards.txt").exists()
    tab = cli("kb", "import-petrarch", "--project", str(dicts / "tabari" / "Validate.project"),
              "--out", str(tmp_path / "tab"))
    assert tab.exit_code == 0, tab.stderr
    assert "options file Validate.options not imported" in tab.stdout
    import json
    # DATE-09 of the PETRARCH unit tests: Sam Gamgee is ORCHOB from 2010-01-09 to 2010-01-12 only
    text = "Sam Gamgee met a bunch of Morgul Orcs."
    inside = {c[1] for c in json.loads(code_in_subprocess(out, text, "2010-01-09")) if c[0] == "actor"}
    outside = {c[1] for c in json.loads(code_in_subprocess(out, text, "2010-01-13")) if c[0] == "actor"}
    assert "ORCHOB" in inside and "MRGORC" in inside
    assert "HOBMIL" in outside and "ORCHOB" not in outside


def test_replace_builtin_codes_with_the_imported_vocabulary_alone(cli, tmp_path):
    import json
    args = ["kb", "import-petrarch", "--actors", str(write(tmp_path, "a.txt", ACTORS)),
            "--verbs", str(write(tmp_path, "v.txt", VERBS))]
    beside, alone = tmp_path / "beside", tmp_path / "alone"
    assert cli(*args, "--out", str(beside)).exit_code == 0
    result = cli(*args, "--out", str(alone), "--replace-builtin")
    assert result.exit_code == 0 and "replaces the built-in verbs" in result.stdout
    assert (alone / "replaces.txt").read_text().split("\n")[1:3] == ["verbs", "stances.yaml"]
    bombed = "Arnor bombed Gondor on Monday."  # a verb only the built-in patterns know
    assert any(c[0].startswith("19") for c in json.loads(code_in_subprocess(beside, bombed, "1995-01-01")))
    assert not any(c[0] != "actor" for c in json.loads(code_in_subprocess(alone, bombed, "1995-01-01")))
    assert ["905", "ARN", "GON"] in json.loads(code_in_subprocess(alone, SENTENCE, "1995-01-01"))


def code_all_in_subprocess(knowledge: Path, texts: list[str], date: str) -> list[list[list]]:
    """[code, source, target, asserted?] of each text's events, coded in one fresh process."""
    import json
    script = ("import json,sys\nfrom chronicle.pipeline import process\n"
              "print(json.dumps([[[e.code, e.source.code if e.source else '', e.target.code if e.target else '',"
              " e.modality == 'asserted' and not e.negated] for e in process(t, date=sys.argv[1]).events]"
              " for t in json.loads(sys.argv[2])]))")
    env = {"CHRONICLE_KNOWLEDGE": str(knowledge), "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-c", script, date, json.dumps(texts)], capture_output=True, text=True,
                          env=env, cwd=Path(__file__).resolve().parents[1], check=True)
    return json.loads(done.stdout)


def test_blocking_paired_codes_and_legacy_modality(cli, tmp_path):
    verbs = ("--- SERENADE [905] ---\nSERENADED\n- * WITH_SONGS [---]\n- NOT * WITH_SONGS [906]\n"
             "--- LEAVE [032:033] ---\nLEFT\n--- SAID [023] ---\nSAID\n--- AGREE [030] ---\nAGREED\n")
    tabari = "LAMBAST  [111] ;a TABARI verb: a stem, not ended by _\nPRESS_  [021]\n"
    agents = "PRIME_MINISTER [~GOV]\nMAIN_OPPOSITION_GROUP [~MOP]\nMSF {}  [NGO~]\n"
    args = ["kb", "import-petrarch", "--actors", str(write(tmp_path, "a.txt", ACTORS + "ELESSAR [ARN]\n")),
            "--agents", str(write(tmp_path, "g.txt", agents)),
            "--verbs", str(write(tmp_path, "v.txt", verbs)), "--verbs", str(write(tmp_path, "t.verbs", tabari))]
    assert cli(*args, "--out", str(tmp_path / "alone"), "--replace-builtin").exit_code == 0
    imported = (tmp_path / "alone" / "verbs" / "imported.yaml").read_text()
    assert "lambast*" in imported and "press*" not in imported
    assert cli(*args, "--out", str(tmp_path / "beside")).exit_code == 0
    assert (tmp_path / "alone" / "coding.yaml").exists() and not (tmp_path / "beside" / "coding.yaml").exists()
    texts = ["Arnor serenaded Gondor on Monday.", "Arnor serenaded Gondor with songs on Monday.",
             "Arnor left for Gondor on Monday.", "Arnor will serenade Gondor on Monday.",
             "Arnor did not serenade Gondor on Monday.", "Arnor lambasted Gondor on Monday.",
             "Arnor pressured Gondor on Monday.", "Arnor serenaded the parade that Gondor held on Monday.",
             "A crowd in Arnor serenaded Gondor on Monday.",
             "Arnor serenaded Gondor on Monday, a Gondor official said.", "Arnor said on Monday that Gondor was ready.",
             "Arnor did not serenade Gondor with songs on Monday.",
             "Prime Minister Elessar serenaded the Gondor main opposition group on Monday.",
             "Arnor agreed to serenade Gondor on Monday.", "MSF Arnor serenaded Gondor on Monday.",
             "Arnor serenaded loudly on Monday."]
    plain, blocked, left, future, negated, stem, whole, first_after, first_before, reported, statement, \
        not_blocked, agents_around, chain, prefixed, one_sided = code_all_in_subprocess(tmp_path / "alone", texts,
                                                                                        "1995-01-01")
    assert one_sided == []  # both_actors: no event without a target actor
    assert prefixed == [["905", "NGOARN", "GON", True]]  # MSF [NGO~]: the agent's code goes in front
    # a verb chain is coded once, at its top: the governed "serenade" is not coded besides "agreed"
    assert chain == [["030", "ARN", "GON", True]]
    # agents around a name the dictionary gives a country code: a title before it, a longer agent after it
    assert agents_around == [["905", "ARNGOV", "GONMOP", True]]
    # "NOT * WITH_SONGS": the pattern names the negation, so its event is not flagged negated
    assert not_blocked == [["906", "ARN", "GON", True]]
    # a reporting verb with a pattern yields to the event it reports, and is coded where it reports none
    assert [e[0] for e in reported] == ["905"] and [e[0] for e in statement] == ["023"]
    # no actor in the parse's target or source: the first actor after / before the verb, as the legacy coders did
    assert first_after == [["905", "ARN", "GON", True]] and first_before == [["905", "ARN", "GON", True]]
    assert stem == [["111", "ARN", "GON", True]] and whole == []  # "PRESS_" is a whole word, not a stem
    assert plain == [["905", "ARN", "GON", True]]
    assert blocked == []  # the more specific [---] pattern says this is no event
    assert sorted(left) == [["032", "ARN", "GON", True], ["033", "GON", "ARN", True]]
    assert future == [["905", "ARN", "GON", True]]  # coded as an event, as the legacy coders did
    assert negated == [["905", "ARN", "GON", False]]  # negation stays flagged
    beside, after, before, one_sided = code_all_in_subprocess(tmp_path / "beside", [texts[3], *texts[7:9], texts[-1]],
                                                              "1995-01-01")
    assert one_sided == [["905", "ARN", "", True]]  # Chronicle's own convention keeps a one-sided event
    assert ["905", "ARN", "GON", False] in beside  # Chronicle's own convention: a future action is not asserted
    assert ["905", "ARN", "GON", True] not in after + before


def test_coding_options_reject_unknown_keys(tmp_path, monkeypatch):
    from chronicle.extract.patterns import load_coding_options
    (tmp_path / "coding.yaml").write_text("flag_modality: false\nflag_moods: true\n", encoding="utf-8")
    monkeypatch.setenv("CHRONICLE_KNOWLEDGE", str(tmp_path))
    load_coding_options.cache_clear()
    try:
        with pytest.raises(ValueError, match=r"coding.yaml: unknown option\(s\) flag_moods"):
            load_coding_options()
        (tmp_path / "coding.yaml").write_text("flag_modality: false\n", encoding="utf-8")
        assert load_coding_options().flag_modality is False
    finally:
        load_coding_options.cache_clear()


def test_discard_phrases_and_discard_coded_actors_stop_coding(cli, tmp_path):
    import json
    actors = ACTORS + "USSR [USR <911226] [###]\nVOLLEYBALL [+++]\n"
    discards = "BASEBALL\n+TYPHOON\n"
    out = tmp_path / "kb"
    result = cli("kb", "import-petrarch", "--actors", str(write(tmp_path, "a.txt", actors)),
                 "--verbs", str(write(tmp_path, "v.txt", VERBS)),
                 "--discards", str(write(tmp_path, "d.txt", discards)), "--out", str(out))
    assert result.exit_code == 0, result.stderr
    lines = [x for x in (out / "discards.txt").read_text().splitlines() if not x.startswith("#")]
    assert lines == ["baseball", "+typhoon", "ussr from 1991-12-26", "volleyball"]

    def events(text: str, date: str = "1995-01-01") -> list:
        return [c for c in json.loads(code_in_subprocess(out, text, date)) if c[0] != "actor"]

    assert events(SENTENCE) == [["905", "ARN", "GON"]]
    assert events("Arnor serenaded Gondor at the baseball game.") == []
    assert events("Arnor serenaded Gondor. The volleyball team lost.") == [["905", "ARN", "GON"]]  # one sentence
    assert events("Arnor serenaded Gondor. A typhoon hit the coast.") == []  # '+': the whole story
    assert events("Arnor serenaded the USSR.", "1990-06-01") == [["905", "ARN", "USR"]]
    assert events("Arnor serenaded the USSR.", "1995-06-01") == []
    shown = subprocess.run([sys.executable, "-m", "chronicle", "explain", "Arnor serenaded Gondor at the baseball game."],
                           capture_output=True, text=True, env={"CHRONICLE_KNOWLEDGE": str(out), "PATH": "/usr/bin:/bin"},
                           cwd=Path(__file__).resolve().parents[1], check=True).stdout
    assert "discard phrase 'baseball'" in shown and "no event coded: a discard phrase applies" in shown


def test_an_inflected_verb_with_its_own_code_keeps_it(cli, tmp_path):
    import json
    verbs = VERBS + "--- LEAVE [012] ---\nLEAVE\n\n--- LEFT [032:033] ---\nLEFT\n"
    out = tmp_path / "kb"
    result = cli("kb", "import-petrarch", "--actors", str(write(tmp_path, "a.txt", ACTORS)),
                 "--verbs", str(write(tmp_path, "v.txt", verbs)), "--out", str(out), "--replace-builtin")
    assert result.exit_code == 0, result.stderr
    entries = yaml.safe_load((out / "verbs" / "imported.yaml").read_text())
    assert {"code": "032:033", "verbs": ["=left"]} in entries  # "left" alone, not the lemma "leave"
    left = [c for c in json.loads(code_in_subprocess(out, "Arnor left for Gondor on Monday.", "1995-01-01"))
            if c[0] != "actor"]
    leaves = [c for c in json.loads(code_in_subprocess(out, "Arnor leaves Gondor on Monday.", "1995-01-01"))
              if c[0] != "actor"]
    assert sorted(left) == [["032", "ARN", "GON"], ["033", "GON", "ARN"]]
    assert leaves == [["012", "ARN", "GON"]]



def test_a_converse_pattern_must_say_who_acts_by_its_final_preposition(tmp_path, monkeypatch):
    from chronicle.extract.patterns import load_lexicon
    (tmp_path / "verbs.yaml").write_text('- code: "072"\n  converse: true\n  verbs: [receive <weapon>]\n',
                                         encoding="utf-8")
    monkeypatch.setenv("CHRONICLE_KNOWLEDGE", str(tmp_path))
    load_lexicon.cache_clear()
    try:
        with pytest.raises(ValueError, match="converse pattern names who acts by its final preposition"):
            load_lexicon()
    finally:
        monkeypatch.delenv("CHRONICLE_KNOWLEDGE")
        load_lexicon.cache_clear()


def test_a_users_pattern_may_restrict_who_does_it(tmp_path, monkeypatch):
    """A knowledge file's `doers:` list: the verb matches only with one of those words as its subject."""
    from chronicle.extract.patterns import load_lexicon, load_stances
    from chronicle.knowledge.base import replaced

    (tmp_path / "verbs").mkdir()
    (tmp_path / "verbs" / "mine.yaml").write_text(
        '- code: "180"\n  doers: [gunman]\n  verbs: [storm]\n', encoding="utf-8")
    monkeypatch.setenv("CHRONICLE_KNOWLEDGE", str(tmp_path))
    for cached in (load_lexicon, load_stances, replaced):
        cached.cache_clear()
    try:
        patterns = [p for p in load_lexicon().verb_patterns(("storm", "storm")) if p.code == "180"]
        assert patterns and patterns[0].doers == frozenset({"gunman"})
    finally:
        monkeypatch.delenv("CHRONICLE_KNOWLEDGE")
        for cached in (load_lexicon, load_stances, replaced):
            cached.cache_clear()
