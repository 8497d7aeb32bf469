"""What the outbox sends: one Bot API call per chat, kept as JSON until it is sent."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from telegram import InlineKeyboardMarkup

SEND_METHODS = frozenset({"sendMessage", "sendPhoto", "sendDocument", "copyMessage"})


@dataclass(frozen=True)
class OutboxMessage:
    """One message for one chat: a Bot API method and its JSON parameters (without chat_id)."""

    chat_id: int
    method: str
    params: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.method not in SEND_METHODS:
            raise ValueError(f"the outbox does not send {self.method}")
        if "chat_id" in self.params:
            raise ValueError("chat_id belongs to OutboxMessage.chat_id, not to params")


def _markup(markup: InlineKeyboardMarkup | None) -> dict[str, Any]:
    return {"reply_markup": markup.to_dict()} if markup is not None else {}


def _thread(thread_id: int | None) -> dict[str, Any]:
    return {"message_thread_id": thread_id} if thread_id is not None else {}


def text_message(
    chat_id: int,
    text: str,
    markup: InlineKeyboardMarkup | None = None,
    thread_id: int | None = None,
) -> OutboxMessage:
    """An HTML text message (link previews off: cheap phones, weak connections)."""
    params = {"text": text, "parse_mode": "HTML", "link_preview_options": {"is_disabled": True}}
    return OutboxMessage(chat_id, "sendMessage", params | _markup(markup) | _thread(thread_id))


def _media(method: str, field: str, chat_id: int, file_id: str, caption: str | None,
           markup: InlineKeyboardMarkup | None, thread_id: int | None,
           ) -> OutboxMessage:  # fmt: skip
    """A photo or document by file id, its caption in HTML."""
    params: dict[str, Any] = {field: file_id}
    if caption:
        params |= {"caption": caption, "parse_mode": "HTML"}
    return OutboxMessage(chat_id, method, params | _markup(markup) | _thread(thread_id))


def photo_message(
    chat_id: int,
    file_id: str,
    caption: str | None = None,
    markup: InlineKeyboardMarkup | None = None,
    thread_id: int | None = None,
) -> OutboxMessage:
    """A photo (by Telegram file id) with an optional HTML caption."""
    return _media("sendPhoto", "photo", chat_id, file_id, caption, markup, thread_id)


def document_message(
    chat_id: int,
    file_id: str,
    caption: str | None = None,
    markup: InlineKeyboardMarkup | None = None,
    thread_id: int | None = None,
) -> OutboxMessage:
    """A document (by Telegram file id) with an optional HTML caption."""
    return _media("sendDocument", "document", chat_id, file_id, caption, markup, thread_id)


def copy_message(
    chat_id: int,
    from_chat_id: int,
    message_id: int,
    markup: InlineKeyboardMarkup | None = None,
    thread_id: int | None = None,
) -> OutboxMessage:
    """A copy of an existing message (e.g. one forwarded to the bot by a broadcaster)."""
    params = {"from_chat_id": from_chat_id, "message_id": message_id}
    return OutboxMessage(chat_id, "copyMessage", params | _markup(markup) | _thread(thread_id))
