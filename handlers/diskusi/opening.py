"""Opening a discussion thread (Diskusi).

Commands: /diskusi <judul> in a KIM group opens a thread (the first line is its title, the
lines after it the opener's text); /diskusi alone lists the open threads (listing.py).
Buttons: diskusi:berita:<news_id> under a news item and diskusi:siaran:<run_id> under a
broadcast open a thread about it, once per item and group while it is open. At most MAX_OPEN
threads of a KIM are open at a time.
"""

from __future__ import annotations

from telegram import Update

from bot.context import BotContext
from bot.models.diskusi import MAX_OPEN, MAX_OPENER_TEXT, MAX_TITLE, MIN_TITLE, Discussion
from bot.models.registrasi import Kim
from bot.store import utcnow
from bot.user_text import clean
from handlers.common.replies import alert, answer, callback_data, reply, toast
from handlers.diskusi import callbacks as cb
from handlers.diskusi import labels, listing
from handlers.diskusi.groups import after_command, kim_of_group, tell, thread_of
from handlers.diskusi.place import Placed, Seed, place


async def open_or_list(update: Update, context: BotContext) -> None:
    """/diskusi <judul>: open a thread; /diskusi alone: list the open ones."""
    title, opener_text = _asked(update)
    if not title and not opener_text:
        await listing.show_threads(update, context)
        return
    kim = await kim_of_group(update, context)
    message = update.effective_message
    if kim is None or message is None:
        return
    if not MIN_TITLE <= len(title) <= MAX_TITLE or len(opener_text or "") > MAX_OPENER_TEXT:
        await reply(update, context, "diskusi/bad_title", min=MIN_TITLE, max=MAX_TITLE,
                    limit=MAX_OPENER_TEXT)  # fmt: skip
        return
    origin = f"pesan:{message.message_id}"
    seed = Seed(title, opener_text, origin, message.message_id, thread_of(update))
    await open_thread(update, context, kim, seed)


def _asked(update: Update) -> tuple[str, str | None]:
    """The title (the first line after the command) and the opener's text (the rest)."""
    first, _, rest = after_command(update).partition("\n")
    return clean(first), clean(rest, multiline=True) or None


async def open_from_news(update: Update, context: BotContext) -> None:
    """diskusi:berita:<id>: open a thread about a news item the group received."""
    kim = await kim_of_group(update, context)
    message = update.effective_message
    if kim is None or message is None:
        return
    (news_id,) = cb.FROM_NEWS.parse(callback_data(update)) or ("0",)
    news = await context.store.get_news(int(news_id))
    if news is None:
        await alert(update, context, "diskusi/unknown_item")
        return
    origin = f"berita:{news.id}"
    seed = Seed(news.title[:MAX_TITLE], None, origin, message.message_id, thread_of(update), news)
    await open_thread(update, context, kim, seed)


async def open_from_siaran(update: Update, context: BotContext) -> None:
    """diskusi:siaran:<run_id>: open a thread about a broadcast the group received."""
    kim = await kim_of_group(update, context)
    message = update.effective_message
    if kim is None or message is None:
        return
    (run_id,) = cb.FROM_SIARAN.parse(callback_data(update)) or ("0",)
    run = await context.store.get_run(int(run_id))
    if run is None:
        await alert(update, context, "diskusi/unknown_item")
        return
    first_line = clean((message.text or message.caption or "").partition("\n")[0])
    title = first_line[:MAX_TITLE] if len(first_line) >= MIN_TITLE else labels.BROADCAST_TITLE
    seed = Seed(title, None, f"siaran:{run.id}", message.message_id, thread_of(update),
                copy_of=message.message_id)  # fmt: skip
    await open_thread(update, context, kim, seed)


async def open_thread(update: Update, context: BotContext, kim: Kim, seed: Seed) -> None:
    """Claim the thread (one per origin while open), open its place, record it, say where."""
    user = update.effective_user
    assert user is not None
    open_now = await context.store.open_discussions(kim.id)
    same = next((d for d in open_now if d.origin == seed.origin), None)
    if same is not None and not seed.origin.startswith("pesan:"):
        await tell(update, context, "diskusi/already_open", discussion=same)
    if same is not None:  # a command opens once: handled again, it has nothing more to say
        return
    if len(open_now) >= MAX_OPEN:
        await tell(update, context, "diskusi/too_many", max=MAX_OPEN)
        return
    store = context.store
    claimed, _ = await store.open_discussion(kim.id, seed.title, seed.opener_text, seed.origin,
                                             user.id, utcnow())  # fmt: skip
    try:
        placed = await place(update, context, claimed, seed)
    except Exception:
        await store.drop_opening(claimed.id)  # nothing was opened: a later try starts afresh
        raise
    anchor = placed.anchor.message_id
    opened = await store.place_discussion(claimed.id, placed.thread_id, anchor, placed.others)
    assert opened is not None
    await _announce(update, context, opened, placed)


async def _announce(
    update: Update, context: BotContext, discussion: Discussion, placed: Placed
) -> None:
    """Where the thread went: a link from where it was asked for (a topic elsewhere)."""
    if placed.thread_id is None:  # the anchor answers the command or the news item itself
        await answer(update)
        return
    if update.callback_query is not None:
        await toast(update, context, "diskusi/opened_toast", discussion=discussion)
    await reply(update, context, "diskusi/opened_elsewhere", discussion=discussion)
