"""Reading a paged list as a person does: press "Berikutnya ›" until it is gone.

`walk` returns every page shown and checks on the way that each text the bot sent or edited
was accepted and fits Telegram's 4096 characters, and that every press was answered.
"""

from __future__ import annotations

from typing import Any

from bot.emulator import User
from bot.telegram_length import TELEGRAM_LIMIT, visible_length
from handlers.common import labels
from tests.conftest import Hub, buttons

LONG = "Panjang sekali " * 40  # 600 characters of words, to pad names, titles and errors
MAX_PAGES = 300


def turn(message: dict[str, Any], label: str = labels.NEXT) -> str | None:
    """The data of a message's ‹ or › button, if it has one."""
    return next((data for data, text in buttons(message).items() if text == label), None)


async def walk(hub: Hub, user: User, first: dict[str, Any]) -> list[dict[str, Any]]:
    """Every page of a list from its first message, each as the bot showed it."""
    pages, message = [first], first
    while (data := turn(message)) is not None:
        press = hub.emu.press(user, message, data)
        shown = await hub.process(press)
        hub.answer_to(press)
        assert [m["message_id"] for m in shown] == [first["message_id"]], "edited in place"
        message = shown[-1]
        pages.append(message)
        assert len(pages) <= MAX_PAGES, "the pages never end"
    assert_fits(hub)
    return pages


def assert_fits(hub: Hub) -> None:
    """Every text the bot sent or edited was accepted and is within 4096 characters."""
    for call in hub.emu.calls:
        if call.method.lower() in ("sendmessage", "editmessagetext"):
            assert call.ok, call.response
            assert visible_length(str(call.params["text"])) <= TELEGRAM_LIMIT


def all_text(pages: list[dict[str, Any]]) -> str:
    """The texts of all pages, joined."""
    return "\n".join(str(page.get("text", "")) for page in pages)


def all_buttons(pages: list[dict[str, Any]]) -> set[str]:
    """The callback data of every button on any page."""
    return {data for page in pages for data in buttons(page)}
