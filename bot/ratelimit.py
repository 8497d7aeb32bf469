"""How the bot's own replies reach Telegram: paced like Telegram asks, retried when it stumbles.

PTB's AIORateLimiter keeps replies under Telegram's limits (30/s overall, 20/min per group)
and waits out a 429. On top of it, a reply that meets a 5xx or a dropped connection is tried
again a few times, so a citizen's /start is not lost to one bad gateway. Timeouts are not
retried: the message may have arrived, and a duplicate is worse than a late apology.
Multi-chat sends do not come through here: the outbox paces and retries them itself.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine, Sequence
from typing import Any

from telegram.error import BadRequest, NetworkError, TimedOut
from telegram.ext import AIORateLimiter

log = logging.getLogger(__name__)
JSONDict = dict[str, Any]
Result = bool | JSONDict | list[JSONDict]
RETRY_DELAYS_S = (0.0, 1.0, 3.0)


class ResilientLimiter(AIORateLimiter):
    """AIORateLimiter (pacing optional) that also retries network errors and 5xx answers."""

    def __init__(self, *, pace: bool = True, delays: Sequence[float] = RETRY_DELAYS_S) -> None:
        if pace:
            super().__init__(max_retries=3)
        else:  # zero rates switch PTB's pacing off; retries stay
            super().__init__(overall_max_rate=0, group_max_rate=0, max_retries=3)
        self._delays = tuple(delays)

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, Result]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> Result:
        """Send through the pacer; on a network error or 5xx, wait and try again."""
        for delay in self._delays:
            try:
                return await super().process_request(
                    callback, args, kwargs, endpoint, data, rate_limit_args
                )
            except (BadRequest, TimedOut):
                raise
            except NetworkError as error:
                log.warning("%s gagal (%s); dicoba lagi dalam %.0f detik", endpoint, error, delay)
                await asyncio.sleep(delay)
        return await super().process_request(
            callback, args, kwargs, endpoint, data, rate_limit_args
        )
