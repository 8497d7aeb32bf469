"""How soon the bot hears people again after the Bot API failed getUpdates for a while.

`kim-bot run` polls the local emulator; every getUpdates fails (500) for --outage seconds;
then the failures stop, a /start arrives at once, and the time until the bot answers it is
measured. Run: python bench/resume.py --outage 60 --runs 3   (median of the runs)
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.emulator import BotApiEmulator
from tests.conftest import TOKEN
from tests.scenarios.test_decision_crash import kim_bot
from tests.scenarios.test_durable_updates import setting


async def once(outage: float) -> float:
    """Seconds from the end of an outage of `outage` seconds to the bot's answer."""
    with tempfile.TemporaryDirectory() as folder:
        async with BotApiEmulator(TOKEN) as emu:
            env, _, _ = setting(Path(folder), emu)
            citizen = emu.user("Ayu")
            chat = emu.private_chat(citizen)
            async with kim_bot(env, Path(folder), emu):
                emu.fail("getUpdates", error="server", times=None)
                await asyncio.sleep(outage)
                emu.faults.clear()
                back = time.monotonic()
                emu.push(emu.text(citizen, chat, "/start"))
                await emu.wait_for(lambda e: bool(e.sent(chat)), timeout=120)
                return time.monotonic() - back


async def main(outage: float, runs: int) -> None:
    heard = [await once(outage) for _ in range(runs)]
    print(f"outage {outage:.0f} s: answered after {statistics.median(heard):.2f} s "
          f"(median of {runs}; each: {', '.join(f'{h:.2f}' for h in heard)})")  # fmt: skip


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--outage", type=float, default=60.0)
    parser.add_argument("--runs", type=int, default=3)
    arguments = parser.parse_args()
    asyncio.run(main(arguments.outage, arguments.runs))
