"""URLs, feeds, web archives and tabular corpora: read from files and from a local HTTP server."""

from __future__ import annotations

import csv
import gzip
import io
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import duckdb
import pytest

from chronicle.ingest import InputError, RawArticle, ReadOptions, read_paths
from chronicle.ingest import web

STORY = ("Russian warplanes bombed Islamic State targets near Raqqa on Friday, the defence ministry said. "
         "The strikes hit oil facilities and command posts, officials in Moscow told reporters after the raid.")
SECOND = ("Police arrested dozens of protesters in central Nairobi on Tuesday after a march against new taxes "
          "turned violent, the interior ministry said in a statement late in the evening.")
FRENCH = ("Le président de la République a annoncé mardi que les troupes françaises quitteraient le Mali dans "
          "les prochains mois, selon un communiqué publié par l'Élysée après une réunion du conseil de défense.")


def page(title: str, body: str) -> bytes:
    return (f"<html><head><title>{title}</title><meta charset='utf-8'></head><body><nav>Home | World | Sport</nav>"
            f"<article><h1>{title}</h1><p>{body}</p><p>{body}</p></article>"
            f"<footer>Cookie settings</footer></body></html>").encode()


def rss(base: str, links: list[str]) -> bytes:
    items = "".join(f"<item><title>Item {n}</title><link>{link}</link><guid>urn:item:{n}</guid>"
                    f"<pubDate>Fri, 20 Nov 2015 10:00:00 GMT</pubDate></item>" for n, link in enumerate(links, 1))
    return (f"<?xml version='1.0'?><rss version='2.0'><channel><title>Wire</title><link>{base}</link>"
            f"{items}</channel></rss>").encode()


class Handler(BaseHTTPRequestHandler):
    routes: dict[str, tuple[int, dict[str, str], bytes]] = {}

    def do_GET(self):  # noqa: N802 (http.server's name)
        if self.path == "/slow":
            time.sleep(2)
        status, headers, body = self.routes.get(self.path, (404, {"Content-Type": "text/plain"}, b"not found"))
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    html = {"Content-Type": "text/html; charset=utf-8"}
    Handler.routes = {
        "/story.html": (200, html, page("Strikes on Raqqa", STORY)),
        "/second.html": (200, html, page("Arrests in Nairobi", SECOND)),
        "/french.html": (200, html, page("Le Mali", FRENCH)),
        "/moved": (301, {"Location": "/story.html"}, b""),
        "/loop": (302, {"Location": "/loop"}, b""),
        "/to-private": (302, {"Location": f"http://127.0.0.2:{httpd.server_address[1]}/story.html"}, b""),
        "/image.png": (200, {"Content-Type": "image/png"}, b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),
        "/big.html": (200, html, page("Big", STORY * 400)),
        "/gone": (410, {"Content-Type": "text/html"}, b"gone"),
        "/feed.xml": (200, {"Content-Type": "application/rss+xml"},
                      rss(base, [f"{base}/story.html", "/second.html", f"{base}/missing", f"{base}/image.png"])),
        "/feed-as-html": (200, html, rss(base, [f"{base}/story.html"])),
        "/bomb.html": (200, {**html, "Content-Encoding": "gzip"}, gzip.compress(b"<p>" + b"a" * (3 * 2**20))),
        "/slow": (200, html, page("Slow", STORY)),
    }
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield base
    httpd.shutdown()
    httpd.server_close()


def read(*inputs, **options):
    opts = ReadOptions(**options)
    items = list(read_paths([str(i) for i in inputs], options=opts))
    articles = [i for i in items if isinstance(i, RawArticle)]
    errors = [i for i in items if isinstance(i, InputError)]
    return articles, errors, opts


# --- URLs -----------------------------------------------------------------------------------------------------

def test_url_page_is_fetched_and_extracted_with_redirects(server):
    [article], errors, _ = read(f"{server}/moved", allow_private=True)
    assert not errors
    assert article.url == f"{server}/story.html"  # where the redirect led
    assert article.title == "Strikes on Raqqa" and "Raqqa on Friday" in article.text
    assert "Cookie" not in article.text and article.language == "en"


