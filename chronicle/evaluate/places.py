"""`chronicle eval places`: toponym detection and geocoding, by the reference scorer's rules.

Detection is exact and overlap P/R/F1; geocoding is accuracy within 161 km
(100 miles) on the overlap-matched toponyms whose gold has coordinates.
"""

from __future__ import annotations

import math
import re
import statistics

from chronicle.evaluate.matching import best_first_pairs, exact_pairs, fmt, gold_and_predictions, overlap, prf
from chronicle.ingest import RawArticle
from chronicle.knowledge.base import norm

EARTH_RADIUS_KM = 6371.0088
WITHIN_KM = 161
# "North American" is one word of the continent, not "American" of the United States.
NATIONALITY_WORD = re.compile(r"\b(?:(?:North|South|Latin) (?=American))?[A-Z][a-z]+\b")
CONTINENT_PREFIX = re.compile(r"(?:North|South|Latin) $")
# Continent adjectives, which GeoWebNews counts as toponyms too (GeoNames places Latin America at South America).
CONTINENT_DEMONYMS = {"european": "europe", "europeans": "europe", "african": "africa", "africans": "africa",
                      "asian": "asia", "asians": "asia", "north american": "north america",
                      "south american": "south america", "latin american": "south america"}


def predict(gold: list[dict]) -> dict[str, list[dict]]:
    """Chronicle's toponyms for each gold document (see `toponyms`)."""
    from chronicle.pipeline import process_many

    raws = [RawArticle(text=g["text"], id=str(g["id"]), date=g.get("date")) for g in gold]
    return {raw.id: toponyms(doc) for raw, doc in zip(raws, process_many(raws))}


def toponyms(doc) -> list[dict]:
    """Every place name of a document as GeoWebNews counts toponyms.

    That is Chronicle's places, literal or not, and also nationality words
    ("French engineer"), which GeoWebNews counts as toponyms of their country
    but Chronicle records as entities (NORP), not places; they are scored at
    their country's point.
    """
    from chronicle.extract.places import resolver
    from chronicle.knowledge import load_knowledge

    k = load_knowledge()
    out = [{"start": p.start, "end": p.end, "lat": p.lat, "lon": p.lon, "geonameid": p.geonameid, "kind": p.kind}
           for p in doc.places]
    taken = [(p.start, p.end) for p in doc.places]
    r = resolver(k)
    for e in doc.entities:
        # a nationality entity, or a nationality word inside a longer name ("Russian President Vladimir Putin")
        if e.label == "NORP":
            before = CONTINENT_PREFIX.search(doc.text[max(e.start - 6, 0):e.start])
            words = [(e.start - len(before.group()), e.end, doc.text[e.start - len(before.group()):e.end])] \
                if before and e.text.startswith("American") else [(e.start, e.end, e.text)]
        else:
            words = [(e.start + m.start(), e.start + m.end(), m.group()) for m in NATIONALITY_WORD.finditer(e.text)]
        for start, end, text in words:
            code = k.country_by_demonym.get(norm(text))
            place = r.country(code) if code in k.countries else r.continents.get(CONTINENT_DEMONYMS.get(norm(text), ""))
            if place is None or any(s < end and start < t for s, t in taken):
                continue
            taken.append((start, end))
            out.append({"start": start, "end": end, "lat": place.lat, "lon": place.lon, "geonameid": place.geonameid,
                        "kind": "demonym"})
    return sorted(out, key=lambda s: s["start"])


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def _coord(span: dict) -> tuple[float, float] | None:
    try:
        lat, lon = float(span.get("lat")), float(span.get("lon"))
    except (TypeError, ValueError):
        return None
    if math.isnan(lat) or math.isnan(lon) or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return lat, lon


def _valid(span: dict, n: int) -> bool:
    return isinstance(span.get("start"), int) and isinstance(span.get("end"), int) and 0 <= span["start"] < span["end"] <= n


