"""Word-sequence patterns (`sequences:` in a verbs file): dictionary coders' patterns, matched on the words
around the verb, as imported TABARI and PETRARCH dictionaries write them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from chronicle.extract.patterns import COMPOUND, SOURCE, STEM, TARGET, WORD, Slot, parse_sequence

PATTERNS = """\
- code: '121'
  sequences:
  - urge*: has not *            # words before the verb, gaps allowed between them
  - urge*: refused_to *         # `_`: "refused" right before "to"
- code: '122'
  verbs: [urge]
- code: '115'
  sequences:
  - regret*: noted + *          # `+`: the actor named there is the target
- code: '191'
  sequences:
  - postpone*: '% have *'       # `%`: a compound actor, one event each way
- code: '903'
  sequences:
  - contribut*: '* dollar*'     # a word ending in * is a stem
- code: '904'
  sequences:
  - clash*: didn't * over efforts   # a contraction the tokenizer splits ("did" + "n't")
- code: '044:045'
  sequences:
  - welcxme*: '% *'             # a paired code: each member its own side
- code: '031'
  sequences:
  - agre*: '* with %'           # after the verb, beside a subject of its own: that subject acts on each member
- code: '094'
  verbs: [call on]
- code: '172'
  verbs: ['call* for <sanctions>']  # a stem's patterns count beside those of the lemma ("call on")
"""

CODING = "first_actor_source: true\nfirst_actor_target: true\nboth_actors: true\nflag_modality: false\n"


@pytest.fixture(scope="module")
def knowledge(tmp_path_factory) -> Path:
    kb = tmp_path_factory.mktemp("kb")
    (kb / "verbs").mkdir()
    (kb / "verbs" / "sequences.yaml").write_text(PATTERNS, encoding="utf-8")
    (kb / "coding.yaml").write_text(CODING, encoding="utf-8")
    (kb / "replaces.txt").write_text("# only these patterns\nverbs\nstances.yaml\n", encoding="utf-8")
    return kb


def code_all(knowledge: Path, texts: list[str]) -> list[list[list]]:
    """[code, source, target, asserted?] of each text's events, in a fresh process (knowledge loads once)."""
    script = ("import json,sys\nfrom chronicle.pipeline import process\n"
              "print(json.dumps([[[e.code, e.source.code if e.source else '', e.target.code if e.target else '',"
              " e.modality == 'asserted' and not e.negated] for e in process(t, date='2001-01-01').events]"
              " for t in json.loads(sys.argv[1])]))")
    done = subprocess.run([sys.executable, "-c", script, json.dumps(texts)], capture_output=True, text=True,
                          env={"CHRONICLE_KNOWLEDGE": str(knowledge), "PATH": "/usr/bin:/bin"},
                          cwd=Path(__file__).resolve().parents[1], check=True)
    return json.loads(done.stdout)


def test_a_sequence_reads_words_in_order_around_the_verb():
    p = parse_sequence("121", "urge*", "has refused_to * + now", 1)
    # leftwards from the verb, nearest first; a joined slot touches its neighbour on the verb's side
    assert p.before == (Slot(WORD, "to"), Slot(WORD, "refused", joined=True), Slot(WORD, "has"))
    assert p.after == (Slot(TARGET), Slot(WORD, "now"))
    assert parse_sequence("1", "x", "$ ^ * real*_pleasant %", 1).after == (
        Slot(STEM, "real"), Slot(WORD, "pleasant", joined=True), Slot(COMPOUND))
    assert parse_sequence("1", "x", "$ ^ *", 1).before == (Slot(SOURCE),)  # ^ is any words, as a gap is
    with pytest.raises(ValueError, match="no verb position"):
        parse_sequence("1", "x", "has not", 1)
    with pytest.raises(ValueError, match="more than one verb"):
        parse_sequence("1", "x", "* and *", 1)


def test_sequences_code_what_their_words_say(knowledge):
    texts = ["France has not urged Germany to leave.",
             "France has still not urged Germany to leave.",
             "France urged Germany to leave.",
             "France refused to urge Germany to leave.",
             "France refused again to urge Germany to leave.",
             "The French president noted that Germany regretted the decision.",
             "France and Germany have postponed their meeting.",
             "France will contribute a million dollars to Germany.",
             "France didn't clash over the efforts of Germany.",
             "Italy with France and Germany welcxmed the news.",
             "France called for sanctions against Germany.",
             "Spain agreed with France and Germany."]
    not_urged, gap, urged, refused, not_joined, noted, compound, stem, contraction, paired, called, agreed = \
        code_all(knowledge, texts)
    assert sorted(agreed) == [["031", "ESP", "DEU", True], ["031", "ESP", "FRA", True]]
    assert called == [["172", "FRA", "DEU", True]]
    # the pattern names the negation: its code is that of the negated action, not flagged negated
    assert not_urged == [["121", "FRA", "DEU", True]] and gap == not_urged
    assert urged == [["122", "FRA", "DEU", True]]  # no sequence holds: the plain verb pattern
    assert refused == [["121", "FRA", "DEU", True]]
    assert not_joined == [["122", "FRA", "DEU", True]]  # "refused again to": not "refused_to"
    # `+` before the verb: Germany is the target, and the source the first actor before the verb
    assert noted == [["115", "FRAGOV", "DEU", True]]
    assert sorted(compound) == [["191", "DEU", "FRA", True], ["191", "FRA", "DEU", True]]
    assert stem == [["903", "FRA", "DEU", True]]
    assert contraction == [["904", "FRA", "DEU", True]]
    # the compound nearest the verb; with a paired code each direction has its own code
    assert sorted(paired) == [["044", "FRA", "DEU", True], ["045", "DEU", "FRA", True]]


def test_a_bad_sequence_names_its_file(tmp_path):
    (tmp_path / "verbs").mkdir()
    (tmp_path / "verbs" / "bad.yaml").write_text("- code: '010'\n  sequences:\n  - say: '* and *'\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", "from chronicle.extract.patterns import load_lexicon; load_lexicon()"],
                          capture_output=True, text=True, env={"CHRONICLE_KNOWLEDGE": str(tmp_path), "PATH": "/usr/bin:/bin"},
                          cwd=Path(__file__).resolve().parents[1])
    assert done.returncode != 0 and "bad.yaml" in done.stderr and "more than one verb" in done.stderr
