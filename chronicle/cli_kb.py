"""`chronicle kb`: managing knowledge directories (importing legacy dictionaries)."""

from __future__ import annotations

import click


@click.group(name="kb")
def kb() -> None:
    """Manage knowledge directories (see docs/knowledge.md)."""
