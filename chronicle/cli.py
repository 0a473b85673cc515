"""The command line: a thin layer over the library.

    chronicle run PATH... [--date D] [--db FILE] [--format table|json|jsonl|parquet] [--out FILE|DIR] [--workers N]
    chronicle demo
    chronicle events [--actor CODE] [--code PREFIX] [--since D] [--until D] [--place NAME|COUNTRY] [--per-story]
    chronicle export [--format jsonl|csv|parquet] [--layout chronicle|gdelt|polecat] [--out FILE] [--per-story]
    chronicle watch FEED... [--every 15m] [--max-polls N]
    chronicle migrate --from DB --to DB
    chronicle code SENTENCES.jsonl
    chronicle show ID
    chronicle schema
    chronicle eval entities|events|places|times --gold FILE
    chronicle eval quotes --gold FILE [--pred FILE]
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
import sys
from pathlib import Path
from typing import IO, Callable, Iterable, Iterator

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from chronicle import __version__
from chronicle.ingest import InputError, RawArticle, ReadOptions, parse_columns, read_paths
from chronicle.knowledge import load_knowledge
from chronicle.ingest.base import normalise_date
from chronicle.records import Document, json_schema
from chronicle.runner import CHUNK, STORE_BATCH
from chronicle.store import DEFAULT_DB, Store, StoreError, copy_store, event_json

SAMPLES = Path(__file__).parent / "samples"
FORMATS = click.Choice(["table", "json", "jsonl"])
RUN_FORMATS = click.Choice(["table", "json", "jsonl", "parquet"])
DB_HELP = "Store: a DuckDB file or a postgresql:// address; $CHRONICLE_DB when not given."


def _date_option(value: str | None) -> str | None:
    try:
        return normalise_date(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


@click.group()
@click.version_option(__version__, prog_name="chronicle")
def main() -> None:
    """Chronicle turns news articles into sourced records of what happened."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--date", "date", help="Publication date (YYYY-MM-DD) for inputs that do not give one.")
@click.option("--db", default=DEFAULT_DB, envvar="CHRONICLE_DB", show_default=True, help=DB_HELP)
@click.option("--no-store", is_flag=True, help="Do not store; only print (or write --format parquet).")
@click.option("--format", "fmt", type=RUN_FORMATS, default="table", show_default=True,
              help="table, json and jsonl print the records; parquet writes partitioned tables to --out DIR.")
@click.option("--out", type=click.Path(), help="Write the output to this file instead of stdout; with --format "
              "parquet, the directory to write (a rerun adds only what is missing).")
@click.option("--columns", help="Corpus columns (JSONL, CSV, Parquet) for the fields, e.g. text=body,id=uid,date=published.")
@click.option("--allow-private", is_flag=True,
              help="Let URLs and feeds reach private, loopback and link-local addresses (refused by default).")
@click.option("--workers", type=click.IntRange(min=1),
              help="Process on a local Dask cluster of N worker processes (records then come in any order).")
@click.option("--scheduler", metavar="tcp://HOST:PORT",
              help="Process on the existing Dask cluster of this scheduler; its workers need Chronicle installed.")
@click.option("--chunk-size", type=click.IntRange(min=1), default=CHUNK, show_default=True,
              help="Articles per task sent to a worker.")
@click.option("--batch", type=click.IntRange(min=1), default=STORE_BATCH, show_default=True,
              help="Articles per write: one store transaction, one Parquet file per partition.")
@click.option("--progress/--no-progress", "show_progress", default=None,
              help="Show a progress bar on stderr (default: when stderr is a terminal).")
@click.option("--server", metavar="URL", help="Post the articles to the `chronicle serve` at URL, which processes "
              "and stores them (token: $CHRONICLE_TOKEN), instead of opening a store.")
