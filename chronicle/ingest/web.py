"""URLs and RSS/Atom feeds, fetched with httpx.

A fetch has timeouts (per operation and overall), a size limit, at most
`MAX_REDIRECTS` redirects and a content-type check. Private, loopback,
link-local and other non-public addresses are refused unless
`ReadOptions.allow_private` is set: the check is made where the connection is
opened, on the addresses the host name resolves to, so it holds for every
redirect hop and cannot be dodged by a name that resolves to 127.0.0.1, and
the connection goes to the address that was checked. Environment proxies are
not used (they would hide the real destination).

A feed (by content type, or by its first tag) gives one article per entry:
the entry's link is fetched and its page extracted like an HTML file.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import re
import socket
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterator

import httpcore
import httpx
from httpcore._backends.sync import SyncBackend

from chronicle import __version__
from chronicle.ingest.base import InputError, RawArticle, ReadOptions, read_bytes, register
from chronicle.ingest.html import article_from_html, decode_html
from chronicle.ingest.text import article_from_text

TIMEOUT = httpx.Timeout(15.0, connect=10.0)  # seconds per connect / read / write
DEADLINE = 60.0  # seconds for a whole fetch, however slowly the server trickles
MAX_PAGE_BYTES = 10 * 1024 * 1024
MAX_REDIRECTS = 5
MAX_FEED_ENTRIES = 1000
USER_AGENT = f"Chronicle/{__version__} (news research; +https://pypi.org/project/chronicle)"

HTML_TYPES = {"text/html", "application/xhtml+xml"}
TEXT_TYPES = {"text/plain"}
FEED_TYPES = {"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml",
              "application/feed+xml"}
FEED_START = re.compile(rb"^(?:\s|<\?xml[^>]*\?>|<!--.*?-->|<!DOCTYPE[^>]*>)*<(?:rss|feed|rdf:RDF)\b", re.S | re.I)


class Refused(ValueError):
    """A fetch the SSRF guard does not allow."""


def address_problem(address: str) -> str | None:
    """Why an IP address may not be fetched by default, or None for a public address."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        mapped = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if mapped is not None:
            return address_problem(str(mapped))
    for attribute, name in (("is_loopback", "loopback"), ("is_link_local", "link-local"),
                            ("is_unspecified", "unspecified"), ("is_multicast", "multicast"),
                            ("is_private", "private"), ("is_reserved", "reserved")):
        if getattr(ip, attribute):
            return f"{name} address"
    if not ip.is_global:
        return "non-public address"
    return None


class GuardedBackend(SyncBackend):
    """Opens TCP connections only to the addresses it has checked."""

    def __init__(self, allow_private: bool) -> None:
        self.allow_private = allow_private

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options=None):
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as exc:
            raise httpcore.ConnectError(f"cannot resolve host {host!r}: {exc}") from None
        addresses = list(dict.fromkeys(info[4][0] for info in infos))
        if not self.allow_private:
            for address in addresses:
                problem = address_problem(address)
                if problem:
                    shown = host if host == address else f"{host} resolves to {address},"
                    raise Refused(f"refused: {shown} a {problem}; pass --allow-private to fetch "
                                  "private, loopback and link-local addresses")
        last: Exception | None = None
        for address in addresses:  # connect to the very address that was checked, not a fresh lookup
            try:
                return super().connect_tcp(address, port, timeout, local_address, socket_options)
            except httpcore.ConnectError as exc:
                last = exc
        raise last or httpcore.ConnectError(f"no address for host {host!r}")


class GuardedTransport(httpx.HTTPTransport):
    def __init__(self, allow_private: bool) -> None:
        super().__init__(trust_env=False)
        self._pool = httpcore.ConnectionPool(ssl_context=httpx.create_ssl_context(trust_env=False),
                                             network_backend=GuardedBackend(allow_private), max_connections=4)


def make_client(allow_private: bool = False) -> httpx.Client:
    return httpx.Client(transport=GuardedTransport(allow_private), timeout=TIMEOUT, follow_redirects=True,
                        max_redirects=MAX_REDIRECTS, trust_env=False, headers={"User-Agent": USER_AGENT})


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    content_type: str
    charset: str | None
    body: bytes


def fetch(client: httpx.Client, url: str, accept: set[str], max_bytes: int | None = None) -> Fetched:
    """GET a URL within the limits; any failure is a ValueError saying what went wrong."""
    max_bytes = max_bytes or MAX_PAGE_BYTES
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, ValueError) as exc:
        raise ValueError(f"invalid URL: {exc}") from None
    if parsed.scheme not in ("http", "https") or not parsed.host:
        raise ValueError("only http and https URLs with a host can be fetched")
    started = time.monotonic()
    try:
        with client.stream("GET", parsed) as response:
            if response.status_code >= 400:
                raise ValueError(f"HTTP {response.status_code} {response.reason_phrase}".strip())
            if response.status_code >= 300:
                raise ValueError(f"HTTP {response.status_code} redirect without a usable Location")
            content_type = response.headers.get("content-type", "")
            media = content_type.split(";", 1)[0].strip().lower()
            if media not in accept:
                raise ValueError(f"content type {media or '(none)'!r} is not one Chronicle reads "
                                 f"({', '.join(sorted(accept))})")
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise ValueError(f"response is {int(declared) / 1e6:.1f} MB, over the {max_bytes // 2**20} MiB limit")
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_raw():
                size += len(chunk)
                if size > max_bytes:
                    raise ValueError(f"response is over the {max_bytes // 2**20} MiB limit")
                if time.monotonic() - started > DEADLINE:
                    raise ValueError(f"fetch took over {DEADLINE:.0f} s")
                chunks.append(chunk)
            body = _decompress(b"".join(chunks), response.headers.get("content-encoding", ""), max_bytes)
            return Fetched(url=str(response.url), content_type=media, charset=response.charset_encoding, body=body)
    except httpx.TooManyRedirects:
        raise ValueError(f"more than {MAX_REDIRECTS} redirects") from None
    except httpx.TimeoutException as exc:
        raise ValueError(f"timed out ({type(exc).__name__})") from None
    except httpx.HTTPError as exc:
        raise ValueError(f"fetch failed: {exc or type(exc).__name__}") from None