def test_url_failures_are_clear_errors_naming_the_url(server, monkeypatch):
    monkeypatch.setattr(web, "MAX_PAGE_BYTES", 64 * 1024)
    urls = {"/loop": "redirects", "/image.png": "content type 'image/png'", "/big.html": "limit",
            "/gone": "HTTP 410", "/missing": "HTTP 404", "/bomb.html": "limit"}
    articles, errors, _ = read(*(server + p for p in urls), allow_private=True)
    assert not articles
    got = {e.source.removeprefix(server): e.message for e in errors}
    assert set(got) == set(urls)
    for path, phrase in urls.items():
        assert phrase in got[path], (path, got[path])


def test_url_timeout_is_an_error(server, monkeypatch):
    import httpx

    monkeypatch.setattr(web, "TIMEOUT", httpx.Timeout(0.3))
    started = time.monotonic()
    articles, [error], _ = read(f"{server}/slow", allow_private=True)
    assert not articles and "timed out" in error.message and time.monotonic() - started < 2


def test_private_addresses_are_refused_unless_allowed(server):
    port = server.rsplit(":", 1)[1]
    for url in (f"{server}/story.html", f"http://localhost:{port}/story.html", f"http://[::1]:{port}/story.html"):
        articles, [error], _ = read(url)
        assert not articles and error.source == url
        assert "refused" in error.message and "loopback" in error.message and "--allow-private" in error.message
    [error] = read(f"http://localhost:{port}/story.html")[1]
    assert "resolves to" in error.message  # the check is made on the resolved address, not the name


def test_redirect_to_a_private_address_is_refused(server, monkeypatch):
    # Let the test server's own address through, as if it were public: the redirect hop must still be checked.
    real = web.address_problem
    monkeypatch.setattr(web, "address_problem", lambda a: None if a == "127.0.0.1" else real(a))
    assert read(f"{server}/story.html")[0]  # the first hop is allowed
    articles, [error], _ = read(f"{server}/to-private")
    assert not articles and "refused" in error.message and "127.0.0.2" in error.message


@pytest.mark.parametrize("address, problem", [
    ("10.1.2.3", "private"), ("172.16.0.1", "private"), ("192.168.1.1", "private"), ("127.0.0.1", "loopback"),
    ("169.254.169.254", "link-local"), ("::1", "loopback"), ("fe80::1", "link-local"), ("fc00::1", "private"),
    ("::ffff:127.0.0.1", "loopback"), ("0.0.0.0", "unspecified"), ("100.64.0.1", "non-public"),
    ("8.8.8.8", None), ("2606:4700:4700::1111", None)])
def test_address_guard(address, problem):
    found = web.address_problem(address)
    assert (found is None) if problem is None else (problem in found)


def test_unsupported_url_schemes_and_bad_urls(tmp_path):
    articles, errors, _ = read("http://", "https://exa mple.org/")
    assert not articles and len(errors) == 2


# --- feeds ----------------------------------------------------------------------------------------------------

def test_feed_entries_are_fetched_each_as_an_article(server):
    articles, errors, _ = read(f"{server}/feed.xml", allow_private=True)
    assert [a.title for a in articles] == ["Strikes on Raqqa", "Arrests in Nairobi"]
    assert [a.url for a in articles] == [f"{server}/story.html", f"{server}/second.html"]  # relative link resolved
    assert [a.id for a in articles] == ["urn:item:1", "urn:item:2"]
    assert all(a.date == "2015-11-20" for a in articles)  # the entry's publication date
    assert [e.source for e in errors] == [f"{server}/feed.xml entry 3 ({server}/missing)",
                                          f"{server}/feed.xml entry 4 ({server}/image.png)"]
    assert "HTTP 404" in errors[0].message and "image/png" in errors[1].message


