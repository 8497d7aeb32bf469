"""/gagal and /peran page through 200 long rows: every page fits Telegram, every row is seen."""

from __future__ import annotations

from datetime import timedelta

from bot.models.people import Role
from bot.outbox import RowStatus
from bot.outbox.records import Settled
from bot.store import utcnow
from bot.store.outbox import NewRow
from tests.conftest import Hub
from tests.pages import LONG, all_buttons, all_text, walk

ROWS = 200


async def fail_batches(hub: Hub, count: int) -> list[int]:
    """`count` batches whose one message finally failed with a long error (sent tomorrow, so
    the running worker leaves them alone)."""
    store, later, chat = hub.store, utcnow() + timedelta(days=1), hub.emu.group("KIM Gagal")
    message: list[NewRow] = [(chat.id, "sendMessage", {})]
    ids = [
        await store.add_outbox_batch("notice", f"{i:03d} {LONG}", message, (None, None), later)
        for i in range(count)
    ]
    rows = await store.due_outbox_rows(later, per_chat=count, limit=count)
    await store.claim_outbox(rows, later)
    error = f"Bad Request: {LONG}{LONG}"
    await store.settle_outbox([Settled(r, RowStatus.FAILED, error=error) for r in rows], later)
    return ids


async def test_gagal_pages_through_every_failed_batch(hub: Hub) -> None:
    ids = await fail_batches(hub, ROWS)
    first = (await hub.say(hub.admin, hub.emu.private_chat(hub.admin), "/gagal"))[-1]
    pages = await walk(hub, hub.admin, first)
    assert len(pages) == ROWS // 5
    text = all_text(pages)
    assert all(f"#{batch_id} Pemberitahuan" in text for batch_id in ids)
    assert {f"gagal:ulang:{batch_id}" for batch_id in ids} <= all_buttons(pages)
    assert "Halaman 40 dari 40" in pages[-1]["text"]


async def test_gagal_page_buttons_are_for_admins_only(hub: Hub) -> None:
    await fail_batches(hub, 6)
    listing = (await hub.say(hub.admin, hub.emu.private_chat(hub.admin), "/gagal"))[-1]
    stranger = hub.emu.user("Tono")
    press = hub.emu.press(stranger, listing, "gagal:hal:1")
    assert await hub.process(press) == []
    assert hub.answer_to(press)["show_alert"] is True


async def test_peran_pages_through_every_role(hub: Hub) -> None:
    for i in range(ROWS):
        user = hub.emu.user(f"Petugas {i:03d} {LONG}", username=f"petugas_{i:03d}_" + "x" * 20)
        await hub.store.touch_person(user.id, user.first_name, user.username)
        await hub.store.grant_role(user.id, Role.CURATOR, hub.admin.id)
    first = (await hub.say(hub.admin, hub.emu.private_chat(hub.admin), "/peran"))[-1]
    pages = await walk(hub, hub.admin, first)
    assert len(pages) == -(-(ROWS + 1) // 20)  # the configured admin first, then the grants
    text = all_text(pages)
    assert str(hub.admin.id) in pages[0]["text"]
    assert all(f"kurator: Petugas {i:03d}" in text for i in range(ROWS))
    stranger = hub.emu.user("Tono")
    press = hub.emu.press(stranger, first, "peran:hal:1")
    assert await hub.process(press) == []
    assert hub.answer_to(press)["show_alert"] is True
