"""Diskusi in a forum supergroup: a news item becomes a topic, is counted and concluded."""

from __future__ import annotations

from bot.models.diskusi import DiscussionStatus
from tests.conftest import Hub, buttons, texts
from tests.diskusi.conftest import (
    KimGroup,
    delivered_news,
    in_topic,
    kim_group,
    only_discussion,
    reply_to,
    store_of,
)

TITLE = "Posyandu Kedamin gelar imunisasi campak"


async def discussed(hub: Hub, group: KimGroup) -> int:
    """A news item delivered to the group, then "Diskusikan" pressed: the topic's thread id."""
    news, message = await delivered_news(hub, group, TITLE)
    assert buttons(message)[f"diskusi:berita:{news.id}"] == "💬 Diskusikan"
    press = hub.emu.press(group.anggota, message, f"diskusi:berita:{news.id}")
    sent = await hub.process(press)
    # A topic named after the item, the opening message and the item in it.
    [created] = hub.emu.calls_to("createForumTopic")
    assert created.params["name"] == TITLE
    thread: int = created.result["message_thread_id"]
    in_thread = [m for m in sent if m.get("message_thread_id") == thread]
    assert "Diskusi: " + TITLE in in_thread[0]["text"]
    assert group.anggota.first_name in in_thread[0]["text"]
    assert "Ringkasan berita." in in_thread[1]["text"]  # the news item itself
    # Where the item was, a link to the topic.
    link = f"https://t.me/c/{-group.chat.id - 10**12}/{thread}"
    elsewhere = [m for m in sent if m.get("message_thread_id") != thread]
    assert any(e.get("url") == link for e in elsewhere[0]["entities"])
    assert "dibuka" in hub.answer_to(press)["text"]
    # A second press on the same item finds the open topic instead of making another.
    again = hub.emu.press(group.warga, message, f"diskusi:berita:{news.id}")
    await hub.process(again)
    assert "sudah berjalan" in hub.answer_to(again)["text"]
    assert len(hub.emu.calls_to("createForumTopic")) == 1
    return thread


async def test_a_news_item_becomes_a_topic_where_messages_are_counted(hub: Hub) -> None:
    group = await kim_group(hub, "KIM Kedamin", forum=True, admin=True)
    thread = await discussed(hub, group)
    # Three people write in the topic: each message and each person counted once.
    await in_topic(hub, group.ketua, group.chat, thread, "Jadwalnya Sabtu pagi?")
    await in_topic(hub, group.warga, group.chat, thread, "Betul, jam delapan.")
    update = hub.emu.text(group.ketua, group.chat, "Siap, saya umumkan.", thread_id=thread)
    await hub.process(update)
    await hub.process(update)  # the same update again after a restart: counted once
    await in_topic(hub, group.warga, group.chat, 1, "Di General: bukan diskusi ini.")
    discussion = await only_discussion(hub, group)
    assert (discussion.messages, discussion.participants) == (3, 3)  # the opener is one


async def test_the_topic_is_concluded_with_a_card_that_leads_on(hub: Hub) -> None:
    group = await kim_group(hub, "KIM Kedamin", forum=True, admin=True)
    thread = await discussed(hub, group)
    await in_topic(hub, group.warga, group.chat, thread, "Betul, jam delapan.")
    discussion = await only_discussion(hub, group)
    # The opener concludes inside the topic: the card, then the topic is closed.
    conclusion = "Warga sepakat membawa balita ke posyandu Sabtu pukul 08.00."
    [card] = await in_topic(hub, group.anggota, group.chat, thread, f"/kesimpulan {conclusion}")
    assert card["message_thread_id"] == thread
    for part in (TITLE, conclusion, "Peserta: 2", "Pesan: 1", "Lama diskusi"):
        assert part in card["text"]
    assert set(buttons(card)) == {
        f"diskusi:rencana:{discussion.id}",
        f"diskusi:aspirasi:{discussion.id}",
    }
    assert hub.emu.state.topics[(group.chat.id, thread)]["closed"] is True
    closed = await store_of(hub).get_discussion(discussion.id)
    assert closed is not None
    assert (closed.status, closed.conclusion) == (DiscussionStatus.CLOSED, conclusion)
    # "Jadikan aspirasi" opens the presser's private chat with the conclusion to file.
    press = hub.emu.press(group.ketua, card, f"diskusi:aspirasi:{discussion.id}")
    await hub.process(press)
    assert hub.answer_to(press)["url"] == (
        f"https://t.me/kim_hub_bot?start=aspirasi_diskusi_{discussion.id}"
    )
    # "Jadikan rencana implementasi" opens it too, for a report that starts from the discussion.
    press = hub.emu.press(group.ketua, card, f"diskusi:rencana:{discussion.id}")
    await hub.process(press)
    assert hub.answer_to(press)["url"] == (
        f"https://t.me/kim_hub_bot?start=impl_diskusi_{discussion.id}"
    )