def apply_filter(gold: list[dict], pred: list[dict], kinds: set[str] | None) -> tuple[list[dict], list[dict]]:
    """Gold toponyms of the given kinds; a prediction that only hits excluded gold is set aside (the scorer's rule)."""
    if not kinds:
        return gold, pred
    keep = [g for g in gold if str(g.get("kind")) in kinds]
    drop = [g for g in gold if str(g.get("kind")) not in kinds]
    remaining = list(pred)
    for d in drop:
        same = [i for i, p in enumerate(remaining) if (p["start"], p["end"]) == (d["start"], d["end"])]
        if same:
            remaining.pop(same[0])
    return keep, [p for p in remaining if not (any(overlap(p, d) for d in drop) and not any(overlap(p, k) for k in keep))]


def score(gold: list[dict], preds: dict[str, list[dict]], kinds: set[str] | None = None) -> dict:
    det = {"exact": [0, 0, 0], "overlap": [0, 0, 0]}
    errors: list[float] = []
    unanswered = gold_coords = 0
    for g in gold:
        ps = [p for p in preds.get(str(g["id"]), []) if _valid(p, len(g["text"]))]
        gs, ps = apply_filter(list(g.get("places") or []), ps, kinds)
        for kind, pairs in (("exact", exact_pairs(gs, ps, lambda s: (s["start"], s["end"]))),
                            ("overlap", best_first_pairs(gs, ps, overlap))):
            det[kind][0] += len(pairs)
            det[kind][1] += len(ps) - len(pairs)
            det[kind][2] += len(gs) - len(pairs)
        gold_coords += sum(1 for s in gs if _coord(s))
        for i, j in pairs:  # the overlap pairs
            gc = _coord(gs[i])
            if gc is None:
                continue
            pc = _coord(ps[j])
            if pc is None:
                unanswered += 1
            else:
                errors.append(haversine_km(gc, pc))
    matched = len(errors) + unanswered
    within = sum(1 for e in errors if e <= WITHIN_KM)
    return {"documents": len(gold), "gold_filter": sorted(kinds) if kinds else None,
            "detection": {k: prf(*v) for k, v in det.items()},
            "geocoding": {"matched_with_gold_coords": matched, "answered": len(errors), "unanswered": unanswered,
                          "acc161": within / matched if matched else None,
                          "acc161_answered_only": within / len(errors) if errors else None,
                          "acc161_end_to_end": within / gold_coords if gold_coords else None,
                          "gold_with_coords": gold_coords,
                          "mean_km": statistics.fmean(errors) if errors else None,
                          "median_km": statistics.median(errors) if errors else None}}


def evaluate_places(gold_path: str, predictions_path: str | None = None, pred_path: str | None = None,
                    kinds: set[str] | None = None) -> dict:
    gold, preds = gold_and_predictions(gold_path, "places", predict, predictions_path, pred_path)
    report = score(gold, preds, kinds)
    report["gold"] = gold_path
    return report


def format_report(report: dict) -> str:
    geo = report["geocoding"]
    lines = [f"places: {report['gold']} ({report['documents']} documents"
             + (f"; gold kinds {','.join(report['gold_filter'])}" if report["gold_filter"] else "") + ")",
             f"{'detection':<16}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>6}{'fn':>6}"]
    for kind, m in report["detection"].items():
        lines.append(f"{kind:<16}{fmt(m['p']):>7}{fmt(m['r']):>7}{fmt(m['f1']):>7}{m['tp']:>6}{m['fp']:>6}{m['fn']:>6}")
    km = (lambda x: "  n/a" if x is None else f"{x:.1f}")
    lines += ["", f"geocoding (overlap-matched toponyms whose gold has coordinates: {geo['matched_with_gold_coords']}, "
                  f"answered {geo['answered']})",
              f"  accuracy@161 km          {fmt(geo['acc161'])}",
              f"  accuracy@161 km answered {fmt(geo['acc161_answered_only'])}",
              f"  end to end               {fmt(geo['acc161_end_to_end'])} (of {geo['gold_with_coords']} gold toponyms)",
              f"  mean / median km         {km(geo['mean_km'])} / {km(geo['median_km'])}"]
    return "\n".join(lines)
