"""Polling against the local feeds server: conditional GET, caps, timeout, redirects, backoff."""

from __future__ import annotations

import importlib.util
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import aiohttp
import pytest

from broadcasts.akses.feeds.fetch import FetchState, fetch, make_client, next_backoff
from broadcasts.akses.feeds.model import Defaults, Source
from tests.feeds_server import FeedsServer

NOW = datetime(2025, 8, 17, 1, 0, tzinfo=UTC)
RSS = b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>'
LAST_MODIFIED = "Sun, 17 Aug 2025 00:00:00 GMT"


@pytest.fixture
async def client() -> AsyncIterator[aiohttp.ClientSession]:
    """A polling client with the project defaults."""
    async with make_client(Defaults()) as polling_client:
        yield polling_client


def _source(url: str, interval: int | None = None) -> Source:
    return Source("uji", "Uji", url, ("pemerintahan",), "review", interval_minutes=interval)


async def test_first_fetch_returns_body_and_validators(
    feeds_server: FeedsServer, client: aiohttp.ClientSession
) -> None:
    feeds_server.add("/rss.xml", RSS, etag='"v1"', last_modified=LAST_MODIFIED)
    result = await fetch(client, _source(feeds_server.url("/rss.xml")), None, now=NOW)
    assert (result.status, result.body, result.error) == (200, RSS, None)
    assert (result.etag, result.last_modified) == ('"v1"', LAST_MODIFIED)
    assert result.next_due == NOW + timedelta(minutes=30)
    assert "KIMHub/0.1" in feeds_server.requests[0].headers["User-Agent"]


async def test_conditional_get_gets_304(
    feeds_server: FeedsServer, client: aiohttp.ClientSession
) -> None:
    feeds_server.add("/rss.xml", RSS, etag='"v1"', last_modified=LAST_MODIFIED)
    source = _source(feeds_server.url("/rss.xml"))
    first = await fetch(client, source, None, now=NOW)
    second = await fetch(client, source, first.state(), now=NOW)
    assert second.not_modified
    assert second.body is None
    assert second.error is None
    assert second.etag == '"v1"'
    sent = feeds_server.requests[1].headers
    assert sent["If-None-Match"] == '"v1"'
    assert sent["If-Modified-Since"] == LAST_MODIFIED


async def test_changed_document_is_fetched_again(
    feeds_server: FeedsServer, client: aiohttp.ClientSession
) -> None:
    feeds_server.add("/rss.xml", RSS, etag='"v1"')
    source = _source(feeds_server.url("/rss.xml"))
    first = await fetch(client, source, None, now=NOW)
    feeds_server.add("/rss.xml", RSS + b" ", etag='"v2"')
    second = await fetch(client, source, first.state(), now=NOW)
    assert second.status == 200
    assert second.etag == '"v2"'
    assert second.body == RSS + b" "


async def test_cache_control_max_age_delays_next_poll(
    feeds_server: FeedsServer, client: aiohttp.ClientSession
) -> None:
    feeds_server.add("/rss.xml", RSS, headers={"Cache-Control": "public, max-age=7200"})
    result = await fetch(client, _source(feeds_server.url("/rss.xml")), None, now=NOW)
    assert result.next_due == NOW + timedelta(hours=2)


async def test_oversized_body_is_refused(
    feeds_server: FeedsServer, client: aiohttp.ClientSession
) -> None:
    feeds_server.add("/big.xml", b"x" * 300_000, chunked=True)
    defaults = Defaults(max_bytes=100_000)
    result = await fetch(client, _source(feeds_server.url("/big.xml")), None, defaults=defaults)
    assert result.body is None
    assert result.error is not None
    assert "terlalu besar" in result.error
    assert result.consecutive_failures == 1


async def test_declared_oversized_body_is_refused_early(
    feeds_server: FeedsServer, client: aiohttp.ClientSession
) -> None:
    feeds_server.add("/big.xml", b"x" * 6_000_000)
    result = await fetch(client, _source(feeds_server.url("/big.xml")), None)
    assert result.error is not None
    assert "terlalu besar" in result.error


async def test_slow_server_times_out(
    feeds_server: FeedsServer, client: aiohttp.ClientSession
) -> None:
    feeds_server.add("/slow.xml", RSS, delay=30)
    defaults = Defaults(timeout_s=0.2)
    result = await fetch(client, _source(feeds_server.url("/slow.xml")), None, defaults=defaults)
    assert result.error is not None
    assert "waktu habis" in result.error
    assert result.status is None


