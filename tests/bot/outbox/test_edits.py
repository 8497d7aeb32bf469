"""The outbox edits existing messages (a decision's cards): done, skipped or failed, never twice."""

from __future__ import annotations

from typing import Any

import pytest
from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.emulator import BotApiEmulator, Chat
from bot.outbox import (
    DECISION,
    Outbox,
    OutboxMessage,
    RowStatus,
    edit_markup,
    edit_text,
    photo_message,
)
from bot.outbox import text_message as text
from bot.store import Store
from tests.bot.outbox.conftest import settle
from tests.conftest import buttons

MARKUP = InlineKeyboardMarkup([[InlineKeyboardButton("Verifikasi", callback_data="verif:ok:1")]])


async def card(outbox: Outbox, emu: BotApiEmulator, chat: Chat, item: str) -> dict[str, Any]:
    """A message with a button, sent through the outbox, as the chat now shows it."""
    await settle(outbox, await outbox.submit("notice", item, [text(chat.id, "Kartu", MARKUP)]))
    return emu.sent(chat)[-1]


def shown(emu: BotApiEmulator, message: dict[str, Any]) -> dict[str, Any]:
    chat_id, message_id = message["chat"]["id"], message["message_id"]
    return next(m for m in emu.sent(chat_id) if m["message_id"] == message_id)


async def effects_settled(outbox: Outbox, store: Store) -> dict[RowStatus, int]:
    await outbox.wait_idle()
    return await store.outbox_counts()


async def test_an_edit_replaces_text_and_buttons(
    outbox: Outbox, flood_emu: BotApiEmulator, store: Store
) -> None:
    desk = flood_emu.group("Meja")
    message = await card(outbox, flood_emu, desk, "kartu")
    await outbox.submit_effects("kim:1@1", [edit_text(desk.id, message["message_id"], "<b>Ok</b>")])
    counts = await effects_settled(outbox, store)
    assert counts == {RowStatus.SENT: 2}
    now = shown(flood_emu, message)
    assert (now["text"], buttons(now)) == ("Ok", {})
    assert now["entities"][0]["type"] == "bold"


async def test_an_edit_that_changes_nothing_is_done(
    outbox: Outbox, flood_emu: BotApiEmulator, store: Store
) -> None:
    desk = flood_emu.group("Meja")
    message = await card(outbox, flood_emu, desk, "kartu")
    same = edit_text(desk.id, message["message_id"], "Kartu", MARKUP)
    await outbox.submit_effects("kim:1@1", [same])
    assert await effects_settled(outbox, store) == {RowStatus.SENT: 2}
    [call] = flood_emu.calls_to("editMessageText", desk.id)
    assert call.status == 400  # "message is not modified": the card already shows it
    assert await outbox.failed_batch_count() == 0


async def test_an_edit_of_a_deleted_message_is_skipped_not_failed(
    outbox: Outbox, flood_emu: BotApiEmulator, store: Store
) -> None:
    desk, other = flood_emu.group("Meja"), flood_emu.group("Lain")
    message = await card(outbox, flood_emu, desk, "kartu")
    await outbox.bot.delete_message(desk.id, message["message_id"])  # someone deleted the card
    effects = [edit_markup(desk.id, message["message_id"]), edit_text(other.id, 999, "Hilang")]
    await outbox.submit_effects("kim:1@1", effects)
    assert await effects_settled(outbox, store) == {RowStatus.SENT: 1, RowStatus.SKIPPED: 2}
    assert await outbox.failed_batch_count() == 0  # nothing for /gagal
    assert len(flood_emu.calls_to("editMessageReplyMarkup", desk.id)) == 1  # not retried
    assert flood_emu.sent(desk) == []  # and no notice about it anywhere


async def test_an_edit_that_cannot_work_fails(
    outbox: Outbox, flood_emu: BotApiEmulator, store: Store
) -> None:
    desk = flood_emu.group("Meja")
    upload = flood_emu.photo(flood_emu.user("Dina"), desk)["message"]["photo"][-1]["file_id"]
    await settle(outbox, await outbox.submit("notice", "foto", [photo_message(desk.id, upload)]))
    photo = flood_emu.sent(desk)[-1]
    await outbox.submit_effects("kim:1@1", [edit_text(desk.id, photo["message_id"], "Teks")])
    await outbox.wait_idle()
    [failed] = await outbox.failed_batches()
    assert failed.kind == DECISION
    assert failed.last_error is not None
    assert "no text" in failed.last_error


async def test_effects_are_one_batch_each_and_never_queued_twice(
    outbox: Outbox, flood_emu: BotApiEmulator, store: Store
) -> None:
    desk, group = flood_emu.group("Meja"), flood_emu.group("KIM")
    first, second = [await card(outbox, flood_emu, desk, f"kartu{i}") for i in (1, 2)]
    effects = [
        edit_text(desk.id, first["message_id"], "Diputuskan"),
        edit_text(desk.id, second["message_id"], "Diputuskan"),  # two cards in one chat
        text(group.id, "Selamat"),
    ]
    await outbox.submit_effects("kim:1@1", effects)
    await outbox.submit_effects("kim:1@1", effects)  # the same decision again: a no-op
    await outbox.wait_idle()
    assert [m["text"] for m in flood_emu.sent(desk)] == ["Diputuskan", "Diputuskan"]
    assert [m["text"] for m in flood_emu.sent(group)] == ["Selamat"]
    await outbox.submit_effects("kim:1@2", effects[2:])  # a later decision is another effect
    await outbox.wait_idle()
    assert [m["text"] for m in flood_emu.sent(group)] == ["Selamat", "Selamat"]


async def test_effects_roll_back_with_the_decision(outbox: Outbox, store: Store) -> None:
    async def decide_then_fail() -> None:
        async with store.transaction():
            await outbox.submit_effects("kim:1@1", [text(-5, "Selamat")])
            raise RuntimeError("the decision failed after its effects were queued")

    with pytest.raises(RuntimeError):
        await decide_then_fail()
    assert await store.outbox_counts() == {}


def test_an_edit_names_its_message() -> None:
    with pytest.raises(ValueError, match="message_id"):
        OutboxMessage(-5, "editMessageText", {"text": "x"})
    with pytest.raises(ValueError, match="does not send"):
        OutboxMessage(-5, "deleteMessage", {"message_id": 1})
    assert edit_markup(-5, 7).target == "-5/7"
    assert text(-5, "x").target == "-5"