def test_feed_is_recognised_by_content_and_as_a_file(server, tmp_path):
    assert len(read(f"{server}/feed-as-html", allow_private=True)[0]) == 1
    local = tmp_path / "wire.rss"
    local.write_bytes(rss(server, [f"{server}/second.html"]))
    [article], errors, _ = read(local, allow_private=True)
    assert not errors and article.title == "Arrests in Nairobi"
    # A local feed's links go through the same guard.
    articles, [error], _ = read(local)
    assert not articles and "refused" in error.message


def test_broken_feeds_are_errors(tmp_path):
    empty = tmp_path / "empty.rss"
    empty.write_bytes(b"<?xml version='1.0'?><rss version='2.0'><channel><title>x</title></channel></rss>")
    junk = tmp_path / "junk.atom"
    junk.write_bytes(b"\x00\x01 not xml at all")
    articles, errors, _ = read(empty, junk)
    assert not articles
    assert {Path(e.source).name: e.message for e in errors}.keys() == {"empty.rss", "junk.atom"}
    assert "no entries" in errors[0].message


# --- web archives ---------------------------------------------------------------------------------------------

def make_warc(path: Path, gz: bool) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=gz)
        writer.write_record(writer.create_warc_record("https://example.org/", "warcinfo", payload=io.BytesIO(b"x: y")))

        def response(url, ctype, body, status="200 OK"):
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                          http_headers=headers))

        writer.write_record(writer.create_warc_record("https://example.org/a", "request",
                                                      payload=io.BytesIO(b"GET /a HTTP/1.1\r\n\r\n")))
        response("https://example.org/a", "text/html; charset=utf-8", page("Strikes on Raqqa", STORY))
        response("https://example.org/logo.png", "image/png", b"\x89PNG\r\n")
        response("https://example.org/b", "text/html", page("Arrests in Nairobi", SECOND))
        response("https://example.org/old", "text/html", b"", status="404 Not Found")
        response("https://example.org/empty", "text/html", b"<html><body><script>var a = 1;</script></body></html>")


@pytest.mark.parametrize("name, gz", [("crawl.warc", False), ("crawl.warc.gz", True)])
def test_warc_html_responses_become_articles_others_are_counted(tmp_path, name, gz):
    path = tmp_path / name
    make_warc(path, gz)
    articles, errors, opts = read(path)
    assert not errors
    assert [a.url for a in articles] == ["https://example.org/a", "https://example.org/b"]
    assert articles[0].title == "Strikes on Raqqa" and "Raqqa on Friday" in articles[0].text
    assert articles[0].source == f"{path}:record 3"
    assert opts.stats.skipped == {"WARC warcinfo records": 1, "WARC request records": 1,
                                  "WARC non-HTML responses": 1, "WARC responses with a non-2xx status": 1,
                                  "WARC pages with no article text": 1}


def test_truncated_and_corrupt_warcs_keep_what_was_read(tmp_path):
    whole = tmp_path / "whole.warc.gz"
    make_warc(whole, True)
    data = whole.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: int(len(data) * 0.8)])
    junk = tmp_path / "junk.warc"
    junk.write_bytes(b"this is not a web archive\n" * 10)
    articles, errors, _ = read(cut, junk)
    assert [a.url for a in articles][:1] == ["https://example.org/a"]
    by_file = {Path(e.source).name: e.message for e in errors}
    assert set(by_file) == {"cut.warc.gz", "junk.warc"}
    assert "record" in by_file["cut.warc.gz"] and "WARC" in by_file["junk.warc"]


# --- CSV and Parquet ------------------------------------------------------------------------------------------

def test_csv_with_column_mapping_reports_bad_rows_by_line(tmp_path):
    path = tmp_path / "corpus.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["uid", "body", "published", "headline"])
        out.writerow(["a1", STORY + "\nwith a second line", "2015-11-20", "Strikes"])
        out.writerow(["a2", "", "2015-11-20", ""])
        out.writerow(["a3", SECOND, "last week", ""])
        out.writerow(["a4", SECOND])
        out.writerow(["", SECOND, "2016-01-02T10:00:00", ""])
    articles, errors, _ = read(path, columns={"text": "body", "id": "uid", "date": "published", "title": "headline"})
    assert [(a.id, a.date, a.title) for a in articles] == [("a1", "2015-11-20", "Strikes"),
                                                           ("corpus-7", "2016-01-02", None)]
    assert articles[0].source == f"{path}:2" and articles[0].text.endswith("second line")
    assert {e.source: e.message for e in errors}.keys() == {f"{path}:4", f"{path}:5", f"{path}:6"}
    # Without the mapping the text column is not found: one clear error for the file.
    articles, [error], _ = read(path)
    assert not articles and error.source == str(path) and "--columns text=" in error.message


