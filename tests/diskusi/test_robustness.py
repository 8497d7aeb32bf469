"""Diskusi under the house rules: an update handled twice does its work once, a failed close
leaves the thread open, and counting never takes an update from another conversation."""

from __future__ import annotations

from bot.emulator import ApiError
from bot.models.diseminasi import Content, ContentKind, Schedule, ScheduleKind, Target, TargetKind
from bot.store import utcnow
from broadcasts.diseminasi.schedule import run_due
from tests.conftest import Hub, buttons, texts
from tests.diskusi.conftest import context_of, in_topic, kim_group, only_discussion, store_of


async def test_commands_handled_twice_open_and_conclude_once(hub: Hub) -> None:
    group = await kim_group(hub, "KIM Ulang", forum=True, admin=True)
    opening = hub.emu.text(group.ketua, group.chat, "/diskusi Bantuan bibit")
    first = await hub.process(opening)
    assert await hub.process(opening) == []  # replayed after a restart: nothing more
    assert len(hub.emu.calls_to("createForumTopic")) == 1
    thread = hub.emu.calls_to("createForumTopic")[0].result["message_thread_id"]
    assert first

    closing = hub.emu.text(group.ketua, group.chat, "/kesimpulan Bibit dibagi rata per KK.",
                           thread_id=thread)  # fmt: skip
    [card] = await hub.process(closing)
    assert await hub.process(closing) == []  # no second card; the topic is closed already
    assert "Kesimpulan diskusi" in card["text"]
    assert len(hub.emu.calls_to("closeForumTopic")) == 2  # the second found it closed


async def test_a_card_that_cannot_go_out_leaves_the_thread_open(hub: Hub) -> None:
    group = await kim_group(hub, "KIM Gagal")
    [anchor] = await hub.process(hub.emu.text(group.ketua, group.chat, "/diskusi Sumur bor"))
    refusal = ApiError(400, "Bad Request: message is too long")
    hub.emu.fail("sendMessage", group.chat.id, error=refusal)
    command = hub.emu.text(group.ketua, group.chat, "/kesimpulan Sumur dibor bulan depan.",
                           reply_to=anchor)  # fmt: skip
    await hub.process(command)
    discussion = await only_discussion(hub, group)
    assert discussion.is_open
    assert discussion.conclusion is None
    # Typed again, it closes the thread as it should.
    again = hub.emu.text(group.ketua, group.chat, "/kesimpulan Sumur dibor bulan depan.",
                         reply_to=anchor)  # fmt: skip
    assert "Kesimpulan diskusi" in texts(await hub.process(again))
    assert await store_of(hub).open_discussions(group.kim.id) == []


async def test_counting_takes_no_update_from_a_conversation(hub: Hub) -> None:
    # The group's admin sends news and broadcasts into the topic where they discuss: a receipt
    # typed there is both an answer to the receipt conversation and a message of the thread.
    group = await kim_group(hub, "KIM Dua Arah", forum=True, admin=True)
    await hub.process(hub.emu.text(group.ketua, group.chat, "/diskusi Sosialisasi pemilu"))
    discussion = await only_discussion(hub, group)
    assert discussion.thread_id is not None
    thread = discussion.thread_id
    await store_of(hub).set_news_thread(group.kim.id, thread, None, group.ketua.id, utcnow())
    content, target = Content(ContentKind.TEXT, "Jadwal sosialisasi"), Target(TargetKind.ALL)
    saved = await store_of(hub).create_broadcast(
        hub.admin.id, content, target, Schedule(ScheduleKind.ONCE), utcnow()
    )
    run = await run_due(context_of(hub), saved.id, utcnow())
    assert run is not None
    await hub.outbox.wait_idle()
    siaran = next(m for m in hub.emu.sent(group.chat) if "Jadwal sosialisasi" in m.get("text", ""))
    assert siaran["message_thread_id"] == thread
    [question] = await hub.press(group.anggota, siaran, f"sebar:{run.id}")
    assert question["message_thread_id"] == thread
    answer = hub.emu.text(group.anggota, group.chat, "45", reply_to=question, thread_id=thread)
    [next_step] = await hub.process(answer)
    assert "sebar:kanal:whatsapp" in buttons(next_step)  # the conversation went on
    assert (await only_discussion(hub, group)).messages == 1  # and the thread counted it
    await in_topic(hub, group.warga, group.chat, thread, "Di balai desa ya?")
    assert (await only_discussion(hub, group)).messages == 2


async def test_chatter_in_a_bot_made_topic_is_not_an_answer_to_the_bot(hub: Hub) -> None:
    # Telegram sends a topic message that replies to nothing as a reply to the topic's
    # creation, which the bot made: that is no answer to the question the bot asked.
    group = await kim_group(hub, "KIM Obrolan", forum=True, admin=True)
    await hub.process(hub.emu.text(group.ketua, group.chat, "/diskusi Sosialisasi pemilu"))
    thread = (await only_discussion(hub, group)).thread_id
    assert thread is not None
    await store_of(hub).set_news_thread(group.kim.id, thread, None, group.ketua.id, utcnow())
    content, target = Content(ContentKind.TEXT, "Jadwal sosialisasi"), Target(TargetKind.ALL)
    saved = await store_of(hub).create_broadcast(
        hub.admin.id, content, target, Schedule(ScheduleKind.ONCE), utcnow()
    )
    run = await run_due(context_of(hub), saved.id, utcnow())
    assert run is not None
    await hub.outbox.wait_idle()
    siaran = next(m for m in hub.emu.sent(group.chat) if "Jadwal sosialisasi" in m.get("text", ""))
    [question] = await hub.press(group.anggota, siaran, f"sebar:{run.id}")
    chatter = await in_topic(hub, group.anggota, group.chat, thread, "Setuju, Sabtu saja.")
    assert chatter == []  # not told off for a missing number: it was not meant for the bot
    assert (await only_discussion(hub, group)).messages == 1
    answer = hub.emu.text(group.anggota, group.chat, "45", reply_to=question, thread_id=thread)
    [next_step] = await hub.process(answer)
    assert "sebar:kanal:whatsapp" in buttons(next_step)
