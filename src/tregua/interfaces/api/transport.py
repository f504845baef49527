"""Two things every reply shares, as ASGI middleware: HEAD wherever GET is, and a client
that leaves before its reply logged as one line instead of a traceback."""

from __future__ import annotations

import logging

import anyio
from starlette.requests import ClientDisconnect
from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("tregua.web")

#: what a client that went away raises: a read of its body (``ClientDisconnect``), a
#: stream to it closed under a streaming reply (anyio). A server fault is none of these
#: and keeps its traceback.
GONE = (ClientDisconnect, anyio.BrokenResourceError, anyio.ClosedResourceError)


class HeadAsGet:
    """A HEAD request is answered as its GET, with the GET's headers and no body."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def without_body(message: Message) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, without_body)


class Disconnects:
    """A client gone before its reply is logged once, at INFO, with the request's line."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        try:
            await self.app(scope, receive, send)
        except GONE as exc:
            log.info(
                "client left before the reply: %s %s (%s)",
                scope["method"],
                scope["path"],
                type(exc).__name__,
            )
