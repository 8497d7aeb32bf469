"""Handlers that change or act on existing messages: edits, deletes, pins, callbacks, files."""

from __future__ import annotations

import copy
from typing import Any

from bot.emulator.content import caption, message_text, put_text, set_markup
from bot.emulator.errors import bad_request
from bot.emulator.registry import Ctx, handles
from bot.emulator.state import now

NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly "
    "the same as a current content and reply markup of the message"
)


@handles("editMessageText")
async def edit_message_text(ctx: Ctx, params: dict[str, Any]) -> Any:
    """Replace a bot message's text (and markup)."""
    message = _editable(ctx, params)
    if message is None:
        return True
    if "text" not in message:
        raise bad_request("there is no text in the message to edit")
    new = dict(message)
    put_text(new, message_text(params))
    return _apply(message, new, params)


@handles("editMessageCaption")
async def edit_message_caption(ctx: Ctx, params: dict[str, Any]) -> Any:
    """Replace a bot message's caption (and markup)."""
    message = _editable(ctx, params)
    if message is None:
        return True
    if "photo" not in message and "document" not in message:
        raise bad_request("there is no caption in the message to edit")
    new = dict(message)
    put_text(new, caption(params), "caption")
    return _apply(message, new, params)


@handles("editMessageReplyMarkup")
async def edit_message_reply_markup(ctx: Ctx, params: dict[str, Any]) -> Any:
    """Replace (or remove) a bot message's inline keyboard."""
    message = _editable(ctx, params)
    if message is None:
        return True
    return _apply(message, dict(message), params)


@handles("deleteMessage")
async def delete_message(ctx: Ctx, params: dict[str, Any]) -> bool:
    """Delete a known message."""
    chat = ctx.state.find_chat(params["chat_id"])
    ctx.state.message(chat.id, params["message_id"], "message to delete not found")
    del ctx.state.messages[(chat.id, params["message_id"])]
    return True


@handles("pinChatMessage")
async def pin_chat_message(ctx: Ctx, params: dict[str, Any]) -> bool:
    """Pin a known message in its chat (admins with can_pin_messages; in basic groups,
    members too unless forbidden); pinning the pinned message again is CHAT_NOT_MODIFIED."""
    chat = ctx.state.chat_for_send(params["chat_id"])
    if chat.is_group and not chat.bot_may_pin():
        raise bad_request("not enough rights to manage pinned messages in the chat")
    ctx.state.message(chat.id, params["message_id"], "message to pin not found")
    if params["message_id"] in chat.pinned:
        raise bad_request("CHAT_NOT_MODIFIED")
    chat.pinned.append(params["message_id"])
    return True


@handles("unpinChatMessage")
async def unpin_chat_message(ctx: Ctx, params: dict[str, Any]) -> bool:
    """Unpin one message, or the most recently pinned one."""
    chat = ctx.state.chat_for_send(params["chat_id"])
    if chat.is_group and not chat.bot_may_pin():
        raise bad_request("not enough rights to manage pinned messages in the chat")
    target = params.get("message_id", chat.pinned[-1] if chat.pinned else None)
    if target not in chat.pinned:
        raise bad_request("message to unpin not found")
    chat.pinned.remove(target)
    return True


@handles("answerCallbackQuery")
async def answer_callback_query(ctx: Ctx, params: dict[str, Any]) -> bool:
    """Answer a callback query the emulator produced, once."""
    query_id = str(params["callback_query_id"])
    if query_id not in ctx.state.callback_queries or query_id in ctx.state.answers:
        raise bad_request("query is too old and response timeout expired or query ID is invalid")
    ctx.state.answers[query_id] = dict(params)
    return True


@handles("sendChatAction")
async def send_chat_action(ctx: Ctx, params: dict[str, Any]) -> bool:
    """Show a chat action (typing...) in a reachable chat."""
    ctx.state.chat_for_send(params["chat_id"])
    return True


@handles("getFile")
async def get_file(ctx: Ctx, params: dict[str, Any]) -> dict[str, Any]:
    """Return the File object for a file_id the emulator issued."""
    stored = ctx.state.files.get(str(params["file_id"]))
    if stored is None:
        raise bad_request("invalid file_id")
    return stored.to_dict()


def _editable(ctx: Ctx, params: dict[str, Any]) -> dict[str, Any] | None:
    if params.get("inline_message_id"):
        return None
    if params.get("chat_id") is None or params.get("message_id") is None:
        raise bad_request("message identifier is not specified")
    chat = ctx.state.find_chat(params["chat_id"])
    message = ctx.state.message(chat.id, params["message_id"], "message to edit not found")
    if message.get("from", {}).get("id") != ctx.bot.id:
        raise bad_request("message can't be edited")
    return message


def _apply(message: dict[str, Any], new: dict[str, Any], params: dict[str, Any]) -> Any:
    set_markup(new, params.get("reply_markup"))
    if new == message:
        raise bad_request(NOT_MODIFIED)
    new["edit_date"] = now()
    message.clear()
    message.update(new)
    return copy.deepcopy(message)
