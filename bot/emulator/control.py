"""Scripting the emulator over HTTP, for trying the bot by hand without Telegram.

Every POST takes and returns JSON; updates it builds are queued for the bot's getUpdates.
    POST /emulator/user     {"first_name": "Budi", "username": "budi"}         -> {"id": 1001}
    POST /emulator/group    {"title": "KIM Maju", "admins": [1001], "members": [1002],
                             "supergroup": false, "forum": false}              -> {"id": -4001}
    POST /emulator/add_bot  {"chat": -4001, "by": 1001, "admin": false}        -> [updates]
    POST /emulator/text     {"user": 1001, "chat": -4001, "text": "/daftar", "reply_to": 3,
                             "thread": 5}  (thread: a forum topic's id)
    POST /emulator/press    {"user": 1001, "chat": -4001, "message_id": 4, "data": "daftar:ok"}
    POST /emulator/photo    {"user": 1001, "chat": -4001, "reply_to": 9}
    GET  /emulator/sent?chat=-4001                                             -> [messages]
A private chat's id is the user's id. Unknown users or chats answer 404 with a reason.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from aiohttp import web

if TYPE_CHECKING:
    from bot.emulator.emulator import BotApiEmulator
    from bot.emulator.state import Chat, User

Route = Callable[[web.Request], Awaitable[web.StreamResponse]]


class _Missing(Exception):
    """A user, chat or message the request names does not exist."""


def add_routes(app: web.Application, emu: BotApiEmulator) -> None:
    """Register the /emulator/... routes on the server's application."""
    posts: dict[str, Callable[[BotApiEmulator, dict[str, Any]], Any]] = {
        "user": _user, "group": _group, "add_bot": _add_bot, "text": _text,
        "press": _press, "photo": _photo,
    }  # fmt: skip
    for name, action in posts.items():
        app.router.add_post(f"/emulator/{name}", _json_route(emu, action))
    app.router.add_get("/emulator/sent", _sent_route(emu))


def _json_route(
    emu: BotApiEmulator, action: Callable[[BotApiEmulator, dict[str, Any]], Any]
) -> Route:
    async def handle(request: web.Request) -> web.StreamResponse:
        try:
            body = await request.json()
            return web.json_response(action(emu, body))
        except _Missing as missing:
            return web.json_response({"error": str(missing)}, status=404)
        except (ValueError, KeyError, TypeError) as error:
            return web.json_response({"error": f"bad request: {error!r}"}, status=400)

    return handle


def _sent_route(emu: BotApiEmulator) -> Route:
    async def handle(request: web.Request) -> web.StreamResponse:
        try:
            return web.json_response(emu.sent(int(request.query["chat"])))
        except (KeyError, ValueError):
            return web.json_response({"error": "give ?chat=<id>"}, status=400)

    return handle


def _find_user(emu: BotApiEmulator, user_id: Any) -> User:
    user = emu.state.users.get(int(user_id))
    if user is None:
        raise _Missing(f"no user {user_id}: create one with POST /emulator/user")
    return user


def _find_chat(emu: BotApiEmulator, chat_id: Any, user: User) -> Chat:
    if int(chat_id) == user.id:
        return emu.private_chat(user)
    chat = emu.state.chats.get(int(chat_id))
    if chat is None:
        raise _Missing(f"no chat {chat_id}: create one with POST /emulator/group")
    return chat


def _user(emu: BotApiEmulator, body: dict[str, Any]) -> dict[str, Any]:
    user = emu.user(str(body.get("first_name", "Budi")), username=body.get("username"))
    return {"id": user.id}


def _group(emu: BotApiEmulator, body: dict[str, Any]) -> dict[str, Any]:
    admins = [_find_user(emu, u) for u in body.get("admins", [])]
    members = [_find_user(emu, u) for u in body.get("members", [])]
    chat = emu.group(str(body["title"]), supergroup=bool(body.get("supergroup")),
                     forum=bool(body.get("forum")), admins=admins, members=members)  # fmt: skip
    return {"id": chat.id}


def _add_bot(emu: BotApiEmulator, body: dict[str, Any]) -> list[dict[str, Any]]:
    by = _find_user(emu, body["by"])
    chat = _find_chat(emu, body["chat"], by)
    return emu.add_bot_to_group(chat, by=by, admin=bool(body.get("admin")))


def _text(emu: BotApiEmulator, body: dict[str, Any]) -> dict[str, Any]:
    user = _find_user(emu, body["user"])
    chat = _find_chat(emu, body["chat"], user)
    return emu.text(user, chat, str(body["text"]), reply_to=body.get("reply_to"),
                    thread_id=body.get("thread"), push=True)  # fmt: skip


def _press(emu: BotApiEmulator, body: dict[str, Any]) -> dict[str, Any]:
    user = _find_user(emu, body["user"])
    chat = _find_chat(emu, body["chat"], user)
    message = emu.state.messages.get((chat.id, int(body["message_id"])))
    if message is None:
        raise _Missing(f"no message {body['message_id']} in chat {chat.id}")
    return emu.press(user, message, str(body["data"]), push=True)


def _photo(emu: BotApiEmulator, body: dict[str, Any]) -> dict[str, Any]:
    user = _find_user(emu, body["user"])
    chat = _find_chat(emu, body["chat"], user)
    return emu.photo(user, chat, caption=body.get("caption"), push=True,
                     reply_to=body.get("reply_to"))  # fmt: skip
