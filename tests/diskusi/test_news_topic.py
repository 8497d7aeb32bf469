"""Forum groups: /topik chooses the topic that receives news and broadcasts (General unless
chosen), news and broadcasts go there, and "Diskusikan" under a broadcast opens a topic."""

from __future__ import annotations

from typing import Any

from bot.models.diseminasi import Content, ContentKind, Schedule, ScheduleKind, Target, TargetKind
from bot.store import utcnow
from broadcasts.diseminasi.schedule import run_due
from tests.conftest import Hub, buttons, texts
from tests.diskusi.conftest import (
    KimGroup,
    context_of,
    delivered_news,
    in_topic,
    kim_group,
    only_discussion,
    store_of,
)


async def broadcast(hub: Hub, text: str) -> int:
    """A text broadcast to every KIM, run now and delivered; the run's id."""
    content, target = Content(ContentKind.TEXT, text), Target(TargetKind.ALL)
    once = Schedule(ScheduleKind.ONCE)
    saved = await store_of(hub).create_broadcast(hub.admin.id, content, target, once, utcnow())
    run = await run_due(context_of(hub), saved.id, utcnow())
    assert run is not None
    await hub.outbox.wait_idle()
    return run.id


async def topic_view(hub: Hub, group: KimGroup, thread: int | None) -> dict[str, Any]:
    """/topik typed by the group's admin in a topic (None: General); the bot's answer."""
    update = hub.emu.text(group.ketua, group.chat, "/topik", thread_id=thread)
    [view] = await hub.process(update)
    return view


async def test_news_and_broadcasts_go_to_the_chosen_topic(hub: Hub) -> None:
    group = await kim_group(hub, "KIM Forum", forum=True, admin=True)
    view = await topic_view(hub, group, None)
    assert "masuk ke topik General" in view["text"]
    assert buttons(view)["topikforum:baru"] == "➕ Buat topik khusus berita"

    # A plain member may not choose; the group's admin makes a topic for news with ➕.
    refused = hub.emu.press(group.warga, view, "topikforum:baru")
    await hub.process(refused)
    assert "Hanya admin grup" in hub.answer_to(refused)["text"]
    await hub.press(group.ketua, view, "topikforum:baru")
    [created] = hub.emu.calls_to("createForumTopic")
    thread = created.result["message_thread_id"]
    shown = next(m for m in hub.emu.sent(group.chat) if m["message_id"] == view["message_id"])
    assert "masuk ke topik 📰 Berita & Siaran" in shown["text"]
    assert "topikforum:0" in buttons(shown)

    news, message = await delivered_news(hub, group, "Harga karet naik")
    assert message["message_thread_id"] == thread
    run_id = await broadcast(hub, "Info untuk {{ kim.nama }}")
    siaran = next(m for m in hub.emu.sent(group.chat) if "Info untuk" in m.get("text", ""))
    assert siaran["message_thread_id"] == thread
    assert f"diskusi:siaran:{run_id}" in buttons(siaran)

    # Back to General.
    await hub.press(group.ketua, shown, "topikforum:0")
    assert await store_of(hub).news_thread(group.kim.id) is None
    assert news.id


async def test_this_topic_is_chosen_from_inside_it(hub: Hub) -> None:
    group = await kim_group(hub, "KIM Forum Dua", forum=True, admin=True)
    await hub.process(hub.emu.text(group.ketua, group.chat, "/diskusi Rapat bulanan"))
    thread = hub.emu.calls_to("createForumTopic")[0].result["message_thread_id"]
    view = await topic_view(hub, group, thread)
    assert view["message_thread_id"] == thread
    await hub.press(group.ketua, view, f"topikforum:{thread}")
    chosen = await store_of(hub).news_thread(group.kim.id)
    assert chosen is not None
    assert chosen.thread_id == thread
    again = next(m for m in hub.emu.sent(group.chat) if m["message_id"] == view["message_id"])
    assert f"topik #{thread}" in again["text"]
    assert f"topikforum:{thread}" not in buttons(again)  # it is the chosen one already


async def test_without_topic_rights_the_admin_is_told_where_to_allow_them(hub: Hub) -> None:
    group = await kim_group(hub, "KIM Forum Tiga", forum=True)
    view = await topic_view(hub, group, None)
    press = hub.emu.press(group.ketua, view, "topikforum:baru")
    await hub.process(press)
    answer = hub.answer_to(press)["text"]
    assert "Kelola topik" in answer
    assert len(answer) <= 200
    assert await store_of(hub).news_thread(group.kim.id) is None
    # An ordinary group's /topik has no forum part at all.
    plain = await kim_group(hub, "KIM Biasa")
    view = await topic_view(hub, plain, None)
    assert "topikforum:baru" not in buttons(view)
    assert "General" not in view["text"]


async def test_a_broadcast_is_discussed_in_a_topic_of_its_own(hub: Hub) -> None:
    group = await kim_group(hub, "KIM Siaran", forum=True, admin=True)
    run_id = await broadcast(hub, "Vaksinasi PMK ternak tanggal 5\nBawa kartu ternak.")
    message = next(m for m in hub.emu.sent(group.chat) if "Vaksinasi" in m.get("text", ""))
    await hub.press(group.anggota, message, f"diskusi:siaran:{run_id}")
    [created] = hub.emu.calls_to("createForumTopic")
    assert created.params["name"] == "Vaksinasi PMK ternak tanggal 5"
    thread = created.result["message_thread_id"]
    [copied] = hub.emu.calls_to("copyMessage", group.chat.id)
    assert (copied.params["message_id"], copied.params["message_thread_id"]) == (
        message["message_id"],
        thread,
    )
    assert "reply_markup" not in copied.params  # the receipt button stays on the original
    in_topic_copy = next(m for m in hub.emu.sent(group.chat)
                         if m["message_id"] == copied.result["message_id"])  # fmt: skip
    assert "Bawa kartu ternak." in in_topic_copy["text"]
    assert buttons(in_topic_copy) == {}
    replies = await in_topic(hub, group.warga, group.chat, thread, "Kartu hilang bagaimana?")
    assert replies == []  # counted quietly
    assert (await only_discussion(hub, group)).messages == 1
    # In an ordinary group, the thread answers the broadcast itself.
    plain = await kim_group(hub, "KIM Siaran Biasa")
    await broadcast(hub, "Pasar murah hari Kamis")
    pasar = next(m for m in hub.emu.sent(plain.chat) if "Pasar murah" in m.get("text", ""))
    run = buttons(pasar)
    data = next(d for d in run if d.startswith("diskusi:siaran:"))
    [anchor] = await hub.press(plain.anggota, pasar, data)
    assert anchor["reply_to_message"]["message_id"] == pasar["message_id"]
    assert "Diskusi: Pasar murah hari Kamis" in texts([anchor])
