"""`chronicle eval quotes`: source, cue and content P/R/F1 against PolNeAR-style attribution gold.

The matching follows the reference scorer's quotes rules: spans are trimmed
of whitespace, fragments that only whitespace separates are merged, and the
spans of each role in a document are compared as a set, whichever
attribution they belong to. Three levels per role: `exact` (same fragments,
one to one), `overlap` (at least one shared token, one to one, most shared
tokens first) and `token` (the role's tokens pooled per document).
"""

from __future__ import annotations

import bisect
import re

from chronicle.evaluate.matching import best_first_pairs, exact_pairs, fmt, gold_and_predictions, prf
from chronicle.ingest import RawArticle

ROLES = ("source", "cue", "content")
LEVELS = ("exact", "overlap", "token")
TOKEN = re.compile(r"\w+|[^\w\s]")  # the scorer's tokens: word runs or single other non-space characters


def predict(gold: list[dict]) -> dict[str, list[dict]]:
    """Chronicle's quotes for each gold article, as {source, cue, content} spans."""
    from chronicle.pipeline import process_many

    raws = [RawArticle(text=g["text"], id=str(g["id"]), date=g.get("date")) for g in gold if g.get("text", "").strip()]
    out: dict[str, list[dict]] = {}
    for raw, doc in zip(raws, process_many(raws)):
        out[raw.id] = [as_attribution(q) for q in doc.quotes]
    return out


def as_attribution(quote) -> dict:
    def span(s):
        return None if s is None else {"start": s.start, "end": s.end, "text": s.text}
    return {"source": span(quote.speaker), "cue": span(quote.cue), "content": span(quote.content)}


class _Tokens:
    def __init__(self, text: str) -> None:
        spans = [(m.start(), m.end()) for m in TOKEN.finditer(text)]
        self.starts = [s for s, _ in spans]
        self.ends = [e for _, e in spans]

    def of(self, frags: tuple[tuple[int, int], ...]) -> frozenset[int]:
        """Tokens sharing a character with any fragment."""
        out: set[int] = set()
        for s, e in frags:
            i = bisect.bisect_right(self.ends, s)
            while i < len(self.starts) and self.starts[i] < e:
                out.add(i)
                i += 1
        return frozenset(out)


def fragments(value, text: str) -> tuple[tuple[int, int], ...] | None:
    """A role value (span, span with `fragments`, or list of spans) as trimmed, merged fragments."""
    if value is None:
        return None
    parts = []
    for item in value if isinstance(value, list) else [value]:
        if not isinstance(item, dict):
            continue
        frags = item.get("fragments")
        for p in frags if isinstance(frags, list) and frags else [item]:
            s, e = p.get("start"), p.get("end")
            if not (isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(text)):
                continue
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if s < e:
                parts.append((s, e))
    if not parts:
        return None
    parts.sort()
    merged = [list(parts[0])]
    for s, e in parts[1:]:
        if s <= merged[-1][1] or not text[merged[-1][1]:s].strip():
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    return tuple((s, e) for s, e in merged)


def _roles(q: dict, text: str, tokens: _Tokens) -> dict:
    source = q.get("source") if "source" in q else q.get("speaker")
    out = {}
    for role, value in (("source", source), ("cue", q.get("cue")), ("content", q.get("content"))):
        frags = fragments(value, text)
        out[role] = None if frags is None else {"frags": frags, "tokens": tokens.of(frags)}
    return out


def score(gold: list[dict], preds: dict[str, list[dict]]) -> dict:
    totals = {r: {k: [0, 0, 0] for k in LEVELS} for r in (*ROLES, "attribution")}
    n_gold = n_pred = 0
    for g in gold:
        text = g["text"]
        tokens = _Tokens(text)
        gq = [r for r in (_roles(q, text, tokens) for q in g.get("quotes") or []) if r["content"] is not None]
        pq = [r for r in (_roles(q, text, tokens) for q in preds.get(str(g["id"]), []))
              if any(r[x] is not None for x in ROLES)]
        n_gold += len(gq)
        n_pred += len(pq)
        for role in ROLES:
            gs = [q[role] for q in gq if q[role] is not None]
            ps = [q[role] for q in pq if q[role] is not None]
            for level, pairs in (("exact", exact_pairs(gs, ps, lambda x: x["frags"])),
                                 ("overlap", best_first_pairs(gs, ps, lambda a, b: len(a["tokens"] & b["tokens"])))):
                _add(totals[role][level], len(pairs), len(ps) - len(pairs), len(gs) - len(pairs))
            g_tok = frozenset().union(*(x["tokens"] for x in gs))
            p_tok = frozenset().union(*(x["tokens"] for x in ps))
            shared = len(g_tok & p_tok)
            for row in (totals[role]["token"], totals["attribution"]["token"]):
                _add(row, shared, len(p_tok) - shared, len(g_tok) - shared)
        for level, same in (("exact", _same_exact), ("overlap", _same_overlap)):
            pairs = best_first_pairs(gq, pq, same)
            _add(totals["attribution"][level], len(pairs), len(pq) - len(pairs), len(gq) - len(pairs))
    return {"documents": len(gold), "gold_quotes": n_gold, "pred_quotes": n_pred,
            "scores": {r: {k: prf(*v) for k, v in d.items()} for r, d in totals.items()}}


def _add(row: list[int], tp: int, fp: int, fn: int) -> None:
    row[0] += tp
    row[1] += fp
    row[2] += fn


def _same_exact(a: dict, b: dict) -> int:
    for role in ROLES:
        if (a[role] is None) != (b[role] is None):
            return 0
        if a[role] is not None and a[role]["frags"] != b[role]["frags"]:
            return 0
    return 1


def _same_overlap(a: dict, b: dict) -> int:
    """Shared tokens over all roles, or 0 when a role is missing on one side only or shares nothing."""
    shared = 0
    for role in ROLES:
        if (a[role] is None) != (b[role] is None):
            return 0
        if a[role] is not None:
            k = len(a[role]["tokens"] & b[role]["tokens"])
            if not k:
                return 0
            shared += k
    return shared


def evaluate_quotes(gold_path: str, predictions_path: str | None = None, pred_path: str | None = None,
                    limit: int | None = None) -> dict:
    """Score the gold file's articles, or only its first `limit` ones (a sample of a large set)."""
    def first(gold: list[dict]) -> list[dict]:
        return gold if limit is None else gold[:limit]

    gold, preds = gold_and_predictions(gold_path, "quotes", lambda g: predict(first(g)), predictions_path, pred_path)
    gold = first(gold)
    report = score(gold, preds)
    report["gold"] = gold_path
    return report


def format_report(report: dict) -> str:
    lines = [f"quotes: {report['gold']} ({report['documents']} documents; {report['gold_quotes']} gold attributions, "
             f"{report['pred_quotes']} predicted; exact/overlap count spans, token counts tokens)",
             f"{'role':<13}{'match':<9}{'P':>7}{'R':>7}{'F1':>7}{'tp':>7}{'fp':>7}{'fn':>7}"]
    for role, levels in report["scores"].items():
        for level, m in levels.items():
            lines.append(f"{role:<13}{level:<9}{fmt(m['p']):>7}{fmt(m['r']):>7}{fmt(m['f1']):>7}"
                         f"{m['tp']:>7}{m['fp']:>7}{m['fn']:>7}")
    return "\n".join(lines)
