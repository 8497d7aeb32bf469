"""HTTP side of the emulator: aiohttp routes, request decoding and method dispatch.

`POST|GET /bot<TOKEN>/<method>` takes JSON, urlencoded or multipart bodies;
`GET /file/bot<TOKEN>/<file_path>` serves stored file bytes. Each call goes through
spec validation, armed faults, flood limits, then its handler, and is recorded.
"""

from __future__ import annotations

import asyncio
import functools
import json
from collections.abc import Callable
from typing import Any

from aiohttp import web

from bot.emulator import chats, editing, forum, sending  # noqa: F401  (registers handlers)
from bot.emulator.content import check_markup
from bot.emulator.errors import ApiError, bad_request
from bot.emulator.faults import BAD_GATEWAY_HTML, Fault, FaultBook
from bot.emulator.limits import FloodLimiter, is_sending
from bot.emulator.recording import RecordedCall, Recorder
from bot.emulator.registry import HANDLERS, Ctx, Handler, accept
from bot.emulator.spec import ApiSpec, Method, UploadedFile, decode_form, validate
from bot.emulator.state import State
from bot.emulator.updates import UpdateQueue

_MAX_BODY = 64 * 1024 * 1024


@functools.cache
def _spec() -> ApiSpec:
    """Parse the 900 kB spec once per process."""
    return ApiSpec.load()


class ApiServer:
    """The aiohttp server and the per-call pipeline; BotApiEmulator builds on it."""

    def __init__(self, *, host: str, port: int, flood_limits: bool,
                 clock: Callable[[], float]) -> None:  # fmt: skip
        self.host, self.port, self.clock = host, port, clock
        self.spec = _spec()
        self.state = State()
        self.limiter = FloodLimiter(clock, enabled=flood_limits)
        self.faults = FaultBook()
        self.recorder = Recorder()
        # A long poll starting to wait wakes wait_for(), so tests can await `emu.polling`.
        self.updates = UpdateQueue(on_wait=self.recorder.notify)
        self._stopping = asyncio.Event()
        self._runner: web.AppRunner | None = None

    async def start(self) -> None:
        """Bind the HTTP server (port 0 picks a free port)."""
        app = web.Application(client_max_size=_MAX_BODY)
        app.router.add_route("*", "/bot{token}/{method}", self._handle_api)
        app.router.add_get("/file/bot{token}/{path:.+}", self._handle_file)
        self._add_routes(app)
        app.router.add_route("*", "/{path:.*}", _not_found)  # last: what nothing else matched
        self._stopping = asyncio.Event()
        self.updates.reopen()
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=2.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        server = getattr(site, "_server", None)
        sockets = getattr(server, "sockets", None) or []
        if sockets:
            self.port = int(sockets[0].getsockname()[1])

    def _add_routes(self, app: web.Application) -> None:
        """Hook for more routes (the emulator adds its /emulator/... scripting API)."""

    async def stop(self) -> None:
        """Release held requests and long polls, then shut the server down."""
        self._stopping.set()
        self.updates.close()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def _handle_file(self, request: web.Request) -> web.StreamResponse:
        stored = self.state.file_by_path(request.match_info["path"])
        if stored is None:
            return web.json_response(ApiError(404, "Not Found").body(), status=404)
        mime_type = stored.mime_type or "application/octet-stream"
        return web.Response(body=stored.data, content_type=mime_type)

    async def _handle_api(self, request: web.Request) -> web.StreamResponse:
        token, name = request.match_info["token"], request.match_info["method"]
        params: dict[str, Any] = {}
        try:
            method = self.spec.method(name)
            name = method.name
            params = await _read_params(request, method)
            validate(method, params)
            check_markup(params.get("reply_markup"))
            fault = self.faults.take(name, params)
            if fault is not None:
                early = await self._apply_fault(fault, name, params, token)
                if early is not None:
                    return early
            result = await self._dispatch(method, params, token, _connected(request))
            status, body = 200, {"ok": True, "result": result}
        except ApiError as exc:
            status, body = exc.code, exc.body()
        await self._record(name, params, token, status, body)
        return web.json_response(body, status=status)

    async def _dispatch(self, method: Method, params: dict[str, Any], token: str,
                        connected: Callable[[], bool]) -> Any:  # fmt: skip
        key = method.name.lower()
        counted = is_sending(key)
        chat_id = params.get("chat_id")
        if counted:
            self.limiter.check(token, chat_id)
        handler: Handler = HANDLERS.get(key, sending.send_other if counted else accept)
        ctx = Ctx(self.state, self.updates, token, self._stopping, key, connected)
        result = await handler(ctx, params)
        if counted:
            self.limiter.record(token, chat_id)
        return result

    async def _apply_fault(self, fault: Fault, name: str, params: dict[str, Any],
                           token: str) -> web.StreamResponse | None:  # fmt: skip
        error = fault.api_error()
        if error is not None:
            raise error
        if fault.error == "bad_gateway":
            await self._record(name, params, token, 502, None)
            return web.Response(status=502, text=BAD_GATEWAY_HTML, content_type="text/html")
        # "timeout": hold the request; released by stop() or after the configured delay.
        await self._record(name, params, token, 0, None)
        try:
            await asyncio.wait_for(self._stopping.wait(), fault.delay)
        except TimeoutError:
            return None
        return web.json_response(ApiError(503, "Service Unavailable").body(), status=503)

    async def _record(self, name: str, params: dict[str, Any], token: str, status: int,
                      body: dict[str, Any] | None) -> None:  # fmt: skip
        await self.recorder.add(RecordedCall(name, params, token, self.clock(), status, body))


def _connected(request: web.Request) -> Callable[[], bool]:
    """Whether the client of `request` still holds its connection open."""

    def connected() -> bool:
        transport = request.transport
        return transport is not None and not transport.is_closing()

    return connected


async def _not_found(request: web.Request) -> web.StreamResponse:
    """Telegram's JSON 404 for any other path (e.g. a base URL with a stray '/')."""
    return web.json_response(ApiError(404, "Not Found").body(), status=404)


async def _read_params(request: web.Request, method: Method) -> dict[str, Any]:
    """Decode query, JSON, urlencoded or multipart parameters; attach uploaded files."""
    form: dict[str, Any] = dict(request.query)
    files: dict[str, UploadedFile] = {}
    typed: dict[str, Any] = {}
    if request.content_type == "application/json":
        typed = await _read_json(request)
    elif request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        for key, value in (await request.post()).items():
            if isinstance(value, web.FileField):
                content = value.file.read()
                files[key] = UploadedFile(content, value.filename, value.content_type)
            else:
                form[key] = value
    params = {**decode_form(method, form), **typed}
    return _attach(params, files, method)


async def _read_json(request: web.Request) -> dict[str, Any]:
    """A JSON object body (an empty body is no parameters)."""
    raw = await request.read()
    try:
        typed = json.loads(raw) if raw.strip() else {}
    except ValueError:
        raise bad_request("can't parse JSON object") from None
    if not isinstance(typed, dict):
        raise bad_request("JSON object expected")
    return typed


def _attach(
    params: dict[str, Any], files: dict[str, UploadedFile], method: Method
) -> dict[str, Any]:
    """Put uploads where their parameter names them (directly, or as attach://<name>)."""
    for key, value in params.items():
        if isinstance(value, str) and value.startswith("attach://"):
            attached = files.get(value.removeprefix("attach://"))
            if attached is not None:
                params[key] = attached
    for key, upload in files.items():
        if key in method.params:
            params[key] = upload
    return params
