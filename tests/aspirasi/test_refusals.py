"""Every refusal is polite, in Indonesian, and changes nothing: texts too short or too long, a
photo where text was expected, the sixth aspiration of a day, the same text twice, a desk
button pressed by a non-admin, an OPD acting on another OPD's ticket, /status with someone
else's or a malformed code.
"""

from __future__ import annotations

from datetime import timedelta

from bot.emulator import User
from bot.models.aspirasi import Category, Identity, NewAspiration
from bot.store import utcnow
from handlers.aspirasi.draft import DRAFT, Step
from tests.aspirasi.conftest import (
    KECAMATAN,
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


async def at_text_step(hub: Hub, warga: User) -> None:
    """Start /aspirasi and answer up to the step that asks for the text."""
    chat = hub.emu.private_chat(warga)
    [ask] = only(await hub.say(warga, chat, "/aspirasi"), chat)
    [place] = (await press_button(hub, warga, ask, "asp:kat:kesehatan"))[-1:]
    [desa] = (await press_button(hub, warga, place, f"asp:kec:{KECAMATAN}"))[-1:]
    await press_button(hub, warga, desa, "asp:desa:61.06.01.2011")


def step_of(hub: Hub, warga: User) -> object:
    """The submission conversation's state for the citizen's private chat."""
    [handler] = [h for h in hub.app.handlers[0] if getattr(h, "name", None) == "aspirasi"]
    return handler._conversations.get((warga.id, warga.id))  # type: ignore[attr-defined]


async def test_short_long_and_photo_answers_are_refused_and_nothing_changes(hub: Hub) -> None:
    warga = hub.emu.user("Ani")
    chat = hub.emu.private_chat(warga)
    await at_text_step(hub, warga)
    before = dict(hub.app.user_data[warga.id]["aspirasi"])
    short = texts(await hub.say(warga, chat, "Jalan rusak"))
    assert "panjangnya 11 karakter; yang diminta 20–2000 karakter" in short
    long = texts(await hub.say(warga, chat, "x" * 2001))
    assert "panjangnya 2001 karakter" in long
    photo = texts(await hub.process(hub.emu.photo(warga, chat)))
    assert "teks aspirasi" in photo
    assert "Foto bisa dikirim di langkah berikutnya" in photo
    assert hub.app.user_data[warga.id]["aspirasi"] == before
    assert step_of(hub, warga) == Step.TEXT
    # The right answer still goes through.
    assert "foto" in texts(await hub.say(warga, chat, TEXT)).lower()
    assert DRAFT.kind.from_json(hub.app.user_data[warga.id]["aspirasi"]).text == TEXT


def filed(reporter: int, n: int) -> NewAspiration:
    now = utcnow()
    return NewAspiration(Category.LAINNYA, f"{TEXT} ({n})", Identity.ANONYMOUS, reporter, None,
                         now, now + timedelta(days=3), now.strftime("%y%m"))  # fmt: skip


async def test_the_sixth_aspiration_of_the_day_is_refused(hub: Hub) -> None:
    warga = hub.emu.user("Ani")
    chat = hub.emu.private_chat(warga)
    store = store_of(hub)
    start = utcnow() - timedelta(hours=1)
    for n in range(4):
        await store.file_aspiration(filed(warga.id, n), limit=5, day_start=start,
                                    repeat_since=start)  # fmt: skip
    # The fifth goes through; meanwhile another one is filed (a second phone): the confirm
    # of what would be the sixth is refused, its draft forgotten.
    await at_text_step(hub, warga)
    await hub.say(warga, chat, TEXT)
    [who] = (await press_button(hub, warga, hub.last(chat), "asp:foto"))[-1:]
    [summary] = (await press_button(hub, warga, who, "asp:id:anonim"))[-1:]
    await store.file_aspiration(filed(warga.id, 9), limit=5, day_start=start, repeat_since=start)
    refused = texts(await press_button(hub, warga, summary, "asp:kirim"))
    assert "hari ini sudah 5 aspirasi terkirim" in refused
    assert await store.count_aspirations_of(warga.id) == 5
    assert "aspirasi" not in hub.app.user_data[warga.id]
    # And /aspirasi says so before anything is typed.
    assert "batas harian" in texts(await hub.say(warga, chat, "/aspirasi"))
    assert step_of(hub, warga) is None


async def test_the_daily_limit_is_configurable(start_hub: HubFactory) -> None:
    async with start_hub(aspirasi_daily_limit=1) as hub:
        warga = hub.emu.user("Ani")
        await submit(hub, warga)
        answer = texts(await hub.say(warga, hub.emu.private_chat(warga), "/aspirasi"))
        assert "hari ini sudah 1 aspirasi terkirim" in answer


async def test_the_same_text_within_a_day_is_refused(hub: Hub) -> None:
    warga = hub.emu.user("Ani")
    chat = hub.emu.private_chat(warga)
    await submit(hub, warga)
    await at_text_step(hub, warga)
    again = texts(await hub.say(warga, chat, TEXT.upper()))
    assert "teks yang sama sudah Anda kirim dalam 24 jam" in again
    assert step_of(hub, warga) == Step.TEXT
    assert await store_of(hub).count_aspirations_of(warga.id) == 1


async def test_a_non_admin_pressing_a_desk_button_changes_nothing(desk_hub: Hub) -> None:
    hub = desk_hub
    asp = await submit(hub, hub.emu.user("Siti"))
    await deliver(hub)
    staff = hub.emu.user("Magang")
    hub.desk.set_member(staff, "member")
    card = card_in(hub, hub.desk, asp.code)
    for data in (f"aspm:st:{asp.id}:diverifikasi", f"aspm:st:{asp.id}:ditolak",
                 f"aspm:opd:{asp.id}", f"aspm:tanya:{asp.id}"):  # fmt: skip
        press = hub.emu.press(staff, card, data)
        assert await hub.process(press) == []
        assert "Hanya admin Diskominfo, atau OPD yang ditugasi" in hub.answer_to(press)["text"]
    unchanged = await store_of(hub).get_aspiration(asp.id)
    assert unchanged == asp
    # Typing in the desk afterwards is not taken as a note.
    assert await hub.say(staff, hub.desk, "Sudah dicek.") == []


async def forward(hub: Hub, code: str, n: int, opd: str) -> None:
    """The admin forwards a ticket from the desk's card to an OPD, without a note."""
    await deliver(hub)
    await press_button(hub, hub.admin, card_in(hub, hub.desk, code), f"aspm:opd:{n}")
    replies = await press_button(hub, hub.admin, card_in(hub, hub.desk, code),
                                 f"aspm:ke:{n}:{opd}")  # fmt: skip
    await press_button(hub, hub.admin, only(replies, hub.desk)[-1], "aspm:tanpa")
    await deliver(hub)


async def test_an_opd_cannot_act_on_another_opds_ticket(desk_hub: Hub, opds: Opds) -> None:
    hub, store = desk_hub, store_of(desk_hub)
    asp = await submit(hub, hub.emu.user("Siti"))
    await act(hub, hub.admin, hub.desk, asp.code, f"aspm:st:{asp.id}:diverifikasi", None)
    # First sent to Dinkes by mistake, then on to PUPR: Dinkes keeps its (now bare) card.
    await forward(hub, asp.code, asp.id, "dinkes")
    old_card = card_in(hub, opds.dinkes, asp.code)
    await forward(hub, asp.code, asp.id, "pupr")
    assert buttons(card_in(hub, opds.dinkes, asp.code)) == {}
    before = await store.get_aspiration(asp.id)
    assert before is not None
    assert before.opd_id == "pupr"
    for data in (f"aspm:st:{asp.id}:selesai", f"aspm:tanya:{asp.id}", f"aspm:opd:{asp.id}"):
        press = hub.emu.press(opds.dinkes_staff, old_card, data)
        await hub.process(press)
        assert "ditangani OPD lain" in hub.answer_to(press)["text"]
    assert await store.get_aspiration(asp.id) == before
    # PUPR's own group may.
    card = card_in(hub, opds.pupr, asp.code)
    replies = await press_button(hub, opds.pupr_staff, card, f"aspm:st:{asp.id}:ditindaklanjuti")
    assert "catatan untuk pelapor" in texts(replies)


async def test_status_of_someone_elses_or_a_malformed_code(hub: Hub) -> None:
    siti, budi = hub.emu.user("Siti"), hub.emu.user("Budi")
    asp = await submit(hub, siti)
    budi_chat = hub.emu.private_chat(budi)
    await deliver(hub)
    other = texts(only(await hub.say(budi, budi_chat, f"/status {asp.code}"), budi_chat))
    unknown = texts(only(await hub.say(budi, budi_chat, "/status ASP-2001-9999"), budi_chat))
    assert "tidak ditemukan di antara aspirasi Anda" in other
    assert other.replace(asp.code, "X") == unknown.replace("ASP-2001-9999", "X")  # no probing
    assert TEXT not in other
    malformed = texts(await hub.say(budi, budi_chat, "/status ASP-26-1"))
    assert "bukan kode aspirasi" in malformed
    assert "ASP-TTBB-NNNN" in malformed
    assert "Ketik kode pelacakan" in texts(await hub.say(budi, budi_chat, "/status"))
    own = texts(await hub.say(siti, hub.emu.private_chat(siti), f"/status {asp.code.lower()}"))
    assert TEXT in own
    assert "Riwayat" in own
    assert "<b>" not in own  # Telegram HTML, not escaped tags
    group = hub.emu.group("Grup", admins=[siti])
    assert "chat pribadi" in texts(await hub.say(siti, group, f"/status {asp.code}", reply=False))
