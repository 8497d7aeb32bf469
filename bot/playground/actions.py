"""What a person does in the page, turned into Telegram updates through the emulator.

Each action checks its input first (a clear Indonesian refusal, nothing changed), then
builds the update with the emulator's scripting API and queues it for the bot's getUpdates.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import BodyPartReader, web

from bot.emulator import Chat, User
from bot.playground import labels
from bot.playground.web import MAX_FILE, Refused, Sandbox

ANSWER_WAIT_S = 5.0
MAX_TEXT = 4096


async def _body(request: web.Request) -> dict[str, Any]:
    body = await request.json()
    if not isinstance(body, dict):
        raise Refused(labels.BAD_REQUEST.format(detail="JSON"))
    return body


def _who(sandbox: Sandbox, body: dict[str, Any]) -> tuple[User, Chat]:
    user = sandbox.person(body.get("person"))
    return user, sandbox.chat(user, body.get("chat"))


def _optional_int(value: Any) -> int | None:
    return int(value) if value not in (None, "", "null") else None


async def text(sandbox: Sandbox, request: web.Request) -> dict[str, Any]:
    """A typed message (a reply when `reply_to` is given, in a topic when `thread` is)."""
    body = await _body(request)
    user, chat = _who(sandbox, body)
    typed = str(body.get("text", "")).strip()
    if not typed:
        raise Refused(labels.EMPTY_TEXT)
    if len(typed) > MAX_TEXT:
        raise Refused(labels.TOO_LONG)
    reply_to = _optional_int(body.get("reply_to"))
    if reply_to is not None and (chat.id, reply_to) not in sandbox.emu.state.messages:
        reply_to = None  # the message replied to is gone: send it as a plain message
    sandbox.acted(user, chat)
    update = sandbox.emu.text(user, chat, typed, reply_to=reply_to,
                              thread_id=_optional_int(body.get("thread")), push=True)  # fmt: skip
    return {"message_id": update["message"]["message_id"]}


async def press(sandbox: Sandbox, request: web.Request) -> dict[str, Any]:
    """Press an inline button; wait briefly for the bot's answer (a toast or an alert)."""
    body = await _body(request)
    user, chat = _who(sandbox, body)
    message = sandbox.emu.state.messages.get((chat.id, int(body["message_id"])))
    if message is None:
        raise Refused(labels.NO_MESSAGE)
    sandbox.acted(user, chat)
    update = sandbox.emu.press(user, message, str(body["data"]), push=True)
    query_id = update["callback_query"]["id"]
    try:
        await sandbox.emu.wait_for(lambda e: e.callback_answer(query_id) is not None,
                                   timeout=ANSWER_WAIT_S)  # fmt: skip
    except TimeoutError:
        return {"answer": None}
    return {"answer": sandbox.emu.callback_answer(query_id)}


async def location(sandbox: Sandbox, request: web.Request) -> dict[str, Any]:
    """Share a location (latitude, longitude)."""
    body = await _body(request)
    user, chat = _who(sandbox, body)
    try:
        latitude, longitude = float(body["latitude"]), float(body["longitude"])
    except (KeyError, TypeError, ValueError):
        raise Refused(labels.BAD_LOCATION) from None
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise Refused(labels.BAD_LOCATION)
    sandbox.acted(user, chat)
    sandbox.emu.location(user, chat, latitude, longitude, push=True,
                         thread_id=_optional_int(body.get("thread")))  # fmt: skip
    return {"ok": True}


async def _upload(request: web.Request) -> tuple[dict[str, Any], bytes, str, str]:
    """The form fields and the one uploaded file of a multipart request."""
    fields: dict[str, Any] = {}
    content, name, mime = b"", "", ""
    async for part in await request.multipart():
        if not isinstance(part, BodyPartReader):
            continue
        if part.name == "file":
            content = await part.read(decode=False)
            name, mime = part.filename or "berkas", part.headers.get("Content-Type", "")
        elif part.name:
            fields[part.name] = await part.text()
    if not content:
        raise Refused(labels.NO_FILE)
    if len(content) > MAX_FILE:
        raise Refused(labels.FILE_TOO_BIG)
    return fields, bytes(content), name, mime or "application/octet-stream"


async def photo(sandbox: Sandbox, request: web.Request) -> dict[str, Any]:
    """Send a picture, with the typed text as its caption."""
    fields, content, _, _ = await _upload(request)
    user, chat = _who(sandbox, fields)
    sandbox.acted(user, chat)
    sandbox.emu.photo(user, chat, caption=fields.get("caption") or None, push=True, data=content,
                      reply_to=_optional_int(fields.get("reply_to")),
                      thread_id=_optional_int(fields.get("thread")))  # fmt: skip
    return {"ok": True}


async def document(sandbox: Sandbox, request: web.Request) -> dict[str, Any]:
    """Send a file as a document, with the typed text as its caption."""
    fields, content, name, mime = await _upload(request)
    user, chat = _who(sandbox, fields)
    sandbox.acted(user, chat)
    sandbox.emu.document(user, chat, name, mime, content, caption=fields.get("caption") or None,
                         push=True, reply_to=_optional_int(fields.get("reply_to")),
                         thread_id=_optional_int(fields.get("thread")))  # fmt: skip
    return {"ok": True}


ACTIONS: dict[str, Callable[[Sandbox, web.Request], Awaitable[Any]]] = {
    "text": text, "press": press, "location": location, "photo": photo, "document": document,
}  # fmt: skip
