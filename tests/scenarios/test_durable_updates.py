"""`kim-bot run` killed with SIGKILL while people talk to it: no update and no step is lost.

The emulator holds the bot's reply (a slow Bot API call), the process is killed while it
waits, and a new process on the same database must answer the person. A registration
killed right after each step's reply must go on from that step after the restart.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from bot.emulator import BotApiEmulator, Chat, User
from tests.conftest import buttons
from tests.scenarios.test_decision_crash import kim_bot
from tests.scenarios.test_run import bot_env


def setting(tmp_path: Path, emu: BotApiEmulator) -> tuple[dict[str, str], User, Chat]:
    admin = emu.user("Dina")
    desk = emu.group("Meja Diskominfo", supergroup=True, admins=[admin])
    env = bot_env(tmp_path, emu, KIM_ADMIN_IDS=str(admin.id), KIM_DESK_CHAT_ID=str(desk.id))
    return env, admin, desk


@pytest.mark.parametrize("command", ["/start", "/daftar"])
async def test_an_update_killed_in_its_handler_is_answered_after_restart(
    tmp_path: Path, emu: BotApiEmulator, command: str
) -> None:
    env, _, _ = setting(tmp_path, emu)
    person = emu.user("Rahmat")
    chat = emu.private_chat(person) if command == "/start" else emu.group("KIM", admins=[person])
    emu.fail("sendMessage", chat.id, "timeout", delay=3600)  # the reply hangs
    async with kim_bot(env, tmp_path, emu) as proc:
        emu.push(emu.text(person, chat, command))
        await emu.wait_for_call("sendMessage", chat.id, timeout=10)
        proc.kill()  # SIGKILL while the handler waits on the Bot API
        await proc.wait()
    emu.faults.clear()
    assert emu.sent(chat) == []
    async with kim_bot(env, tmp_path, emu):
        await emu.wait_for(lambda e: len(e.sent(chat)) >= 1, timeout=20)
    expected = "KIM Hub" if command == "/start" else "nama KIM"
    assert expected in emu.sent(chat)[0]["text"]
    assert len(emu.sent(chat)) == 1  # answered once, not once per restart


def first_desa(message: dict[str, Any]) -> str:
    return next(data for data in buttons(message) if data.startswith("daftar:desa:"))


def has_button(prefix: str) -> Any:
    return lambda message: any(data.startswith(prefix) for data in buttons(message))


def says(words: str) -> Any:
    return lambda message: words in message.get("text", "")


def answered_since(chat: Chat, before: int, answered: Any) -> Any:
    """Whether the bot sent a message like `answered` after the first `before` ones."""

    def seen(emu: BotApiEmulator) -> bool:
        return any(answered(m) for m in emu.sent(chat)[before:])

    return seen


async def test_a_registration_killed_after_every_step_goes_on(
    tmp_path: Path, emu: BotApiEmulator
) -> None:
    await killed_registration(tmp_path, emu)


async def killed_registration(
    tmp_path: Path, emu: BotApiEmulator, pause: Callable[[], float] = lambda: 0.0
) -> None:
    """The 9-step /daftar, killed `pause()` seconds after each step's answer (bench/kill.py
    picks them at random); AssertionError when a step or the desk card is lost."""
    env, _, desk = setting(tmp_path, emu)
    ketua = emu.user("Rahmat")
    group = emu.group("KIM Semitau", admins=[ketua])
    # (what the admin does to the bot's last message, what the bot's answer looks like)
    steps: list[tuple[Any, Any]] = [
        (lambda last: emu.text(ketua, group, "/daftar"), says("nama KIM")),
        (lambda last: emu.text(ketua, group, "KIM Semitau Maju", reply_to=last),
         has_button("daftar:kec:")),
        (lambda last: emu.press(ketua, last, "daftar:kec:61.06.10"), has_button("daftar:desa:")),
        (lambda last: emu.press(ketua, last, first_desa(last)), has_button("daftar:sk:")),
        (lambda last: emu.press(ketua, last, "daftar:sk:kepala_desa"), says("nomor SK")),
        (lambda last: emu.text(ketua, group, "3/2024", reply_to=last), says("tanggal")),
        (lambda last: emu.text(ketua, group, "05-06-2024", reply_to=last),
         has_button("daftar:lewati")),
        (lambda last: emu.press(ketua, last, "daftar:lewati"), has_button("daftar:ok")),
        (lambda last: emu.press(ketua, last, "daftar:ok"), says("menunggu verifikasi")),
    ]  # fmt: skip
    last: Any = None
    for act, answered in steps:
        async with kim_bot(env, tmp_path, emu) as proc:
            before = len(emu.sent(group))
            emu.push(act(last))
            await emu.wait_for(answered_since(group, before, answered), timeout=15)
            await asyncio.sleep(pause())
            proc.kill()  # SIGKILL right after the step's answer
            await proc.wait()
        last = next(m for m in reversed(emu.sent(group)) if answered(m))
        refused = [m for m in emu.sent(group) if "milik admin" in m.get("text", "")]
        assert not refused, "a step was lost: the bot no longer knew the registration"
    async with kim_bot(env, tmp_path, emu):  # the desk card follows, once
        await emu.wait_for(lambda e: any(buttons(m) for m in e.sent(desk)), timeout=15)
    cards = [m for m in emu.sent(desk) if "verif:ok:1" in buttons(m)]
    assert len(cards) == 1
