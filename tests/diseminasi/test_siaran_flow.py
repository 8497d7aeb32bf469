"""/siaran through the emulator: compose, target, time, preview, confirm; bad input asked again."""

from __future__ import annotations

from typing import Any

from bot.emulator import Chat, User
from bot.models.diseminasi import BroadcastStatus, ContentKind, ScheduleKind, TargetKind
from tests.conftest import Hub, buttons, texts
from tests.diseminasi.conftest import (
    BIKA,
    context_of,
    kim_group,
    make_broadcaster,
    store_of,
    two_kims,
)

TEMPLATE = "Yth. {{ kim.nama }} di Desa {{ kim.desa }}, Kec. {{ kim.kecamatan }}: posyandu Senin."


async def compose(hub: Hub, user: User, content: dict[str, Any] | str) -> tuple[Chat, list[Any]]:
    """Start /siaran in private chat and send the content; return the chat and the replies."""
    chat = hub.emu.private_chat(user)
    assert "isi siaran" in texts(await hub.say(user, chat, "/siaran"))
    if isinstance(content, str):
        return chat, await hub.say(user, chat, content)
    return chat, await hub.process(content)


async def test_broadcast_now_to_every_verified_kim(hub: Hub, broadcaster: User) -> None:
    await make_broadcaster(hub, broadcaster)
    sibau, bika = await two_kims(hub)
    pending = await kim_group(hub, "KIM Menunggu", "61.06.01.2013", verified=False)
    _, replies = await compose(hub, broadcaster, TEMPLATE)
    replies = await hub.press(broadcaster, replies[-1], "siaran:target:all")
    replies = await hub.press(broadcaster, replies[-1], "siaran:waktu:now")
    assert "Pratinjau" in texts(replies)
    assert "Yth. KIM Sibau di Desa Ariung Mendalam, Kec. Putussibau Utara" in texts(replies)
    summary = replies[-1]
    assert "2 KIM" in summary["text"]
    assert "sekarang juga" in summary["text"]
    replies = await hub.press(broadcaster, summary, "siaran:ok")
    assert "sedang dikirim" in texts(replies)
    await context_of(hub).outbox.wait_idle()
    run = await store_of(hub).find_run(1, 1)
    assert run is not None
    for group, desa in ((sibau, "Ariung Mendalam"), (bika, "Bika")):
        message = hub.last(group.group)
        assert f"Yth. {group.kim.nama} di Desa {desa}" in message["text"]
        assert buttons(message) == {
            f"sebar:{run.id}": "✅ Sudah disebarluaskan",
            f"diskusi:siaran:{run.id}": "💬 Diskusikan",
        }
    assert hub.emu.sent(pending.group) == []
    stats = await store_of(hub).run_stats(1)
    assert (stats[0].targets, stats[0].delivered, stats[0].confirmed) == (2, 2, 0)
    broadcast = await store_of(hub).get_broadcast(1)
    assert broadcast is not None
    assert broadcast.status == BroadcastStatus.DONE


async def test_non_broadcasters_are_refused(hub: Hub) -> None:
    stranger = hub.emu.user("Tono")
    chat = hub.emu.private_chat(stranger)
    assert "hanya untuk penyiar" in texts(await hub.say(stranger, chat, "/siaran"))
    assert "hanya untuk penyiar" in texts(await hub.say(stranger, chat, "/broadcast"))
    assert "hanya untuk penyiar" in texts(await hub.say(stranger, chat, "/jadwal"))
    # Typing on after the refusal is not taken as content: it gets the short help.
    assert "pesan bebas" in texts(await hub.say(stranger, chat, "Halo {{ kim.nama }}"))
    assert await store_of(hub).list_broadcasts([BroadcastStatus.SCHEDULED]) == []


async def test_bad_content_is_explained_and_asked_again(hub: Hub, broadcaster: User) -> None:
    await make_broadcaster(hub, broadcaster)
    await two_kims(hub)
    chat, replies = await compose(hub, broadcaster, "Halo {{ kim.namaa }}")
    assert "{{ kim.namaa }}" in texts(replies)
    assert "tidak dikenal" in texts(replies)
    replies = await hub.say(broadcaster, chat, "Halo {{ warga }}")
    assert "{{ warga }}" in texts(replies)
    photo = hub.emu.photo(broadcaster, chat, caption="x" * 1025)
    assert "1025 karakter, batas Telegram 1024" in texts(await hub.process(photo))
    replies = await hub.say(broadcaster, chat, "y" * 4097)
    assert "batas Telegram 4096" in texts(replies)
    photo = hub.emu.photo(broadcaster, chat, caption="Info untuk {{ kim.nama }}")
    replies = await hub.process(photo)
    assert "siaran:target:all" in buttons(replies[-1])
    assert "menekan tombol" in texts(await hub.say(broadcaster, chat, "semua"))


