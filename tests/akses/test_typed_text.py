"""Text typed at /berita and /kurasi tambah is cleaned and bounded before it is used or shown."""

from __future__ import annotations

from markupsafe import Markup
from telegram import Update
from telegram.ext import CommandHandler

from bot.context import BotContext
from bot.telegram_length import TELEGRAM_LIMIT, visible_length
from handlers.common.replies import reply
from tests.akses.conftest import store_of
from tests.conftest import Hub, texts

HIDDEN = "\u202e\u200b\x00\ufeff"


async def test_an_overlong_topic_word_gets_a_polite_answer(news_hub: Hub) -> None:
    user = news_hub.emu.user("Budi")
    chat = news_hub.emu.private_chat(user)
    replies = await news_hub.say(user, chat, "/berita " + "<b>&" * 1000)
    assert [c.status for c in news_hub.emu.calls_to("sendMessage", chat.id)] == [200]
    told = texts(replies)
    assert "tidak dikenal" in told
    assert "<b>&" * 16 in told
    assert "<b>&" * 17 not in told  # cut at 64 characters


async def test_a_hand_posted_title_loses_its_invisible_characters(news_hub: Hub) -> None:
    private = news_hub.emu.private_chat(news_hub.admin)
    await news_hub.say(news_hub.admin, private, "/kurasi tambah")
    text = f"Jadwal{HIDDEN} posyandu   Maret{HIDDEN}\n\n\n\nBawa buku\u200b KIA."
    assert "ditambahkan" in texts(await news_hub.say(news_hub.admin, private, text))
    [news] = await store_of(news_hub).latest_news()
    assert news.title == "Jadwal posyandu Maret"
    assert news.summary_html == "Bawa buku KIA."


async def test_the_longest_news_page_fits_one_message(news_hub: Hub) -> None:
    private = news_hub.emu.private_chat(news_hub.admin)
    for number in range(10):  # ten hand-posted items with the longest titles allowed
        await news_hub.say(news_hub.admin, private, "/kurasi tambah")
        await news_hub.say(news_hub.admin, private, f"{number} <b>&" + "😀" * 190)
    user = news_hub.emu.user("Budi")
    chat = news_hub.emu.private_chat(user)
    (page,) = await news_hub.say(user, chat, "/berita")
    assert [c.status for c in news_hub.emu.calls_to("sendMessage", chat.id)] == [200]
    assert page["text"].startswith("📰 Berita terbaru")
    assert "/berita" in page["text"]  # the footer, after the last item


async def test_a_reply_over_telegrams_limit_goes_out_in_parts(news_hub: Hub) -> None:
    async def long_answer(update: Update, context: BotContext) -> None:
        rows = "\n".join(f"<b>{n}</b> &amp; " + "😀" * 190 for n in range(30))
        await reply(update, context, "common/prepared", html=Markup(rows))

    news_hub.app.add_handler(CommandHandler("panjang", long_answer), group=-5)
    user = news_hub.emu.user("Budi")
    chat = news_hub.emu.private_chat(user)
    replies = await news_hub.say(user, chat, "/panjang")
    calls = news_hub.emu.calls_to("sendMessage", chat.id)
    assert len(calls) >= 2
    assert all(c.status == 200 for c in calls)
    assert all(visible_length(str(c.params["text"])) <= TELEGRAM_LIMIT for c in calls)
    assert texts(replies).count("&") == 30  # every row arrived, none cut
