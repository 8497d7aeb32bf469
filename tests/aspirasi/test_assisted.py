"""Assisted capture: a KIM member files a citizen's aspiration, from the group to private;
and a discussion's conclusion carried on as an aspiration by a member of its KIM."""

from __future__ import annotations

from bot.models.aspirasi import Category, Identity
from tests.aspirasi.conftest import (
    DESA,
    KECAMATAN,
    TEXT,
    KimGroup,
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


async def concluded(hub: Hub, sibau: KimGroup, conclusion: str) -> int:
    """A discussion of the KIM, concluded by its opener in the group: its id."""
    opener = sibau.members[0]
    await hub.say(opener, sibau.group, "/diskusi Irigasi sawah dusun hilir", reply=False)
    [discussion] = await store_of(hub).open_discussions(sibau.kim.id)
    assert discussion.anchor_id is not None
    await hub.process(hub.emu.text(opener, sibau.group, f"/kesimpulan {conclusion}",
                                   reply_to=discussion.anchor_id))  # fmt: skip
    closed = await store_of(hub).get_discussion(discussion.id)
    assert closed is not None
    assert closed.conclusion == conclusion
    return discussion.id


async def test_a_discussions_conclusion_becomes_an_aspiration(hub: Hub) -> None:
    sibau = await kim_group(hub)
    member = sibau.members[1]
    conclusion = "Warga sepakat meminta perbaikan irigasi sawah di dusun hilir sebelum tanam."
    discussion_id = await concluded(hub, sibau, conclusion)
    chat = hub.emu.private_chat(member)
    [ask] = only(await hub.say(member, chat, f"/start aspirasi_diskusi_{discussion_id}"), chat)
    assert "Irigasi sawah dusun hilir" in ask["text"]
    assert "atas nama KIM Sibau" in ask["text"]
    assert "Kesimpulan diskusi sudah terisi" in ask["text"]
    [place] = (await press_button(hub, member, ask, "asp:kat:pertanian"))[-1:]
    [desa] = (await press_button(hub, member, place, f"asp:kec:{KECAMATAN}"))[-1:]
    # The text is the conclusion: after the place come the photos.
    [photos] = (await press_button(hub, member, desa, f"asp:desa:{DESA}"))[-1:]
    [who] = (await press_button(hub, member, photos, "asp:foto"))[-1:]
    [summary] = (await press_button(hub, member, who, "asp:id:rahasia"))[-1:]
    assert conclusion in summary["text"]
    await press_button(hub, member, summary, "asp:kirim")
    [ticket] = await store_of(hub).aspirations_of(member.id, 10)
    assert (ticket.kim_id, ticket.text, ticket.category) == (
        sibau.kim.id,
        conclusion,
        Category.PERTANIAN,
    )
    assert ticket.identity is Identity.CONFIDENTIAL
    await deliver(hub)
    assert "lewat KIM Sibau" in card_in(hub, hub.desk, ticket.code)["text"]


async def test_a_conclusion_is_filed_only_by_a_member_of_its_kim(hub: Hub) -> None:
    sibau = await kim_group(hub)
    discussion_id = await concluded(hub, sibau, "Warga meminta lampu jalan di simpang tiga desa.")
    stranger = hub.emu.user("Tamu")
    chat = hub.emu.private_chat(stranger)
    refused = texts(
        only(await hub.say(stranger, chat, f"/start aspirasi_diskusi_{discussion_id}"), chat)
    )
    assert "hanya bisa diajukan sebagai aspirasi oleh anggota KIM Sibau" in refused
    unknown = texts(only(await hub.say(stranger, chat, "/start aspirasi_diskusi_999999"), chat))
    assert "tidak ditemukan atau belum punya kesimpulan" in unknown
    huge = texts(only(await hub.say(stranger, chat, "/start aspirasi_diskusi_" + "9" * 30), chat))
    assert "aspirasi_diskusi" not in huge  # not a link of ours: the ordinary /start answers
    assert await store_of(hub).aspirations_of(stranger.id, 10) == []
