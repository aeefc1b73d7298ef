"""Slow, oversized and vanishing clients: what uvicorn's HTTP/1.1 protocol (h11) leaves to the application.

- :class:`LimitedH11`, uvicorn's h11 protocol with two more rules. A request's head (request line and
  headers) must arrive within ``client_timeout`` seconds of its first byte, or the server answers 408 and
  closes (uvicorn's keep-alive timer only covers the idle time *between* requests, so a client that sends
  one byte every few seconds held its connection for ever). A head over ``max_head`` bytes gets 414 (when
  the request line alone is that long: a GET with a huge query) or 431 (headers), and the server reads and
  drops what the client still sends for a moment before it closes, so that the client reads the answer
  instead of a connection reset (uvicorn answers 400 and closes at once).
- :class:`SlowBodies`, ASGI middleware: a request body must arrive whole within ``client_timeout`` seconds
  of the request, or 408; a client that goes away before its body is read is logged in one line (Starlette
  raises ``ClientDisconnect``, which uvicorn would log as an application error with a full traceback).
"""

from __future__ import annotations

import asyncio
import logging

import h11
from starlette.requests import ClientDisconnect
from starlette.responses import PlainTextResponse
from uvicorn.protocols.http.h11_impl import H11Protocol

log = logging.getLogger("uvicorn.error")
LINGER_SECONDS = 2.0  # how long a refused client may go on sending before the connection is closed


def _raw_response(status: int, reason: str, message: str) -> bytes:
    body = (message + "\n").encode("utf-8")
    return (f"HTTP/1.1 {status} {reason}\r\ncontent-type: text/plain; charset=utf-8\r\n"
            f"content-length: {len(body)}\r\nconnection: close\r\n\r\n").encode("ascii") + body


def _peer(client) -> str:
    return f"{client[0]}:{client[1]}" if client else "a client"


class LimitedH11(H11Protocol):
    """uvicorn's h11 protocol with a time limit on request heads and 414/431 for oversized ones."""

    client_timeout = 10.0
    max_head = 64 * 1024

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._head_timer: asyncio.TimerHandle | None = None
        self._draining = False

    def data_received(self, data: bytes) -> None:
        if self._draining:  # refused: read and drop the rest, so the client sees the answer, not a reset
            return
        self._unset_keepalive_if_required()
        self.conn.receive_data(data)
        if self.conn.their_state is h11.IDLE and self._head_too_large():
            return
        self.handle_events()
        if self._draining or self.transport.is_closing():
            self._cancel_head_timer()
        elif self.conn.their_state is h11.IDLE:  # a head is on its way
            if self._head_timer is None:
                self._head_timer = self.loop.call_later(self.client_timeout, self._head_too_slow)
        else:
            self._cancel_head_timer()

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_head_timer()
        super().connection_lost(exc)

    def _cancel_head_timer(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _head_too_slow(self) -> None:
        self._head_timer = None
        if self.transport.is_closing() or self.conn.their_state is not h11.IDLE:
            return
        log.info("%s sent no complete request head within %g s: 408, closed", _peer(self.client), self.client_timeout)
        self._refuse(408, "Request Timeout", f"The request head did not arrive within {self.client_timeout:g} s.")

    def send_400_response(self, msg: str) -> None:
        if not self._head_too_large():
            super().send_400_response(msg)

    def _head_too_large(self) -> bool:
        """Refuse (414 or 431) a head that does not end within ``max_head`` bytes; True if refused.

        (h11 checks its own limit only when a read leaves a head incomplete, and asyncio reads up to 256 kB at once:
        a larger head that came in one read would pass.)"""
        pending, _ = self.conn.trailing_data
        if len(pending) <= self.max_head or b"\r\n\r\n" in pending[: self.max_head + 4]:
            return False
        if b"\r\n" not in pending[: self.max_head]:
            log.info("%s sent a request line over %d bytes: 414", _peer(self.client), self.max_head)
            self._refuse(414, "URI Too Long", f"The request line is longer than {self.max_head} bytes. Send a long "
                                              f"query by POST (a form or application/sparql-query) instead.")
        else:
            log.info("%s sent request headers over %d bytes: 431", _peer(self.client), self.max_head)
            self._refuse(431, "Request Header Fields Too Large",
                         f"The request's headers are longer than {self.max_head} bytes.")
        return True

    def _refuse(self, status: int, reason: str, message: str) -> None:
        self._draining = True
        self.transport.write(_raw_response(status, reason, message))
        self.loop.call_later(LINGER_SECONDS, self.transport.close)


def limited_h11(client_timeout: float, max_head: int) -> type[LimitedH11]:
    """:class:`LimitedH11` with these limits (uvicorn takes a protocol class, not an instance)."""
    return type("LimitedH11", (LimitedH11,), {"client_timeout": client_timeout, "max_head": max_head})


class BodyTooSlow(Exception):
    pass


class SlowBodies:
    """ASGI middleware: 408 for a body not whole within ``seconds``; a client gone before its body, one log line."""

    def __init__(self, app, seconds: float):
        self.app = app
        self.seconds = seconds

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.seconds
        headers = dict(scope["headers"])
        body_done = b"transfer-encoding" not in headers and headers.get(b"content-length", b"0").strip() in (b"0", b"")
        started = False

        async def timed_receive():
            nonlocal body_done
            if body_done:
                return await receive()
            try:
                message = await asyncio.wait_for(receive(), max(deadline - loop.time(), 0.001))
            except TimeoutError:
                raise BodyTooSlow from None
            if message["type"] != "http.request" or not message.get("more_body", False):
                body_done = True
            return message

        async def tracking_send(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, timed_receive, tracking_send)
        except BodyTooSlow:
            log.info("%s did not send its request body within %g s: 408 (%s %s)", _peer(scope.get("client")),
                     self.seconds, scope["method"], scope["path"])
            if not started:
                response = PlainTextResponse(f"The request body did not arrive within {self.seconds:g} s.\n",
                                             status_code=408, headers={"Connection": "close"})
                await response(scope, receive, send)
        except ClientDisconnect:
            log.info("%s went away before its request was read (%s %s)", _peer(scope.get("client")),
                     scope["method"], scope["path"])


async def departure(request) -> None:
    """Returns when the client of ``request`` (its body read) closes the connection."""
    while (await request.receive())["type"] != "http.disconnect":
        pass  # a GET's empty body message comes first


def log_departure(request, ran: bool) -> None:
    """One line for a client that went away before its answer (uvicorn would log a traceback)."""
    log.info("%s went away before its answer (%s %s)%s", _peer(request.scope.get("client")), request.method,
             request.url.path, "" if ran else ": its query was not run")
