"""A long scripted run while a tenth of the Bot API calls fail (5xx, 429, 403, 502).

People join KIMs, file aspirations through the conversation, the desk verifies them, and
Diskominfo broadcasts to every KIM, round after round, while the emulator fails every tenth
sending call in turn with each error. Then the faults stop and the invariants must hold:
every outbox message was delivered once or is kept as failed (none pending, none sent
twice), nobody is stuck in a conversation (/batal, then /aspirasi starts afresh), and the
bot never crashed (only Telegram's own errors reached the error handler).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import AsyncIterator

import pytest
from telegram.error import TelegramError

from bot.app import running_bot
from bot.config import Config
from bot.context import BotContext
from bot.emulator import BotApiEmulator, Chat, ManualClock, User
from bot.models.diseminasi import Content, ContentKind, Schedule, ScheduleKind, Target, TargetKind
from bot.outbox import Budget, SkippingClock
from bot.outbox.records import RowStatus
from bot.store import utcnow
from broadcasts.diseminasi.schedule import run_due
from tests.conftest import Hub, buttons
from tests.reliability.conftest import Errors
from tests.reliability.world import World, make_world

ROUNDS = 10
ERRORS = ("server", "flood", "blocked", "bad_gateway_json")  # 5xx, 429, 403, 502
SENDING = ("sendMessage", "editMessageText", "editMessageReplyMarkup", "answerCallbackQuery")
ASPIRASI = ("asp:kat:infrastruktur", "asp:kec:61.06.01", "asp:desa:61.06.01.2011",
            "TEXT", "asp:foto", "asp:id:rahasia", "asp:kirim")  # fmt: skip
BROADCAST = re.compile(r"Siaran \d+ untuk ")
TEXT = "Jembatan gantung di dusun kami putus, anak sekolah harus memutar jauh."


@pytest.fixture
async def hub(emu: BotApiEmulator, config: Config, admin: User, desk: Chat) -> AsyncIterator[Hub]:
    """The bot on a clock that skips waits: the outbox's backoffs after failures pass at once."""
    manual = ManualClock()
    budget = Budget(clock=SkippingClock(manual, manual.advance))
    async with running_bot(config, polling=False, budget=budget) as app:
        yield Hub(emu, app, admin, desk)


def arm_faults(hub: Hub) -> None:
    """Every sending method fails one call in ten, the errors in turn (40 calls, 4 fail)."""
    for method in SENDING:
        for error in ERRORS:
            hub.emu.fail(method, None, error, times=None, every=40, retry_after=0)


async def _press_if_there(hub: Hub, user: User, chat: Chat, data: str) -> None:
    """Press `data` on the bot's last message when it offers it (a failed reply may not)."""
    sent = hub.emu.sent(chat)
    if sent and data in buttons(sent[-1]):
        await hub.press(user, sent[-1], data)


async def file_aspiration(hub: Hub, citizen: User) -> None:
    """Go through /aspirasi as far as the bot's answers allow."""
    chat = hub.emu.private_chat(citizen)
    await hub.say(citizen, chat, "/aspirasi")
    for step in ASPIRASI:
        if step == "TEXT":
            await hub.say(citizen, chat, TEXT)
        else:
            await _press_if_there(hub, citizen, chat, step)


async def one_round(hub: Hub, world: World, n: int) -> list[User]:
    """New members join, two citizens file, the desk verifies what came, a broadcast goes."""
    joiners = [hub.emu.user(f"Anggota{n}{k}") for k in range(2)]
    for person in joiners:
        await hub.say(person, world.group, "/gabung", reply=False)
    citizens = [hub.emu.user(f"Warga{n}{k}") for k in range(2)]
    for citizen in citizens:
        await file_aspiration(hub, citizen)
    for message in list(hub.emu.sent(hub.desk))[-6:]:
        verify = [d for d in buttons(message) if d.endswith(":diverifikasi")]
        if verify:
            await hub.press(hub.admin, message, verify[0])
            await hub.say(hub.admin, hub.desk, "Sudah dicek.")
    content = Content(ContentKind.TEXT, f"Siaran {n} untuk {{{{ kim.nama }}}}")
    broadcast = await hub.store.create_broadcast(
        hub.admin.id, content, Target(TargetKind.ALL), Schedule(ScheduleKind.ONCE), utcnow()
    )
    await run_due(BotContext(hub.app), broadcast.id, utcnow())
    return joiners + citizens


async def test_a_long_run_with_a_tenth_of_calls_failing_keeps_its_invariants(
    hub: Hub, errors: Errors
) -> None:
    worlds = [await make_world(hub) for _ in range(3)]  # three verified KIMs, three tickets
    arm_faults(hub)
    people: list[User] = []
    for n in range(ROUNDS):
        people += await one_round(hub, worlds[n % 3], n)
        hub.outbox.wake()
    failed_calls = sum(1 for call in hub.emu.calls if not call.ok)
    hub.emu.faults.clear()
    for _ in range(20):  # backoffs pass on the skipping clock; retries go through now
        hub.outbox.wake()
        await hub.outbox.wait_idle()
        if not (await hub.store.outbox_counts()).get(RowStatus.PENDING):
            break

    counts = await hub.store.outbox_counts()
    assert counts.get(RowStatus.PENDING, 0) == 0
    assert counts.get(RowStatus.SENDING, 0) == 0
    delivered = Counter(
        (call.params.get("chat_id"), call.params.get("text"))
        for call in hub.emu.calls
        if call.ok
        and call.method == "sendMessage"
        and str(call.params.get("text")).startswith(
            ("Siaran 0 ", "Siaran 1 ", "Siaran 2 ", "Siaran 3 ")
        )
    )
    assert delivered, "no broadcast reached a KIM"
    assert max(delivered.values()) == 1  # no broadcast message went twice to one chat
    for person in people:  # nobody is stuck: /batal, then a conversation starts afresh
        chat = hub.emu.private_chat(person)
        await hub.say(person, chat, "/batal")
        [question] = await hub.say(person, chat, "/aspirasi")
        assert "asp:kat:infrastruktur" in buttons(question)
    unexpected = [e for e in errors.seen if not isinstance(e, TelegramError)]
    assert unexpected == []
    assert failed_calls >= 10  # the faults did fire
