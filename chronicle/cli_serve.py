"""`chronicle serve`: run the HTTP API and the web app over a store (see `chronicle.serve`)."""

from __future__ import annotations

import os
import socket

import click

from chronicle.store import DEFAULT_DB, StoreError

TOKEN_ENV = "CHRONICLE_TOKEN"


@click.command()
@click.option("--db", default=DEFAULT_DB, envvar="CHRONICLE_DB", show_default=True,
              help="Store: a DuckDB file or a postgresql:// address; $CHRONICLE_DB when not given.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Any other than loopback also needs the token to read.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="0: any free port.")
@click.option("--allow-private", is_flag=True,
              help="Let posted URLs reach private, loopback and link-local addresses (refused by default).")
@click.option("--cache-size", type=click.IntRange(0), default=4096, show_default=True,
              help="Read answers kept for repeated requests (at most 128 MiB; each write clears them); 0: none.")
@click.option("--access-log", is_flag=True, help="Log every request.")
def serve(db: str, host: str, port: int, allow_private: bool, cache_size: int, access_log: bool) -> None:
    """Serve the store: JSON API under /api, the web app at /.

    Writing (POST /api/articles, /api/upload) always needs the token: $CHRONICLE_TOKEN, or one made up at
    start and printed once. Bound to an address other than loopback, reading needs it too. While it runs,
    the server owns a DuckDB store: other commands on it are told to use the API.
    """
    import uvicorn

    from chronicle.serve import create_app
    from chronicle.serve.security import is_loopback, new_token
    from chronicle.serve.state import ServedStore

    token = os.environ.get(TOKEN_ENV) or new_token()
    try:
        sock = _listen(host, port)
    except OSError as exc:
        raise click.ClickException(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    shown_host = f"[{host}]" if ":" in host else host
    url = f"http://{shown_host}:{sock.getsockname()[1]}"
    try:
        served = ServedStore(db)
    except (FileNotFoundError, StoreError) as exc:
        sock.close()
        raise click.ClickException(str(exc)) from None
    try:
        served.claim(url)
        app = create_app(served.db, token, allow_private=allow_private, read_token=not is_loopback(host),
                         cache_size=cache_size, served=served)
    except BaseException:
        served.close()
        sock.close()
        raise
    click.echo(f"Chronicle is serving {served.describe()} at {url}/ (Ctrl-C stops it)", err=True)
    if os.environ.get(TOKEN_ENV):
        click.echo(f"token: ${TOKEN_ENV}; the web app takes it from {url}/#token=<token>", err=True)
    else:
        click.echo(f"open {url}/#token={token}", err=True)
    # The app's shutdown closes the store and removes the marker (uvicorn re-raises SIGTERM after it).
    config = uvicorn.Config(app, log_level="warning", access_log=access_log, server_header=False,
                            timeout_graceful_shutdown=10)
    uvicorn.Server(config).run(sockets=[sock])

def _listen(host: str, port: int) -> socket.socket:
    """A listening socket, so that port 0 gives a known port before the server starts."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    # Answers go out at once: asyncio turns Nagle's algorithm off only on sockets made with IPPROTO_TCP, and
    # without that a keep-alive client waits ~40 ms (its delayed ACK) for the body after the headers.
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind((host, port))
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


def run_via_server(url: str, paths: tuple[str, ...], options, fmt: str, out: str | None) -> int:
    """`chronicle run --server URL`: read the inputs here, let the server process and store them."""
    import json
    import sys

    from chronicle.cli import make_console, print_document
    from chronicle.ingest import InputError, read_paths
    from chronicle.serve.client import ServerError, post_articles

    failed = 0

    def articles():
        nonlocal failed
        for item in read_paths(paths, options=options):
            if isinstance(item, InputError):
                failed += 1
                click.echo(f"error: {item}", err=True)
            else:
                yield item

    handle = open(out, "w", encoding="utf-8") if out else sys.stdout
    console = make_console(handle)
    collected: list[dict] = []

    def emit(doc) -> None:
        if fmt == "jsonl":
            handle.write(doc.model_dump_json() + "\n")
        elif fmt == "json":
            collected.append(doc.model_dump(mode="json"))
        else:
            print_document(console, doc)

    try:
        stats = post_articles(url, os.environ.get(TOKEN_ENV), articles(), on_document=emit)
        if fmt == "json":
            json.dump(collected, handle, ensure_ascii=False, indent=2)
            handle.write("\n")
    except ServerError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        if out:
            handle.close()
    for message in stats.errors:
        click.echo(f"error: {message}", err=True)
    failed += len(stats.errors)
    click.echo(f"{stats.stored + stats.known} articles processed by {url}, {stats.stored} stored, "
               f"{stats.known} already stored, {failed} failed", err=True)
    return 1 if failed else 0
