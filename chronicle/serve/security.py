"""What keeps the server safe to leave running: security headers, request size limits, the token.

`Guard` is plain ASGI middleware (no per-request task, unlike Starlette's BaseHTTPMiddleware) that adds
the headers to every response and refuses bodies over the limit: at once when Content-Length says so,
else as soon as the streamed body passes it.
"""

from __future__ import annotations

import hmac
import json
import secrets

from fastapi import HTTPException, Request

HEADERS = [
    (b"content-security-policy", b"default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                                 b"connect-src 'self'; frame-ancestors 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]
MAX_BODY = 5 * 1024 * 1024  # a JSON article
MAX_UPLOAD = 50 * 1024 * 1024  # an uploaded file (the readers' own limit for one file)
LOOPBACK = {"127.0.0.1", "::1", "localhost"}


def new_token() -> str:
    return secrets.token_urlsafe(24)


def is_loopback(host: str) -> bool:
    return host in LOOPBACK or host.startswith("127.")


def _too_large(limit: int) -> HTTPException:
    return HTTPException(413, f"request body over the {limit // 2**20} MiB limit")


class Guard:
    def __init__(self, app, max_body: int = MAX_BODY, max_upload: int = MAX_UPLOAD,
                 upload_paths: tuple[str, ...] = ("/api/upload",)) -> None:
        self.app = app
        self.max_body = max_body
        self.max_upload = max_upload
        self.upload_paths = upload_paths

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        limit = self.max_upload if scope["path"] in self.upload_paths else self.max_body

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + HEADERS
            await send(message)

        declared = dict(scope["headers"]).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > limit:
            return await send_error(send_with_headers, 413, _too_large(limit).detail)
        received = 0

        async def limited_receive():
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise _too_large(limit)  # FastAPI passes an HTTPException from reading the body on
            return message

        await self.app(scope, limited_receive, send_with_headers)


def error_body(status: int, message: str, **extra) -> dict:
    return {"error": {"status": status, "message": message, **extra}}


async def send_error(send, status: int, message: str) -> None:
    body = json.dumps(error_body(status, message)).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


def presented_token(request: Request) -> str | None:
    auth = request.headers.get("authorization", "")
    scheme, _, value = auth.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return request.headers.get("x-chronicle-token") or None


def check_token(request: Request, token: str) -> None:
    given = presented_token(request)
    if given is None:
        raise HTTPException(401, "this request needs the server's token: header 'Authorization: Bearer <token>' "
                                 "(or 'X-Chronicle-Token')", headers={"WWW-Authenticate": "Bearer"})
    if not hmac.compare_digest(given.encode(), token.encode()):
        raise HTTPException(401, "wrong token", headers={"WWW-Authenticate": "Bearer"})