def test_parquet_with_column_mapping(tmp_path):
    path = tmp_path / "corpus.parquet"
    con = duckdb.connect()
    con.execute("CREATE TABLE t (uid INTEGER, body VARCHAR, published DATE)")
    con.execute("INSERT INTO t VALUES (1, ?, DATE '2015-11-20'), (2, NULL, NULL), (3, ?, NULL)", [STORY, SECOND])
    con.execute(f"COPY t TO '{path}' (FORMAT parquet)")
    articles, errors, _ = read(path, columns={"text": "body", "id": "uid", "date": "published"})
    assert [(a.id, a.date) for a in articles] == [("1", "2015-11-20"), ("3", None)]
    assert [e.source for e in errors] == [f"{path}:row 2"]
    bad = tmp_path / "bad.parquet"
    bad.write_bytes(b"PAR1 not really")
    assert "Parquet" in read(bad)[1][0].message


def test_jsonl_uses_the_same_column_mapping(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps({"uid": "j1", "body": STORY, "published": "2020-02-02"}) + "\n")
    [article], errors, _ = read(path, columns={"text": "body", "id": "uid", "date": "published"})
    assert not errors and (article.id, article.date) == ("j1", "2020-02-02")


def test_directories_read_every_known_type(tmp_path, server):
    make_warc(tmp_path / "c.warc.gz", True)
    (tmp_path / "a.txt").write_text(STORY)
    (tmp_path / "b.csv").write_text("text\n" + json.dumps(SECOND) + "\n")
    articles, errors, _ = read(tmp_path)
    assert not errors and len(articles) == 4


# --- language -------------------------------------------------------------------------------------------------

def test_language_is_detected_and_other_languages_are_stored_not_coded(cli, db, tmp_path, server):
    path = tmp_path / "mixed.jsonl"
    path.write_text(json.dumps({"id": "fr", "text": FRENCH}) + "\n" + json.dumps({"id": "en", "text": STORY}) + "\n")
    result = cli("run", str(path), f"{server}/french.html", "--allow-private", "--db", db, "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    docs = {d["id"]: d for d in map(json.loads, result.stdout.splitlines())}
    assert docs["fr"]["language"] == "fr" and not docs["fr"]["events"] and not docs["fr"]["entities"]
    assert docs["en"]["language"] == "en" and docs["en"]["events"]
    assert "2 not in English (fr 2): stored with their language but not coded" in result.stderr
    assert "3 stored" in result.stderr
    shown = cli("show", "fr", "--db", db, "--format", "json")
    assert json.loads(shown.stdout)["language"] == "fr"


def test_cli_reads_urls_feeds_and_corpora(cli, server, tmp_path):
    corpus = tmp_path / "c.csv"
    corpus.write_text("uid,body\nx1," + json.dumps(SECOND) + "\n")
    result = cli("run", f"{server}/feed.xml", str(corpus), "--columns", "text=body,id=uid", "--allow-private",
                 "--no-store", "--format", "jsonl")
    ids = [json.loads(line)["id"] for line in result.stdout.splitlines()]
    assert ids == ["urn:item:1", "urn:item:2", "x1"]
    assert result.exit_code == 1 and "2 failed" in result.stderr  # the feed's two bad entries
    refused = cli("run", f"{server}/story.html", "--no-store")
    assert refused.exit_code == 1 and "refused" in refused.stderr and "--allow-private" in refused.stderr
    bad = cli("run", str(corpus), "--columns", "body=text", "--no-store")
    assert bad.exit_code == 2 and "unknown field 'body'" in bad.stderr