def run(paths: tuple[str, ...], date: str | None, db: str, no_store: bool, fmt: str, out: str | None,
        columns: str | None, allow_private: bool, workers: int | None, scheduler: str | None, chunk_size: int,
        batch: int, show_progress: bool | None, server: str | None) -> None:
    """Process articles and store the records.

    PATHS are http(s) URLs of pages or RSS/Atom feeds, files (.txt, .html,
    .jsonl, .csv, .parquet, .warc, .warc.gz, .rss, .atom) or directories of them.
    Articles already stored (same content hash) are skipped, so running a
    killed command again finishes its work.
    """
    try:
        mapping = parse_columns(columns)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--columns") from None
    if workers and scheduler:
        raise click.UsageError("give --workers or --scheduler, not both")
    if fmt == "parquet" and not out:
        raise click.UsageError("--format parquet writes to a directory: give --out DIR")
    options = ReadOptions(date=_date_option(date), allow_private=allow_private, columns=mapping)
    if server:
        if workers or scheduler or no_store or fmt == "parquet":
            raise click.UsageError("--server sends the articles to the server: not with --workers, --scheduler, "
                                   "--no-store or --format parquet")
        from chronicle.cli_serve import run_via_server

        sys.exit(run_via_server(server, paths, options, fmt, out))
    sys.exit(_run(paths, db, no_store, fmt, out, options, workers=workers, scheduler=scheduler,
                  chunk_size=chunk_size, batch=batch, show_progress=show_progress))


@main.command()
@click.option("--db", default=DEFAULT_DB, envvar="CHRONICLE_DB", show_default=True, help=DB_HELP)
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
def demo(db: str, fmt: str) -> None:
    """Run on the bundled sample articles."""
    sys.exit(_run((str(SAMPLES),), db, False, fmt, None, ReadOptions(), show_progress=False))


def _run(paths: Iterable[str], db: str, no_store: bool, fmt: str, out: str | None, options: ReadOptions,
         workers: int | None = None, scheduler: str | None = None, chunk_size: int = CHUNK,
         batch: int = STORE_BATCH, show_progress: bool | None = None) -> int:
    """`chronicle run`: open the targets, the engine and the output, run `run_articles`, print the summary."""
    from chronicle.runner import run_articles
    from chronicle.scale.engine import DaskEngine
    from chronicle.scale.parquet import ParquetSink
    from chronicle.scale.progress import ProgressReport, count_articles

    show = sys.stderr.isatty() if show_progress is None else show_progress
    collected: list[dict] = []
    with contextlib.ExitStack() as stack:
        try:
            store = None if no_store else stack.enter_context(Store(db))
            sink = ParquetSink(out) if fmt == "parquet" else None
        except (StoreError, ValueError, OSError) as exc:
            raise click.ClickException(str(exc)) from None
        if sink is not None:
            stack.callback(sink.close)
        handle: IO[str] | None = None
        if fmt != "parquet":
            handle = stack.enter_context(open(out, "w", encoding="utf-8")) if out else sys.stdout
        engine = None
        if workers or scheduler:
            try:
                engine = DaskEngine(workers=workers, scheduler=scheduler)
            except (RuntimeError, OSError, TimeoutError) as exc:
                raise click.ClickException(str(exc)) from None
            stack.callback(engine.close)
            # The workers detect each article's language: this process, which also writes, only reads.
            options = dataclasses.replace(options, detect_language=False)
        bar = stack.enter_context(ProgressReport(count_articles(paths))) if show else None
        # On a terminal, records and the bar share the screen: records then go through the bar's console.
        shared_screen = bar is not None and bar.live and handle is sys.stdout and sys.stdout.isatty()
        console = bar.console if shared_screen else make_console(handle) if handle else None

        def emit(doc: Document) -> None:
            if fmt == "jsonl":
                if shared_screen:
                    console.out(doc.model_dump_json(), highlight=False)
                else:
                    handle.write(doc.model_dump_json() + "\n")
            elif fmt == "json":
                collected.append(doc.model_dump(mode="json"))
            else:
                print_document(console, doc)

        def report(error: InputError) -> None:
            if bar is not None:
                bar.print(f"error: {error}")
            else:
                click.echo(f"error: {error}", err=True)

        def articles() -> Iterator[RawArticle | InputError]:
            yield from read_paths(paths, options=options)

        stats = run_articles(articles(), store=store, out=sink, engine=engine, batch=batch, chunk_size=chunk_size,
                             on_document=emit if handle else None, on_error=report,
                             on_progress=bar.advance if bar else None)
        if fmt == "json":
            json.dump(collected, handle, ensure_ascii=False, indent=2)
            handle.write("\n")
        memory = engine.peak_rss_mb() if engine is not None else None
    summary = f"{stats.processed} articles processed"
    where = " and ".join(t.describe() for t in (store, sink) if t is not None)
    if where:
        summary += f", {stats.stored} stored in {where}, {stats.known} already stored"
    summary += f", {stats.failed} failed"
    if stats.uncoded:
        languages = ", ".join(f"{lang} {n}" for lang, n in stats.uncoded.most_common())
        kept = "stored with their language but " if where else ""
        summary += f"; {sum(stats.uncoded.values())} not in English ({languages}): {kept}not coded"
    if options.stats.skipped:
        skipped = ", ".join(f"{n} {reason}" for reason, n in options.stats.skipped.most_common())
        summary += f"; skipped {skipped}"
    if engine is not None:
        summary += f"; on {engine.describe()}, peak memory per worker {max(memory.values(), default=0):.0f} MB"
    click.echo(summary, err=True)
    return 1 if stats.failed else 0


