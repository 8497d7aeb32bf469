"""`kim-bot run` killed with SIGKILL during a citizen's /aspirasi, then restarted.

The process is killed right after the bot's reply to each step (category, kecamatan, desa,
text, photo, Selesai, identity, Kirim), and once more between the filing and the desk's card
(the desk's calls held). After each restart the conversation goes on from its step, and in
the end the ticket exists once, with its photo once, and the desk has its card once.
`killed_aspiration` is shared with bench/kill.py, which pauses a random moment before each
kill; a pause of 0 kills at once.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bot.emulator import BotApiEmulator, Chat
from bot.store import Store
from tests.conftest import buttons
from tests.scenarios.test_decision_crash import kim_bot
from tests.scenarios.test_durable_updates import answered_since, has_button, says, setting

TEXT = "Jalan poros desa rusak berat sejak banjir bulan lalu, mohon segera diperbaiki."
STEPS = 9  # the replies of an uninterrupted submission: one sendMessage per step
CARD_SENDS = 2  # the desk gets the photo and the card


def _steps(emu: BotApiEmulator, citizen: Any, chat: Chat) -> list[tuple[Any, Any]]:
    """(what the citizen does to the bot's last message, what the bot's answer looks like)"""
    return [
        (lambda last: emu.text(citizen, chat, "/aspirasi"), has_button("asp:kat:")),
        (lambda last: emu.press(citizen, last, "asp:kat:infrastruktur"), has_button("asp:kec:")),
        (lambda last: emu.press(citizen, last, "asp:kec:61.06.01"), has_button("asp:desa:")),
        (lambda last: emu.press(citizen, last, "asp:desa:61.06.01.2011"), says("Langkah 3")),
        (lambda last: emu.text(citizen, chat, TEXT), says("Langkah 4")),
        (lambda last: emu.photo(citizen, chat), says("Foto 1 dari")),
        (lambda last: emu.press(citizen, last, "asp:foto"), has_button("asp:id:")),
        (lambda last: emu.press(citizen, last, "asp:id:tampil"), has_button("asp:kirim")),
        (lambda last: emu.press(citizen, last, "asp:kirim"), says("Kode pelacakan")),
    ]  # fmt: skip


def _sends(emu: BotApiEmulator, chat_id: int) -> int:
    return sum(1 for c in emu.calls if c.ok and c.method.startswith("send")
               and str(c.params.get("chat_id")) == str(chat_id))  # fmt: skip


async def killed_aspiration(
    tmp_path: Path, emu: BotApiEmulator, pause: Callable[[], float] = lambda: 0.0
) -> Counter[str]:
    """One submission killed after each step's reply and before the desk's card: counts of
    kills, lost (a step that could not go on, a ticket or card missing) and repeated sends."""
    env, _, desk = setting(tmp_path, emu)
    citizen = emu.user("Ayu")
    chat = emu.private_chat(citizen)
    tally: Counter[str] = Counter()
    last: Any = None
    steps = _steps(emu, citizen, chat)
    for number, (act, answered) in enumerate(steps, 1):
        if number == len(steps):
            emu.fail(None, desk.id, "timeout", times=None, delay=3600)  # the card is held
        async with kim_bot(env, tmp_path, emu) as proc:
            before = len(emu.sent(chat))
            emu.push(act(last))
            try:
                await emu.wait_for(answered_since(chat, before, answered), timeout=15)
            except TimeoutError:
                tally["lost"] += 1  # the step could not go on: the rest would mean nothing
                proc.kill()
                return tally
            await asyncio.sleep(pause())  # a random moment after the reply (bench only)
            proc.kill()
            await proc.wait()
        tally["kills"] += 1
        last = next(m for m in reversed(emu.sent(chat)) if answered(m))
    async with kim_bot(env, tmp_path, emu) as proc:  # the filed ticket's card is held again
        await emu.wait_for_call("sendPhoto", desk.id, timeout=15)
        proc.kill()
        await proc.wait()
    tally["kills"] += 1
    emu.faults.clear()
    async with kim_bot(env, tmp_path, emu):
        try:
            await emu.wait_for(lambda e: any(buttons(m) for m in e.sent(desk)), timeout=15)
        except TimeoutError:
            tally["lost"] += 1  # the card never came
    tally["lost"] += await _tickets_missing(tmp_path, citizen.id)
    tally["repeated"] += max(0, _sends(emu, chat.id) - STEPS)
    tally["repeated"] += max(0, _sends(emu, desk.id) - CARD_SENDS)
    return tally


async def _tickets_missing(tmp_path: Path, reporter_id: int) -> int:
    """1 when the citizen's ticket (with its one photo) is not stored exactly once."""
    store = await Store.connect(tmp_path / "kim.sqlite3")
    try:
        tickets = await store.aspirations_of(reporter_id, 10, 0)
    finally:
        await store.close()
    return 0 if [len(t.photo_file_ids) for t in tickets] == [1] else 1


async def test_an_aspiration_killed_after_every_step_is_filed_once(
    tmp_path: Path, emu: BotApiEmulator
) -> None:
    tally = await killed_aspiration(tmp_path, emu)
    assert tally == Counter(kills=STEPS + 1, repeated=tally["repeated"])
    citizen = next(c for c in emu.state.chats.values() if c.type == "private")
    texts = [m.get("text", "") for m in emu.sent(citizen.id)]
    codes = {t.split("Kode pelacakan: ")[1].split()[0] for t in texts if "Kode pelacakan" in t}
    assert len(codes) == 1  # a Kirim handled again tells the same code, not a refusal
    assert not [t for t in texts if "sudah tidak berlaku" in t or "sudah Anda kirim" in t]
