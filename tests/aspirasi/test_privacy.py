"""A rahasia or anonim reporter's name, username and Telegram id reach no group, ever; and
/hapusdata leaves the ticket for the statistics without the person."""

from __future__ import annotations

import json
import re

from bot.emulator import User
from bot.models.aspirasi import Identity, Status
from tests.aspirasi.conftest import (
    KECAMATAN,
    Opds,
    act,
    card_in,
    deliver,
    kim_group,
    only,
    press_button,
    store_of,
    submit,
)
from tests.conftest import Hub, buttons, texts


def leaks(hub: Hub, person: User) -> list[str]:
    """Every call to a group (any method) whose parameters carry the person's name, username
    or id; the whole parameters are read, buttons and captions included."""
    id_pattern = re.compile(rf"(?<!\d){person.id}(?!\d)")
    found = []
    for call in hub.emu.calls:
        chat_id = call.params.get("chat_id")
        if not isinstance(chat_id, int) or chat_id >= 0:
            continue
        params = json.dumps(call.params, ensure_ascii=False, default=str)
        named = [w for w in (person.first_name, person.username) if w and w in params]
        if named or id_pattern.search(params):
            found.append(f"{call.method} to {chat_id}: {params[:300]}")
    return found


async def test_a_rahasia_reporter_appears_in_no_group_message(desk_hub: Hub, opds: Opds) -> None:
    hub = desk_hub
    secret = hub.emu.user("Rahasiawati", last_name="Kusuma", username="rahasia_wati")
    citizen = hub.emu.private_chat(secret)
    asp = await submit(hub, secret, identity="rahasia")
    assert (asp.identity, asp.reporter_name, asp.reporter_id) == (
        Identity.CONFIDENTIAL,
        None,
        secret.id,
    )
    code, n = asp.code, asp.id
    # Every way a ticket shows in a group: the desk's card and its edits, the OPD's card,
    # a question and the answer, /aspirasi_masuk and an opened card, the end and a reopening.
    await act(hub, hub.admin, hub.desk, code, f"aspm:st:{n}:diverifikasi", "Dicek Rahasia?")
    await press_button(hub, hub.admin, card_in(hub, hub.desk, code), f"aspm:opd:{n}")
    replies = await press_button(hub, hub.admin, card_in(hub, hub.desk, code), f"aspm:ke:{n}:pupr")
    await press_button(hub, hub.admin, only(replies, hub.desk)[-1], "aspm:tanpa")
    await act(hub, opds.pupr_staff, opds.pupr, code, f"aspm:tanya:{n}", "Di RT berapa?")
    question = [m for m in hub.emu.sent(citizen) if "Di RT berapa?" in m.get("text", "")][-1]
    await press_button(hub, secret, question, f"aspw:jawab:{n}")
    await hub.say(secret, citizen, "RT 03, rumah saya dekat masjid.")
    await deliver(hub)  # the answer's notices first: the listing is then the desk's last word
    listing = only(await hub.say(hub.admin, hub.desk, "/aspirasi_masuk", reply=False), hub.desk)
    [page] = [m for m in listing if f"aspm:buka:{n}" in buttons(m)]
    await press_button(hub, hub.admin, page, f"aspm:buka:{n}")
    await hub.say(opds.pupr_staff, opds.pupr, "/aspirasi_masuk", reply=False)
    await act(hub, opds.pupr_staff, opds.pupr, code, f"aspm:st:{n}:selesai", "Sudah diperbaiki.")
    done = [m for m in hub.emu.sent(citizen) if "🏁 Selesai" in m.get("text", "")][-1]
    await press_button(hub, secret, done, f"aspw:ulang:{n}")
    await hub.say(secret, citizen, "Masih rusak di depan rumah saya.")
    await deliver(hub)
    reopened = await store_of(hub).get_aspiration(n)
    assert reopened is not None
    assert reopened.status == Status.FORWARDED
    group_calls = [c for c in hub.emu.calls if isinstance(c.params.get("chat_id"), int)
                   and c.params["chat_id"] < 0]  # fmt: skip
    assert len(group_calls) > 15  # the scan below did look at something
    assert "dirahasiakan" in card_in(hub, hub.desk, code)["text"]
    assert leaks(hub, secret) == []


async def test_anonymous_and_assisted_reporters_appear_in_no_group_message(
    desk_hub: Hub, opds: Opds
) -> None:
    hub = desk_hub
    anon = hub.emu.user("Anonimus", username="anon_kh")
    asp = await submit(hub, anon, identity="anonim")
    assert asp.reporter_name is None
    sibau = await kim_group(hub)
    member = sibau.members[2]
    chat = hub.emu.private_chat(member)
    [ask] = only(await hub.say(member, chat, "/start aspirasi_kim"), chat)
    [place] = (await press_button(hub, member, ask, "asp:kat:kesehatan"))[-1:]
    [desa] = (await press_button(hub, member, place, f"asp:kec:{KECAMATAN}"))[-1:]
    await press_button(hub, member, desa, "asp:desa:61.06.01.2011")
    [photos] = (await hub.say(member, chat, "Posyandu dusun kami tidak punya timbangan bayi."))[-1:]
    [who] = (await press_button(hub, member, photos, "asp:foto"))[-1:]
    [summary] = (await press_button(hub, member, who, "asp:id:rahasia"))[-1:]
    await press_button(hub, member, summary, "asp:kirim")
    await deliver(hub)
    for ticket in await store_of(hub).open_aspirations(10):
        await act(hub, hub.admin, hub.desk, ticket.code, f"aspm:st:{ticket.id}:diverifikasi",
                  "Terverifikasi.")  # fmt: skip
    assert "anonim" in card_in(hub, hub.desk, asp.code)["text"]
    assert leaks(hub, anon) == []
    assert leaks(hub, member) == []


async def test_hapusdata_keeps_the_ticket_without_the_reporter(desk_hub: Hub) -> None:
    hub, store = desk_hub, store_of(desk_hub)
    siti = hub.emu.user("Siti", username="siti_kh")
    chat = hub.emu.private_chat(siti)
    asp = await submit(hub, siti)
    await deliver(hub)
    [ask] = only(await hub.say(siti, chat, "/hapusdata"), chat)
    assert "Aspirasi Anda tetap tercatat" in ask["text"]
    await hub.press(siti, ask, "hapusdata:ya")
    kept = await store.get_aspiration(asp.id)
    assert kept is not None
    assert (kept.reporter_id, kept.reporter_name, kept.text) == (None, None, asp.text)
    assert "tidak ditemukan" in texts(only(await hub.say(siti, chat, f"/status {asp.code}"), chat))
    # The desk can still move it on, but nobody is there to hear or to be asked.
    press = hub.emu.press(hub.admin, card_in(hub, hub.desk, asp.code), f"aspm:tanya:{asp.id}")
    await hub.process(press)
    assert "sudah menghapus datanya" in hub.answer_to(press)["text"]
    before = len(hub.emu.sent(chat))
    await act(hub, hub.admin, hub.desk, asp.code, f"aspm:st:{asp.id}:diverifikasi", "Dicek.")
    assert len(hub.emu.sent(chat)) == before
    card = card_in(hub, hub.desk, asp.code)  # edited with the change: the name is gone
    assert "Siti" not in card["text"]
    assert "Pelapor: (nama dihapus)" in card["text"]
    assert buttons(card)
