"""Handlers for forum topics: create, close, reopen and edit, with the errors Telegram gives.

A topic lives in a forum supergroup ("the chat is not a forum" elsewhere). Creating one
needs an administrator with can_manage_topics ("not enough rights to create a topic");
closing, reopening or renaming needs that right too, unless the bot created the topic
("not enough rights to manage topics"). A change that changes nothing is TOPIC_NOT_MODIFIED.
The thread id of a topic is the id of its creation service message.
"""

from __future__ import annotations

from typing import Any

from bot.emulator.errors import bad_request
from bot.emulator.registry import Ctx, handles
from bot.emulator.state import Chat, now

TOPIC_NAME_LIMIT = 128
DEFAULT_ICON_COLOR = 7322096


@handles("createForumTopic")
async def create_forum_topic(ctx: Ctx, params: dict[str, Any]) -> dict[str, Any]:
    """Create a topic; its thread id is the id of its creation service message."""
    chat = _forum(ctx, params["chat_id"])
    if not chat.bot_can("can_manage_topics"):
        raise bad_request("not enough rights to create a topic")
    name = _name(params["name"])
    topic = {"message_thread_id": ctx.state.next_message_id(chat.id), "name": name,
             "icon_color": params.get("icon_color", DEFAULT_ICON_COLOR)}  # fmt: skip
    ctx.state.topics[(chat.id, topic["message_thread_id"])] = {**topic, "creator": ctx.bot.id}
    ctx.state.messages[(chat.id, topic["message_thread_id"])] = _created(ctx, chat, topic)
    return topic


@handles("closeForumTopic", "reopenForumTopic")
async def toggle_forum_topic(ctx: Ctx, params: dict[str, Any]) -> bool:
    """Close or reopen a topic; people's sends to a closed topic fail with TOPIC_CLOSED."""
    _, topic = _managed_topic(ctx, params)
    closing = ctx.method == "closeforumtopic"
    if bool(topic.get("closed")) == closing:
        raise bad_request("TOPIC_NOT_MODIFIED")
    topic["closed"] = closing
    return True


@handles("editForumTopic")
async def edit_forum_topic(ctx: Ctx, params: dict[str, Any]) -> bool:
    """Rename a topic (or change its icon)."""
    _, topic = _managed_topic(ctx, params)
    changes = {}
    if params.get("name"):
        changes["name"] = _name(params["name"])
    if "icon_custom_emoji_id" in params:
        changes["icon_custom_emoji_id"] = params["icon_custom_emoji_id"]
    if all(topic.get(key) == value for key, value in changes.items()):
        raise bad_request("TOPIC_NOT_MODIFIED")
    topic.update(changes)
    return True


def topic_of(ctx: Ctx, chat: Chat, thread_id: Any) -> dict[str, Any] | None:
    """Return a topic of a forum by its thread id, or None."""
    return ctx.state.topics.get((chat.id, thread_id)) if isinstance(thread_id, int) else None


def _forum(ctx: Ctx, chat_id: Any) -> Chat:
    chat = ctx.state.chat_for_send(chat_id)
    if not chat.is_forum:
        raise bad_request("the chat is not a forum")
    return chat


def _managed_topic(ctx: Ctx, params: dict[str, Any]) -> tuple[Chat, dict[str, Any]]:
    """The forum and topic a close, reopen or edit names, if the bot may manage it."""
    chat = _forum(ctx, params["chat_id"])
    topic = topic_of(ctx, chat, params["message_thread_id"])
    if topic is None:
        raise bad_request("TOPIC_ID_INVALID")
    if topic.get("creator") != ctx.bot.id and not chat.bot_can("can_manage_topics"):
        raise bad_request("not enough rights to manage topics")
    return chat, topic


def _name(value: Any) -> str:
    name = str(value).strip()
    if not name:
        raise bad_request("TOPIC_TITLE_EMPTY")
    if len(name) > TOPIC_NAME_LIMIT:
        raise bad_request("TOPIC_NAME_INVALID")
    return name


def _created(ctx: Ctx, chat: Chat, topic: dict[str, Any]) -> dict[str, Any]:
    return {
        "message_id": topic["message_thread_id"], "from": ctx.bot.to_dict(),
        "chat": chat.to_dict(), "date": now(), "message_thread_id": topic["message_thread_id"],
        "is_topic_message": True,
        "forum_topic_created": {"name": topic["name"], "icon_color": topic["icon_color"]},
    }  # fmt: skip
