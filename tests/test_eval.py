"""`chronicle eval entities` agrees with the reference scorer."""

from __future__ import annotations

import json
import subprocess
import sys

from chronicle.evaluate.entities import SCORED


def test_entity_scores_agree_with_reference_scorer(cli, shared, tmp_path):
    gold = shared / "gold" / "entities" / "re3d_dev.jsonl"
    preds = tmp_path / "pred.jsonl"
    ours = json.loads(cli("eval", "entities", "--gold", str(gold), "--json", "--predictions", str(preds)).stdout)
    ref = subprocess.run([sys.executable, str(shared / "eval" / "score.py"), "entities", str(gold), str(preds),
                          "--gold-filter", "type=" + ",".join(SCORED), "--json"],
                         capture_output=True, text=True, check=True)
    theirs = json.loads(ref.stdout.strip().splitlines()[-1])
    for kind in ("exact", "overlap", "exact_untyped", "overlap_untyped"):
        for key in ("tp", "fp", "fn"):
            assert ours["overall"][kind][key] == theirs["overall"][kind][key], (kind, key)
    for t, row in ours["per_type"].items():
        assert row["exact"]["f1"] == theirs["per_type"][t]["exact"]["f1"]


def test_scoring_rules_on_a_tiny_case():
    from chronicle.evaluate.entities import score
    gold = [{"id": "d", "entities": [{"start": 0, "end": 5, "type": "Person"},
                                     {"start": 10, "end": 15, "type": "Location"},
                                     {"start": 20, "end": 25, "type": "DocumentReference"}]}]
    preds = {"d": [{"start": 0, "end": 5, "type": "Person"}, {"start": 11, "end": 15, "type": "Location"},
                   {"start": 20, "end": 25, "type": "Organisation"}]}
    report = score(gold, preds)
    assert report["overall"]["exact"]["tp"] == 1 and report["overall"]["overlap"]["tp"] == 2
    assert report["overall"]["exact"]["fp"] == 1  # the span on the excluded gold type is ignored


def test_event_scores_agree_with_reference_scorer(cli, shared, tmp_path):
    sets = {"petrarch2_gsr_validation": None, "conflibert_class_test": 120}
    for name, limit in sets.items():
        gold = tmp_path / f"{name}.jsonl"
        lines = (shared / "gold" / "events" / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
        gold.write_text("\n".join(lines[:limit] if limit else lines) + "\n", encoding="utf-8")
        preds = tmp_path / f"{name}.pred.jsonl"
        ours = json.loads(cli("eval", "events", "--gold", str(gold), "--json", "--predictions", str(preds)).stdout)
        ref = subprocess.run([sys.executable, str(shared / "eval" / "score.py"), "events", str(gold), str(preds), "--json"],
                             capture_output=True, text=True, check=True)
        theirs = json.loads(ref.stdout.strip().splitlines()[-1])
        for level, mine in ours["levels"].items():
            if mine is None:
                assert theirs["levels"][level] is None
                continue
            assert (mine["tp"], mine["fp"], mine["fn"]) == tuple(theirs["levels"][level][k] for k in ("tp", "fp", "fn"))
        if "pentaclass" in theirs:
            assert ours["pentaclass"]["accuracy"] == theirs["pentaclass"]["accuracy"]
            assert ours["pentaclass"]["macro_f1"] == theirs["pentaclass"]["macro_f1"]


def test_only_asserted_events_are_scored():
    from chronicle.evaluate.events import score
    gold = [{"id": "s", "events": [{"source": "ISR", "target": "LBN", "code": "190"}], "evaluate": True}]
    pred = {"s": [{"source": "ISR", "target": "LBN", "code": "190"}]}
    assert score(gold, pred)["levels"]["exact"]["tp"] == 1
    from chronicle.evaluate.events import asserted
    assert not asserted({"negated": True, "modality": "asserted"})
    assert not asserted({"negated": False, "modality": "hypothetical"})
