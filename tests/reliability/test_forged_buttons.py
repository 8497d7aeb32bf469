"""Forged callback data is refused with a short answer, never an error at the desk.

Anyone can send any callback_data with a modified client: another KIM's id, a stale one, a
number too large for SQLite, an unknown choice. Each registered button pattern is fed such
data (Hypothesis draws from the pattern itself, then blows its numbers up) by a citizen in
private, a KIM member in the group and the admin at the desk; the press must be answered
and no error may reach the error handler.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.emulator import Chat
from tests.conftest import Hub
from tests.reliability.conftest import Errors
from tests.reliability.surface import button_patterns
from tests.reliability.world import World, make_world

TOO_LARGE = str(2**63)  # one past SQLite's largest integer
FORGED = ("sebar:99999999999999999999999", "siaran:target:xyz", "siaran:waktu:xyz",
          "sebar:kanal:xyz", f"jadwal:pause:{TOO_LARGE}", f"aspw:nilai:{TOO_LARGE}:5")  # fmt: skip
SLOW_OK = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]  # one bot for all examples
CATCH_ALL = re.compile(r"\(\.\*\)")


def patterns(hub: Hub) -> list[str]:
    """Every registered pattern but the catch-alls (which take anything by design)."""
    return sorted(p for p in button_patterns(hub.app) if p and not CATCH_ALL.search(p))


def blown_up(data: str) -> str:
    """The same data with every number past SQLite's integers."""
    return re.sub(r"\d+", TOO_LARGE, data)


def fits(data: str) -> bool:
    return len(data.encode()) <= 64


async def press_everywhere(hub: Hub, world: World, data: str) -> None:
    """Press `data` as each kind of person, where they would see such a button."""
    for user, chat in world.pressers:
        message = await _bot_message(hub, chat)
        update = hub.emu.press(user, message, data)
        await hub.process(update)
        assert hub.emu.callback_answer(update) is not None, f"{data!r} by {user.first_name}"


async def _bot_message(hub: Hub, chat: Chat) -> dict[str, Any]:
    sent = hub.emu.sent(chat)
    if sent:
        return sent[-1]
    message = await hub.app.bot.send_message(chat.id, "Kartu")
    return hub.emu.sent(chat)[-1] if hub.emu.sent(chat) else message.to_dict()


@pytest.fixture
async def world(hub: Hub) -> World:
    return await make_world(hub)


async def test_oversized_ids_and_unknown_choices_are_stale(
    hub: Hub, world: World, errors: Errors
) -> None:
    forged = [*FORGED]
    for pattern in patterns(hub):
        example = re.sub(r"\([^()]*\)", "1", pattern.strip("^$")).replace("\\", "")
        forged.append(blown_up(example))
    for data in filter(fits, forged):
        await press_everywhere(hub, world, data)
    assert errors.seen == []


@settings(max_examples=150, deadline=None, suppress_health_check=SLOW_OK)
@given(st.data())
async def test_any_data_a_pattern_accepts_is_answered_without_error(
    hub: Hub, world: World, errors: Errors, data: st.DataObject
) -> None:
    pattern = data.draw(st.sampled_from(patterns(hub)))
    drawn = data.draw(st.from_regex(pattern, fullmatch=True).filter(fits))
    for forged in filter(fits, {drawn, blown_up(drawn)}):
        await press_everywhere(hub, world, forged)
    assert errors.seen == []
