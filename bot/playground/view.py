"""What the page shows, built from the emulator's records: chats of a person, their messages.

Messages carry Telegram's text and entities; `to_html` turns them back into the small HTML
subset the page displays (escaped, so nothing a person typed becomes markup).
"""

from __future__ import annotations

import html
import json
from typing import Any

from bot.emulator import BotApiEmulator, Chat

_PRESENT = ("creator", "administrator", "member", "restricted")
_TAGS = {"bold": "b", "italic": "i", "underline": "u", "strikethrough": "s", "code": "code",
         "pre": "pre", "blockquote": "blockquote", "expandable_blockquote": "blockquote",
         "spoiler": "span"}  # fmt: skip


def to_html(text: str, entities: list[dict[str, Any]]) -> str:
    """Telegram text with entities (UTF-16 offsets) as escaped HTML with the entities' tags."""
    units = text.encode("utf-16-le")
    opens: dict[int, list[str]] = {}
    closes: dict[int, list[str]] = {}
    for entity in sorted(entities, key=lambda e: (e["offset"], -e["length"])):
        start, end = entity["offset"], entity["offset"] + entity["length"]
        tag, attrs = _tag(entity, _slice(units, start, end))
        if tag:
            opens.setdefault(start, []).append(f"<{tag}{attrs}>")
            closes.setdefault(end, []).insert(0, f"</{tag}>")
    parts: list[str] = []
    for unit in range(len(units) // 2 + 1):
        parts += closes.get(unit, []) + opens.get(unit, [])
        if unit < len(units) // 2:
            parts.append(html.escape(_slice(units, unit, unit + 1)))
    return "".join(parts).replace("\n", "<br>")


def _slice(units: bytes, start: int, end: int) -> str:
    return units[start * 2 : end * 2].decode("utf-16-le", errors="ignore")


def _tag(entity: dict[str, Any], inner: str) -> tuple[str, str]:
    kind = entity["type"]
    if kind in ("text_link", "url"):
        href = entity.get("url") or inner
        return "a", f' href="{html.escape(href)}" target="_blank" rel="noopener"'
    if kind == "text_mention":
        return "b", ' class="mention"'
    if kind == "spoiler":
        return "span", ' class="spoiler"'
    return _TAGS.get(kind, ""), ""


def chats_of(emu: BotApiEmulator, user_id: int) -> list[dict[str, Any]]:
    """The chats a person sees: their private chat with the bot, then their groups."""
    found: list[dict[str, Any]] = []
    for chat in emu.state.chats.values():
        if chat.type == "private" and chat.id == user_id:
            found.insert(0, _chat(emu, chat, emu.bot.first_name))
        elif chat.is_group and _present(chat, user_id):
            found.append(_chat(emu, chat, chat.title or ""))
    return found


def _present(chat: Chat, user_id: int) -> bool:
    member = chat.members.get(user_id)
    return member is not None and member[1] in _PRESENT and chat.migrated_to is None


def _chat(emu: BotApiEmulator, chat: Chat, title: str) -> dict[str, Any]:
    topics = [{"id": t, "name": topic.get("name", "")}
              for (c, t), topic in sorted(emu.state.topics.items()) if c == chat.id]  # fmt: skip
    count = sum(1 for c, _ in emu.state.messages if c == chat.id)
    return {"id": chat.id, "type": chat.type, "title": title, "forum": chat.is_forum,
            "topics": topics, "count": count}  # fmt: skip


def messages_of(emu: BotApiEmulator, chat_id: int) -> list[dict[str, Any]]:
    """Every message of a chat, oldest first, shaped for the page."""
    stored = sorted((m, msg) for (c, m), msg in emu.state.messages.items() if c == chat_id)
    asking = prompts(emu, chat_id)
    return [_message(msg, msg["message_id"] in asking) for _, msg in stored if _shown(msg)]


def prompts(emu: BotApiEmulator, chat_id: int) -> set[int]:
    """The bot's messages in a chat sent with ForceReply (a Message does not show it: only
    the call that sent it does), which the page answers by reply."""
    found = set()
    for call in emu.calls_to("sendMessage", chat_id):
        markup = call.params.get("reply_markup")
        if isinstance(markup, str):
            markup = json.loads(markup)
        if isinstance(markup, dict) and markup.get("force_reply") and call.ok:
            found.add(int(call.result["message_id"]))
    return found


def _shown(message: dict[str, Any]) -> bool:
    """Service messages without content (the bot joining) are left out."""
    return any(k in message for k in ("text", "caption", "photo", "document", "location"))


def _message(message: dict[str, Any], force_reply: bool) -> dict[str, Any]:
    sender = message.get("from", {})
    text = message.get("text") or message.get("caption") or ""
    entities = message.get("entities") or message.get("caption_entities") or []
    shaped: dict[str, Any] = {
        "id": message["message_id"], "from": sender.get("id"), "bot": sender.get("is_bot", False),
        "name": sender.get("first_name", ""), "html": to_html(text, entities),
        "date": message.get("date"), "edited": "edit_date" in message,
        "thread": message.get("message_thread_id"), "buttons": _buttons(message),
        "force_reply": force_reply,
        "mentions": [e["user"]["id"] for e in entities if e.get("type") == "text_mention"],
    }  # fmt: skip
    if "photo" in message:
        shaped["photo"] = message["photo"][-1]["file_id"]
    if "document" in message:
        shaped["document"] = {"id": message["document"]["file_id"],
                              "name": message["document"].get("file_name", "berkas")}  # fmt: skip
    if "location" in message:
        shaped["location"] = message["location"]
    replied = message.get("reply_to_message")
    if replied and replied.get("message_id") != message.get("message_thread_id"):
        author = replied.get("from", {})
        shaped["reply"] = {
            "id": replied["message_id"],
            "from": author.get("id"),
            "name": author.get("first_name", ""),
            "text": (replied.get("text") or replied.get("caption") or "")[:90],
        }
    return shaped


def _buttons(message: dict[str, Any]) -> list[list[dict[str, str]]]:
    rows = message.get("reply_markup", {}).get("inline_keyboard", [])
    return [[{k: b[k] for k in ("text", "callback_data", "url") if k in b} for b in row]
            for row in rows]  # fmt: skip
