"""`chronicle eval times`: TIMEX detection and normalisation, by the reference scorer's rules.

Detection is exact and overlap P/R/F1 (type not compared); on overlap-matched
pairs, TIMEX3 value accuracy (trimmed, upper-cased), type accuracy and value
accuracy by gold type; and a value P/R/F1 whose true positives are matched
expressions with the right value.
"""

from __future__ import annotations

from collections import defaultdict

from chronicle.evaluate.matching import best_first_pairs, exact_pairs, fmt, gold_and_predictions, overlap, prf
from chronicle.ingest import RawArticle


def predict(gold: list[dict]) -> dict[str, list[dict]]:
    from chronicle.pipeline import process_many

    raws = [RawArticle(text=g["text"], id=str(g["id"]), date=g.get("date")) for g in gold]
    return {raw.id: [{"start": t.start, "end": t.end, "type": t.type, "value": t.value} for t in doc.times]
            for raw, doc in zip(raws, process_many(raws))}


def _value(v: object) -> str:
    return "" if v is None else str(v).strip().upper()


def _valid(span: dict, n: int) -> bool:
    return isinstance(span.get("start"), int) and isinstance(span.get("end"), int) and 0 <= span["start"] < span["end"] <= n


def score(gold: list[dict], preds: dict[str, list[dict]]) -> dict:
    det = {"exact": [0, 0, 0], "overlap": [0, 0, 0]}
    values = {"exact": [0, 0], "overlap": [0, 0]}  # [right value, matched]
    types = [0, 0]
    per_type = defaultdict(lambda: [0, 0, 0])  # gold type -> [right value, matched, gold]
    n_gold = n_pred = 0
    for g in gold:
        gs = list(g.get("times") or [])
        ps = [p for p in preds.get(str(g["id"]), []) if _valid(p, len(g["text"]))]
        n_gold += len(gs)
        n_pred += len(ps)
        for s in gs:
            per_type[str(s.get("type"))][2] += 1
        for kind, pairs in (("exact", exact_pairs(gs, ps, lambda s: (s["start"], s["end"]))),
                            ("overlap", best_first_pairs(gs, ps, overlap))):
            det[kind][0] += len(pairs)
            det[kind][1] += len(ps) - len(pairs)
            det[kind][2] += len(gs) - len(pairs)
            for i, j in pairs:
                right = _value(gs[i].get("value")) != "" and _value(gs[i].get("value")) == _value(ps[j].get("value"))
                values[kind][0] += right
                values[kind][1] += 1
                if kind == "overlap":
                    types[0] += str(gs[i].get("type") or "").upper() == str(ps[j].get("type") or "").upper()
                    types[1] += 1
                    row = per_type[str(gs[i].get("type"))]
                    row[0] += right
                    row[1] += 1
    right = values["overlap"][0]
    return {"documents": len(gold), "gold_times": n_gold, "predicted_times": n_pred,
            "detection": {k: prf(*v) for k, v in det.items()},
            "value_accuracy": {k: (v[0] / v[1] if v[1] else None) for k, v in values.items()},
            "type_accuracy": types[0] / types[1] if types[1] else None,
            "value_prf": prf(right, n_pred - right, n_gold - right),
            "per_gold_type": {t: {"value_accuracy": v[0] / v[1] if v[1] else None, "matched": v[1], "gold": v[2]}
                              for t, v in sorted(per_type.items())}}


def evaluate_times(gold_path: str | list[str], predictions_path: str | None = None,
                   pred_path: str | None = None) -> dict:
    """The report on one gold file; on several, each file's report and one of them all pooled
    (`pooled`: every expression of every file counted once, as if they were one set)."""
    paths = [gold_path] if isinstance(gold_path, str) else list(gold_path)
    if len(paths) > 1 and (predictions_path or pred_path):
        raise ValueError("--predictions and --pred go with one gold file")
    golds, reports = [], []
    for path in paths:
        gold, preds = gold_and_predictions(path, "times", predict, predictions_path, pred_path)
        report = score(gold, preds)
        report["gold"] = path
        reports.append(report)
        golds.append((gold, preds))
    if len(reports) == 1:
        return reports[0]
    # Document ids need not be unique across files: each is keyed by its file's position too.
    gold_all = [dict(g, id=f"{i}:{g['id']}") for i, (gold, _) in enumerate(golds) for g in gold]
    preds_all = {f"{i}:{k}": v for i, (_, preds) in enumerate(golds) for k, v in preds.items()}
    pooled = score(gold_all, preds_all)
    pooled["gold"] = " + ".join(paths)
    return {"files": reports, "pooled": pooled}


def format_report(report: dict) -> str:
    if "pooled" in report:
        return "\n\n".join(format_report(r) for r in [*report["files"], report["pooled"]])
    lines = [f"times: {report['gold']} ({report['documents']} documents; gold {report['gold_times']}, "
             f"predicted {report['predicted_times']})",
             f"{'match':<16}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>6}{'fn':>6}"]
    rows = dict(report["detection"], value=report["value_prf"])
    for kind, m in rows.items():
        lines.append(f"{kind:<16}{fmt(m['p']):>7}{fmt(m['r']):>7}{fmt(m['f1']):>7}{m['tp']:>6}{m['fp']:>6}{m['fn']:>6}")
    lines += ["", f"value accuracy, exact-matched   {fmt(report['value_accuracy']['exact'])}",
              f"value accuracy, overlap-matched {fmt(report['value_accuracy']['overlap'])}",
              f"type accuracy, overlap-matched  {fmt(report['type_accuracy'])}"]
    for t, d in report["per_gold_type"].items():
        lines.append(f"  {t:<9} value accuracy {fmt(d['value_accuracy'])}  (matched {d['matched']} of {d['gold']})")
    return "\n".join(lines)
