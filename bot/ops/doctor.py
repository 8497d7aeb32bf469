"""`kim-bot doctor`: check a real deployment and print a checklist with fixes in Indonesian.

Through the Bot API: the token (getMe), privacy mode, the desk group (reachable, the bot an
admin), each KIM group (the bot still there, an admin with the rights it uses). On this
machine: the news sources, the database (writable, integrity_check), time zone, disk space.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from bot.config import Config
from bot.models.registrasi import Kim
from bot.ops import local_checks, telegram_checks
from bot.ops.checks import Check
from bot.store import Store


async def examine(config: Config, sources: Sequence[tuple[str, str]],
                  now: datetime) -> list[Check]:  # fmt: skip
    """Every check, in the checklist's order (`sources`: feeds.yaml's (name, url))."""
    checks: list[Check] = []
    async with telegram_checks.connected_bot(config) as bot:
        me, found = await telegram_checks.identity(bot)
        checks += found
        if me is not None:
            checks += await telegram_checks.desk(bot, me, config)
            checks += await telegram_checks.kim_groups(bot, me, await _kims(config))
    checks += await local_checks.feeds(sources, config.feeds_file)
    checks.append(await local_checks.database(config.db_path))
    checks.append(local_checks.time_zone(config, now))
    checks.append(local_checks.disk(config.db_path.resolve().parent))
    return checks


async def _kims(config: Config) -> list[Kim]:
    store = await Store.connect(config.db_path)
    try:
        return await store.list_kims()
    finally:
        await store.close()
