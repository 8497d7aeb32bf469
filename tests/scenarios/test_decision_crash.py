"""`kim-bot run` killed with SIGKILL between a verification and its effects, then restarted.

The emulator holds one call the bot makes after the decision (its answer to the press, the
group's notice, the card's edit), the process is killed while it waits, and a new process
on the same database must tell the group once and show the decision on the card once.
"""

from __future__ import annotations

import asyncio
import signal
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest

from bot.emulator import BotApiEmulator, Chat, User
from bot.models.registrasi import KimDraft, KimStatus
from bot.store import Store
from tests.conftest import buttons
from tests.scenarios.test_run import PYTHON, bot_env


@asynccontextmanager
async def kim_bot(env: dict[str, str], cwd: Path, emu: BotApiEmulator) -> AsyncIterator[Any]:
    """A `kim-bot run` process, polling; SIGTERM on exit unless it was killed."""
    polls = emu.polling
    proc = await asyncio.create_subprocess_exec(
        PYTHON, "-m", "bot", "run", env=env, cwd=cwd,
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    try:
        await emu.wait_for(lambda e: e.polling > polls, timeout=30)
        yield proc
    finally:
        if proc.returncode is None:
            proc.send_signal(signal.SIGTERM)
        await asyncio.wait_for(proc.communicate(), 30)


async def waiting_kim(db: Path, group: Chat) -> int:
    """A KIM registered before the bot starts, waiting for the desk."""
    store = await Store.connect(db)
    try:
        draft = KimDraft("KIM Kalis Maju", "61.06.18.2001", "61.06.18", "camat", "1/2025", None)
        return (await store.register_kim(draft, group.id, 5)).id
    finally:
        await store.close()


def card_of(emu: BotApiEmulator, chat: Chat, message_id: int) -> dict[str, Any]:
    return next(m for m in emu.sent(chat) if m["message_id"] == message_id)


# Where the bot is killed: while it answers the press (right after the decision), while its
# outbox sends the group's notice, while its outbox edits the card.
KILL_POINTS = ["answerCallbackQuery", "sendMessage", "editMessageText"]


@pytest.mark.parametrize("held", KILL_POINTS)
async def test_a_verification_killed_before_its_effects_completes_them_once(
    tmp_path: Path, emu: BotApiEmulator, held: str
) -> None:
    admin: User = emu.user("Dina")
    desk = emu.group("Meja Diskominfo", supergroup=True, admins=[admin])
    group = emu.group("KIM Kalis Maju")
    private = emu.private_chat(admin)
    env = bot_env(tmp_path, emu, KIM_ADMIN_IDS=str(admin.id), KIM_DESK_CHAT_ID=str(desk.id))
    kim_id = await waiting_kim(tmp_path / "kim.sqlite3", group)
    async with kim_bot(env, tmp_path, emu) as proc:
        emu.push(emu.text(admin, private, "/verifikasi"))
        await emu.wait_for(lambda e: any(buttons(m) for m in e.sent(private)), timeout=10)
        card = next(m for m in emu.sent(private) if buttons(m))
        target = {"answerCallbackQuery": None, "sendMessage": group.id, "editMessageText": None}
        emu.fail(held, chat_id=target[held], error="timeout")
        emu.push(emu.press(admin, card, f"verif:ok:{kim_id}"))
        await emu.wait_for_call(held, target[held], timeout=10)
        proc.kill()  # SIGKILL: no shutdown step runs
        await proc.wait()
    emu.faults.clear()
    if held != "editMessageText":  # the outbox may send the notice before the held edit
        assert emu.sent(group) == []  # the held notice never arrived
    async with kim_bot(env, tmp_path, emu):
        await emu.wait_for(lambda e: len(e.sent(group)) == 1, timeout=15)
        await emu.wait_for(lambda e: not buttons(card_of(e, private, card["message_id"])), 15)
    [notice] = emu.sent(group)
    assert "diverifikasi" in notice["text"]
    shown = card_of(emu, private, card["message_id"])
    assert "terverifikasi oleh Dina" in shown["text"]
    done = [c for c in emu.calls_to("editMessageText", private.id) if c.ok]
    assert len(done) == 1
    store = await Store.connect(tmp_path / "kim.sqlite3")
    try:
        kim = await store.get_kim(kim_id)
        assert kim is not None
        assert kim.status == KimStatus.VERIFIED
    finally:
        await store.close()
