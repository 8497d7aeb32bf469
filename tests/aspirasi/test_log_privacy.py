"""What the bot logs, as `kim-bot run` configures logging, holds neither the token nor a
rahasia reporter's name or username, over a whole lifecycle: start, a filing, the desk's
and the OPD's work, failures of the Bot API (5xx, 429, a blocked reporter),
and a stop. (Groups are covered by test_privacy.py's `leaks`.)"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator

import pytest

from bot.logs import setup_logging
from bot.models.aspirasi import Status
from tests.aspirasi.conftest import (
    Opds,
    act,
    card_in,
    deliver,
    only,
    press_button,
    store_of,
    submit,
)
from tests.conftest import TOKEN, Hub

QUIETED = ("httpx", "httpcore", "apscheduler", "aiosqlite", "telegram")


@pytest.fixture
def log_output() -> Iterator[io.StringIO]:
    """Everything the configured log handler writes, at DEBUG, while the test runs."""
    root = logging.getLogger()
    saved = root.handlers[:], root.level
    quieted = {name: logging.getLogger(name).level for name in QUIETED}
    setup_logging(TOKEN, level=logging.DEBUG)
    output = io.StringIO()
    handler = root.handlers[0]
    assert isinstance(handler, logging.StreamHandler)
    handler.setStream(output)
    yield output
    root.handlers[:], _ = saved
    root.setLevel(saved[1])
    for name, level in quieted.items():
        logging.getLogger(name).setLevel(level)


async def test_no_token_and_no_rahasia_identity_in_the_logs(
    desk_hub: Hub, opds: Opds, log_output: io.StringIO
) -> None:
    hub = desk_hub
    secret = hub.emu.user("Rahasiawati", last_name="Kusuma", username="rahasia_wati")
    chat = hub.emu.private_chat(secret)
    hub.emu.fail("sendMessage", chat.id, "server", times=2)  # retried, logged
    asp = await submit(hub, secret, identity="rahasia")
    code, n = asp.code, asp.id
    await act(hub, hub.admin, hub.desk, code, f"aspm:st:{n}:diverifikasi", "Dicek.")
    await press_button(hub, hub.admin, card_in(hub, hub.desk, code), f"aspm:opd:{n}")
    hub.emu.fail("sendMessage", opds.pupr.id, "flood", retry_after=1)  # the OPD's group: 429
    replies = await press_button(hub, hub.admin, card_in(hub, hub.desk, code), f"aspm:ke:{n}:pupr")
    await press_button(hub, hub.admin, only(replies, hub.desk)[-1], "aspm:tanpa")
    await deliver(hub)
    hub.emu.fail(None, chat.id, "blocked", times=None)  # the reporter blocked the bot
    await act(hub, opds.pupr_staff, opds.pupr, code, f"aspm:st:{n}:selesai", "Selesai.")
    await deliver(hub)
    await hub.say(secret, chat, "/status " + code)  # a reply that cannot go out
    ticket = await store_of(hub).get_aspiration(n)
    assert ticket is not None
    assert ticket.status == Status.DONE
    text = log_output.getvalue()
    assert len(text) > 200  # the scan below did read something
    assert TOKEN not in text
    assert TOKEN.split(":")[1] not in text
    for word in (secret.first_name, secret.last_name, secret.username):
        assert word is not None
        assert word not in text
