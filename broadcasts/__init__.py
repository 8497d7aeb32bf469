"""What goes out on a schedule or to many chats: the outbox worker, feeds, broadcasts.

`start_services(app)` runs once the Application has started (after the Store is open);
`stop_services(app)` runs before it stops. Each subsystem adds its start and stop here.
"""

from __future__ import annotations

from bot.context import CONFIG_KEY, OUTBOX_KEY, STORE_KEY, TEXTS_KEY, KimApplication
from bot.outbox import Outbox
from broadcasts import news, schedule


async def start_services(app: KimApplication) -> None:
    """Start background workers and rebuild scheduled jobs from the database."""
    outbox = Outbox.for_config(app.bot_data[CONFIG_KEY], app.bot_data[STORE_KEY],
                               app.bot_data[TEXTS_KEY])  # fmt: skip
    app.bot_data[OUTBOX_KEY] = outbox
    await outbox.start()
    await news.start_news(app)  # feed polls and the news digest (Akses)
    await schedule.start_broadcasts(app)  # siaran jobs, missed runs, receipt reminders


async def stop_services(app: KimApplication) -> None:
    """Stop background workers, letting in-flight work finish or return to the queue."""
    await news.stop_news(app)
    outbox: Outbox | None = app.bot_data.pop(OUTBOX_KEY, None)
    if outbox is not None:
        await outbox.stop()
