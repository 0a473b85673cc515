"""`chronicle eval events`: sentence-level event scores, by the reference scorer's matching rules.

Only asserted events count: negated, future, planned, hypothetical and
reported events stay in Chronicle's output with their flags but are not
claims that something happened; background mentions (the setting of another
event) are not what their sentence reports.
"""

from __future__ import annotations

from collections import Counter
from typing import Iterable

from chronicle.evaluate.matching import fmt, prf, read_gold, read_prediction_records, write_predictions
from chronicle.ingest import RawArticle

LEVELS = ("root", "root+dyad", "full_dyad", "exact", "plover")
RENAMED_2021 = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
PENTACLASS = {**{f"{r:02d}": 0 for r in (1, 2)}, **{f"{r:02d}": 1 for r in (3, 4, 5)},
              **{f"{r:02d}": 2 for r in (6, 7, 8)}, **{f"{r:02d}": 3 for r in range(9, 14)},
              **{f"{r:02d}": 4 for r in range(14, 21)}}


def asserted(event: dict) -> bool:
    return not event.get("negated") and event.get("modality", "asserted") == "asserted" and not event.get("background")


def predict(gold: list[dict]) -> dict[str, list[dict]]:
    """Chronicle's asserted events for each gold sentence, in the prediction format."""
    from chronicle.pipeline import process_many

    raws = [RawArticle(text=g["text"], id=str(g["id"]), date=g.get("date")) for g in gold if g.get("text", "").strip()]
    out: dict[str, list[dict]] = {}
    for raw, doc in zip(raws, process_many(raws)):
        out[raw.id] = [e for e in (ev.coded() for ev in doc.events) if asserted(e)]
    return out


def _code(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, int):
        return f"{value:02d}" if value < 100 else str(value)
    return str(value).strip()


def _actors(value: object) -> list[str]:
    """Compound actors "A+B" count once per actor."""
    parts = [p.strip().upper() for p in str(value or "").split("+")]
    return [p for p in parts if p] or [""]


def _plover(event: dict) -> str:
    value = str(event.get("plover_2021") or event.get("plover") or "").strip().upper()
    return RENAMED_2021.get(value, value)


def _countries(event: dict, side: str) -> list[str]:
    listed = event.get(side + "_actors")
    if isinstance(listed, list) and listed:
        return [str(a.get("code") or "").strip().upper()[:3] for a in listed]
    return [a[:3] for a in _actors(event.get(side))]


def keys(event: dict, level: str, ignore_target: bool = False) -> list[tuple]:
    if level == "plover":
        p = _plover(event)
        if not p:
            return []
        targets = [""] if ignore_target else _countries(event, "target")
        return [(p, s, t) for s in _countries(event, "source") for t in targets]
    code = _code(event.get("code"))
    if not code:
        return []
    targets = [""] if ignore_target else _actors(event.get("target"))
    out = []
    for s in _actors(event.get("source")):
        for t in targets:
            out.append({"root": (code[:2],), "root+dyad": (code[:2], s[:3], t[:3]),
                        "full_dyad": (code[:2], s, t), "exact": (code, s, t)}[level])
    return out


def read_predictions(path: str) -> tuple[dict[str, list[dict]], dict[str, int]]:
    """A prediction file (`chronicle code` output or the scorer's format): events and any own 5-class.

    Events flagged as negated or not asserted are left out, as for Chronicle's own predictions.
    """
    records = read_prediction_records(path, "events")
    events = {key: [e for e in record["events"] if asserted(e)] for key, record in records.items()}
    classes = {key: int(record["pentaclass"]) for key, record in records.items()
               if record.get("pentaclass") is not None}
    return events, classes


