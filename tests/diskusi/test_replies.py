"""Diskusi in an ordinary group: a reply thread under the bot's message, counted as far as the
bot can see (privacy mode), concluded by a reply, the card pinned."""

from __future__ import annotations

from tests.conftest import Hub, buttons, texts
from tests.diskusi.conftest import delivered_news, kim_group, only_discussion, reply_to, store_of

TITLE = "Pendaftaran beasiswa daerah dibuka"


async def test_a_news_item_becomes_a_reply_thread_counted_as_the_bot_sees_it(hub: Hub) -> None:
    hub.emu.state.enforce_privacy = True  # Telegram's default: privacy mode on
    group = await kim_group(hub, "KIM Bika")
    news, message = await delivered_news(hub, group, TITLE)
    press = hub.emu.press(group.ketua, message, f"diskusi:berita:{news.id}")
    [anchor] = await hub.process(press)
    assert hub.answer_to(press) is not None
    assert hub.emu.calls_to("createForumTopic") == []
    assert anchor["reply_to_message"]["message_id"] == message["message_id"]
    assert f"Diskusi: {TITLE}" in anchor["text"]
    # Privacy mode: the bot says what it cannot see, and where that is changed.
    for part in ("balasan atas balasan tidak ikut terhitung", "@BotFather", "/setprivacy",
                 "Pengaturan grup → Administrator → Tambah admin"):  # fmt: skip
        assert part in anchor["text"]
    assert "Kelola topik" not in anchor["text"]  # not a forum

    # A reply to the anchor arrives and counts; a reply to that reply never reaches the bot.
    first, _ = await reply_to(hub, group.anggota, group.chat, anchor, "Syaratnya apa saja?")
    nested, _ = await reply_to(hub, group.warga, group.chat, first["message"], "KTP dan KK.")
    assert not hub.emu.reaches_bot(nested)
    await reply_to(hub, group.warga, group.chat, anchor, "Sampai kapan?")
    discussion = await only_discussion(hub, group)
    assert (discussion.messages, discussion.participants) == (2, 3)

    # The opener concludes with a reply in the thread: the card, pinned in the group.
    conclusion = "/kesimpulan Sekretaris mengumpulkan berkas sebelum tanggal 20."
    _, sent = await reply_to(hub, group.ketua, group.chat, first["message"], conclusion)
    [card] = sent
    assert "Peserta: 3 · 💬 Pesan: 2" in card["text"]
    assert set(buttons(card)) == {f"diskusi:rencana:{discussion.id}",
                                  f"diskusi:aspirasi:{discussion.id}"}  # fmt: skip
    assert hub.emu.state.chats[group.chat.id].pinned == [card["message_id"]]
    assert await store_of(hub).open_discussions(group.kim.id) == []

    # After the close, replies in the thread no longer count.
    await reply_to(hub, group.anggota, group.chat, anchor, "Terima kasih.")
    closed = await store_of(hub).get_discussion(discussion.id)
    assert closed is not None
    assert closed.messages == 2


async def test_an_admin_bot_counts_replies_to_replies(hub: Hub) -> None:
    hub.emu.state.enforce_privacy = True
    group = await kim_group(hub, "KIM Semangut", admin=True)
    update = hub.emu.text(group.anggota, group.chat, "/diskusi Air bersih di dusun II")
    [anchor] = await hub.process(update)
    assert "mode privasi" not in anchor["text"]  # an administrator sees every message
    first, _ = await reply_to(hub, group.ketua, group.chat, anchor, "Pipa bocor di dekat SD.")
    second, _ = await reply_to(hub, group.warga, group.chat, first["message"], "Sejak Senin.")
    await reply_to(hub, group.anggota, group.chat, second["message"], "Lapor PDAM.")
    # A reply to the opener's own /diskusi message is part of the thread too.
    await reply_to(hub, group.warga, group.chat, update["message"], "Setuju dibahas.")
    await reply_to(hub, group.warga, group.chat, 999, "Bukan diskusi ini.")  # elsewhere
    discussion = await only_discussion(hub, group)
    assert (discussion.messages, discussion.participants) == (4, 3)


async def test_a_pin_refused_is_explained(hub: Hub) -> None:
    group = await kim_group(hub, "KIM Super")
    hub.emu.state.chats[group.chat.id].members_can_pin = False
    [anchor] = await hub.process(hub.emu.text(group.ketua, group.chat, "/diskusi Lomba 17-an"))
    _, sent = await reply_to(hub, group.ketua, group.chat, anchor,
                             "/kesimpulan Panitia dibentuk Jumat malam di balai desa.")  # fmt: skip
    card, note = sent
    assert "Kesimpulan diskusi" in card["text"]
    assert "tidak boleh menyematkan" in note["text"]
    assert "Sematkan pesan" in note["text"]
    assert hub.emu.state.chats[group.chat.id].pinned == []


async def test_kesimpulan_outside_a_thread_says_where_to_type_it(hub: Hub) -> None:
    group = await kim_group(hub, "KIM Pala Pulau")
    outside = await hub.process(hub.emu.text(group.ketua, group.chat, "/kesimpulan Sudah beres."))
    assert "tidak ada diskusi yang berjalan" in texts(outside)
    await hub.process(hub.emu.text(group.ketua, group.chat, "/diskusi Kerja bakti"))
    outside = await hub.process(hub.emu.text(group.ketua, group.chat, "/kesimpulan Sudah beres."))
    assert "sebagai balasan (reply)" in texts(outside)
    assert "Ada 1 diskusi yang berjalan" in texts(outside)
    assert (await only_discussion(hub, group)).is_open
