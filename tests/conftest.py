"""Shared fixtures. The spaCy pipeline loads once per test session (as once per process in use)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import chronicle
from chronicle.cli import main

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "chronicle" / "samples"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def samples() -> Path:
    return SAMPLES


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.exists():
        pytest.skip("../shared is not present")
    return SHARED


@pytest.fixture()
def db(tmp_path: Path) -> str:
    return str(tmp_path / "test.duckdb")


class Cli:
    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str):
        return self.runner.invoke(main, list(args), catch_exceptions=False)


@pytest.fixture(scope="session")
def cli() -> Cli:
    return Cli()


@pytest.fixture(scope="session")
def seed_like() -> chronicle.Document:
    """An article written for the tests in the style of the wire stories Chronicle reads."""
    text = (
        "Share\n\n"
        "Russian bombers strike Islamic State oil sites in Syria\n\n"
        "Russian warplanes bombed Islamic State targets near Raqqa overnight, the Russian Defence Ministry said, "
        "and President Vladimir Putin said the campaign would continue.\n\n"
        "Advertisement\n\n"
        "French President Francois Hollande is set to travel to Moscow next week for talks with Putin.\n\n"
        "\u201cThere has been no agreement on a ground operation,\u201d Peskov told reporters on Friday.\n"
    )
    return chronicle.process(text, date="2015-11-20", title="Russian bombers strike Islamic State oil sites in Syria")


def spans_of(doc: chronicle.Document):
    """Every span-bearing record in a document, for offset checks."""
    yield from doc.body
    yield from doc.furniture
    yield from doc.captions
    yield from doc.entities
    yield from doc.places
    yield from doc.times
    yield from doc.quantities
    for a in doc.actors:
        yield from a.mentions
    for e in doc.events:
        yield e.trigger
        yield from e.evidence
        for ref in (e.source, e.target, *e.attributed_to):
            if ref is not None:
                yield ref
    for q in doc.quotes:
        yield q.content
        for part in (q.speaker, q.cue, *q.via):
            if part is not None:
                yield part


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
