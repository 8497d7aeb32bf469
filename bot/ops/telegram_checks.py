"""Doctor's checks through the Bot API: the token, privacy mode, the desk, each KIM group."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Sequence

from telegram import Bot, ChatMemberAdministrator, ChatMemberOwner, User
from telegram.error import Forbidden, InvalidToken, NetworkError, TelegramError
from telegram.request import HTTPXRequest

from bot.config import Config
from bot.models.registrasi import Kim
from bot.ops import labels
from bot.ops.checks import Check, fail, ok, warn

# What the bot uses as a group admin: pinning a discussion's conclusion, forum topics.
GROUP_RIGHTS = ("can_pin_messages",)
FORUM_RIGHTS = ("can_pin_messages", "can_manage_topics")


@contextlib.asynccontextmanager
async def connected_bot(config: Config) -> AsyncIterator[Bot]:
    """A plain Bot for the configured server (no rate limiter, no inbox), its connections
    closed at the end even when getMe failed half-way through initialising."""
    requests = (HTTPXRequest(), HTTPXRequest())
    base, files = "https://api.telegram.org/bot", "https://api.telegram.org/file/bot"
    if config.api_base:
        head, _, tail = config.api_base.rstrip("/").rpartition("/")
        base, files = config.api_base, f"{head}/file/{tail}"
    bot = Bot(config.token, base_url=base, base_file_url=files, request=requests[0],
              get_updates_request=requests[1])  # fmt: skip
    try:
        yield bot
    finally:
        for request in requests:
            await request.shutdown()


async def identity(bot: Bot) -> tuple[User | None, list[Check]]:
    """getMe: the bot's own account, and what it says about the token and privacy mode."""
    try:
        await bot.initialize()  # getMe
        me = bot.bot
    except (InvalidToken, Forbidden) as error:
        return None, [fail(labels.TOKEN_BAD.format(reason=error), labels.TOKEN_FIX)]
    except TelegramError as error:
        if "unauthorized" in str(error).lower() or "not found" in str(error).lower():
            return None, [fail(labels.TOKEN_BAD.format(reason=error), labels.TOKEN_FIX)]
        return None, [fail(labels.SERVER_DOWN.format(reason=error), labels.SERVER_FIX)]
    checks = [ok(labels.TOKEN_OK.format(username=me.username))]
    if me.can_read_all_group_messages:
        checks.append(ok(labels.PRIVACY_OFF))
    else:
        checks.append(warn(labels.PRIVACY_ON, labels.PRIVACY_FIX))
    return me, checks


async def desk(bot: Bot, me: User, config: Config) -> list[Check]:
    """The desk group: set, reachable, and the bot an administrator there."""
    checks = [ok(labels.ADMINS_OK.format(count=len(config.admin_ids))) if config.admin_ids
              else fail(labels.ADMINS_NONE, labels.ADMINS_FIX)]  # fmt: skip
    if config.desk_chat_id is None:
        return [*checks, warn(labels.DESK_NONE, labels.DESK_NONE_FIX)]
    try:
        chat = await bot.get_chat(config.desk_chat_id)
        member = await bot.get_chat_member(config.desk_chat_id, me.id)
    except (NetworkError, TelegramError) as error:
        reason = labels.DESK_GONE.format(chat=config.desk_chat_id, reason=error)
        return [*checks, fail(reason, labels.DESK_GONE_FIX)]
    if not isinstance(member, ChatMemberAdministrator | ChatMemberOwner):
        return [*checks, fail(labels.DESK_NOT_ADMIN.format(title=chat.title),
                              labels.DESK_NOT_ADMIN_FIX)]  # fmt: skip
    return [*checks, ok(labels.DESK_OK.format(title=chat.title))]


async def kim_groups(bot: Bot, me: User, kims: Sequence[Kim]) -> list[Check]:
    """Each KIM group: reachable, the bot still in it, an admin with the rights it uses."""
    groups = [k for k in kims if k.chat_id is not None]
    if not groups:
        return [ok(labels.KIMS_NONE)]
    return [await _kim_group(bot, me, kim) for kim in groups]


async def _kim_group(bot: Bot, me: User, kim: Kim) -> Check:
    assert kim.chat_id is not None
    try:
        chat = await bot.get_chat(kim.chat_id)
        member = await bot.get_chat_member(kim.chat_id, me.id)
    except (NetworkError, TelegramError) as error:
        return fail(labels.GROUP_GONE.format(name=kim.nama, reason=error), labels.GROUP_GONE_FIX)
    needed = FORUM_RIGHTS if chat.is_forum else GROUP_RIGHTS
    named = ", ".join(labels.RIGHTS[r] for r in needed)
    if member.status in ("left", "kicked"):
        return fail(labels.GROUP_LEFT.format(name=kim.nama, status=member.status),
                    labels.GROUP_GONE_FIX)  # fmt: skip
    if isinstance(member, ChatMemberOwner):
        return ok(labels.GROUP_OK.format(name=kim.nama))
    if not isinstance(member, ChatMemberAdministrator):
        return warn(labels.GROUP_MEMBER.format(name=kim.nama),
                    labels.GROUP_MEMBER_FIX.format(rights=named))  # fmt: skip
    missing = ", ".join(labels.RIGHTS[r] for r in needed if not getattr(member, r, False))
    if missing:
        return fail(labels.GROUP_MISSING.format(name=kim.nama, rights=missing),
                    labels.GROUP_MISSING_FIX.format(name=kim.nama, rights=missing))  # fmt: skip
    return ok(labels.GROUP_OK.format(name=kim.nama))
