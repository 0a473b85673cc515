"""`chronicle eval entities`: exact and overlap P/R/F1 by type against re3d-style gold."""

from __future__ import annotations

from collections import defaultdict

from chronicle.evaluate.matching import best_first_pairs, exact_pairs, fmt, gold_and_predictions, overlap, prf
from chronicle.ingest import RawArticle

# Chronicle label -> re3d type; labels not listed are not scored.
RE3D_TYPES = {
    "PERSON": "Person", "ORG": "Organisation", "GPE": "Location", "LOC": "Location", "NORP": "Nationality",
    "MONEY": "Money", "QUANTITY": "Quantity", "CARDINAL": "Quantity", "DATE": "Temporal", "TIME": "Temporal",
    "MILITARY_PLATFORM": "MilitaryPlatform", "WEAPON": "Weapon", "VEHICLE": "Vehicle",
}
SCORED = sorted(set(RE3D_TYPES.values()))


def predict(gold: list[dict]) -> dict[str, list[dict]]:
    """Chronicle's entities for each gold document, with re3d types."""
    from chronicle.pipeline import process_many

    raws = [RawArticle(text=g["text"], id=str(g["id"]), date=g.get("date")) for g in gold]
    preds = {}
    for g, doc in zip(gold, process_many(raws)):
        preds[str(g["id"])] = [{"start": e.start, "end": e.end, "type": RE3D_TYPES[e.label]}
                               for e in doc.entities if e.label in RE3D_TYPES]
    return preds


def score(gold: list[dict], preds: dict[str, list[dict]]) -> dict:
    """Scores over the gold types Chronicle predicts (others are left out on both sides)."""
    totals = {k: [0, 0, 0] for k in ("exact", "overlap", "exact_untyped", "overlap_untyped")}
    per_type = defaultdict(lambda: {"exact": [0, 0, 0], "overlap": [0, 0, 0]})
    for g in gold:
        all_gold = g.get("entities") or []
        gs = [s for s in all_gold if s["type"] in SCORED]
        excluded = [s for s in all_gold if s["type"] not in SCORED]
        # A prediction that only hits excluded gold spans is neither right nor wrong.
        ps = [p for p in preds.get(str(g["id"]), [])
              if not any((p["start"], p["end"]) == (x["start"], x["end"]) for x in excluded)
              and not (any(overlap(p, x) for x in excluded) and not any(overlap(p, y) for y in gs))]
        results = {
            "exact": exact_pairs(gs, ps, lambda s: (s["start"], s["end"], s["type"])),
            "overlap": best_first_pairs(gs, ps, lambda a, b: overlap(a, b) if a["type"] == b["type"] else 0),
            "exact_untyped": exact_pairs(gs, ps, lambda s: (s["start"], s["end"])),
            "overlap_untyped": best_first_pairs(gs, ps, overlap),
        }
        for kind, pairs in results.items():
            totals[kind][0] += len(pairs)
            totals[kind][1] += len(ps) - len(pairs)
            totals[kind][2] += len(gs) - len(pairs)
        for kind in ("exact", "overlap"):
            matched_g = {i for i, _ in results[kind]}
            matched_p = {j for _, j in results[kind]}
            for i, s in enumerate(gs):
                per_type[s["type"]][kind][0 if i in matched_g else 2] += 1
            for j, s in enumerate(ps):
                if j not in matched_p:
                    per_type[s["type"]][kind][1] += 1
    return {"documents": len(gold), "types": SCORED,
            "overall": {k: prf(*v) for k, v in totals.items()},
            "per_type": {t: {k: prf(*v) for k, v in d.items()} for t, d in sorted(per_type.items())}}


def evaluate_entities(gold_path: str, predictions_path: str | None = None) -> dict:
    gold, preds = gold_and_predictions(gold_path, "entities", predict, predictions_path)
    report = score(gold, preds)
    report["gold"] = gold_path
    return report


def format_report(report: dict) -> str:
    lines = [f"entities: {report['gold']} ({report['documents']} documents; types: {', '.join(report['types'])})",
             f"{'match':<16}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>6}{'fn':>6}"]
    for kind, m in report["overall"].items():
        lines.append(f"{kind:<16}{fmt(m['p']):>7}{fmt(m['r']):>7}{fmt(m['f1']):>7}{m['tp']:>6}{m['fp']:>6}{m['fn']:>6}")
    lines += ["", f"{'type':<18}{'P':>7}{'R':>7}{'F1':>7}{'F1 ovl':>8}{'gold':>6}{'pred':>6}"]
    for t, d in report["per_type"].items():
        e, o = d["exact"], d["overlap"]
        lines.append(f"{t:<18}{fmt(e['p']):>7}{fmt(e['r']):>7}{fmt(e['f1']):>7}{fmt(o['f1']):>8}"
                     f"{e['tp'] + e['fn']:>6}{e['tp'] + e['fp']:>6}")
    return "\n".join(lines)
