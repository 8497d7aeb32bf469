"""A local HTTP server for feed tests: saved documents, conditional GET, redirects, failures.

Runs aiohttp.web on 127.0.0.1 with an ephemeral port inside the test's own event loop.

    async with running_feeds_server() as server:
        server.add("/rss.xml", body, etag='"v1"', last_modified="Mon, 01 Jan 2024 00:00:00 GMT",
                   status=200, content_type="application/rss+xml; charset=utf-8",
                   headers={"Cache-Control": "max-age=3600"})
        server.add("/slow.xml", body, delay=5.0)       # waits until release() or 5 s
        server.add("/big.xml", b"x" * 6_000_000, chunked=True)  # no Content-Length
        server.redirect("/old", "/rss.xml", status=301)
        server.url("/rss.xml")                         # "http://127.0.0.1:PORT/rss.xml"
        server.requests                                # [RecordedRequest(method, path, headers,
                                                       #                  client_port)]
        server.release()                               # let every slow response finish now

A 304 is answered when If-None-Match equals the document's ETag or If-Modified-Since
equals its Last-Modified. ``add`` with the same path replaces the document (a feed update).
Unknown paths answer 404.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass, field

from aiohttp import web


@dataclass(frozen=True)
class RecordedRequest:
    """One request the server received."""

    method: str
    path: str
    headers: Mapping[str, str]
    client_port: int = 0  # the connection it came on (the same port: a kept-alive connection)


@dataclass
class _Document:
    body: bytes
    status: int = 200
    content_type: str = "application/rss+xml; charset=utf-8"
    etag: str | None = None
    last_modified: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    chunked: bool = False
    redirect_to: str | None = None


class FeedsServer:
    """Serves registered documents; see the module docstring for the API."""

    def __init__(self) -> None:
        self.requests: list[RecordedRequest] = []
        self._documents: dict[str, _Document] = {}
        self._release = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self._port = 0

    async def start(self) -> None:
        """Listen on 127.0.0.1 on an ephemeral port."""
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._handle)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self._port = int(self._runner.addresses[0][1])

    async def close(self) -> None:
        """Release slow responses and stop the server."""
        self.release()
        if self._runner is not None:
            await self._runner.cleanup()

    def url(self, path: str) -> str:
        """Return the absolute URL of `path` on this server."""
        return f"http://127.0.0.1:{self._port}{path}"

    def add(
        self,
        path: str,
        body: bytes | str,
        *,
        status: int = 200,
        content_type: str = "application/rss+xml; charset=utf-8",
        etag: str | None = None,
        last_modified: str | None = None,
        headers: Mapping[str, str] | None = None,
        delay: float = 0.0,
        chunked: bool = False,
    ) -> None:
        """Serve `body` at `path` (replacing any earlier document there)."""
        data = body.encode() if isinstance(body, str) else body
        self._documents[path] = _Document(
            data, status, content_type, etag, last_modified, dict(headers or {}), delay, chunked
        )

    def redirect(self, path: str, target: str, status: int = 302) -> None:
        """Answer `path` with a redirect to `target` (a path or an absolute URL)."""
        self._documents[path] = _Document(b"", status=status, redirect_to=target)

    def release(self) -> None:
        """Let every delayed response finish immediately."""
        self._release.set()

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        peer = request.transport.get_extra_info("peername") if request.transport else None
        port = int(peer[1]) if peer else 0
        self.requests.append(
            RecordedRequest(request.method, request.path, dict(request.headers), port)
        )
        doc = self._documents.get(request.path)
        if doc is None:
            return web.Response(status=404, text="not found")
        if doc.delay:
            with suppress(TimeoutError):
                await asyncio.wait_for(self._release.wait(), doc.delay)
        if doc.redirect_to is not None:
            return web.Response(status=doc.status, headers={"Location": doc.redirect_to})
        return await self._respond(request, doc)

    async def _respond(self, request: web.Request, doc: _Document) -> web.StreamResponse:
        headers = dict(doc.headers)
        if doc.etag:
            headers["ETag"] = doc.etag
        if doc.last_modified:
            headers["Last-Modified"] = doc.last_modified
        if _not_modified(request, doc):
            return web.Response(status=304, headers=headers)
        headers["Content-Type"] = doc.content_type
        if not doc.chunked:
            return web.Response(status=doc.status, body=doc.body, headers=headers)
        response = web.StreamResponse(status=doc.status, headers=headers)
        response.enable_chunked_encoding()
        await response.prepare(request)
        for start in range(0, len(doc.body), 65536):
            await response.write(doc.body[start : start + 65536])
        await response.write_eof()
        return response


def _not_modified(request: web.Request, doc: _Document) -> bool:
    if doc.status != 200:
        return False
    if doc.etag and request.headers.get("If-None-Match") == doc.etag:
        return True
    since = request.headers.get("If-Modified-Since")
    return bool(doc.last_modified and since == doc.last_modified)


@asynccontextmanager
async def running_feeds_server() -> AsyncIterator[FeedsServer]:
    """Start a FeedsServer for the duration of the block."""
    server = FeedsServer()
    await server.start()
    try:
        yield server
    finally:
        await server.close()
