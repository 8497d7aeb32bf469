"""No error is swallowed: the log, the person and the desk (once per kind per hour) hear of it."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from telegram import Update
from telegram.error import BadRequest, Forbidden, TimedOut
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.emulator import ApiError, Chat, User
from bot.errors import ErrorThrottle, error_kind
from tests.conftest import TOKEN, Hub

APOLOGY = "Maaf, terjadi kesalahan"
DESK_NOTE = "Kesalahan di bot"


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def raising(error: Exception) -> CommandHandler[Any, None]:
    """A /rusak command whose handler raises ``error``."""

    async def fail(update: Update, context: object) -> None:
        raise error

    return CommandHandler("rusak", fail)


def desk_notes(hub: Hub) -> list[str]:
    return [m["text"] for m in hub.emu.sent(hub.desk) if DESK_NOTE in m.get("text", "")]


def apologies(hub: Hub, chat: Chat) -> list[str]:
    return [m["text"] for m in hub.emu.sent(chat) if APOLOGY in m.get("text", "")]


def person(hub: Hub) -> tuple[User, Chat]:
    user = hub.emu.user("Budi")
    return user, hub.emu.private_chat(user)


@pytest.mark.parametrize(
    "error",
    [
        BadRequest(f"Message is too long {TOKEN}"),
        Forbidden(f"Forbidden: bot was blocked {TOKEN}"),
        TimedOut(f"Timed out {TOKEN}"),
        RuntimeError(f"boom {TOKEN}"),
    ],
    ids=["BadRequest", "Forbidden", "TimedOut", "RuntimeError"],
)
async def test_every_error_reaches_log_person_and_desk(
    hub: Hub, caplog: pytest.LogCaptureFixture, error: Exception
) -> None:
    hub.app.add_handler(raising(error), group=-2)
    user, chat = person(hub)
    with caplog.at_level(logging.ERROR, logger="bot.errors"):
        await hub.process(hub.emu.text(user, chat, "/rusak"))
    assert type(error).__name__ in caplog.text
    assert TOKEN not in caplog.text
    assert apologies(hub, chat)
    (note,) = desk_notes(hub)
    assert type(error).__name__ in note
    assert "/rusak" in note
    assert TOKEN not in note
    assert "<TOKEN>" in note


@pytest.mark.parametrize(
    "refusal", ["Bad Request: message is too long", "Bad Request: can't parse entities: x"]
)
async def test_a_refused_reply_still_gets_its_apology(hub: Hub, refusal: str) -> None:
    # PTB's BadRequest is a NetworkError: this was dropped as "already retried".
    user, chat = person(hub)
    hub.emu.fail("sendMessage", chat.id, ApiError(400, refusal))
    await hub.process(hub.emu.text(user, chat, "/start"))
    assert [c.status for c in hub.emu.calls_to("sendMessage", chat.id)][:2] == [400, 200]
    assert apologies(hub, chat)
    assert refusal.removeprefix("Bad Request: ") in desk_notes(hub)[0].lower()


async def test_a_button_that_fails_stops_its_spinner(hub: Hub) -> None:
    async def fail(update: Update, context: object) -> None:
        raise RuntimeError("tombol")

    hub.app.add_handler(CallbackQueryHandler(fail, pattern="^rusak$"), group=-2)
    user, chat = person(hub)
    message = (await hub.process(hub.emu.text(user, chat, "/start")))[-1]
    pressed = hub.emu.press(user, message, "rusak")
    await hub.process(pressed)
    assert hub.emu.callback_answer(pressed) is not None
    assert apologies(hub, chat)
    assert "tombol rusak" in desk_notes(hub)[0]


async def test_the_desk_hears_of_a_kind_once_an_hour(hub: Hub) -> None:
    clock = Clock()
    hub.service(ErrorThrottle).clock = clock
    hub.app.add_handler(raising(RuntimeError("database gone at row 17")), group=-2)
    user, chat = person(hub)
    for _ in range(5):
        await hub.process(hub.emu.text(user, chat, "/rusak"))
    assert len(apologies(hub, chat)) == 5  # the person always hears
    assert len(desk_notes(hub)) == 1  # the desk once
    clock.now += 3599
    await hub.process(hub.emu.text(user, chat, "/rusak"))
    assert len(desk_notes(hub)) == 1
    clock.now += 1
    await hub.process(hub.emu.text(user, chat, "/rusak"))
    notes = desk_notes(hub)
    assert len(notes) == 2
    assert "5 kali lagi" in notes[1]


async def test_another_kind_is_told_at_once(hub: Hub) -> None:
    hub.service(ErrorThrottle).clock = Clock()
    user, chat = person(hub)
    hub.app.add_handler(raising(RuntimeError("satu")), group=-2)
    await hub.process(hub.emu.text(user, chat, "/rusak"))
    hub.app.add_handler(raising(KeyError("dua")), group=-3)
    await hub.process(hub.emu.text(user, chat, "/rusak"))
    notes = desk_notes(hub)
    assert len(notes) == 2
    assert "KeyError" in notes[1]


async def test_a_job_error_reaches_log_and_desk(hub: Hub, caplog: pytest.LogCaptureFixture) -> None:
    async def job(context: object) -> None:
        raise ValueError("feed broke")

    scheduled = hub.app.job_queue
    assert scheduled is not None
    with caplog.at_level(logging.ERROR, logger="bot.errors"):
        await scheduled.run_once(job, 3600, name="test:job").run(hub.app)
    assert "feed broke" in caplog.text
    (note,) = desk_notes(hub)
    assert "tugas terjadwal" in note


def test_throttle_forgets_old_kinds_and_counts_held_back() -> None:
    clock = Clock()
    throttle = ErrorThrottle(interval_s=60, clock=clock)
    assert throttle.admit("a") == 0
    assert throttle.admit("a") is None
    assert throttle.admit("a") is None
    clock.now += 60
    assert throttle.admit("a") == 2
    for index in range(1000):
        throttle.admit(f"kind {index}")
    clock.now += 60 * 24
    throttle.admit("b")
    assert len(throttle._seen) == 1


def test_error_kind_ignores_numbers() -> None:
    assert error_kind(ValueError("row 17 of 20")) == error_kind(ValueError("row 3 of 4"))
    assert error_kind(ValueError("x")) != error_kind(KeyError("x"))


async def test_an_edit_to_the_same_text_is_no_error(hub: Hub) -> None:
    hub.app.add_handler(raising(BadRequest("Message is not modified: specified new ...")), -2)
    user, chat = person(hub)
    await hub.process(hub.emu.text(user, chat, "/rusak"))
    assert not apologies(hub, chat)
    assert not desk_notes(hub)