async def test_redirects_are_followed(
    feeds_server: FeedsServer, client: aiohttp.ClientSession
) -> None:
    feeds_server.add("/new.xml", RSS)
    feeds_server.redirect("/old.xml", "/new.xml", status=301)
    result = await fetch(client, _source(feeds_server.url("/old.xml")), None)
    assert result.body == RSS
    assert result.final_url == feeds_server.url("/new.xml")


async def test_redirect_loop_is_reported(
    feeds_server: FeedsServer, client: aiohttp.ClientSession
) -> None:
    feeds_server.redirect("/a", "/b")
    feeds_server.redirect("/b", "/a")
    result = await fetch(client, _source(feeds_server.url("/a")), None)
    assert result.error is not None
    assert "pengalihan" in result.error
    assert len(feeds_server.requests) == 6  # the first request plus 5 redirects


async def test_server_error_backs_off(
    feeds_server: FeedsServer, client: aiohttp.ClientSession
) -> None:
    feeds_server.add("/rss.xml", "oops", status=500)
    source = _source(feeds_server.url("/rss.xml"))
    first = await fetch(client, source, None, now=NOW)
    later = NOW + timedelta(minutes=30)
    second = await fetch(client, source, first.state(), now=later)
    assert first.error == "HTTP 500 Internal Server Error"
    assert first.status == 500
    assert first.next_due == NOW + timedelta(minutes=30)
    assert second.consecutive_failures == 2
    assert second.failing_since == NOW
    assert second.next_due == later + timedelta(minutes=60)


async def test_success_resets_failures(
    feeds_server: FeedsServer, client: aiohttp.ClientSession
) -> None:
    feeds_server.add("/rss.xml", RSS)
    state = FetchState(consecutive_failures=4, failing_since=NOW)
    result = await fetch(client, _source(feeds_server.url("/rss.xml")), state, now=NOW)
    assert result.consecutive_failures == 0
    assert result.failing_since is None


async def test_retry_after_is_respected(
    feeds_server: FeedsServer, client: aiohttp.ClientSession
) -> None:
    feeds_server.add("/rss.xml", "", status=429, headers={"Retry-After": "7200"})
    result = await fetch(client, _source(feeds_server.url("/rss.xml")), None, now=NOW)
    assert result.next_due == NOW + timedelta(hours=2)


async def test_unreachable_host_is_a_failure(client: aiohttp.ClientSession) -> None:
    result = await fetch(client, _source("http://127.0.0.1:9/rss.xml"), None, now=NOW)
    assert result.error is not None
    assert result.error.startswith("gagal terhubung")


@pytest.mark.parametrize(
    ("failures", "expected"),
    [(0, 30), (1, 30), (2, 60), (3, 120), (5, 480), (6, 960), (7, 1440), (50, 1440)],
)
def test_backoff_doubles_and_caps_at_a_day(failures: int, expected: int) -> None:
    assert next_backoff(failures, 30) == timedelta(minutes=expected)


@pytest.mark.parametrize(
    ("status", "body"), [(304, RSS), (404, b"tidak ada"), (503, b"")], ids=["304", "404", "503"]
)
async def test_connection_is_kept_alive_after_answers_without_a_document(
    feeds_server: FeedsServer, client: aiohttp.ClientSession, status: int, body: bytes
) -> None:
    """A 304 or an error answer leaves the connection open for the next poll, as a 200 does
    (hundreds of sources answering 304 must not cost a new connection each)."""
    feeds_server.add("/rss.xml", RSS, etag='"v1"')
    feeds_server.add("/broken.xml", body, status=status if status != 304 else 200, etag='"v1"')
    path = "/rss.xml" if status == 304 else "/broken.xml"
    source = _source(feeds_server.url(path))
    state = FetchState(etag='"v1"')
    results = [await fetch(client, source, state, now=NOW) for _ in range(3)]
    assert [r.status for r in results] == [status] * 3
    assert len({request.client_port for request in feeds_server.requests}) == 1


def test_sniffio_is_installed_for_httpcore() -> None:
    """httpcore (under python-telegram-bot's requests) looks sniffio up on every request;
    missing, each look-up searches sys.path again."""
    assert importlib.util.find_spec("sniffio") is not None
