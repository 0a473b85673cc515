"""Span matching and P/R/F1, following the matching rules of the project's reference scorer."""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Callable, Hashable, Sequence


def prf(tp: int, fp: int, fn: int) -> dict:
    """P, R and F1; undefined (None) where neither side has anything."""
    p = tp / (tp + fp) if tp + fp else (None if tp + fn == 0 else 0.0)
    r = tp / (tp + fn) if tp + fn else (None if tp + fp == 0 else 0.0)
    f1 = None if p is None or r is None else (2 * p * r / (p + r) if p + r else 0.0)
    return {"p": p, "r": r, "f1": f1, "tp": tp, "fp": fp, "fn": fn}


def exact_pairs(gold: Sequence[dict], pred: Sequence[dict], key: Callable[[dict], Hashable]) -> list[tuple[int, int]]:
    """One-to-one pairs with equal keys."""
    waiting: dict[Hashable, list[int]] = defaultdict(list)
    for j, p in enumerate(pred):
        waiting[key(p)].append(j)
    pairs = []
    for i, g in enumerate(gold):
        queue = waiting.get(key(g))
        if queue:
            pairs.append((i, queue.pop(0)))
    return pairs


def overlap(a: dict, b: dict) -> int:
    return max(0, min(a["end"], b["end"]) - max(a["start"], b["start"]))


def best_first_pairs(gold: Sequence[dict], pred: Sequence[dict], score: Callable[[dict, dict], int]) -> list[tuple[int, int]]:
    """One-to-one pairs with a positive score, highest score first, ties by position."""
    candidates = sorted((-s, i, j) for i, g in enumerate(gold) for j, p in enumerate(pred) if (s := score(g, p)) > 0)
    used_g, used_p, pairs = set(), set(), []
    for _, i, j in candidates:
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            pairs.append((i, j))
    return pairs


def read_gold(path: str) -> list[dict]:
    records = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if line.strip():
                try:
                    records.append(json.loads(line))
                except ValueError as err:
                    raise ValueError(f"{path}, line {number}: not a JSON gold record ({err})") from None
    return records


def write_predictions(path: str, layer: str, preds: dict[str, list[dict]]) -> None:
    """Predictions in the reference scorer's format: one `{"id", layer: [...]}` line per record."""
    with open(path, "w", encoding="utf-8") as out:
        for ident, items in preds.items():
            out.write(json.dumps({"id": ident, layer: items}) + "\n")


def fmt(x: float | None) -> str:
    return "  n/a" if x is None else f"{x:.3f}"


def read_prediction_records(path: str, layer: str) -> dict[str, dict]:
    """Prediction lines `{"id", layer: [objects], ...}` by id, checked; a repeated id's last line wins."""
    records: dict[str, dict] = {}
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                listed = record.get(layer) or []
                if not isinstance(listed, list) or not all(isinstance(s, dict) for s in listed):
                    raise ValueError(f"'{layer}' must be a list of objects")
                records[str(record["id"])] = {**record, layer: listed}
            except (ValueError, KeyError, TypeError, AttributeError) as err:
                raise ValueError(f"{path}, line {number}: not a prediction line ({err})") from None
    return records


def read_predictions(path: str, layer: str) -> dict[str, list[dict]]:
    """A prediction file in the scorer's format: `{"id", layer: [spans]}` a line; a repeated id's last line wins."""
    return {key: record[layer] for key, record in read_prediction_records(path, layer).items()}


def gold_and_predictions(gold_path: str, layer: str, predict: Callable[[list[dict]], dict[str, list[dict]]],
                         predictions_path: str | None = None,
                         pred_path: str | None = None) -> tuple[list[dict], dict[str, list[dict]]]:
    """The gold records and the predictions to score them against.

    Predictions come from `pred_path` when given, else from Chronicle (`predict`);
    they are also written to `predictions_path` when asked, for the reference scorer.
    """
    gold = read_gold(gold_path)
    preds = read_predictions(pred_path, layer) if pred_path else predict(gold)
    if predictions_path:
        write_predictions(predictions_path, layer, preds)
    return gold, preds
