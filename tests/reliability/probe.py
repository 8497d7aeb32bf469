"""Try a command or a button as a person, and tell whether the bot let them or refused.

A refusal is recognised by the templates the bot rendered while handling the update (their
names say so: not_…, …_only, refused, not_allowed …); the roles test compares the verdicts
with docs/ROLES.md.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from bot.emulator import Chat, User
from tests.conftest import Hub

# Templates that refuse because of who asks or where (role, membership, chat kind) …
REFUSAL = re.compile(
    r"not_(admin|curator|broadcaster|member|yours|allowed|kim|registered)|_only(_alert)?$"
    r"|refused|wrong_group|other_opd|anonymous_admin|status_private"
)
# … and those that say the thing or the step is gone, whoever asks.
GONE = re.compile(r"gone|step_over|stale|unknown_|unavailable|not_found|already|no_longer")
ALLOWED, REFUSED, GONE_MARK = "✓", "✗", "–"


@contextmanager
def rendered(hub: Hub) -> Iterator[list[str]]:
    """The names of the templates the bot renders meanwhile."""
    texts = hub.services.texts
    names: list[str] = []
    original: Callable[..., str] = texts.render

    def recording(name: str, /, **values: Any) -> str:
        names.append(name)
        return original(name, **values)

    texts.render = recording  # type: ignore[method-assign]
    try:
        yield names
    finally:
        del texts.render  # the instance attribute goes; the method is back


def verdict(names: list[str]) -> str:
    """Refused when a refusal was rendered (or nothing at all: a silent refusal); gone when
    only "no longer there" was said; else allowed."""
    if not names or any(REFUSAL.search(name) for name in names):
        return REFUSED
    if any(GONE.search(name) for name in names):
        return GONE_MARK
    return ALLOWED


async def try_command(hub: Hub, user: User, chat: Chat, command: str) -> tuple[str, list[str]]:
    """Send /command (no arguments), then /batal so no conversation stays open."""
    with rendered(hub) as names:
        await hub.say(user, chat, f"/{command}", reply=False)
    await hub.say(user, chat, "/batal", reply=False)
    return verdict(names), names


async def try_button(hub: Hub, user: User, chat: Chat, data: str) -> tuple[str, list[str]]:
    """Press a button with this data on the bot's last message in the chat."""
    sent = hub.emu.sent(chat)
    if not sent:
        await hub.app.bot.send_message(chat.id, "Kartu")
        sent = hub.emu.sent(chat)
    with rendered(hub) as names:
        await hub.press(user, sent[-1], data)
    return verdict(names), names
