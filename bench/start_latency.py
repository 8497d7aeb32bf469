"""How fast `kim-bot run` answers /start in a private chat, against a minimal PTB bot.

Both bots run as real processes long polling the same local Bot API emulator; each /start
comes from a new user. Prints one JSON line per bot: median and p95 latency (ms) from the
update being queued to the bot's sendMessage reaching the emulator, and the ratio to the
baseline (a bare python-telegram-bot Application that answers "ok").

    python bench/start_latency.py --messages 50
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bot.emulator import BotApiEmulator

KIM_TOKEN = "123456789:AAHfiqksKZ8WmR2zSjiQ7_v4TMAKdiHm9T0"
BASE_TOKEN = "987654321:BBHfiqksKZ8WmR2zSjiQ7_v4TMAKdiHm9T0"
BASELINE = """
import os
from telegram.ext import ApplicationBuilder, CommandHandler
async def start(update, context):
    await update.effective_message.reply_text("ok")
app = ApplicationBuilder().token(os.environ["TOKEN"]).base_url(os.environ["BASE"]).build()
app.add_handler(CommandHandler("start", start))
app.run_polling()
"""


async def measure(emu: BotApiEmulator, messages: int) -> list[float]:
    """Send /start from `messages` new users, one at a time; return latencies in ms."""
    latencies = []
    for _ in range(messages):
        user = emu.user("Warga")
        chat = emu.private_chat(user)
        before = len(emu.sent(chat))
        started = time.perf_counter()
        emu.push(emu.text(user, chat, "/start"))
        await emu.wait_for(lambda e, c=chat, b=before: len(e.sent(c)) > b, timeout=10)
        latencies.append((time.perf_counter() - started) * 1000)
    return latencies


async def run_bot(emu: BotApiEmulator, args: list[str], env: dict[str, str], n: int) -> list[float]:
    """Start a bot process, wait until it polls, measure, stop it."""
    proc = await asyncio.create_subprocess_exec(
        sys.executable, *args, env=env, stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )  # fmt: skip
    try:
        await emu.wait_for(lambda e: e.polling > 0, timeout=60)
        await measure(emu, 3)  # warm-up
        return await measure(emu, n)
    finally:
        proc.send_signal(signal.SIGTERM)
        await proc.wait()


def summary(name: str, latencies: list[float], baseline: float | None) -> dict[str, object]:
    """Median, p95 and the ratio of medians against the baseline."""
    median = statistics.median(latencies)
    p95 = statistics.quantiles(latencies, n=20)[-1]
    ratio = round(median / baseline, 2) if baseline else 1.0
    return {"bot": name, "messages": len(latencies), "median_ms": round(median, 1),
            "p95_ms": round(p95, 1), "ratio_to_baseline": ratio}  # fmt: skip


async def main() -> None:
    """Run the baseline and KIM Hub against one emulator and print their figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--messages", type=int, default=50)
    n = parser.parse_args().messages
    with tempfile.TemporaryDirectory() as tmp:
        feeds = Path(tmp) / "feeds.yaml"
        feeds.write_text("topics:\n  - {id: umum, label: Umum, keywords: [desa]}\nsources: []\n")
        async with BotApiEmulator(BASE_TOKEN) as emu:
            env = os.environ | {"TOKEN": BASE_TOKEN, "BASE": emu.base_url}
            base = await run_bot(emu, ["-c", BASELINE], env, n)
            env = os.environ | {
                "TELEGRAM_BOT_TOKEN": KIM_TOKEN, "TELEGRAM_API_BASE": emu.base_url,
                "KIM_DB_PATH": f"{tmp}/kim.sqlite3", "KIM_FEEDS_FILE": str(feeds),
            }  # fmt: skip
            kim = await run_bot(emu, ["-m", "bot", "run"], env, n)
    base_median = statistics.median(base)
    print(json.dumps(summary("baseline-ptb", base, None)))
    print(json.dumps(summary("kim-hub", kim, base_median)))


if __name__ == "__main__":
    asyncio.run(main())