async def test_empty_target_and_unknown_names_are_asked_again(hub: Hub, broadcaster: User) -> None:
    await make_broadcaster(hub, broadcaster)
    sibau, _ = await two_kims(hub)
    chat, replies = await compose(hub, broadcaster, "Info {{ kim.nama }}")
    replies = await hub.press(broadcaster, replies[-1], "siaran:target:kecamatan")
    picker = replies[-1]
    assert "siaran:pilih:61.06.03" in buttons(picker)
    refused = hub.emu.press(broadcaster, picker, "siaran:pilih:ok")
    await hub.process(refused)
    assert "minimal satu" in hub.answer_to(refused)["text"]
    await hub.press(broadcaster, picker, "siaran:pilih:61.06.03")  # Embaloh Hilir: no KIM
    assert "✅ Embaloh Hilir" in buttons(hub.last(chat)).values()
    replies = await hub.press(broadcaster, hub.last(chat), "siaran:pilih:ok")
    assert "Tidak ada KIM terverifikasi" in texts(replies)
    replies = await hub.press(broadcaster, replies[-1], "siaran:target:kim")
    replies = await hub.say(broadcaster, chat, "KIM Sibau, KIM Antah")
    assert "KIM Antah" in texts(replies)
    assert "tidak ditemukan" in texts(replies)
    replies = await hub.say(broadcaster, chat, "kim  sibau")
    assert "siaran:waktu:once" in buttons(replies[-1])
    replies = await hub.press(broadcaster, replies[-1], "siaran:waktu:once")
    assert "sudah lewat" in texts(await hub.say(broadcaster, chat, "17/08/2020 07.30"))
    assert "tidak terbaca" in texts(await hub.say(broadcaster, chat, "besok pagi"))
    replies = await hub.say(broadcaster, chat, "17 Agustus 2099 pukul 07.30")
    assert "17 Agu 2099 07.30 WIB" in replies[-1]["text"]
    replies = await hub.press(broadcaster, replies[-1], "siaran:ok")
    assert "dijadwalkan" in texts(replies)
    broadcast = await store_of(hub).get_broadcast(1)
    assert broadcast is not None
    assert broadcast.target.values == (str(sibau.kim.id),)
    assert hub.app.job_queue is not None
    assert hub.app.job_queue.get_jobs_by_name("broadcast:siaran:1")


async def test_weekly_photo_by_kecamatan_then_the_job_runs(hub: Hub, broadcaster: User) -> None:
    await make_broadcaster(hub, broadcaster)
    sibau, bika = await two_kims(hub)
    photo = hub.emu.photo(broadcaster, hub.emu.private_chat(broadcaster), caption="{{ kim.desa }}")
    chat, replies = await compose(hub, broadcaster, photo)
    replies = await hub.press(broadcaster, replies[-1], "siaran:target:kecamatan")
    await hub.press(broadcaster, replies[-1], f"siaran:pilih:{BIKA}")
    replies = await hub.press(broadcaster, hub.last(chat), "siaran:pilih:ok")
    replies = await hub.press(broadcaster, replies[-1], "siaran:waktu:weekly")
    replies = await hub.press(broadcaster, replies[-1], "siaran:hari:0")
    assert "tidak terbaca" in texts(await hub.say(broadcaster, chat, "jam tujuh"))
    replies = await hub.say(broadcaster, chat, "07.00")
    assert hub.emu.calls_to("sendPhoto", chat.id), "the preview is the photo itself"
    assert "setiap Senin pukul 07.00 WIB" in replies[-1]["text"]
    await hub.press(broadcaster, replies[-1], "siaran:ok")
    broadcast = await store_of(hub).get_broadcast(1)
    assert broadcast is not None
    assert broadcast.content.kind == ContentKind.PHOTO
    assert broadcast.schedule.kind == ScheduleKind.WEEKLY
    assert broadcast.target.kind == TargetKind.KECAMATAN
    assert hub.app.job_queue is not None
    (job,) = hub.app.job_queue.get_jobs_by_name("broadcast:siaran:1")
    await job.run(hub.app)
    await context_of(hub).outbox.wait_idle()
    (sent,) = [c for c in hub.emu.calls_to("sendPhoto") if c.params["chat_id"] == bika.group.id]
    assert sent.params["caption"] == "Bika"
    assert hub.emu.sent(sibau.group) == []
    again = await store_of(hub).get_broadcast(1)
    assert again is not None
    assert again.next_run_at is not None
    assert again.next_run_at > broadcast.next_run_at  # type: ignore[operator]


async def test_cancel_midway_saves_nothing(hub: Hub, broadcaster: User) -> None:
    await make_broadcaster(hub, broadcaster)
    await two_kims(hub)
    chat, replies = await compose(hub, broadcaster, "Info")
    assert "dibatalkan" in texts(await hub.say(broadcaster, chat, "/batal"))
    stale = hub.emu.press(broadcaster, replies[-1], "siaran:target:all")
    await hub.process(stale)
    assert hub.answer_to(stale)["show_alert"] is True
    assert await store_of(hub).list_broadcasts(list(BroadcastStatus)) == []


async def test_forwarded_message_is_copied_to_kims_by_topic(hub: Hub, broadcaster: User) -> None:
    await make_broadcaster(hub, broadcaster)
    sibau, bika = await two_kims(hub)
    await store_of(hub).set_kim_topic(bika.kim.id, "kesehatan", False)  # Bika opted out
    forwarded = hub.emu.forward(broadcaster, hub.emu.private_chat(broadcaster), "Info BPJS")
    chat, replies = await compose(hub, broadcaster, forwarded)
    replies = await hub.press(broadcaster, replies[-1], "siaran:target:topic")
    assert set(buttons(replies[-1])) >= {"siaran:pilih:kesehatan", "siaran:pilih:pertanian"}
    await hub.press(broadcaster, replies[-1], "siaran:pilih:kesehatan")
    replies = await hub.press(broadcaster, hub.last(chat), "siaran:pilih:ok")
    replies = await hub.press(broadcaster, replies[-1], "siaran:waktu:now")
    assert "1 KIM (KIM Sibau)" in replies[-1]["text"]
    await hub.press(broadcaster, replies[-1], "siaran:ok")
    await context_of(hub).outbox.wait_idle()
    (copied,) = hub.emu.calls_to("copyMessage", sibau.group.id)
    assert copied.params["from_chat_id"] == chat.id
    assert "sebar:" in str(copied.params["reply_markup"])
    assert hub.emu.calls_to("copyMessage", bika.group.id) == []
