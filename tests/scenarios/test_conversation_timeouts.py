"""Every conversation ends by itself after CONVERSATION_TIMEOUT, politely, leaving no state.

Time does not pass in these tests: the conversation's own timeout job is run, as the
JobQueue would run it 30 minutes after the last answer.
"""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from telegram.ext import ConversationHandler

from bot.emulator import Chat, User
from bot.models.registrasi import KimDraft, KimStatus
from bot.persistence import StorePersistence
from bot.store import utcnow
from handlers.common.draft import CONVERSATION_TIMEOUT
from tests.conftest import Hub, texts
from tests.diseminasi.conftest import broadcast_now, kim_group, make_broadcaster

CONVERSATIONS = ("registration", "rejection", "news_manual", "siaran", "receipt")


def conversation(hub: Hub, name: str) -> ConversationHandler[Any]:
    """The conversation handler registered under `name`."""
    found = [h for h in hub.app.handlers[0] if isinstance(h, ConversationHandler)]
    return next(h for h in found if h.name == name)


async def saved(hub: Hub, name: str, user: User) -> tuple[dict[str, Any], dict[str, Any]]:
    """What the database holds for a person: conversation states of `name`, and scratch data."""
    await hub.app.update_persistence()
    persistence = hub.app.persistence
    assert isinstance(persistence, StorePersistence)
    await persistence.commit()  # what a job changed is saved with the next update, or now
    states = await hub.store.load_state(f"conversation:{name}")
    scratch = (await hub.store.load_state("user_data")).get(str(user.id))
    return states, json.loads(scratch) if scratch else {}


async def let_time_pass(hub: Hub, name: str) -> str:
    """Run the conversation's waiting timeout now; the texts the bot sent meanwhile."""
    jobs = list(conversation(hub, name).timeout_jobs.values())
    assert len(jobs) == 1, f"{name}: {len(jobs)} timeouts waiting"
    [job] = jobs
    assert job.next_t is not None
    assert abs(job.next_t - (utcnow() + CONVERSATION_TIMEOUT)) < timedelta(seconds=30)
    before = len(hub.emu.calls)
    await job.run(hub.app)
    job.schedule_removal()
    sent = [c.result for c in hub.emu.calls[before:] if c.method.lower() == "sendmessage"]
    return texts(sent)


async def expect_cleared(hub: Hub, name: str, user: User, slot: str | None) -> None:
    states, scratch = await saved(hub, name, user)
    assert states == {}
    if slot is not None:
        assert slot not in scratch
    assert conversation(hub, name).timeout_jobs == {}


def test_every_conversation_has_a_timeout_and_a_timeout_step(hub: Hub) -> None:
    for name in CONVERSATIONS:
        handler = conversation(hub, name)
        assert handler.conversation_timeout == CONVERSATION_TIMEOUT, name
        assert handler.states.get(ConversationHandler.TIMEOUT), name


async def test_registration_times_out_in_the_group(hub: Hub) -> None:
    admin = hub.emu.user("Rahmat")
    group = hub.emu.group("Grup Desa", admins=[admin])
    await hub.say(admin, group, "/daftar", reply=False)
    await hub.say(admin, group, "KIM Maju Jaya")
    states, scratch = await saved(hub, "registration", admin)
    assert states
    assert scratch["daftar"]["nama"] == "KIM Maju Jaya"
    told = await let_time_pass(hub, "registration")
    assert "Pendaftaran KIM dihentikan" in told
    assert "30 menit" in told
    assert hub.last(group)["chat"]["id"] == group.id
    await expect_cleared(hub, "registration", admin, "daftar")
    # A late answer is not taken as a step any more (and, in a group, gets no reply).
    assert await hub.say(admin, group, "KIM Maju Jaya") == []
    assert await hub.store.kim_by_chat(group.id) is None


async def test_rejection_times_out_and_the_kim_still_waits(hub: Hub) -> None:
    draft = KimDraft("KIM Kalis", "61.06.18.2001", "61.06.18", "camat", "1/2025", None)
    kim = await hub.store.register_kim(draft, -4999, 5)
    chat = hub.emu.private_chat(hub.admin)
    card = (await hub.say(hub.admin, chat, "/verifikasi"))[-1]
    await hub.press(hub.admin, card, f"verif:tolak:{kim.id}")
    assert (await saved(hub, "rejection", hub.admin))[1]["tolak_kim"]["kim_id"] == kim.id
    assert "Penolakan dibatalkan" in await let_time_pass(hub, "rejection")
    await expect_cleared(hub, "rejection", hub.admin, "tolak_kim")
    assert "pesan bebas" in texts(await hub.say(hub.admin, chat, "alasannya SK tidak jelas"))
    found = await hub.store.get_kim(kim.id)
    assert found is not None
    assert found.status == KimStatus.PENDING


async def test_hand_posted_news_times_out(hub: Hub) -> None:
    chat = hub.emu.private_chat(hub.admin)
    await hub.say(hub.admin, chat, "/kurasi tambah")
    assert "Penambahan berita dihentikan" in await let_time_pass(hub, "news_manual")
    await expect_cleared(hub, "news_manual", hub.admin, None)
    assert "pesan bebas" in texts(await hub.say(hub.admin, chat, "Judul berita\nRingkasan"))


async def test_siaran_times_out_with_its_draft(hub: Hub) -> None:
    chat = hub.emu.private_chat(hub.admin)
    await hub.say(hub.admin, chat, "/siaran")
    await hub.say(hub.admin, chat, "Rapat KIM besok")
    assert (await saved(hub, "siaran", hub.admin))[1]["siaran"]["template"] == "Rapat KIM besok"
    told = await let_time_pass(hub, "siaran")
    assert "Penyusunan siaran dihentikan" in told
    await expect_cleared(hub, "siaran", hub.admin, "siaran")
    assert "pesan bebas" in texts(await hub.say(hub.admin, chat, "Rapat KIM lusa"))


async def test_receipt_times_out(hub: Hub) -> None:
    sari = await make_broadcaster(hub, hub.emu.user("Sari"))
    sibau = await kim_group(hub, "KIM Sibau", "61.06.01.2011")
    _, run = await broadcast_now(hub, sari)
    member = sibau.members[1]
    await hub.press(member, hub.last(sibau.group), f"sebar:{run.id}")
    await hub.say(member, sibau.group, "45")
    assert "Konfirmasi penyebarluasan dihentikan" in await let_time_pass(hub, "receipt")
    await expect_cleared(hub, "receipt", member, "sebar")
    assert await hub.store.receipt(run.id, sibau.kim.id) is None


async def test_cancel_forgets_only_its_own_draft(hub: Hub) -> None:
    """/batal in the desk's rejection must not wipe the /siaran being composed in private."""
    draft = KimDraft("KIM Kalis", "61.06.18.2001", "61.06.18", "camat", "1/2025", None)
    kim = await hub.store.register_kim(draft, -4999, 5)
    private: Chat = hub.emu.private_chat(hub.admin)
    await hub.say(hub.admin, private, "/siaran")
    await hub.say(hub.admin, private, "Rapat KIM besok")
    card = (await hub.say(hub.admin, hub.desk, "/verifikasi", reply=False))[-1]
    await hub.press(hub.admin, card, f"verif:tolak:{kim.id}")
    assert "Dibatalkan" in texts(await hub.say(hub.admin, hub.desk, "/batal"))
    _, scratch = await saved(hub, "siaran", hub.admin)
    assert scratch["siaran"]["template"] == "Rapat KIM besok"
    assert "tolak_kim" not in scratch