def _decompress(data: bytes, encoding: str, max_bytes: int) -> bytes:
    """Content-encoding, decoded with the size limit applied to the result (no decompression bombs)."""
    import zlib

    encoding = encoding.strip().lower()
    if encoding in ("", "identity"):
        return data
    if encoding not in ("gzip", "x-gzip", "deflate"):
        raise ValueError(f"unsupported content encoding {encoding!r}")
    wbits = 16 + zlib.MAX_WBITS if "gzip" in encoding else zlib.MAX_WBITS
    try:
        inflater = zlib.decompressobj(wbits)
        out = inflater.decompress(data, max_bytes + 1)
    except zlib.error as exc:
        raise ValueError(f"corrupt {encoding} response: {exc}") from None
    if len(out) > max_bytes:
        raise ValueError(f"response is over the {max_bytes // 2**20} MiB limit once decompressed")
    return out


def read_url(url: str, options: ReadOptions) -> Iterator[RawArticle | InputError]:
    """A page (HTML or plain text) or a feed, by what the server sends."""
    with make_client(options.allow_private) as client:
        page = fetch(client, url, HTML_TYPES | TEXT_TYPES | FEED_TYPES)
        if page.content_type in FEED_TYPES or FEED_START.match(page.body[:4096]):
            yield from _feed_articles(page.body, url, page.url, options, client)
        else:
            yield _page_article(page, url, options)


def _page_article(page: Fetched, source: str, options: ReadOptions, **overrides) -> RawArticle:
    if page.content_type in TEXT_TYPES:
        text = page.body.decode(page.charset or "utf-8", errors="replace")
        if not text.strip():
            raise ValueError("empty page")
        article = article_from_text(text, source, options, default_id=None)
        return replace(article, url=article.url or page.url, **overrides)
    if page.content_type in FEED_TYPES:
        raise ValueError("the link leads to an XML document, not an article page")
    html = decode_html(page.body, page.charset)
    return replace(article_from_html(html, source, options, default_id=None, url=page.url), **overrides)


@register(".rss", ".atom")
def read_feed_file(path: Path, options: ReadOptions) -> Iterator[RawArticle | InputError]:
    with make_client(options.allow_private) as client:
        yield from _feed_articles(read_bytes(path), str(path), None, options, client)


def _feed_articles(data: bytes, source: str, base_url: str | None, options: ReadOptions,
                   client: httpx.Client) -> Iterator[RawArticle | InputError]:
    for entry in feed_entries(data, source, base_url, options):
        yield entry if isinstance(entry, InputError) else entry_article(client, entry)


@dataclass(frozen=True)
class FeedEntry:
    key: str  # the entry's id, else its link: what a watcher remembers
    link: str
    where: str  # for messages: the feed, the entry's number and its link
    title: str | None
    ident: str | None
    options: ReadOptions  # with the entry's publication date


def feed_entries(data: bytes, source: str, base_url: str | None,
                 options: ReadOptions) -> Iterator[FeedEntry | InputError]:
    """The entries of an RSS or Atom feed, links resolved, not yet fetched; a feed that cannot be read is a
    ValueError."""
    import feedparser

    headers = {"content-location": base_url} if base_url else {}
    feed = feedparser.parse(data, response_headers=headers, sanitize_html=False, resolve_relative_uris=False)
    entries = feed.entries
    if not entries:
        if feed.get("bozo"):
            raise ValueError(f"not a readable RSS or Atom feed: {feed.get('bozo_exception')}")
        if not feed.get("version"):
            raise ValueError("not an RSS or Atom feed")
        raise ValueError("the feed has no entries")
    if len(entries) > MAX_FEED_ENTRIES:
        options.stats.skip("feed entries over the limit", len(entries) - MAX_FEED_ENTRIES)
    for number, entry in enumerate(entries[:MAX_FEED_ENTRIES], start=1):
        link = entry.get("link")
        where = f"{source} entry {number}"
        if not isinstance(link, str) or not link.strip():
            yield InputError(where, "entry has no link")
            continue
        link = link.strip()
        if base_url and not re.match(r"(?i)[a-z][a-z0-9+.-]*:", link):
            link = str(httpx.URL(base_url).join(link))
        entry_options = options
        published = entry.get("published_parsed") or entry.get("updated_parsed")
        if not options.date and published:
            try:
                entry_options = replace(options, date=dt.date(*published[:3]).isoformat())
            except (TypeError, ValueError):
                pass
        title = entry.get("title") if isinstance(entry.get("title"), str) else None
        ident = entry.get("id") if isinstance(entry.get("id"), str) and entry.get("id").strip() else None
        yield FeedEntry(key=ident or link, link=link, where=f"{where} ({link})", title=title, ident=ident,
                        options=entry_options)


def entry_article(client: httpx.Client, entry: FeedEntry) -> RawArticle | InputError:
    """The article a feed entry links to, fetched; an InputError naming the entry when it cannot be."""
    try:
        page = fetch(client, entry.link, HTML_TYPES | TEXT_TYPES)
        article = _page_article(page, entry.link, entry.options)
        if not article.title and entry.title:
            article = replace(article, title=entry.title)
        return replace(article, id=entry.ident or article.id)
    except ValueError as exc:
        return InputError(entry.where, str(exc))
