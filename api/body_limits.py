"""Request bodies, checked before any handler sees them: size, UTF-8 and strict, shallow JSON.

A body over the cap is refused with 413 without being read further (a Content-Length over it,
before a byte); a body that is no UTF-8, or JSON that is malformed, nested deeper than
ingest.loading.MAX_DEPTH, or holds NaN/Infinity or a key twice, is refused with 400, never
a 500. Large bodies are checked in a worker thread so the event loop keeps answering.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from ingest.loading import InputRefused, loads_json

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]
THREAD_OVER = 64 * 1024  # bodies larger than this are checked in a worker thread
BAD_REQUEST, TOO_LARGE = 400, 413


class _Refused(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def check_body(body: bytes, content_type: str) -> None:
    """Raise _Refused unless `body` is UTF-8 and, for JSON, strict JSON within the depth."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _Refused(
            BAD_REQUEST, f"the request body is not valid UTF-8 (byte {exc.start}); send UTF-8"
        ) from None
    if "json" in content_type and text.strip():
        try:
            loads_json(text)
        except InputRefused as exc:
            raise _Refused(BAD_REQUEST, f"the request body is not usable JSON: {exc}") from None


class BodyLimit:
    """ASGI middleware: read at most `max_bytes` of a body, check it, then pass it on."""

    def __init__(self, app: App, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        try:
            body = await self._read(headers, receive)
            if body is None:
                return  # the client went away
            check = (asyncio.to_thread if len(body) > THREAD_OVER else _now)
            await check(check_body, body, headers.get("content-type", ""))
        except _Refused as exc:
            await _answer(send, exc.status, str(exc))
            return
        await self.app(scope, _replay(body, receive), send)

    async def _read(self, headers: dict[str, str], receive: Receive) -> bytes | None:
        declared = headers.get("content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            raise _Refused(TOO_LARGE, self._too_large())
        body = bytearray()
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return None
            body += message.get("body", b"")
            if len(body) > self.max_bytes:
                raise _Refused(TOO_LARGE, self._too_large())
            if not message.get("more_body", False):
                return bytes(body)

    def _too_large(self) -> str:
        return (
            f"the request body is over the limit of {self.max_bytes} bytes "
            "(AIKG_MAX_BODY_BYTES); send less, or split the batch"
        )


async def _now(check: Callable[[bytes, str], None], body: bytes, content_type: str) -> None:
    check(body, content_type)


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if sent:
            return await receive()
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replay


async def _answer(send: Send, status: int, message: str) -> None:
    payload = json.dumps({"error": message}).encode("utf-8")
    await send({
        "type": "http.response.start",
        "status": status,
        "headers": [(b"content-type", b"application/json"),
                    (b"content-length", str(len(payload)).encode("ascii"))],
    })
    await send({"type": "http.response.body", "body": payload})
