"""The composition root: build the Application from the activities, and run its lifecycle.

The only module of `bot/` that imports `handlers` and `broadcasts`. `running_bot(config)` is
the one entry used by `kim-bot run` and by the tests. Its lifecycle follows PTB's own
`run_polling`: initialize → post_init (services, outbox, activities, command menu) → start →
polling; then stop polling → stop → post_stop → shutdown → post_shutdown, each step run even
when an earlier one failed. The Store opens before `initialize`, because the persistence
reads conversations from it there, and closes in `post_shutdown`, after the last flush; all
of it under the database's lock, so a second bot on the same file refuses to start.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import timedelta
from typing import Any

from telegram import LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.error import Conflict, TelegramError
from telegram.ext import ApplicationBuilder, Defaults, TypeHandler, Updater
from telegram.request import HTTPXRequest

import broadcasts
import handlers
from bot.config import Config
from bot.context import CONTEXT_TYPES, KimApplication, Services, install_services, services_of
from bot.errors import ErrorThrottle, handle_error
from bot.inbox import LAST_GROUP, mark_handled, prune_inbox, replay_pending
from bot.kim_bot import KimBot
from bot.ordering import ChatOrderedProcessor
from bot.outbox import Budget, Outbox
from bot.persistence import StorePersistence
from bot.ratelimit import RETRY_DELAYS_S, SharedLimiter
from bot.retention import EVERY as RETENTION_EVERY
from bot.retention import apply_retention
from bot.store import Store
from bot.store.lock import exclusive
from bot.texts import Texts
from bot.wilayah import load_region
from broadcasts.akses.feeds import load_feeds_leniently
from handlers.common.access import anyone_verifies
from handlers.common.menu import publish_commands

log = logging.getLogger(__name__)
INBOX_PRUNE_EVERY = timedelta(hours=6)
# The activities' command-line subcommands, for bot.cli.
add_activity_commands = broadcasts.add_commands
run_activity_command = broadcasts.run_command


def feed_sources(config: Config) -> list[tuple[str, str]]:
    """feeds.yaml's usable sources as (name, url), for `kim-bot doctor`."""
    loaded = load_feeds_leniently(config.feeds_file)
    return [(source.name, source.url) for source in loaded.value.sources]


def build_application(config: Config, store: Store, budget: Budget | None = None) -> KimApplication:
    """Configure the Application in one place: token, base URL, defaults, limits, handlers.

    Replies and the outbox spend one `budget` (replies first); updates of different chats
    run concurrently, so a reply waiting for its chat's turn holds up no other chat.
    """
    budget = budget or Budget()
    builder = (
        ApplicationBuilder()
        .bot(_bot(config, store, budget))
        .context_types(CONTEXT_TYPES)
        .persistence(StorePersistence(store, config.persistence_interval_s))
        .concurrent_updates(ChatOrderedProcessor())
        .post_init(_post_init)
        .post_stop(_post_stop)
        .post_shutdown(_post_shutdown)
    )
    app: KimApplication = builder.build()  # type: ignore[assignment]  # KimBot is an ExtBot
    texts = Texts(tz=config.timezone)
    services = Services(config, store, texts, load_region(config.kabupaten))
    services.add(ErrorThrottle())  # the desk hears of each kind of error once an hour
    services.add(budget)
    install_services(app, services)
    handlers.register_handlers(app)
    # Last of all: the update is handled; save conversation state, mark it done (bot/inbox.py).
    app.add_handler(TypeHandler(Update, mark_handled), group=LAST_GROUP)
    app.add_error_handler(handle_error)
    return app


def _bot(config: Config, store: Store, budget: Budget) -> KimBot:
    """The bot: defaults, the rate limiter, the Bot API server, and the update inbox."""
    defaults = Defaults(
        parse_mode=ParseMode.HTML,
        tzinfo=config.timezone,
        link_preview_options=LinkPreviewOptions(is_disabled=True),
    )
    servers: dict[str, str] = {}
    if config.api_base:
        servers = {"base_url": config.api_base, "base_file_url": _file_url(config.api_base)}
    return KimBot(
        config.token,
        defaults=defaults,
        rate_limiter=_limiter(config, store, budget),
        request=HTTPXRequest(connection_pool_size=256),
        get_updates_request=HTTPXRequest(),
        store=store,
        **servers,
    )