def score(gold: list[dict], preds: dict[str, list[dict]], ignore_target: bool = False,
          own_classes: dict[str, int] | None = None) -> dict:
    scored = [g for g in gold if g.get("evaluate", True)]
    events = [e for g in scored for e in g.get("events") or []]
    has_code = any(_code(e.get("code")) for e in events)
    has_actor = any(e.get("source") or e.get("target") for e in events)
    has_plover = any(e.get("plover") or e.get("plover_2021") for e in events)
    levels: dict[str, dict | None] = {}
    for level in LEVELS:
        if not (has_plover if level == "plover" else has_code and (level == "root" or has_actor)):
            levels[level] = None
            continue
        tp = fp = fn = used = 0
        for g in scored:
            gold_events = g.get("events") or []
            labelled = all(_plover(e) if level == "plover" else _code(e.get("code")) for e in gold_events)
            if not (labelled and (gold_events or g.get("no_event"))):
                continue  # a sentence enters a level only when its gold says what the level needs
            used += 1
            want = Counter(k for e in gold_events for k in keys(e, level, ignore_target))
            got = Counter(k for e in preds.get(str(g["id"]), []) for k in keys(e, level, ignore_target))
            hit = sum((want & got).values())
            tp, fp, fn = tp + hit, fp + sum(got.values()) - hit, fn + sum(want.values()) - hit
        levels[level] = {**prf(tp, fp, fn), "sentences": used}
    report = {"evaluated": len(scored), "levels": levels}
    classed = [g for g in scored if g.get("pentaclass") is not None]
    if classed:
        own = own_classes or {}
        report["pentaclass"] = pentaclass_report(
            [int(g["pentaclass"]) for g in classed],
            [own.get(str(g["id"]), predicted_class(preds.get(str(g["id"]), []))) for g in classed])
    return report


def predicted_class(events: Iterable[dict]) -> int:
    """The most frequent 5-class of the predicted events (ties: the earliest); none is class 0."""
    classes = [c for e in events if (c := PENTACLASS.get(_code(e.get("code"))[:2])) is not None]
    if not classes:
        return 0
    counts = Counter(classes)
    return next(c for c in classes if counts[c] == max(counts.values()))


def pentaclass_report(gold: list[int], pred: list[int]) -> dict:
    labels = sorted(set(gold) | set(pred))
    per = {}
    for lab in labels:
        tp = sum(g == lab and p == lab for g, p in zip(gold, pred))
        fp = sum(g != lab and p == lab for g, p in zip(gold, pred))
        fn = sum(g == lab and p != lab for g, p in zip(gold, pred))
        per[str(lab)] = {**prf(tp, fp, fn)}
        per[str(lab)]["f1"] = per[str(lab)]["f1"] or 0.0
    return {"n": len(gold), "accuracy": sum(g == p for g, p in zip(gold, pred)) / len(gold) if gold else None,
            "macro_f1": sum(d["f1"] for d in per.values()) / len(per) if per else None, "per_label": per}


def evaluate_events(gold_path: str, predictions_path: str | None = None, ignore_target: bool = False,
                    pred_path: str | None = None) -> dict:
    """Score Chronicle's own coding of the gold sentences, or the predictions in `pred_path`."""
    gold = read_gold(gold_path)
    classes: dict[str, int] = {}
    if pred_path:
        preds, classes = read_predictions(pred_path)
    else:
        preds = predict(gold)
    if predictions_path:
        write_predictions(predictions_path, "events", preds)
    report = score(gold, preds, ignore_target, classes)
    report["gold"] = gold_path
    report["predictions"] = pred_path or "chronicle"
    return report


def format_report(report: dict) -> str:
    lines = [f"events: {report['gold']} ({report['evaluated']} evaluated sentences; asserted events only)"
             + (f"\npredictions: {report['predictions']}" if report.get("predictions", "chronicle") != "chronicle" else ""),
             f"{'level':<12}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>6}{'fn':>6}{'sentences':>11}"]
    for level, m in report["levels"].items():
        if m is None:
            lines.append(f"{level:<12}{'n/a':>7}")
            continue
        lines.append(f"{level:<12}{fmt(m['p']):>7}{fmt(m['r']):>7}{fmt(m['f1']):>7}{m['tp']:>6}{m['fp']:>6}{m['fn']:>6}"
                     f"{m['sentences']:>11}")
    if "pentaclass" in report:
        pc = report["pentaclass"]
        lines.append(f"\n5-class on {pc['n']} sentences: accuracy {fmt(pc['accuracy'])}, macro-F1 {fmt(pc['macro_f1'])}")
    return "\n".join(lines)
