"""Assisted capture: a KIM member files a citizen's aspiration, from the group to private;
and a discussion's conclusion filed as an aspiration (file_from_text, for Diskusi)."""

from __future__ import annotations

import pytest

from bot.context import BotContext
from bot.models.aspirasi import AspirationRefused, Category, Identity
from handlers.aspirasi.filing import file_from_text
from tests.aspirasi.conftest import (
    DESA,
    KECAMATAN,
    TEXT,
    card_in,
    deliver,
    kim_group,
    only,
    press_button,
    store_of,
)
from tests.conftest import Hub, texts


async def test_a_member_files_for_a_citizen_in_private(hub: Hub) -> None:
    sibau = await kim_group(hub)
    member = sibau.members[1]
    [invite] = await hub.say(member, sibau.group, "/aspirasi", reply=False)
    assert invite["chat"]["id"] == sibau.group.id
    [[link]] = invite["reply_markup"]["inline_keyboard"]
    assert link["url"] == "https://t.me/kim_hub_bot?start=aspirasi_kim"
    chat = hub.emu.private_chat(member)
    [ask] = only(await hub.say(member, chat, "/start aspirasi_kim"), chat)
    assert "atas nama warga" in ask["text"]
    assert "KIM Sibau" in ask["text"]
    [place] = (await press_button(hub, member, ask, "asp:kat:pertanian"))[-1:]
    [desa] = (await press_button(hub, member, place, f"asp:kec:{KECAMATAN}"))[-1:]
    await press_button(hub, member, desa, f"asp:desa:{DESA}")
    [photos] = (await hub.say(member, chat, TEXT))[-1:]
    [who] = (await press_button(hub, member, photos, "asp:foto"))[-1:]
    assert "identitas warga" in who["text"]
    [name] = (await press_button(hub, member, who, "asp:id:tampil"))[-1:]
    assert "nama warga" in name["text"]
    assert "Nama harus" in texts(await hub.say(member, chat, "x"))
    [summary] = (await hub.say(member, chat, "Pak Darto"))[-1:]
    assert "Pak Darto" in summary["text"]
    filed = texts(await press_button(hub, member, summary, "asp:kirim"))
    assert "sampaikan kepada warga" in filed
    [ticket] = await store_of(hub).aspirations_of(member.id, 10)
    assert (ticket.kim_id, ticket.reporter_name) == (sibau.kim.id, "Pak Darto")
    await deliver(hub)
    card = card_in(hub, hub.desk, ticket.code)
    assert "Pelapor: Pak Darto · lewat KIM Sibau" in card["text"]
    assert member.first_name not in card["text"]
    # The group only ever saw the invitation.
    assert [m["text"] for m in hub.emu.sent(sibau.group)] == [invite["text"]]


async def test_others_are_pointed_to_their_own_private_chat(hub: Hub) -> None:
    sibau = await kim_group(hub)
    stranger = hub.emu.user("Tamu")
    sibau.group.set_member(stranger, "member")
    [invite] = await hub.say(stranger, sibau.group, "/aspirasi", reply=False)
    [[link]] = invite["reply_markup"]["inline_keyboard"]
    assert link["url"] == "https://t.me/kim_hub_bot?start=aspirasi"
    chat = hub.emu.private_chat(stranger)
    refused = texts(only(await hub.say(stranger, chat, "/start aspirasi_kim"), chat))
    assert "belum terdaftar sebagai anggota KIM" in refused
    own = texts(only(await hub.say(stranger, chat, "/start aspirasi"), chat))
    assert "Sampaikan aspirasi" in own
    assert "atas nama warga" not in own


async def test_a_discussions_conclusion_becomes_an_aspiration(hub: Hub) -> None:
    sibau = await kim_group(hub)
    member = sibau.members[0]
    context = BotContext(hub.app)
    conclusion = "Warga sepakat meminta perbaikan irigasi sawah di dusun hilir sebelum tanam."
    ticket = await file_from_text(context, text=conclusion, reporter_id=member.id,
                                  kim_id=sibau.kim.id)  # fmt: skip
    assert (ticket.category, ticket.identity) == (Category.LAINNYA, Identity.SHOWN)
    assert (ticket.kim_id, ticket.desa_kode, ticket.reporter_id) == (sibau.kim.id, DESA, member.id)
    await deliver(hub)
    assert "lewat KIM Sibau" in card_in(hub, hub.desk, ticket.code)["text"]
    with pytest.raises(AspirationRefused) as refused:
        await file_from_text(context, text=conclusion, reporter_id=member.id, kim_id=sibau.kim.id)
    assert refused.value.reason == "duplicate"
    with pytest.raises(AspirationRefused) as refused:
        await file_from_text(context, text="terlalu pendek", reporter_id=member.id)
    assert refused.value.reason == "length"