def make_console(handle: IO[str] | None = None, stderr: bool = False) -> Console:
    """A console; output that is not a terminal gets a wide page rather than 80 columns."""
    console = Console(file=handle, stderr=stderr)
    if not console.is_terminal:
        console = Console(file=handle, stderr=stderr, width=160)
    return console


def _flags(negated: bool, modality: str, background: bool) -> str:
    """An event's flags as shown in tables: empty for an asserted event reported in its own right."""
    return ", ".join(x for x in ("NOT" if negated else "", "" if modality == "asserted" else modality,
                                 "background" if background else "") if x)


def print_document(console: Console, doc: Document) -> None:
    console.rule(f"[bold]{doc.id}[/bold]  {doc.date or 'undated'}  {doc.title or ''}")
    counts = ", ".join(f"{len(getattr(doc, k))} {k}" for k in
                       ("entities", "actors", "events", "quotes", "places", "times", "quantities"))
    console.print(counts + (f"; removed {len(doc.furniture)} furniture lines" if doc.furniture else ""),
                  highlight=False)
    if doc.events:
        table = Table("source", "event", "target", "trigger", "flags", "evidence", expand=False)
        table.columns[-1].no_wrap = True
        for e in doc.events:
            flags = _flags(e.negated, e.modality, e.background)
            table.add_row(_actor(e.source), f"{e.code} {e.plover or ''}", _actor(e.target), e.trigger.text, flags,
                          _trim(e.evidence[0].text, 70))
        console.print(table)
    if doc.quotes:
        table = Table("speaker", "cue", "kind", "quote", "via")
        table.columns[3].no_wrap = True
        for q in doc.quotes:
            table.add_row(_actor(q.speaker), q.cue.text if q.cue else "-", q.kind, _trim(q.content.text, 70),
                          ", ".join(v.text for v in q.via))
        console.print(table)
    if doc.places or doc.times:
        places = ", ".join(sorted({f"{p.text} ({p.country})" for p in doc.places if p.country}))
        unresolved = sum(1 for p in doc.places if not p.country)
        places += f"; {unresolved} unresolved" if unresolved else ""
        times = ", ".join(f"{t.text}={t.value}" for t in doc.times if t.value)
        console.print(Text(f"places: {places}\ntimes: {times}"))


def _actor(ref) -> str:
    if ref is None:
        return "-"
    code = getattr(ref, "code", None)
    text = _trim(ref.text, 28)
    return f"{code} [dim]({text})[/dim]" if code else text


