"""The desk's decisions with a reason: ditolak, duplikat (of another code), a second press on
an old card, /batal; and /aspirasi_masuk, open tickets by age, paged."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from bot.models.aspirasi import Category, Identity, NewAspiration, Opd, OpdConfig, Status
from bot.models.people import Role
from bot.store import Change
from tests.aspirasi.conftest import (
    TEXT,
    Opds,
    act,
    card_in,
    deliver,
    only,
    press_button,
    store_of,
    submit,
)
from tests.conftest import Hub, HubFactory, buttons, texts


async def test_rejection_needs_a_reason_and_the_citizen_reads_it(desk_hub: Hub) -> None:
    hub = desk_hub
    warga = hub.emu.user("Siti")
    citizen = hub.emu.private_chat(warga)
    asp = await submit(hub, warga)
    await deliver(hub)
    asked = await press_button(hub, hub.admin, card_in(hub, hub.desk, asp.code),
                               f"aspm:st:{asp.id}:ditolak")  # fmt: skip
    prompt = only(asked, hub.desk)[-1]
    assert "wajib" in prompt["text"]
    assert "aspm:tanpa" not in buttons(prompt)  # a reason cannot be skipped
    press = hub.emu.press(hub.admin, prompt, "aspm:tanpa")  # nor forged away
    assert "Catatan harus 5–1000" in texts(await hub.process(press))
    assert "Catatan harus 5–1000" in texts(await hub.say(hub.admin, hub.desk, "ok"))
    assert (await store_of(hub).get_aspiration(asp.id)) == asp
    said = texts(await hub.say(hub.admin, hub.desk, "Bukan kewenangan pemerintah kabupaten."))
    assert "sekarang: ✖️ Ditolak" in said
    await deliver(hub)
    notice = hub.emu.sent(citizen)[-1]["text"]
    assert "✖️ Ditolak" in notice
    assert "Bukan kewenangan pemerintah kabupaten." in notice
    assert buttons(card_in(hub, hub.desk, asp.code)) == {}


async def test_duplicate_names_the_original_code(desk_hub: Hub) -> None:
    hub = desk_hub
    first = await submit(hub, hub.emu.user("Siti"))
    warga = hub.emu.user("Budi")
    second = await submit(hub, warga, text=TEXT + " Mohon perhatiannya.")
    await deliver(hub)
    card = card_in(hub, hub.desk, second.code)
    prompt = only(await press_button(hub, hub.admin, card, f"aspm:st:{second.id}:duplikat"),
                  hub.desk)[-1]  # fmt: skip
    assert "kode aspirasi aslinya" in prompt["text"]
    assert "Sebutkan kode" in texts(await hub.say(hub.admin, hub.desk, "Sama lokasinya."))
    no_reason = texts(await hub.say(hub.admin, hub.desk, f"{first.code} ."))
    assert f"Tambahkan alasannya setelah kode {first.code}" in no_reason
    itself = texts(await hub.say(hub.admin, hub.desk, f"{second.code} sama saja"))
    assert "tidak ditemukan (atau itu aspirasi ini sendiri)" in itself
    unknown = texts(await hub.say(hub.admin, hub.desk, "ASP-2001-0099 sama saja"))
    assert "ASP-2001-0099 tidak ditemukan" in unknown
    await hub.say(hub.admin, hub.desk, f"Sama dengan {first.code.lower()}: lokasinya sama")
    await deliver(hub)
    marked = await store_of(hub).get_aspiration(second.id)
    assert marked is not None
    assert (marked.status, marked.duplicate_of) == (Status.DUPLICATE, first.code)
    notice = hub.emu.sent(hub.emu.private_chat(warga))[-1]["text"]
    assert f"Sama dengan aspirasi {first.code}" in notice
    assert f"Duplikat dari {first.code}" in card_in(hub, hub.desk, second.code)["text"]


async def test_a_second_press_on_an_old_card_changes_nothing(desk_hub: Hub) -> None:
    hub = desk_hub
    asp = await submit(hub, hub.emu.user("Siti"))
    await deliver(hub)
    old = card_in(hub, hub.desk, asp.code)
    await act(hub, hub.admin, hub.desk, asp.code, f"aspm:st:{asp.id}:diverifikasi", None)
    press = hub.emu.press(hub.admin, old, f"aspm:st:{asp.id}:diverifikasi")
    await hub.process(press)
    told = hub.answer_to(press)["text"]
    assert "sudah berubah menjadi ✅ Diverifikasi (Diskominfo, " in told
    assert " WIB)" in told
    events = await store_of(hub).aspiration_events(asp.id)
    assert [e.status for e in events] == [Status.RECEIVED, Status.VERIFIED]
    # Two admins start the same change; the second note arrives after the first decided.
    other = hub.emu.user("Rudi")
    hub.desk.set_member(other, "administrator")
    await store_of(hub).grant_role(other.id, Role.ADMIN, hub.admin.id)
    card = card_in(hub, hub.desk, asp.code)
    await press_button(hub, hub.admin, card, f"aspm:st:{asp.id}:selesai")
    await press_button(hub, other, card, f"aspm:st:{asp.id}:selesai")
    await hub.say(hub.admin, hub.desk, "Sudah ditangani desa.")
    late = texts(await hub.say(other, hub.desk, "Selesai juga dari saya."))
    assert "sudah berubah menjadi 🏁 Selesai" in late
    done = [e for e in await store_of(hub).aspiration_events(asp.id) if e.status == Status.DONE]
    assert [e.note for e in done] == ["Sudah ditangani desa."]


async def test_cancel_while_a_note_is_awaited(desk_hub: Hub) -> None:
    hub = desk_hub
    asp = await submit(hub, hub.emu.user("Siti"))
    await deliver(hub)
    await press_button(
        hub, hub.admin, card_in(hub, hub.desk, asp.code), f"aspm:st:{asp.id}:ditolak"
    )
    assert "tidak ada yang diubah" in texts(await hub.say(hub.admin, hub.desk, "/batal"))
    assert await store_of(hub).get_aspiration(asp.id) == asp


def ticket(n: int, filed: datetime, reporter: int = 7) -> NewAspiration:
    return NewAspiration(
        Category.INFRASTRUKTUR, f"{TEXT} ({n})", Identity.ANONYMOUS, reporter, None, filed,
        filed + timedelta(days=3), filed.strftime("%y%m"),
    )  # fmt: skip


async def test_incoming_lists_open_tickets_oldest_first(start_hub: HubFactory, opds: Opds) -> None:
    now = datetime(2026, 11, 20, 3, 0, tzinfo=UTC)
    async with start_hub(clock=lambda: now) as hub:
        store = store_of(hub)
        for n in range(12):
            filed = now - timedelta(days=12 - n)
            await store.file_aspiration(ticket(n, filed, reporter=100 + n), limit=5,
                                        day_start=filed, repeat_since=filed)  # fmt: skip
        desk = only(await hub.say(hub.admin, hub.desk, "/aspirasi_masuk", reply=False), hub.desk)
        first = desk[-1]
        assert "Aspirasi terbuka — 12" in first["text"]
        codes = re.findall(r"ASP-\d{4}-\d{4}", first["text"])
        assert codes[0] == "ASP-2611-0001"  # the oldest, 12 days waiting
        assert "12 hari" in first["text"]
        assert "lewat batas verifikasi" in first["text"]
        assert "Halaman 1 dari 2" in first["text"]
        assert "aspm:hal:1" in buttons(first)
        await press_button(hub, hub.admin, first, "aspm:hal:1")  # turned in place
        assert "Halaman 2 dari 2" in hub.last(hub.desk)["text"]
        assert "ASP-2611-0012" in hub.last(hub.desk)["text"]
        opened = only(await press_button(hub, hub.admin, hub.last(hub.desk), "aspm:buka:12"),
                      hub.desk)  # fmt: skip
        assert opened[-1]["text"].startswith("📣 Aspirasi ASP-2611-0012")
        assert "aspm:st:12:diverifikasi" in buttons(opened[-1])
        # A citizen may not look; an OPD group sees only what was forwarded to it (none yet).
        warga = hub.emu.user("Siti")
        refused = await hub.say(warga, hub.emu.private_chat(warga), "/aspirasi_masuk")
        assert "hanya untuk admin" in texts(refused)
        await store.change_aspiration(12, (Status.RECEIVED, None), Change(
            Status.FORWARDED, None, "diskominfo", hub.admin.id, opd_id="pupr"))  # fmt: skip
        hub.services.add(OpdConfig((Opd("pupr", "Dinas PUPR", opds.pupr.id, ()),)))
        pupr = texts(await hub.say(opds.pupr_staff, opds.pupr, "/aspirasi_masuk", reply=False))
        assert "Aspirasi terbuka — 1" in pupr
        assert "ASP-2611-0012" in pupr


async def test_a_note_counts_only_in_the_chat_of_its_button(desk_hub: Hub) -> None:
    hub, store = desk_hub, store_of(desk_hub)
    first = await submit(hub, hub.emu.user("Siti"))
    second = await submit(hub, hub.emu.user("Budi"), text=TEXT + " Kami menunggu.")
    await deliver(hub)
    await press_button(hub, hub.admin, card_in(hub, hub.desk, first.code),
                       f"aspm:st:{first.id}:ditolak")  # fmt: skip
    # Meanwhile the same admin opens the second in private and presses Tolak there.
    private = hub.emu.private_chat(hub.admin)
    [listing] = only(await hub.say(hub.admin, private, "/aspirasi_masuk"), private)
    [card] = only(await press_button(hub, hub.admin, listing, f"aspm:buka:{second.id}"), private)
    await press_button(hub, hub.admin, card, f"aspm:st:{second.id}:ditolak")
    # The reply to the desk's prompt must not reject the second ticket.
    lost = texts(await hub.say(hub.admin, hub.desk, "Bukan kewenangan kabupaten."))
    assert "tombolnya ditekan di chat lain" in lost
    assert await store.get_aspiration(first.id) == first
    assert await store.get_aspiration(second.id) == second
