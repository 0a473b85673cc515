"""`chronicle kb`: managing knowledge directories (importing legacy dictionaries)."""

from __future__ import annotations

from pathlib import Path

import click


@click.group(name="kb")
def kb() -> None:
    """Manage knowledge directories (see docs/knowledge.md)."""


@kb.command("import-petrarch")
@click.option("--project", type=click.Path(dir_okay=False), help="A TABARI .project file: imports the dictionaries it names.")
@click.option("--actors", multiple=True, type=click.Path(dir_okay=False), help="Actors dictionary (repeatable).")
@click.option("--agents", multiple=True, type=click.Path(dir_okay=False), help="Agents dictionary (repeatable).")
@click.option("--verbs", multiple=True, type=click.Path(dir_okay=False), help="Verbs dictionary (repeatable).")
@click.option("--discards", multiple=True, type=click.Path(dir_okay=False), help="Discards dictionary (repeatable).")
@click.option("--encoding", default="utf-8", show_default=True, help="Text encoding of the dictionaries.")
@click.option("--out", required=True, type=click.Path(file_okay=False),
              help="Knowledge directory to write (use it with CHRONICLE_KNOWLEDGE=DIR).")
@click.option("--overwrite", is_flag=True, help="Replace files an earlier import wrote in DIR.")
@click.option("--replace-builtin", is_flag=True,
              help="Code with the imported verbs and agents only, not beside Chronicle's own, and as TABARI/PETRARCH "
                   "did (coding.yaml: future actions coded, first actor before/after the verb; docs/knowledge.md).")
def import_petrarch(project: str | None, actors: tuple[str, ...], agents: tuple[str, ...], verbs: tuple[str, ...],
                    discards: tuple[str, ...], encoding: str, out: str, overwrite: bool, replace_builtin: bool) -> None:
    """Convert TABARI / PETRARCH dictionaries into a Chronicle knowledge directory."""
    from chronicle.knowledge.legacy import LegacyError, import_dictionaries, output_files, read_project

    try:
        files = read_project(Path(project), encoding) if project else {}
    except LegacyError as e:
        raise click.ClickException(str(e)) from None
    for kind, paths in (("actors", actors), ("agents", agents), ("verbs", verbs), ("discards", discards)):
        files.setdefault(kind, []).extend(Path(p) for p in paths)
    if not any(files.get(kind) for kind in ("actors", "agents", "verbs", "discards")):
        raise click.UsageError("nothing to import: give --project or at least one of --actors/--agents/--verbs/--discards")
    existing = [str(p) for p in output_files(Path(out)) if p.exists()]
    if existing and not overwrite:
        raise click.ClickException(f"{', '.join(existing)} already exist: pass --overwrite to replace them")
    try:
        report = import_dictionaries(files, Path(out), encoding, replace_builtin=replace_builtin)
    except LegacyError as e:
        raise click.ClickException(str(e)) from None
    for line in report.lines():
        click.echo(line)
    click.echo(f"written to {out}; use it with CHRONICLE_KNOWLEDGE={out}")
