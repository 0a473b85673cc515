"""Posting articles to a running `chronicle serve`: what `chronicle run --server URL` does instead of opening
the store the server owns."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable, Iterable

import httpx

from chronicle.ingest import RawArticle
from chronicle.records import Document

RETRIES = 5  # a busy server (503) is asked again, waiting a little longer each time
TIMEOUT = httpx.Timeout(300.0, connect=10.0)  # processing a long article takes a while


class ServerError(Exception):
    """The server cannot be reached or refuses every article (bad token, not a Chronicle server)."""


@dataclass
class Posted:
    stored: int = 0
    known: int = 0
    errors: list[str] = field(default_factory=list)


def post_articles(url: str, token: str | None, articles: Iterable[RawArticle],
                  on_document: Callable[[Document], None] | None = None) -> Posted:
    """POST each article to the server's /api/articles; the server processes and stores it."""
    stats = Posted()
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    with httpx.Client(base_url=url.rstrip("/"), headers=headers, timeout=TIMEOUT, trust_env=False) as client:
        for raw in articles:
            name = raw.source or raw.id or "article"
            body = {"text": raw.text, "date": raw.date, "title": raw.title, "url": raw.url, "id": raw.id}
            response = _post(client, body, url)
            if response.status_code == 401:
                raise ServerError(f"{url} refused the token: set CHRONICLE_TOKEN to the token `chronicle serve` "
                                  f"printed")
            if response.status_code in (200, 201):
                stats.stored += response.status_code == 201
                stats.known += response.status_code == 200
                if on_document:
                    on_document(Document.model_validate_json(response.content))
            else:
                stats.errors.append(f"{name}: {_message(response)}")
    return stats


def _post(client: httpx.Client, body: dict, url: str) -> httpx.Response:
    for attempt in range(RETRIES):
        try:
            response = client.post("/api/articles", json=body)
        except httpx.HTTPError as exc:
            raise ServerError(f"cannot reach the server at {url}: {exc or type(exc).__name__}") from None
        if response.status_code != 503 or attempt == RETRIES - 1:
            return response
        time.sleep(0.5 * 2 ** attempt)
    raise AssertionError("unreachable")


def _message(response: httpx.Response) -> str:
    try:
        return f"HTTP {response.status_code}: {response.json()['error']['message']}"
    except (ValueError, KeyError, TypeError):
        return f"HTTP {response.status_code} (not a Chronicle server?)"
