"""Handlers for bot, update, command, chat, member and forum-topic methods."""

from __future__ import annotations

import json
from typing import Any

from bot.emulator.errors import bad_request, forbidden
from bot.emulator.registry import Ctx, accept, handles
from bot.emulator.state import ADMIN_RIGHTS, Chat, User
from bot.emulator.updates import Poller

_PRESENT = ("creator", "administrator", "member", "restricted")
_NO_GIFTS = dict.fromkeys(
    ("unlimited_gifts", "limited_gifts", "unique_gifts", "premium_subscription",
     "gifts_from_channels"),
    False,
)  # fmt: skip

for _name in ("setWebhook", "logOut", "close", "setMyDescription", "setMyShortDescription",
              "setMyName"):  # fmt: skip
    handles(_name)(accept)


def member_dict(user: User, status: str, rights: dict[str, bool] | None = None) -> dict[str, Any]:
    """Return the ChatMember object for `user` with `status` (and administrator `rights`, all
    granted unless given), as Telegram shapes it."""
    data: dict[str, Any] = {"status": status, "user": user.to_dict()}
    if status == "creator":
        data["is_anonymous"] = False
    elif status == "administrator":
        data.update(can_be_edited=False, is_anonymous=False, can_promote_members=False)
        data.update({right: (rights or {}).get(right, True) for right in ADMIN_RIGHTS})
    elif status == "kicked":
        data["until_date"] = 0
    elif status == "restricted":
        data.update(is_member=True, until_date=0, can_send_messages=False)
    return data


@handles("getMe")
async def get_me(ctx: Ctx, params: dict[str, Any]) -> dict[str, Any]:
    """Return the bot's User object with its capability flags."""
    return {
        **ctx.bot.to_dict(),
        "can_join_groups": True,
        "can_read_all_group_messages": not ctx.state.privacy_mode,
        "supports_inline_queries": False,
        "can_connect_to_business": False,
        "has_main_web_app": False,
    }


@handles("getUpdates")
async def get_updates(ctx: Ctx, params: dict[str, Any]) -> list[dict[str, Any]]:
    """Long-poll the update queue (409 Conflict while another poll of this bot waits)."""
    timeout = float(params.get("timeout", 0))
    return await ctx.updates.get(params.get("offset"), int(params.get("limit", 100)),
                                 timeout, params.get("allowed_updates"),
                                 Poller(ctx.token, ctx.connected))  # fmt: skip


@handles("deleteWebhook")
async def delete_webhook(ctx: Ctx, params: dict[str, Any]) -> bool:
    """Remove the webhook; optionally drop pending updates."""
    if params.get("drop_pending_updates"):
        ctx.updates.drop()
    return True


@handles("getWebhookInfo")
async def get_webhook_info(ctx: Ctx, params: dict[str, Any]) -> dict[str, Any]:
    """Return an empty webhook (polling mode) with the pending update count."""
    pending = len(ctx.updates.pending)
    return {"url": "", "has_custom_certificate": False, "pending_update_count": pending}


@handles("setMyCommands", "getMyCommands", "deleteMyCommands")
async def my_commands(ctx: Ctx, params: dict[str, Any]) -> Any:
    """Store, return or delete the command list of one scope and language."""
    key = (json.dumps(params.get("scope") or {"type": "default"}, sort_keys=True),
           str(params.get("language_code") or ""))  # fmt: skip
    if "commands" in params:
        ctx.state.commands[key] = list(params["commands"])
        return True
    if ctx.method == "getmycommands":
        return ctx.state.commands.get(key, [])
    ctx.state.commands.pop(key, None)
    return True


@handles("getChat")
async def get_chat(ctx: Ctx, params: dict[str, Any]) -> dict[str, Any]:
    """Return the ChatFullInfo of a chat the bot can see."""
    chat = visible(ctx, params["chat_id"])
    info = {**chat.to_dict(), "accent_color_id": 0, "max_reaction_count": 11,
            "accepted_gift_types": dict(_NO_GIFTS)}  # fmt: skip
    if chat.pinned and (chat.id, chat.pinned[-1]) in ctx.state.messages:
        info["pinned_message"] = ctx.state.messages[(chat.id, chat.pinned[-1])]
    return info


@handles("getChatMember")
async def get_chat_member(ctx: Ctx, params: dict[str, Any]) -> dict[str, Any]:
    """Return one member's status, the bot included."""
    chat = visible(ctx, params["chat_id"])
    user_id = params["user_id"]
    if user_id == ctx.bot.id:
        return member_dict(ctx.bot, chat.bot_status, chat.bot_rights)
    if user_id in chat.members:
        return member_dict(*chat.members[user_id])
    if chat.user is not None and chat.user.id == user_id:
        return member_dict(chat.user, "member")
    user = ctx.state.users.get(user_id)
    if user is None:
        raise bad_request("user not found")
    return member_dict(user, "left")


@handles("getChatAdministrators")
async def get_chat_administrators(ctx: Ctx, params: dict[str, Any]) -> list[dict[str, Any]]:
    """List the creator and administrators, the bot included when it is one."""
    chat = visible(ctx, params["chat_id"])
    if not chat.is_group:
        raise bad_request("there are no administrators in the private chat")
    admins = [member_dict(u, s) for u, s in chat.members.values()
              if s in ("creator", "administrator")]  # fmt: skip
    if chat.bot_status == "administrator":
        admins.append(member_dict(ctx.bot, "administrator", chat.bot_rights))
    return admins


@handles("getChatMemberCount")
async def get_chat_member_count(ctx: Ctx, params: dict[str, Any]) -> int:
    """Count present members, the bot included."""
    chat = visible(ctx, params["chat_id"])
    if not chat.is_group:
        return 2
    people = sum(1 for _, status in chat.members.values() if status in _PRESENT)
    return people + (1 if chat.bot_status in _PRESENT else 0)


@handles("leaveChat")
async def leave_chat(ctx: Ctx, params: dict[str, Any]) -> bool:
    """Make the bot leave a group; later sends there fail with 403."""
    chat = visible(ctx, params["chat_id"])
    chat.bot_status = "left"
    return True


def visible(ctx: Ctx, chat_id: Any) -> Chat:
    """Return a chat the bot is still in (403 once it left or was removed)."""
    chat = ctx.state.find_chat(chat_id)
    if chat.bot_status in ("kicked", "left") and chat.is_group:
        raise forbidden(f"bot is not a member of the {chat.type} chat")
    return chat
