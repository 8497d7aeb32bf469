"""Polite HTTP polling of one feed: conditional GET, size cap, timeout and backoff.

No storage and no logging here: ``fetch`` takes the previous ``FetchState`` and returns a
``FetchResult`` whose ``state()`` the caller persists (and logs) and passes back next time.
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import httpx

from broadcasts.akses.feeds.model import Defaults, Source

MAX_REDIRECTS = 5
MAX_BACKOFF = timedelta(hours=24)
_MAX_AGE_RE = re.compile(r"(?:^|,)\s*(?:s-)?max-age\s*=\s*\"?(\d+)", re.IGNORECASE)


@dataclass(frozen=True)
class FetchState:
    """What the caller remembers about a source between polls."""

    etag: str | None = None
    last_modified: str | None = None
    consecutive_failures: int = 0
    failing_since: datetime | None = None
    next_due: datetime | None = None


@dataclass(frozen=True)
class FetchResult:
    """The outcome of one poll: a new body, "not modified", or an error in plain words."""

    status: int | None
    body: bytes | None
    error: str | None
    fetched_at: datetime
    next_due: datetime
    etag: str | None = None
    last_modified: str | None = None
    consecutive_failures: int = 0
    failing_since: datetime | None = None
    final_url: str | None = None
    content_type: str | None = None

    @property
    def not_modified(self) -> bool:
        """True when the server answered 304."""
        return self.status == 304

    def state(self) -> FetchState:
        """Return the state to persist and pass to the next ``fetch``."""
        return FetchState(
            etag=self.etag,
            last_modified=self.last_modified,
            consecutive_failures=self.consecutive_failures,
            failing_since=self.failing_since,
            next_due=self.next_due,
        )


class _TooLarge(Exception):
    """The body exceeded the size cap."""


def make_client(defaults: Defaults | None = None) -> httpx.AsyncClient:
    """Return an AsyncClient set up for polling: UA, timeout, redirects (max 5)."""
    defaults = defaults or Defaults()
    return httpx.AsyncClient(
        headers={"User-Agent": defaults.user_agent},
        timeout=httpx.Timeout(defaults.timeout_s),
        follow_redirects=True,
        max_redirects=MAX_REDIRECTS,
    )


def next_backoff(failures: int, base_minutes: float) -> timedelta:
    """Return the wait after `failures` consecutive failures: base·2^(n-1), at most 24 h."""
    exponent = min(max(failures - 1, 0), 20)  # 2**20 base intervals is far beyond a day
    return min(timedelta(minutes=base_minutes * 2**exponent), MAX_BACKOFF)


async def fetch(
    client: httpx.AsyncClient,
    source: Source,
    state: FetchState | None,
    *,
    defaults: Defaults | None = None,
    now: datetime | None = None,
) -> FetchResult:
    """Poll one source once; never raises for network, HTTP or size problems."""
    defaults = defaults or Defaults()
    state = state or FetchState()
    now = now or datetime.now(UTC)
    try:
        async with asyncio.timeout(defaults.timeout_s):
            return await _get(client, source, state, defaults, now)
    except (TimeoutError, httpx.TimeoutException):
        error = f"waktu habis setelah {defaults.timeout_s:g} detik"
    except httpx.TooManyRedirects:
        error = f"terlalu banyak pengalihan (lebih dari {MAX_REDIRECTS})"
    except _TooLarge:
        error = f"terlalu besar (lebih dari {defaults.max_bytes // 1024} KB)"
    except httpx.HTTPError as exc:
        error = f"gagal terhubung: {type(exc).__name__}: {exc}".rstrip(": ")
    return _failure(source, state, defaults, now, error=error)


async def _get(
    client: httpx.AsyncClient, source: Source, state: FetchState, defaults: Defaults, now: datetime
) -> FetchResult:
    request_headers = _conditional_headers(state) | {"User-Agent": defaults.user_agent}
    async with client.stream(
        "GET", source.url, headers=request_headers, follow_redirects=True
    ) as response:
        if response.status_code == 304:
            return _success(source, state, defaults, now, response, body=None)
        if response.status_code >= 400:
            error = f"HTTP {response.status_code} {response.reason_phrase}".strip()
            return _failure(source, state, defaults, now, error=error, response=response)
        body = await _read_capped(response, defaults.max_bytes)
        return _success(source, state, defaults, now, response, body=body)


def _conditional_headers(state: FetchState) -> dict[str, str]:
    headers: dict[str, str] = {}
    if state.etag:
        headers["If-None-Match"] = state.etag
    if state.last_modified:
        headers["If-Modified-Since"] = state.last_modified
    return headers


async def _read_capped(response: httpx.Response, max_bytes: int) -> bytes:
    """Read the body, aborting as soon as it exceeds `max_bytes`."""
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise _TooLarge
    chunks: list[bytes] = []
    size = 0
    async for chunk in response.aiter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise _TooLarge
        chunks.append(chunk)
    return b"".join(chunks)


def _success(
    source: Source,
    state: FetchState,
    defaults: Defaults,
    now: datetime,
    response: httpx.Response,
    *,
    body: bytes | None,
) -> FetchResult:
    interval = timedelta(minutes=source.interval_minutes or defaults.interval_minutes)
    max_age = cache_max_age(response.headers.get("Cache-Control"))
    wait = min(max(interval, max_age or timedelta(0)), MAX_BACKOFF)
    return FetchResult(
        status=response.status_code,
        body=body,
        error=None,
        fetched_at=now,
        next_due=now + wait,
        etag=response.headers.get("ETag") or state.etag,
        last_modified=response.headers.get("Last-Modified") or state.last_modified,
        final_url=str(response.url),
        content_type=response.headers.get("Content-Type"),
    )


def _failure(
    source: Source,
    state: FetchState,
    defaults: Defaults,
    now: datetime,
    *,
    error: str,
    response: httpx.Response | None = None,
) -> FetchResult:
    failures = state.consecutive_failures + 1
    wait = next_backoff(failures, source.interval_minutes or defaults.interval_minutes)
    retry_after = _retry_after(response)
    return FetchResult(
        status=response.status_code if response is not None else None,
        body=None,
        error=error,
        fetched_at=now,
        next_due=now + min(max(wait, retry_after), MAX_BACKOFF),
        etag=state.etag,
        last_modified=state.last_modified,
        consecutive_failures=failures,
        failing_since=state.failing_since or now,
        final_url=str(response.url) if response is not None else None,
    )


def cache_max_age(cache_control: str | None) -> timedelta | None:
    """Return max-age from a Cache-Control header, or None."""
    match = _MAX_AGE_RE.search(cache_control or "")
    return timedelta(seconds=int(match.group(1))) if match else None


def _retry_after(response: httpx.Response | None) -> timedelta:
    """Return a numeric Retry-After (429/503) as a timedelta, else zero."""
    value = response.headers.get("Retry-After", "") if response is not None else ""
    return timedelta(seconds=int(value)) if value.strip().isdigit() else timedelta(0)
