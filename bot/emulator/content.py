"""Message building blocks: text parsing and limits, the message envelope, storage."""

from __future__ import annotations

import copy
from typing import Any

from bot.emulator.errors import bad_request
from bot.emulator.html import parse_html, utf16_len
from bot.emulator.registry import Ctx
from bot.emulator.state import Chat, now

TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024
CALLBACK_DATA_LIMIT = 64  # bytes, as Telegram counts them
GENERAL_TOPIC = 1


def parse_text(text: Any, parse_mode: Any, entities: Any) -> tuple[str, list[dict[str, Any]]]:
    """Return plain text and entities for text sent with `parse_mode` or `entities`."""
    text = str(text)
    mode = str(parse_mode or "").lower()
    if mode == "html":
        return parse_html(text)
    # MarkdownV2/Markdown are passed through unparsed; the project sends HTML.
    return text, list(entities or [])


def message_text(params: dict[str, Any]) -> tuple[str, list[dict[str, Any]]]:
    """Parse and check the `text` of a sendMessage/editMessageText call."""
    text, entities = parse_text(params.get("text", ""), params.get("parse_mode"),
                                params.get("entities"))  # fmt: skip
    if not text.strip():
        raise bad_request("message text is empty")
    if utf16_len(text) > TEXT_LIMIT:
        raise bad_request("message is too long")
    return text, entities


def caption(params: dict[str, Any]) -> tuple[str, list[dict[str, Any]]] | None:
    """Parse and check an optional caption, or return None when there is none."""
    if not params.get("caption"):
        return None
    text, entities = parse_text(params["caption"], params.get("parse_mode"),
                                params.get("caption_entities"))  # fmt: skip
    if utf16_len(text) > CAPTION_LIMIT:
        raise bad_request("message caption is too long")
    return text, entities


def put_text(message: dict[str, Any], parsed: tuple[str, list[dict[str, Any]]] | None,
             key: str = "text") -> None:  # fmt: skip
    """Set text (or caption) and its entities on `message`, dropping empty entities."""
    message.pop(key, None)
    message.pop("entities" if key == "text" else "caption_entities", None)
    if parsed is None:
        return
    message[key] = parsed[0]
    if parsed[1]:
        message["entities" if key == "text" else "caption_entities"] = parsed[1]


def envelope(ctx: Ctx, chat: Chat, params: dict[str, Any]) -> dict[str, Any]:
    """Return a new bot message in `chat`: ids, sender, thread, reply and inline markup."""
    message: dict[str, Any] = {
        "message_id": ctx.state.next_message_id(chat.id),
        "from": ctx.bot.to_dict(),
        "chat": chat.to_dict(),
        "date": now(),
    }
    thread_id = params.get("message_thread_id")
    if thread_id is not None:
        _check_thread(ctx, chat, thread_id)
        message["message_thread_id"] = thread_id
        if chat.is_forum and thread_id != GENERAL_TOPIC:
            message["is_topic_message"] = True
    reply = params.get("reply_parameters") or {}
    reply_id = reply.get("message_id", params.get("reply_to_message_id"))
    if reply_id is not None:
        replied = ctx.state.messages.get((chat.id, reply_id))
        if replied is None and not reply.get("allow_sending_without_reply"):
            raise bad_request("message to be replied not found")
        if replied is not None:
            message["reply_to_message"] = shallow(replied)
    set_markup(message, params.get("reply_markup"))
    return message


def set_markup(message: dict[str, Any], markup: Any) -> None:
    """Echo an inline keyboard on `message` (Telegram returns only inline markups)."""
    if isinstance(markup, dict) and "inline_keyboard" in markup:
        message["reply_markup"] = markup
    else:
        message.pop("reply_markup", None)


def check_markup(markup: Any) -> None:
    """Refuse inline buttons whose callback_data is empty or over 64 bytes, as Telegram does."""
    if not isinstance(markup, dict):
        return
    rows = markup.get("inline_keyboard")
    for row in rows if isinstance(rows, list) else ():
        for button in row if isinstance(row, list) else ():
            data = button.get("callback_data") if isinstance(button, dict) else None
            if data is not None and not 1 <= len(str(data).encode()) <= CALLBACK_DATA_LIMIT:
                raise bad_request("BUTTON_DATA_INVALID")


def store(ctx: Ctx, message: dict[str, Any]) -> dict[str, Any]:
    """Remember `message` by (chat id, message id) and return a copy for the response."""
    ctx.state.messages[(message["chat"]["id"], message["message_id"])] = message
    return copy.deepcopy(message)


def shallow(message: dict[str, Any]) -> dict[str, Any]:
    """Return a copy of `message` without its own reply, as Telegram nests replies."""
    nested = copy.deepcopy(message)
    nested.pop("reply_to_message", None)
    return nested


def _check_thread(ctx: Ctx, chat: Chat, thread_id: Any) -> None:
    if not chat.is_forum or thread_id == GENERAL_TOPIC:
        return
    topic = ctx.state.topics.get((chat.id, thread_id))
    if topic is None:
        raise bad_request("message thread not found")
    if topic.get("closed") and not chat.bot_can("can_manage_topics"):
        raise bad_request("TOPIC_CLOSED")  # admins who manage topics still write in closed ones
