"""`chronicle export` (stored events to JSONL, CSV or Parquet, in Chronicle's, GDELT's or POLECAT's columns) and
`chronicle watch` (poll RSS/Atom feeds, process new entries)."""

from __future__ import annotations

import datetime as dt

import click

from chronicle.store import DEFAULT_DB

DB_HELP = "Store: a DuckDB file or a postgresql:// address; $CHRONICLE_DB when not given."


@click.command()
@click.option("--db", default=DEFAULT_DB, envvar="CHRONICLE_DB", show_default=True, help=DB_HELP)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet"]), default="jsonl", show_default=True)
@click.option("--layout", type=click.Choice(["chronicle", "gdelt", "polecat"]), default="chronicle",
              show_default=True, help="Column names and codes: Chronicle's own, GDELT 2.0's or POLECAT's (docs/export.md).")
@click.option("--out", type=click.Path(dir_okay=False), help="File to write (stdout for jsonl and csv when not given).")
@click.option("--per-story", is_flag=True, help="One copy's events per story (near-duplicates left out), counted "
                                                "over all its copies.")
@click.option("--asserted", is_flag=True, help="Only events that are asserted, not negated and not background mentions.")
@click.option("--actor", help="Source or target actor code (prefix), e.g. RUS.")
@click.option("--code", help="CAMEO code prefix, e.g. 19.")
@click.option("--since", help="Articles published on or after this date.")
@click.option("--until", help="Articles published on or before this date.")
@click.option("--place", help="Where the event happened: a place name or a country code.")
def export(db: str, fmt: str, layout: str, out: str | None, per_story: bool, asserted: bool, actor: str | None,
           code: str | None, since: str | None, until: str | None, place: str | None) -> None:
    """Export stored events to a file, streamed from the store."""
    from chronicle.cli import _date_option, _open_store
    from chronicle.export import export_events

    filters = {"actor": actor, "code": code, "since": _date_option(since), "until": _date_option(until),
               "place": place}
    with _open_store(db) as store:
        try:
            count = export_events(store, out, fmt, layout, per_story=per_story, asserted=asserted, **filters)
        except (ValueError, OSError) as exc:
            raise click.ClickException(str(exc)) from None
    click.echo(f"{count} events exported" + (f" to {out}" if out else ""), err=True)


@click.command()
@click.argument("feeds", nargs=-1, required=True)
@click.option("--every", default="15m", show_default=True, help="Time between polls: 90s, 15m, 2h...")
@click.option("--max-polls", type=click.IntRange(min=1), help="Stop after this many polls (default: run until Ctrl-C).")
@click.option("--db", default=DEFAULT_DB, envvar="CHRONICLE_DB", show_default=True, help=DB_HELP)
@click.option("--allow-private", is_flag=True,
              help="Let feeds and their links reach private, loopback and link-local addresses (refused by default).")
def watch(feeds: tuple[str, ...], every: str, max_polls: int | None, db: str, allow_private: bool) -> None:
    """Poll RSS/Atom FEEDS (URLs or files) and process only the entries not taken before.

    Prints one line per feed and poll; a feed that fails is reported and polled again next time. Ctrl-C stops.
    """
    from chronicle.ingest import ReadOptions
    from chronicle.store import StoreError
    from chronicle.watch import parse_interval, watch as watch_feeds

    try:
        seconds = parse_interval(every)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--every") from None

    def report(poll) -> None:
        click.echo(f"{dt.datetime.now():%Y-%m-%d %H:%M:%S} {poll.line()}", err=poll.error is not None)

    try:
        watch_feeds(db, list(feeds), seconds, ReadOptions(allow_private=allow_private), max_polls, on_poll=report,
                    on_error=lambda error: click.echo(f"error: {error}", err=True))
    except KeyboardInterrupt:
        click.echo("stopped", err=True)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
