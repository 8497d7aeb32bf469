"""Handlers for methods that send messages: text, photo, document, copies, forwards."""

from __future__ import annotations

import copy
from typing import Any

from bot.emulator import media
from bot.emulator.content import caption, envelope, message_text, put_text, store
from bot.emulator.errors import bad_request
from bot.emulator.registry import Ctx, handles
from bot.emulator.spec import UploadedFile
from bot.emulator.state import StoredFile, now

_COPIED_KEYS = ("text", "entities", "caption", "caption_entities", "photo", "document")


@handles("sendMessage")
async def send_message(ctx: Ctx, params: dict[str, Any]) -> dict[str, Any]:
    """Send a text message."""
    chat = ctx.state.chat_for_send(params["chat_id"])
    parsed = message_text(params)
    message = envelope(ctx, chat, params)
    put_text(message, parsed)
    return store(ctx, message)


@handles("sendPhoto")
async def send_photo(ctx: Ctx, params: dict[str, Any]) -> dict[str, Any]:
    """Send a photo (upload, known file_id or URL) with an optional caption."""
    chat = ctx.state.chat_for_send(params["chat_id"])
    parsed = caption(params)
    stored = resolve_file(ctx, params["photo"], "photo")
    message = envelope(ctx, chat, params)
    message["photo"] = media.photo_sizes_for(ctx.state, stored)
    put_text(message, parsed, "caption")
    return store(ctx, message)


@handles("sendDocument")
async def send_document(ctx: Ctx, params: dict[str, Any]) -> dict[str, Any]:
    """Send a document (upload, known file_id or URL) with an optional caption."""
    chat = ctx.state.chat_for_send(params["chat_id"])
    parsed = caption(params)
    stored = resolve_file(ctx, params["document"], "document")
    message = envelope(ctx, chat, params)
    message["document"] = media.document(stored)
    put_text(message, parsed, "caption")
    return store(ctx, message)


async def send_other(ctx: Ctx, params: dict[str, Any]) -> dict[str, Any]:
    """Send any other message kind (audio, poll, location...) as a bare message."""
    chat = ctx.state.chat_for_send(params["chat_id"])
    parsed = caption(params)
    message = envelope(ctx, chat, params)
    put_text(message, parsed, "caption")
    return store(ctx, message)


@handles("sendMediaGroup")
async def send_media_group(ctx: Ctx, params: dict[str, Any]) -> list[dict[str, Any]]:
    """Send an album: one message per media item, sharing a media_group_id."""
    chat = ctx.state.chat_for_send(params["chat_id"])
    items = params["media"]
    if not 2 <= len(items) <= 10:
        raise bad_request("wrong number of messages in the media group")
    group_id = str(ctx.state.serial())
    sent = []
    for item in items:
        message = envelope(ctx, chat, params)
        message["media_group_id"] = group_id
        put_text(message, caption(item), "caption")
        sent.append(store(ctx, message))
    return sent


@handles("copyMessage")
async def copy_message(ctx: Ctx, params: dict[str, Any]) -> dict[str, Any]:
    """Copy a known message into another chat; return its MessageId."""
    source = ctx.state.message(_chat_id(ctx, params["from_chat_id"]), params["message_id"],
                               "message to copy not found")  # fmt: skip
    chat = ctx.state.chat_for_send(params["chat_id"])
    message = envelope(ctx, chat, params)
    for key in _COPIED_KEYS:
        if key in source:
            message[key] = copy.deepcopy(source[key])
    if "caption" in params:
        put_text(message, caption(params), "caption")
    store(ctx, message)
    return {"message_id": message["message_id"]}


@handles("forwardMessage")
async def forward_message(ctx: Ctx, params: dict[str, Any]) -> dict[str, Any]:
    """Forward a known message into another chat with a forward_origin."""
    source = ctx.state.message(_chat_id(ctx, params["from_chat_id"]), params["message_id"],
                               "message to forward not found")  # fmt: skip
    chat = ctx.state.chat_for_send(params["chat_id"])
    message = envelope(ctx, chat, params)
    for key in _COPIED_KEYS:
        if key in source:
            message[key] = copy.deepcopy(source[key])
    message["forward_origin"] = origin_of(source)
    return store(ctx, message)


def origin_of(source: dict[str, Any]) -> dict[str, Any]:
    """Return the MessageOrigin Telegram attaches when `source` is forwarded."""
    if "forward_origin" in source:
        return copy.deepcopy(source["forward_origin"])
    date = source.get("date", now())
    if source["chat"]["type"] == "channel":
        return {"type": "channel", "date": date, "chat": source["chat"],
                "message_id": source["message_id"]}  # fmt: skip
    return {"type": "user", "date": date, "sender_user": source["from"]}


def resolve_file(ctx: Ctx, value: Any, kind: str) -> StoredFile:
    """Return the stored file for an upload, a file_id the emulator issued, or a URL."""
    if isinstance(value, UploadedFile):
        return ctx.state.store_file(value, kind)
    if isinstance(value, str) and value in ctx.state.files:
        return ctx.state.files[value]
    if isinstance(value, str) and value.startswith(("http://", "https://")):
        name = value.rsplit("/", 1)[-1] or kind
        return ctx.state.store_file(UploadedFile(b"", name, "application/octet-stream"), kind)
    raise bad_request("wrong file identifier/HTTP URL specified")


def _chat_id(ctx: Ctx, chat_id: Any) -> int:
    return ctx.state.find_chat(chat_id).id