def _trim(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


@main.command()
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--date", "date", help="Publication date for lines that do not give one.")
@click.option("--out", type=click.Path(dir_okay=False), help="Write to this file instead of stdout.")
def code(path: str, date: str | None, out: str | None) -> None:
    """Sentence-level event coding: one output line per input line of {"id","text","date"}.

    Each output line is {"id", "events": [...]} with actor code strings, the
    format of the event gold sets. Negated and non-asserted events are kept,
    with their flags.
    """
    from chronicle.pipeline import process_many

    failures = 0
    handle: IO[str] = open(out, "w", encoding="utf-8") if out else sys.stdout

    def articles() -> Iterator[RawArticle]:
        nonlocal failures
        for item in read_paths([path], date=_date_option(date)):
            if isinstance(item, InputError):
                failures += 1
                click.echo(f"error: {item}", err=True)
            else:
                yield item

    try:
        for doc in process_many(articles()):
            handle.write(json.dumps({"id": doc.id, "events": [e.coded() for e in doc.events]},
                                    ensure_ascii=False) + "\n")
    finally:
        if out:
            handle.close()
    if failures:
        click.echo(f"{failures} input lines failed", err=True)
        sys.exit(1)


@main.command()
@click.argument("text")
@click.option("--date", "date", help="Publication date (YYYY-MM-DD) the sentence is read against.")
@click.option("--all", "show_all", is_flag=True, help="Also list the actors found in the text.")
def explain(text: str, date: str | None, show_all: bool) -> None:
    """Show why each event in TEXT was coded: pattern, actors and flags.

    Example: chronicle explain "Russia threatened to attack Ukraine." --date 2015-01-01
    """
    from chronicle.extract.discards import discard_hits
    from chronicle.pipeline import process

    try:
        doc = process(text, date=_date_option(date))
    except ValueError as err:
        raise click.ClickException(str(err)) from None
    console = make_console()
    knowledge = load_knowledge()
    cameo = knowledge.cameo
    if show_all or not doc.events:
        actors = ", ".join(f"{a.code} ({a.name})" for a in doc.actors) or "none"
        console.print(f"actors: {actors}", markup=False, highlight=False)
    hits = discard_hits(knowledge, text, dt.date.fromisoformat(doc.date) if doc.date else None)
    for found in hits:
        console.print(f"discard phrase '{found.phrase}' (discards.txt): "
                      + ("the story is not coded" if found.story else "its sentence is not coded"),
                      markup=False, highlight=False)
    if not doc.events:
        console.print("no event coded: " + ("a discard phrase applies" if hits else
                                            "no event pattern matched a verb or noun with an actor as its source "
                                            "or target"), markup=False, highlight=False)
        return
    for n, event in enumerate(doc.events, 1):
        name = cameo[event.code].name if event.code in cameo else "?"
        flags = ("NEGATED " if event.negated else "") + event.modality + (", background" if event.background else "")
        console.print(f"{n}. {_actor(event.source)} -> {_actor(event.target)}  [bold]{event.code}[/bold] "
                      + escape(f"{name} [{event.plover or '-'}]  {flags}  confidence {event.confidence}"),
                      highlight=False)
        for step in event.why:
            console.print(f"   - {step}", markup=False, highlight=False)
        for ref in event.attributed_to:
            console.print(f"   - reported by {ref.code} ('{ref.text}')", markup=False, highlight=False)


@main.command()
@click.option("--db", default=DEFAULT_DB, envvar="CHRONICLE_DB", show_default=True, help=DB_HELP)
@click.option("--actor", help="Source or target actor code (prefix), e.g. RUS or IMGMUSISI.")
@click.option("--code", help="CAMEO code prefix, e.g. 19 or 042.")
@click.option("--since", help="Articles published on or after this date.")
@click.option("--until", help="Articles published on or before this date.")
@click.option("--place", help="Where the event happened: a place name or a country code, e.g. Raqqa or SYR.")
@click.option("--limit", type=int)
@click.option("--per-story", is_flag=True,
              help="One copy's events per story: leave out the events of near-duplicate articles.")
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
def events(db: str, actor: str | None, code: str | None, since: str | None, until: str | None,
           place: str | None, limit: int | None, per_story: bool, fmt: str) -> None:
    """Query stored events."""
    with _open_store(db) as store:
        rows = store.events(actor=actor, code=code, since=_date_option(since), until=_date_option(until),
                            place=place, limit=limit, per_story=per_story)
    if fmt == "jsonl":
        for r in rows:
            click.echo(json.dumps(event_json(r), ensure_ascii=False))
    elif fmt == "json":
        click.echo(json.dumps([event_json(r) for r in rows], ensure_ascii=False, indent=2))
    else:
        table = Table("article", "date", "source", "code", "target", "flags", "evidence")
        table.columns[-1].no_wrap = True
        for r in rows:
            flags = _flags(r["negated"], r["modality"], r["background"])
            table.add_row(r["article_id"], r["date"] or "", r["source_code"] or "-", f"{r['code']} {r['plover'] or ''}",
                          r["target_code"] or "-", flags, _trim(r["evidence"], 70))
        make_console().print(table)
        click.echo(f"{len(rows)} events", err=True)


def _open_store(db: str) -> Store:
    try:
        return Store(db, read_only=True)
    except (FileNotFoundError, StoreError) as exc:
        raise click.ClickException(str(exc)) from None


@main.command()
@click.option("--from", "source", help="Store to copy from: a DuckDB file or a postgresql:// address.")
@click.option("--to", "target", required=True, help="Store to copy into (created or upgraded as needed).")
@click.option("--batch", type=int, default=500, show_default=True, help="Articles per transaction.")
def migrate(source: str | None, target: str, batch: int) -> None:
    """Copy a store into another, DuckDB or PostgreSQL, and verify the counts.

    With --to alone, bring that store's schema up to date (apply pending migrations).
    """
    try:
        if source is None:
            with Store(target) as store:
                click.echo(f"{store.describe()}: schema version {store.schema_version()}", err=True)
            return
        result = copy_store(source, target, batch=batch)
    except (FileNotFoundError, StoreError) as exc:
        raise click.ClickException(str(exc)) from None
    copied, already = result["articles"]["copied"], result["articles"]["already"]
    tables = ", ".join(f"{t} {n}" for t, n in result["after"].items())
    click.echo(f"copied {copied} articles ({already} already there); counts verified: {tables}", err=True)


@main.command()
@click.argument("key")
@click.option("--db", default=DEFAULT_DB, envvar="CHRONICLE_DB", show_default=True, help=DB_HELP)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def show(key: str, db: str, fmt: str) -> None:
    """Print one stored article (by id or content-hash prefix) with its records highlighted."""
    with _open_store(db) as store:
        docs = store.find(key)
        seen = {doc.content_hash: store.urls(doc.content_hash) for doc in docs}
    if not docs:
        raise click.ClickException(f"no stored article with id or hash {key!r}")
    for doc in docs:
        if fmt == "json":
            click.echo(doc.model_dump_json(indent=2))
            continue
        console = make_console()
        console.rule(f"[bold]{doc.id}[/bold] {doc.date or ''} {doc.title or ''}")
        for where in seen[doc.content_hash]:  # every URL and source the article (or an exact copy) came from
            console.print(f"seen at {where['url'] or where['source']}", markup=False, highlight=False)
        if doc.duplicate_of:
            console.print(f"copy of {doc.duplicate_of} (same story, small edits)", markup=False, highlight=False)
        console.print(highlight(doc))
        print_document(console, doc)


STYLES = {"PERSON": "bold cyan", "ORG": "bold magenta", "GPE": "bold green", "LOC": "green", "NORP": "yellow",
          "DATE": "blue", "TIME": "blue", "MONEY": "bold yellow", "CARDINAL": "yellow", "QUANTITY": "yellow",
          "MILITARY_PLATFORM": "bold red", "WEAPON": "red", "VEHICLE": "red"}


def highlight(doc: Document) -> Text:
    """The article text with entities coloured, event triggers underlined and furniture struck out."""
    text = Text(doc.text)
    for f in doc.furniture:
        text.stylize("dim strike", f.start, f.end)
    for c in doc.captions:
        text.stylize("dim italic", c.start, c.end)
    for e in doc.entities:
        text.stylize(STYLES.get(e.label, "bold"), e.start, e.end)
    for q in doc.quotes:
        text.stylize("italic", q.content.start, q.content.end)
    for ev in doc.events:
        text.stylize("underline bold", ev.trigger.start, ev.trigger.end)
    return text


@main.command()
def schema() -> None:
    """Print the JSON Schema of the document record."""
    click.echo(json.dumps(json_schema(), indent=2))


@main.group(name="eval")
def eval_group() -> None:
    """Score Chronicle against gold sets."""


def _echo_report(compute: Callable[[], dict], format_report: Callable[[dict], str], as_json: bool) -> None:
    """Run an evaluation and print its report; unreadable gold or prediction lines are usage errors."""
    try:
        report = compute()
    except ValueError as err:
        raise click.ClickException(str(err)) from None
    click.echo(json.dumps(report) if as_json else format_report(report))


@eval_group.command("entities")
@click.option("--gold", required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON object.")
@click.option("--predictions", type=click.Path(dir_okay=False), help="Also write the predictions as JSONL here.")
def eval_entities(gold: str, as_json: bool, predictions: str | None) -> None:
    """Entity P/R/F1 (exact and overlap, by type) against a re3d-style gold file."""
    from chronicle.evaluate.entities import evaluate_entities, format_report

    _echo_report(lambda: evaluate_entities(gold, predictions), format_report, as_json)


@eval_group.command("events")
@click.option("--gold", required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--ignore-target", is_flag=True, help="Score without targets on both sides.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON object.")
@click.option("--predictions", type=click.Path(dir_okay=False), help="Also write the predictions as JSONL here.")
@click.option("--pred", "pred", type=click.Path(exists=True, dir_okay=False),
              help="Score these predictions (e.g. `chronicle code` output) instead of coding the gold sentences.")
def eval_events(gold: str, ignore_target: bool, as_json: bool, predictions: str | None, pred: str | None) -> None:
    """Sentence-level event P/R/F1 (root, dyad, exact, PLOVER; 5-class) against an event gold file.

    Only asserted events count: negated, future, planned, hypothetical and
    reported events, and background mentions, are left out on the prediction side.
    """
    from chronicle.evaluate.events import evaluate_events, format_report

    _echo_report(lambda: evaluate_events(gold, predictions, ignore_target, pred), format_report, as_json)


@eval_group.command("quotes")
@click.option("--gold", required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON object.")
@click.option("--predictions", type=click.Path(dir_okay=False), help="Also write the predictions as JSONL here.")
@click.option("--pred", "pred", type=click.Path(exists=True, dir_okay=False),
              help="Score these predictions ({\"id\", \"quotes\": [...]} lines) instead of running Chronicle.")
@click.option("--limit", type=click.IntRange(min=1), help="Score only the gold file's first N articles.")
def eval_quotes(gold: str, as_json: bool, predictions: str | None, pred: str | None, limit: int | None) -> None:
    """Quote P/R/F1 (exact, overlap, token) for source, cue and content against PolNeAR-style gold."""
    from chronicle.evaluate.quotes import evaluate_quotes, format_report

    _echo_report(lambda: evaluate_quotes(gold, predictions, pred, limit), format_report, as_json)


@eval_group.command("places")
@click.option("--gold", required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--kinds", help="Score only gold toponyms of these kinds, comma-separated (e.g. Literal,Mixed).")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON object.")
@click.option("--predictions", type=click.Path(dir_okay=False), help="Also write the predictions as JSONL here.")
@click.option("--pred", "pred", type=click.Path(exists=True, dir_okay=False),
              help="Score these predictions ({\"id\", \"places\": [...]} lines) instead of running Chronicle.")
def eval_places(gold: str, kinds: str | None, as_json: bool, predictions: str | None, pred: str | None) -> None:
    """Toponym detection P/R/F1 and accuracy within 161 km against a GeoWebNews-style gold file."""
    from chronicle.evaluate.places import evaluate_places, format_report

    wanted = {k.strip() for k in kinds.split(",") if k.strip()} if kinds else None
    _echo_report(lambda: evaluate_places(gold, predictions, pred, wanted), format_report, as_json)


@eval_group.command("times")
@click.option("--gold", required=True, multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Gold file; give several (--gold A --gold B) for each one's figures and theirs pooled.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON object.")
@click.option("--predictions", type=click.Path(dir_okay=False), help="Also write the predictions as JSONL here.")
@click.option("--pred", "pred", type=click.Path(exists=True, dir_okay=False),
              help="Score these predictions ({\"id\", \"times\": [...]} lines) instead of running Chronicle.")
def eval_times(gold: tuple[str, ...], as_json: bool, predictions: str | None, pred: str | None) -> None:
    """TIMEX detection P/R/F1 and TIMEX3 value accuracy against TimeBank-style gold files."""
    from chronicle.evaluate.times import evaluate_times, format_report

    _echo_report(lambda: evaluate_times(list(gold), predictions, pred), format_report, as_json)


from chronicle.cli_kb import kb  # noqa: E402  (the kb commands live in their own module)

main.add_command(kb)

from chronicle.cli_serve import serve  # noqa: E402  (the server command lives in its own module)

main.add_command(serve)

from chronicle.cli_export import export, watch  # noqa: E402  (export and watch live in their own module)

main.add_command(export)
main.add_command(watch)

if __name__ == "__main__":
    main()