async def _post_init(app: KimApplication) -> None:
    """Start the outbox and every activity's services, then publish the command menus."""
    services = services_of(app)
    budget = services.get(Budget)
    services.outbox = Outbox.for_config(services.config, services.store, services.texts, budget)
    await services.outbox.start()
    await broadcasts.start_services(app)
    await publish_commands(app)
    assert app.job_queue is not None
    app.job_queue.run_repeating(prune_inbox, INBOX_PRUNE_EVERY, first=60, name="bot:inbox:prune")
    app.job_queue.run_repeating(apply_retention, RETENTION_EVERY, first=300, name="bot:retention")
    if not await anyone_verifies(services.config, services.store):
        log.warning("KIM_ADMIN_IDS kosong: pendaftaran tidak akan diverifikasi")


async def _post_stop(app: KimApplication) -> None:
    """Stop the activities' services, then the outbox (in-flight sends finish and are kept)."""
    services = services_of(app)
    try:
        await broadcasts.stop_services(app)
    finally:
        if services.outbox is not None:
            await services.outbox.stop()


async def _post_shutdown(app: KimApplication) -> None:
    """Close the database, after PTB's last persistence flush."""
    await services_of(app).store.close()


@asynccontextmanager
async def running_bot(config: Config, *, polling: bool = True,
                      budget: Budget | None = None) -> AsyncIterator[KimApplication]:  # fmt: skip
    """Lock and open the Store, run the Application (and polling), and stop it all on exit."""
    with exclusive(config.db_path):  # one running bot per database
        store = await Store.connect(config.db_path)
        try:
            app = build_application(config, store, budget)
        except BaseException:
            await store.close()
            raise
        try:
            await app.initialize()
            await _post_init(app)
            await app.start()
            if polling and app.updater:
                # What a crash left unhandled goes first; then Telegram sends only what is new.
                await replay_pending(app, store)
                await kim_bot(app).open_inbox()
                await app.updater.start_polling(
                    drop_pending_updates=False, error_callback=_polling_failed
                )
            log.info("KIM Hub berjalan sebagai @%s", app.bot.username)
            yield app
        finally:
            await _stop(app)


def _polling_failed(error: TelegramError) -> None:
    """One log line per failed getUpdates (PTB retries with backoff), never a traceback."""
    if isinstance(error, Conflict):
        log.error(
            "Telegram menolak getUpdates: bot lain memakai token yang sama (409 Conflict). "
            "Hentikan bot lain itu; satu token hanya untuk satu bot."
        )
    else:
        log.warning("getUpdates gagal (%s: %s); dicoba lagi", type(error).__name__, error)


async def _stop(app: KimApplication) -> None:
    """Every shutdown step, in PTB's order; a failing step is logged and the rest still run."""
    updater = app.updater
    steps: list[tuple[str, Callable[[], Awaitable[Any]], bool]] = [
        ("updater.stop", _stopper(updater), bool(updater and updater.running)),
        ("stop", app.stop, app.running),
        ("post_stop", lambda: _post_stop(app), True),
        ("shutdown", app.shutdown, True),
        ("post_shutdown", lambda: _post_shutdown(app), True),
    ]
    failed: BaseException | None = None
    for name, step, needed in steps:
        if not needed:
            continue
        try:
            await step()
        except Exception as error:  # go on: a later step may be what saves the data
            log.exception("Langkah berhenti %s gagal", name)
            failed = failed or error
    if failed is not None:
        raise failed


def _stopper(updater: Updater | None) -> Callable[[], Awaitable[Any]]:
    """Stop long polling (a no-op without an updater)."""

    async def stop() -> None:
        if updater is not None:
            await updater.stop()

    return stop


def _limiter(config: Config, store: Store, budget: Budget) -> SharedLimiter:
    """Replies in the bot's budget, retried for a minute; one given up is recorded (/gagal)."""

    async def record(chat_id: int | str, method: str, error: Exception) -> None:
        if isinstance(chat_id, int):
            await store.record_lost_reply(chat_id, method, f"{type(error).__name__}: {error}")

    delays = config.reply_retry_delays_s or RETRY_DELAYS_S
    return SharedLimiter(budget if config.rate_limiter else None, delays=delays, on_give_up=record)


def kim_bot(app: KimApplication) -> KimBot:
    """The application's bot (bot/kim_bot.py)."""
    assert isinstance(app.bot, KimBot)
    return app.bot


def _file_url(api_base: str) -> str:
    """The file download base for a custom Bot API server: …/bot → …/file/bot."""
    head, sep, tail = api_base.rstrip("/").rpartition("/")
    return f"{head}/file/{tail}" if sep else api_base
