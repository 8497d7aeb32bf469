"""Application wiring: build the python-telegram-bot Application and run its lifecycle.

`running_bot(config)` is used by `kim-bot run` and by the tests alike: it opens the
Store, builds the Application, publishes the commands and, on exit, shuts down cleanly.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from telegram import LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.ext import ApplicationBuilder, Defaults

from bot.config import Config
from bot.context import (
    CONFIG_KEY,
    CONTEXT_TYPES,
    REGION_KEY,
    STORE_KEY,
    TEXTS_KEY,
    KimApplication,
)
from bot.errors import handle_error
from bot.persistence import StorePersistence
from bot.ratelimit import ResilientLimiter
from bot.store import Store
from bot.texts import Texts
from bot.wilayah import load_region
from broadcasts import start_services, stop_services

log = logging.getLogger(__name__)


def build_application(config: Config, store: Store) -> KimApplication:
    """Configure the Application in one place: token, base URL, defaults, limits, handlers."""
    from handlers import register_handlers  # handlers import bot.*; keep the cycle one-way

    builder = (
        ApplicationBuilder()
        .token(config.token)
        .defaults(
            Defaults(
                parse_mode=ParseMode.HTML,
                tzinfo=config.timezone,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
            )
        )
        .context_types(CONTEXT_TYPES)
        .persistence(StorePersistence(store, config.persistence_interval_s))
        .concurrent_updates(False)
    )
    limiter = ResilientLimiter(pace=config.rate_limiter)
    builder = builder.rate_limiter(limiter)  # type: ignore[arg-type]  # PTB's generic
    if config.api_base:
        builder = builder.base_url(config.api_base).base_file_url(_file_url(config.api_base))
    app: KimApplication = builder.build()
    app.bot_data[STORE_KEY] = store
    app.bot_data[CONFIG_KEY] = config
    app.bot_data[TEXTS_KEY] = Texts(tz=config.timezone)
    app.bot_data[REGION_KEY] = load_region(config.kabupaten)
    register_handlers(app)
    app.add_error_handler(handle_error)
    return app


@asynccontextmanager
async def running_bot(config: Config, *, polling: bool = True) -> AsyncIterator[KimApplication]:
    """Open the Store, start the Application (and long polling), and stop it all on exit."""
    store = await Store.connect(config.db_path)
    try:
        app = build_application(config, store)
        await app.initialize()
        try:
            from handlers.commands import publish_commands

            await publish_commands(app)
            await app.start()
            await start_services(app)
            if polling and app.updater:
                await app.updater.start_polling(drop_pending_updates=False)
            log.info("KIM Hub berjalan sebagai @%s", app.bot.username)
            yield app
        finally:
            if app.updater and app.updater.running:
                await app.updater.stop()
            await stop_services(app)
            if app.running:
                await app.stop()
            await app.shutdown()
    finally:
        await store.close()


def _file_url(api_base: str) -> str:
    """The file download base for a custom Bot API server: …/bot → …/file/bot."""
    head, sep, tail = api_base.rstrip("/").rpartition("/")
    return f"{head}/file/{tail}" if sep else api_base