async def test_conclusion_refused_to_someone_who_may_not_close_it(hub: Hub) -> None:
    group = await kim_group(hub, "KIM Nanga Era", forum=True, admin=True)
    await hub.process(
        hub.emu.text(group.anggota, group.chat, "/diskusi Perbaikan jalan usaha tani")
    )
    thread = hub.emu.calls_to("createForumTopic")[0].result["message_thread_id"]
    await in_topic(hub, group.warga, group.chat, thread, "Jalannya berlubang di km 3.")

    # A plain member who did not open it: refused, nothing changes.
    refused = await in_topic(
        hub, group.warga, group.chat, thread, "/kesimpulan Kita tunggu dana desa saja tahun depan."
    )
    assert "hanya dapat ditutup oleh pembukanya" in texts(refused)
    assert group.anggota.first_name in texts(refused)
    discussion = await only_discussion(hub, group)
    assert discussion.is_open
    assert hub.emu.calls_to("closeForumTopic") == []
    assert not hub.emu.state.topics[(group.chat.id, thread)].get("closed")

    # A group admin may close someone else's thread; a too short conclusion is explained first.
    short = await in_topic(hub, group.ketua, group.chat, thread, "/kesimpulan ok")
    assert "Tulis kesimpulannya" in texts(short)
    assert (await only_discussion(hub, group)).is_open
    done = await in_topic(
        hub, group.ketua, group.chat, thread, "/kesimpulan Gotong royong menimbun lubang Minggu."
    )
    assert "Kesimpulan diskusi" in texts(done)
    assert await store_of(hub).open_discussions(group.kim.id) == []


async def test_the_bot_without_topic_rights_says_where_to_allow_it(hub: Hub) -> None:
    group = await kim_group(hub, "KIM Sibau Hulu", forum=True)
    hub.emu.make_admin(group.chat, can_manage_topics=False)
    update = hub.emu.text(group.ketua, group.chat, "/diskusi Jadwal ronda malam\nSiapa bisa?")
    [anchor] = await hub.process(update)

    # No topic: the thread runs as replies to the bot's message, and the group is told.
    assert hub.emu.calls_to("createForumTopic") == []
    assert anchor["reply_to_message"]["message_id"] == update["message"]["message_id"]
    for part in ("Diskusi: Jadwal ronda malam", "Siapa bisa?", "Kelola topik",
                 "Pengaturan grup → Administrator → KIM Hub"):  # fmt: skip
        assert part in anchor["text"]
    assert "mode privasi" not in anchor["text"]  # an administrator sees every message

    # Replies to it, and replies to those replies, are counted.
    first, _ = await reply_to(hub, group.anggota, group.chat, anchor, "Saya bisa Senin.")
    await reply_to(hub, group.warga, group.chat, first["message"], "Saya Selasa.")
    discussion = await only_discussion(hub, group)
    assert (discussion.messages, discussion.participants, discussion.thread_id) == (2, 3, None)


async def test_without_any_admin_right_createforumtopic_is_never_tried(hub: Hub) -> None:
    group = await kim_group(hub, "KIM Sayut", forum=True)  # the bot is a plain member
    [anchor] = await hub.process(hub.emu.text(group.ketua, group.chat, "/diskusi Pupuk subsidi"))
    assert hub.emu.calls_to("createForumTopic") == []
    assert "Kelola topik" in anchor["text"]
    assert "mode privasi" in anchor["text"]  # and it sees only replies to its own messages


async def test_a_topic_the_bot_may_not_close_is_explained(hub: Hub) -> None:
    group = await kim_group(hub, "KIM Tutup", forum=True, admin=True)
    await hub.process(hub.emu.text(group.ketua, group.chat, "/diskusi Iuran kebersihan"))
    thread = hub.emu.calls_to("createForumTopic")[0].result["message_thread_id"]
    # Meanwhile the topic counts as someone else's and the bot lost "Kelola topik".
    hub.emu.state.topics[(group.chat.id, thread)]["creator"] = group.ketua.id
    group.chat.bot_rights["can_manage_topics"] = False
    card, note = await in_topic(
        hub, group.ketua, group.chat, thread, "/kesimpulan Iuran Rp5.000 per bulan mulai Mei."
    )
    assert "Kesimpulan diskusi" in card["text"]
    assert "tidak boleh menutup topiknya" in note["text"]
    assert "Pengaturan grup → Administrator → KIM Hub → Kelola topik" in note["text"]
    assert await store_of(hub).open_discussions(group.kim.id) == []  # concluded all the same
