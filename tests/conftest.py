"""Project-wide fixtures: a Bot API emulator, a config pointing at it, and a running bot.

Handler tests read like conversations: `await hub.say(user, chat, "/daftar")` sends the
update through python-telegram-bot's real stack and returns what the bot sent back.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

import pytest
import yaml
from telegram import Update

from bot.app import running_bot
from bot.config import Config, packaged_file
from bot.context import KimApplication, Services, services_of
from bot.emulator import BotApiEmulator, Chat, User
from bot.outbox import Outbox
from bot.store import Store

TOKEN = "123456789:AAHfiqksKZ8WmR2zSjiQ7_v4TMAKdiHm9T0"
FEEDS_TEST = Path(__file__).parent / "data" / "feeds_test.yaml"
T = TypeVar("T")
SEND_METHODS = ("sendmessage", "sendphoto", "senddocument", "copymessage", "editmessagetext")


class Hub:
    """A running bot plus the emulator it talks to, driven update by update."""

    def __init__(self, emu: BotApiEmulator, app: KimApplication, admin: User, desk: Chat) -> None:
        self.emu, self.app, self.admin, self.desk = emu, app, admin, desk

    @property
    def services(self) -> Services:
        """The running bot's services (config, store, texts, outbox …)."""
        return services_of(self.app)

    @property
    def store(self) -> Store:
        """The running bot's database."""
        return self.services.store

    @property
    def outbox(self) -> Outbox:
        """The running bot's outbox."""
        assert self.services.outbox is not None
        return self.services.outbox

    def service(self, kind: type[T]) -> T:
        """A service an activity registered at start (its feeds, its poller …)."""
        return self.services.get(kind)

    async def process(self, update: dict[str, Any]) -> list[dict[str, Any]]:
        """Feed one update to the bot; return the messages it sent or edited meanwhile."""
        before = len(self.emu.calls)
        await self.app.process_update(Update.de_json(update, self.app.bot))
        return [
            call.result
            for call in self.emu.calls[before:]
            if call.method.lower() in SEND_METHODS and isinstance(call.result, dict)
        ]

    async def say(
        self, user: User, chat: Chat, text: str, reply: bool = True
    ) -> list[dict[str, Any]]:
        """Send text; in groups it replies to the bot's last message, as ForceReply makes it."""
        last = (
            self.emu.sent(chat)[-1]
            if reply and chat.type != "private" and self.emu.sent(chat)
            else None
        )
        return await self.process(self.emu.text(user, chat, text, reply_to=last))

    async def press(self, user: User, message: dict[str, Any], data: str) -> list[dict[str, Any]]:
        """Press a button of a message the bot sent."""
        return await self.process(self.emu.press(user, message, data))

    def answer_to(self, update: dict[str, Any]) -> dict[str, Any]:
        """The bot's answerCallbackQuery parameters for a button press (it must have answered)."""
        answer = self.emu.callback_answer(update)
        assert answer is not None, "the bot did not answer the button press"
        return answer

    def last(self, chat: Chat) -> dict[str, Any]:
        """The last message the bot sent to a chat (as now edited)."""
        return self.emu.sent(chat)[-1]


def buttons(message: dict[str, Any]) -> dict[str, str]:
    """A message's inline buttons as {callback_data: label}."""
    rows = message.get("reply_markup", {}).get("inline_keyboard", [])
    return {b["callback_data"]: b["text"] for row in rows for b in row if "callback_data" in b}


def texts(messages: list[dict[str, Any]]) -> str:
    """All texts and captions, joined, for substring assertions."""
    return "\n".join(m.get("text") or m.get("caption") or "" for m in messages)


@pytest.fixture
async def emu() -> AsyncIterator[BotApiEmulator]:
    async with BotApiEmulator(TOKEN) as emulator:
        yield emulator


@pytest.fixture
def admin(emu: BotApiEmulator) -> User:
    return emu.user("Dina", username="dina_kominfo")


@pytest.fixture
def desk(emu: BotApiEmulator, admin: User) -> Chat:
    return emu.group("Meja Diskominfo", supergroup=True, admins=[admin])


@pytest.fixture
def config(tmp_path: Path, emu: BotApiEmulator, admin: User, desk: Chat) -> Config:
    feeds = tmp_path / "feeds.yaml"
    feeds.write_text(FEEDS_TEST.read_text(encoding="utf-8"), encoding="utf-8")
    holidays = tmp_path / "libur_nasional.yaml"
    holidays.write_text(holidays_complete_now(), encoding="utf-8")
    return Config(
        token=TOKEN,
        api_base=emu.base_url,
        db_path=tmp_path / "kim.sqlite3",
        feeds_file=feeds,
        admin_ids=frozenset({admin.id}),
        desk_chat_id=desk.id,
        kabupaten="61.06",
        timezone=ZoneInfo("Asia/Pontianak"),
        rate_limiter=False,
        reply_retry_delays_s=(0.0, 0.0, 0.0),  # a minute of retries, without the minute
        holidays_file=holidays,
    )


def holidays_complete_now() -> str:
    """The shipped holidays, with this year and the next listed as complete: a bot started
    in a year whose decree is not in yet tells the desk so, which tests of other things must
    not see (tests/aspirasi/test_startup.py checks that notice with a file of its own)."""
    data = yaml.safe_load(packaged_file("libur_nasional.yaml").read_text(encoding="utf-8"))
    this_year = datetime.now(UTC).year
    years = {entry["year"]: entry for entry in data["years"]}
    for year in (this_year, this_year + 1):
        years[year] = {**years.get(year, {"year": year}), "complete": True}
    data["years"] = sorted(years.values(), key=lambda entry: entry["year"])
    return str(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))


HubFactory = Callable[..., AbstractAsyncContextManager[Hub]]


@pytest.fixture
def start_hub(emu: BotApiEmulator, config: Config, admin: User, desk: Chat) -> HubFactory:
    """Start a bot (again, for restart tests) against the same emulator and database."""

    def factory(**changes: Any) -> AbstractAsyncContextManager[Hub]:
        return _hub(emu, replace(config, **changes), admin, desk)

    return factory


@pytest.fixture
async def hub(start_hub: HubFactory) -> AsyncIterator[Hub]:
    async with start_hub() as running:
        yield running


class _hub:
    def __init__(self, emu: BotApiEmulator, config: Config, admin: User, desk: Chat) -> None:
        self._args = (emu, config, admin, desk)
        self._cm: AbstractAsyncContextManager[KimApplication] | None = None

    async def __aenter__(self) -> Hub:
        emu, config, admin, desk = self._args
        self._cm = running_bot(config, polling=False)
        app = await self._cm.__aenter__()
        return Hub(emu, app, admin, desk)

    async def __aexit__(self, *exc: object) -> None:
        assert self._cm is not None
        await self._cm.__aexit__(None, None, None)
