"""Curators' /kurasi buttons, hand-posted news, /topik in groups, receipts and /berita."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from bot.dates import format_date_id
from bot.models.akses import NewsStatus
from bot.models.people import Role
from bot.store import utcnow
from broadcasts.akses.feeds import FeedsConfig
from broadcasts.akses.jobs import deliver_digests
from tests.akses.conftest import context_of, kim_group, poller, rss, store_of
from tests.conftest import Hub, buttons, texts
from tests.feeds_server import FeedsServer

PADI = ("Panen padi di Embaloh Hilir meningkat", "https://portal-a.contoh.id/padi", "Petani.")
GURU = ("Guru honorer di Badau dapat beasiswa", "https://portal-a.contoh.id/guru", "Guru.")


async def waiting_card(hub: Hub, feeds_server: FeedsServer) -> tuple[dict[str, object], int]:
    feeds_server.add("/a.xml", rss([PADI, GURU]))
    await poller(hub).poll(hub.service(FeedsConfig).source("portal-a"), utcnow())
    card = (await hub.say(hub.admin, hub.emu.private_chat(hub.admin), "/kurasi"))[-1]
    news_id = int(next(iter(buttons(card))).rsplit(":", 1)[1])
    return card, news_id


async def test_non_curator_is_refused_and_nothing_changes(
    news_hub: Hub, feeds_server: FeedsServer
) -> None:
    hub = news_hub
    card, news_id = await waiting_card(hub, feeds_server)
    assert "2 menunggu" in str(card["text"])
    stranger = hub.emu.user("Tono")
    replies = await hub.say(stranger, hub.emu.private_chat(stranger), "/kurasi")
    assert "hanya untuk kurator" in texts(replies)
    for data in (f"kurasi:ok:{news_id}", f"kurasi:tolak:{news_id}", f"kurasi:topik:{news_id}"):
        press = hub.emu.press(stranger, card, data)
        await hub.process(press)
        assert hub.answer_to(press)["show_alert"] is True
    news = await store_of(hub).get_news(news_id)
    assert news is not None
    assert news.status == NewsStatus.PENDING
    assert await store_of(hub).count_pending_news() == 2


async def test_curator_role_rejects_then_decision_is_final(
    news_hub: Hub, feeds_server: FeedsServer
) -> None:
    hub = news_hub
    kurator = hub.emu.user("Kiki", username="kiki")
    await store_of(hub).grant_role(kurator.id, Role.CURATOR, hub.admin.id)
    card, news_id = await waiting_card(hub, feeds_server)
    replies = await hub.press(kurator, card, f"kurasi:tolak:{news_id}")
    assert "1 menunggu" in texts(replies)
    await hub.outbox.wait_idle()  # the card's edit goes with the decision, by the outbox
    [decided] = [m for m in hub.emu.sent(card["chat"]["id"])  # type: ignore[index]
                 if m["message_id"] == card["message_id"]]  # fmt: skip
    assert "Ditolak oleh Kiki pukul" in decided["text"]
    assert buttons(decided) == {}
    again = hub.emu.press(hub.admin, card, f"kurasi:ok:{news_id}")
    await hub.process(again)
    assert "sudah ditolak oleh Kiki pukul" in hub.answer_to(again)["text"]
    news = await store_of(hub).get_news(news_id)
    assert news is not None
    assert news.status == NewsStatus.REJECTED


async def test_change_topics_keeps_at_least_one(news_hub: Hub, feeds_server: FeedsServer) -> None:
    hub = news_hub
    card, news_id = await waiting_card(hub, feeds_server)
    await hub.press(hub.admin, card, f"kurasi:topik:{news_id}")
    keyboard = hub.emu.calls_to("editMessageReplyMarkup")[-1].params["reply_markup"]
    assert f"kurasi:t:{news_id}:kesehatan" in str(keyboard)
    await hub.press(hub.admin, card, f"kurasi:t:{news_id}:kesehatan")
    await hub.press(hub.admin, card, f"kurasi:t:{news_id}:pertanian")
    last = hub.emu.press(hub.admin, card, f"kurasi:t:{news_id}:kesehatan")
    await hub.process(last)  # would leave it without topics: refused
    assert hub.answer_to(last)["show_alert"] is True
    news = await store_of(hub).get_news(news_id)
    assert news is not None
    assert news.topics == ("kesehatan",)
    replies = await hub.press(hub.admin, card, f"kurasi:lihat:{news_id}")
    assert "Topik: Kesehatan" in texts(replies)
    assert f"kurasi:ok:{news_id}" in buttons(replies[-1])


async def test_curator_posts_by_hand(news_hub: Hub) -> None:
    hub = news_hub
    private = hub.emu.private_chat(hub.admin)
    assert "judul" in texts(await hub.say(hub.admin, private, "/kurasi tambah"))
    assert "minimal" in texts(await hub.say(hub.admin, private, "https://contoh.id/x"))
    text = (
        "Jadwal imunisasi posyandu bulan Maret\nBawa buku KIA. https://dinkes.contoh.id/imunisasi"
    )
    replies = await hub.say(hub.admin, private, text)
    assert "ditambahkan" in texts(replies)
    assert "Kesehatan" in texts(replies)
    [news] = await store_of(hub).latest_news()
    assert news.status == NewsStatus.APPROVED
    assert news.curated_by == hub.admin.id
    assert news.link == "https://dinkes.contoh.id/imunisasi"
    await hub.say(hub.admin, private, "/kurasi tambah")
    again = await hub.say(hub.admin, private, "Jadwal ulang\nhttps://dinkes.contoh.id/imunisasi")
    assert "sudah ada" in texts(again)


async def test_topics_in_a_group(news_hub: Hub) -> None:
    hub = news_hub
    group = await kim_group(hub, "KIM Topik")
    replies = await hub.say(group.warga, group.chat, "/topik")
    shown = buttons(replies[-1])
    assert shown["topik:kesehatan"].startswith("✅")
    assert len(shown) == 3
    refused = hub.emu.press(group.warga, replies[-1], "topik:kesehatan")
    await hub.process(refused)
    assert "admin grup" in hub.answer_to(refused)["text"]
    assert await store_of(hub).kim_topic_choices(group.kim.id) == {}
    await hub.press(group.ketua, replies[-1], "topik:kesehatan")
    assert buttons(hub.last(group.chat))["topik:kesehatan"].startswith("⬜")
    assert await store_of(hub).kim_topic_choices(group.kim.id) == {"kesehatan": False}
    other = hub.emu.group("Grup Biasa", admins=[group.warga])
    assert "belum terdaftar" in texts(await hub.say(group.warga, other, "/topik"))
    lone = hub.emu.private_chat(group.warga)
    assert "grup KIM" in texts(await hub.say(group.warga, lone, "/topik"))


async def test_dissemination_button_records_and_thanks(
    news_hub: Hub, feeds_server: FeedsServer
) -> None:
    hub = news_hub
    group = await kim_group(hub, "KIM Sebar")
    feeds_server.add("/c.xml", rss([PADI]))
    report = await poller(hub).poll(hub.service(FeedsConfig).source("wire"), utcnow())
    [news_id] = report.counts.new_ids
    await deliver_digests(context_of(hub), utcnow())
    await hub.outbox.wait_idle()
    message = hub.last(group.chat)
    assert f"berita:sebar:{news_id}" in buttons(message)
    replies = await hub.press(group.warga, message, f"berita:sebar:{news_id}")
    assert "Terima kasih" in texts(replies)
    assert PADI[0] in texts(replies)
    outsider = hub.emu.user("Orang Lain")
    press = hub.emu.press(outsider, message, f"berita:sebar:{news_id}")
    await hub.process(press)
    assert "anggota KIM" in hub.answer_to(press)["text"]
    again = hub.emu.press(group.warga, message, f"berita:sebar:{news_id}")
    await hub.process(again)
    assert "Sudah tercatat" in hub.answer_to(again)["text"]


async def test_latest_news_filtered_by_topic(news_hub: Hub, feeds_server: FeedsServer) -> None:
    hub = news_hub
    feeds_server.add("/c.xml", rss([PADI, GURU]))
    await poller(hub).poll(hub.service(FeedsConfig).source("wire"), utcnow())
    citizen = hub.emu.user("Warga")
    chat = hub.emu.private_chat(citizen)
    both = texts(await hub.say(citizen, chat, "/berita"))
    assert PADI[0] in both
    assert GURU[0] in both
    only = texts(await hub.say(citizen, chat, "/berita pendidikan"))
    assert GURU[0] in only
    assert PADI[0] not in only
    unknown = texts(await hub.say(citizen, chat, "/berita olahraga"))
    assert "tidak dikenal" in unknown
    assert "pertanian" in unknown


async def test_latest_news_shows_the_publication_date(
    news_hub: Hub, feeds_server: FeedsServer
) -> None:
    hub = news_hub
    published = utcnow() - timedelta(days=3)
    feeds_server.add("/c.xml", rss([PADI], when=published))
    await poller(hub).poll(hub.service(FeedsConfig).source("wire"), utcnow())  # approved now
    citizen = hub.emu.user("Warga")
    listing = texts(await hub.say(citizen, hub.emu.private_chat(citizen), "/berita"))
    wib = ZoneInfo("Asia/Pontianak")
    assert f"Kantor Berita · {format_date_id(published.astimezone(wib).date())}" in listing
    assert format_date_id(utcnow().astimezone(wib).date()) not in listing
