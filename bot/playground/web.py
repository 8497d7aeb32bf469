"""The sandbox's web server: the chat page, its JSON API, files, and the demo news feed.

GET  /                         the page (one file, inline CSS and JS: no CDN, no internet)
GET  /api/people               the demo people
GET  /api/view?person=&chat=&since=   chats and messages; waits (long poll) for news
POST /api/text|press|location  JSON; /api/photo and /api/document: multipart with "file"
A person acts through the emulator's scripting API, so the bot gets real updates.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from importlib import resources
from typing import Any

from aiohttp import web

from bot.emulator import BotApiEmulator, Chat, User
from bot.playground import labels, view
from bot.playground.demo import FEED_PATH, feed_document

LONG_POLL_S = 20.0
MAX_FILE = 10 * 1024 * 1024
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


class Refused(Exception):
    """A request the page should explain to the person (an Indonesian sentence)."""


class Sandbox:
    """The page's view of the world, and the actions people take in it."""

    def __init__(self, emu: BotApiEmulator, roles: dict[int, str]) -> None:
        self.emu, self.roles = emu, roles
        self.actions = 0
        # chat id → who acted there last, and the chat's last message id after the action
        self.last_actor: dict[int, tuple[int, int]] = {}

    def acted(self, user: User, chat: Chat) -> None:
        """Count an action (the page's long polls wake) and remember who took it where."""
        self.actions += 1
        self.last_actor[chat.id] = (user.id, self.emu.state._last_message_id.get(chat.id, 0))

    def answering(self, chat_id: int, messages: list[dict[str, Any]]) -> dict[str, int] | None:
        """The bot's first message after the chat's last action: its answer to that person."""
        if chat_id not in self.last_actor:
            return None
        person, after = self.last_actor[chat_id]
        first = next((m["id"] for m in messages if m["bot"] and m["id"] > after), None)
        return None if first is None else {"person": person, "message": first}

    @property
    def version(self) -> int:
        """Grows with every call the bot makes and every action a person takes."""
        return len(self.emu.calls) + self.actions

    def person(self, value: Any) -> User:
        """A demo person by id."""
        user = self.emu.state.users.get(_int(value, "person"))
        if user is None or user.is_bot:
            raise Refused(labels.NO_PERSON)
        return user

    def chat(self, user: User, value: Any) -> Chat:
        """A chat the person is in."""
        chat_id = _int(value, "chat")
        if chat_id == user.id:
            return self.emu.private_chat(user)
        if chat_id not in {c["id"] for c in view.chats_of(self.emu, user.id)}:
            raise Refused(labels.NOT_IN_CHAT.format(name=user.first_name))
        return self.emu.state.chats[chat_id]

    async def changes(self, since: int) -> None:
        """Return once the world changed after `since` (or the long poll's time is up)."""
        if self.version > since:
            return
        try:
            await self.emu.wait_for(lambda _: self.version > since, timeout=LONG_POLL_S)
        except TimeoutError:
            return


def build_app(sandbox: Sandbox) -> web.Application:
    """The aiohttp application of the page."""
    from bot.playground import actions

    app = web.Application(client_max_size=MAX_FILE + 64 * 1024)
    app.router.add_get("/", _page)
    app.router.add_get("/api/people", _guarded(sandbox, _people))
    app.router.add_get("/api/view", _guarded(sandbox, _view))
    for name, action in actions.ACTIONS.items():
        app.router.add_post(f"/api/{name}", _guarded(sandbox, action))
    app.router.add_get("/file/{file_id}", _file(sandbox))
    app.router.add_get(FEED_PATH, _feed)
    return app


def _guarded(sandbox: Sandbox, action: Callable[[Sandbox, web.Request], Awaitable[Any]]) -> Handler:
    """Run an API action; a refusal is a 400 with the sentence to show."""

    async def handle(request: web.Request) -> web.StreamResponse:
        try:
            return web.json_response(await action(sandbox, request))
        except Refused as refused:
            return web.json_response({"error": str(refused)}, status=400)
        except (KeyError, ValueError, json.JSONDecodeError) as error:
            detail = labels.BAD_REQUEST.format(detail=error)
            return web.json_response({"error": detail}, status=400)

    return handle


async def _page(request: web.Request) -> web.StreamResponse:
    page = resources.files("bot.playground").joinpath("page.html").read_text("utf-8")
    return web.Response(text=page, content_type="text/html", charset="utf-8")


async def _feed(request: web.Request) -> web.StreamResponse:
    return web.Response(body=feed_document(), content_type="application/rss+xml")


async def _people(sandbox: Sandbox, request: web.Request) -> list[dict[str, Any]]:
    users = sandbox.emu.state.users.values()
    return [{"id": u.id, "name": u.first_name, "role": sandbox.roles.get(u.id, "")}
            for u in users if not u.is_bot]  # fmt: skip


async def _view(sandbox: Sandbox, request: web.Request) -> dict[str, Any]:
    since = int(request.query.get("since", "-1"))
    await sandbox.changes(since)
    user = sandbox.person(request.query["person"])
    chats = view.chats_of(sandbox.emu, user.id)
    shown: dict[str, Any] = {"version": sandbox.version, "chats": chats, "messages": []}
    if request.query.get("chat"):
        chat = sandbox.chat(user, request.query["chat"])
        shown["messages"] = view.messages_of(sandbox.emu, chat.id)
        shown["answering"] = sandbox.answering(chat.id, shown["messages"])
    return shown


def _file(sandbox: Sandbox) -> Handler:
    async def handle(request: web.Request) -> web.StreamResponse:
        stored = sandbox.emu.state.files.get(request.match_info["file_id"])
        if stored is None:
            raise web.HTTPNotFound(text=labels.NO_MESSAGE)
        kind = stored.mime_type or "application/octet-stream"
        return web.Response(body=stored.data, content_type=kind)

    return handle


def _int(value: Any, name: str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise Refused(labels.BAD_REQUEST.format(detail=name)) from None
