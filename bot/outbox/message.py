"""What the outbox sends: one Bot API call per chat, kept as JSON until it is sent.

Besides new messages it edits existing ones (the card of a decision): `edit_text`,
`edit_markup`, and closes forum topics (`close_topic`). An edit that finds its message gone
or already showing the change is done, not failed, and so is a close that finds its topic
gone or closed (bot/outbox/delivery.py). A message with a `thread_id` goes to that forum
topic; delivery sends it to General when the topic is gone. A file made by the bot (a report,
a chart) goes as an upload (`upload_document`, `upload_photo`): its bytes are kept in the
row, base64, until it is sent, so a restart loses nothing.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from typing import Any

from telegram import InlineKeyboardMarkup

SEND_METHODS = frozenset({"sendMessage", "sendPhoto", "sendDocument", "sendVoice", "copyMessage"})
EDIT_METHODS = frozenset({"editMessageText", "editMessageReplyMarkup"})
TOPIC_METHODS = frozenset({"closeForumTopic"})
UPLOAD = "upload"  # the key of an uploaded file's parameter: {"upload": name, "base64": data}


@dataclass(frozen=True)
class OutboxMessage:
    """One message for one chat: a Bot API method and its JSON parameters (without chat_id)."""

    chat_id: int
    method: str
    params: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.method not in SEND_METHODS | EDIT_METHODS | TOPIC_METHODS:
            raise ValueError(f"the outbox does not send {self.method}")
        if "chat_id" in self.params:
            raise ValueError("chat_id belongs to OutboxMessage.chat_id, not to params")
        if self.is_edit and not isinstance(self.params.get("message_id"), int):
            raise ValueError(f"{self.method} needs the message_id of the message to edit")
        if self.is_topic_change and not isinstance(self.params.get("message_thread_id"), int):
            raise ValueError(f"{self.method} needs the message_thread_id of the topic")

    @property
    def is_edit(self) -> bool:
        """Whether it changes an existing message instead of sending a new one."""
        return self.method in EDIT_METHODS

    @property
    def is_topic_change(self) -> bool:
        """Whether it changes a forum topic (closes it) instead of sending a message."""
        return self.method in TOPIC_METHODS

    @property
    def target(self) -> str:
        """Where it goes: the chat, for an edit the message ("<chat>/<message>"), for a
        topic change the topic ("<chat>/topic:<thread>")."""
        if self.is_edit:
            return f"{self.chat_id}/{self.params['message_id']}"
        if self.is_topic_change:
            return f"{self.chat_id}/topic:{self.params['message_thread_id']}"
        return str(self.chat_id)


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


def upload_document(chat_id: int, filename: str, data: bytes, caption: str | None = None,
                    thread_id: int | None = None) -> OutboxMessage:  # fmt: skip
    """A document made by the bot, uploaded from its bytes, with an optional HTML caption."""
    return _upload("sendDocument", "document", chat_id, filename, data, caption, thread_id)


def upload_photo(chat_id: int, filename: str, data: bytes, caption: str | None = None,
                 thread_id: int | None = None) -> OutboxMessage:  # fmt: skip
    """A photo made by the bot (a PNG chart), uploaded from its bytes."""
    return _upload("sendPhoto", "photo", chat_id, filename, data, caption, thread_id)


def _upload(method: str, field: str, chat_id: int, filename: str, data: bytes,
            caption: str | None, thread_id: int | None) -> OutboxMessage:  # fmt: skip
    upload = {UPLOAD: filename, "base64": base64.b64encode(data).decode("ascii")}
    params: dict[str, Any] = {field: upload}
    if caption:
        params |= {"caption": caption, "parse_mode": "HTML"}
    return OutboxMessage(chat_id, method, params | _thread(thread_id))


def voice_message(
    chat_id: int,
    file_id: str,
    caption: str | None = None,
    markup: InlineKeyboardMarkup | None = None,
    thread_id: int | None = None,
) -> OutboxMessage:
    """A voice note (by Telegram file id) with an optional HTML caption."""
    return _media("sendVoice", "voice", chat_id, file_id, caption, markup, thread_id)


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


def edit_text(
    chat_id: int, message_id: int, text: str, markup: InlineKeyboardMarkup | None = None
) -> OutboxMessage:
    """Replace the HTML text of a message the bot sent; without markup its buttons go."""
    params = {"message_id": message_id, "text": text, "parse_mode": "HTML",
              "link_preview_options": {"is_disabled": True}}  # fmt: skip
    return OutboxMessage(chat_id, "editMessageText", params | _markup(markup))


def edit_markup(
    chat_id: int, message_id: int, markup: InlineKeyboardMarkup | None = None
) -> OutboxMessage:
    """Replace the buttons of a message the bot sent (None: take them away)."""
    return OutboxMessage(chat_id, "editMessageReplyMarkup",
                         {"message_id": message_id} | _markup(markup))  # fmt: skip


def close_topic(chat_id: int, thread_id: int) -> OutboxMessage:
    """Close a forum topic of a group (people no longer write in it)."""
    return OutboxMessage(chat_id, "closeForumTopic", {"message_thread_id": thread_id})
