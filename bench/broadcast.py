"""Benchmark: one broadcast to N KIM groups and M private chats through the outbox.

    python bench/broadcast.py --groups 600 --private 600 [--api-base URL] [--kill-at 0.5]

Builds a fresh database (N verified KIMs, M private chats), submits one broadcast and
runs the delivery worker in a child process (so --kill-at can SIGKILL it and restart
it), against the flood-limited emulator in this process or any Bot API server given by
--api-base (for the emulator: `kim-bot emulator --port 8082 --flood-limits --open-chats`).
Then PTB's AIORateLimiter alone sends the same load under another token (the baseline).
Prints one JSON line per variant. Deliveries are counted from the server's records
(in-process emulator) or from the server's answers logged by the worker (--api-base).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import signal
import sys
import tempfile
import time
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from telegram.error import TelegramError
from telegram.ext import AIORateLimiter, ExtBot

from bot.emulator import BotApiEmulator
from bot.models.registrasi import KimDraft, KimStatus
from bot.outbox import Outbox, RowStatus, SentMessage, delivery_bot, text_message
from bot.store import Store

OUTBOX_TOKEN = "111111:BENCH-OUTBOX-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
BASELINE_TOKEN = "222222:BENCH-BASELINE-bbbbbbbbbbbbbbbbbbbbbbbbbbbb"
TEXT = "<b>Siaran Diskominfo</b>\nUji kiriman massal KIM Hub."


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Command-line options (the --worker ones are for the child process)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--groups", type=int, default=600)
    parser.add_argument("--private", type=int, default=600)
    parser.add_argument("--api-base", help="Bot API base URL, e.g. http://127.0.0.1:8082/bot")
    parser.add_argument("--kill-at", type=float, help="SIGKILL the worker at this fraction sent")
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    parser.add_argument("--events", help=argparse.SUPPRESS)
    parser.add_argument("--batch", type=int, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def chat_ids(groups: int, private: int) -> tuple[list[int], list[int]]:
    """The ids the emulator gives scripted groups (-4001…) and users (1001…)."""
    return [-(4001 + i) for i in range(groups)], [1001 + i for i in range(private)]


async def prepare(db: Path, groups: list[int], private: list[int], api_base: str) -> int:
    """A fresh database with verified KIMs and private chats, and one broadcast submitted."""
    store = await Store.connect(db)
    try:
        for n, chat in enumerate(groups):
            draft = KimDraft(f"KIM {n}", "61.06.05.2002", "61.06.05", "camat", f"{n}/2025",
                             date(2025, 1, 2))  # fmt: skip
            await store.upsert_chat(chat, "group", f"KIM {n}")
            kim = await store.register_kim(draft, chat, 1)
            await store.decide_kim(kim.id, KimStatus.VERIFIED, 1)
        for chat in private:
            await store.upsert_chat(chat, "private", None)
        kims = await store.list_kims(KimStatus.VERIFIED)
        targets = [k.chat_id for k in kims if k.chat_id is not None] + private
        outbox = Outbox(store, delivery_bot(OUTBOX_TOKEN, api_base))
        return await outbox.submit("broadcast", "bench", [text_message(c, TEXT) for c in targets])
    finally:
        await store.close()


async def run_worker(args: argparse.Namespace) -> None:
    """Child process: deliver the batch, logging each server answer and each 429."""
    store = await Store.connect(args.db)
    outbox = Outbox(store, delivery_bot(OUTBOX_TOKEN, args.api_base))
    events = open(args.events, "a", buffering=1)  # noqa: SIM115, ASYNC230  (line by line)

    async def log_sent(sent: SentMessage) -> None:
        events.write(json.dumps({"chat": sent.chat_id, "mid": sent.message_id,
                                 "t": time.time()}) + "\n")  # fmt: skip

    outbox.add_sent_listener("broadcast", log_sent)
    logging.getLogger("bot.outbox.worker").addHandler(_FloodLog(events))
    await outbox.start()
    while (await outbox.batch_status(args.batch)).pending:  # noqa: ASYNC110
        await asyncio.sleep(0.05)  # a benchmark may poll; tests never do
    await outbox.stop()
    await store.close()


class _FloodLog(logging.Handler):
    def __init__(self, events: Any) -> None:
        super().__init__(logging.WARNING)
        self.events = events

    def emit(self, record: logging.LogRecord) -> None:
        if "429" in record.getMessage():
            self.events.write(json.dumps({"event": "429", "t": time.time()}) + "\n")


async def deliver(args: argparse.Namespace, db: Path, events: Path, batch: int,
                  total: int, api_base: str) -> dict[str, Any]:  # fmt: skip
    """Run the worker child (killing and restarting it once if asked); time it."""
    command = [sys.executable, __file__, "--worker", "--db", str(db), "--events", str(events),
               "--batch", str(batch), "--api-base", api_base]  # fmt: skip
    started = time.monotonic()
    child = await asyncio.create_subprocess_exec(*command)
    in_flight = None
    if args.kill_at:
        store = await Store.connect(db)
        while (await store.outbox_counts()).get(RowStatus.SENT, 0) < args.kill_at * total:  # noqa: ASYNC110
            await asyncio.sleep(0.02)
        os.kill(child.pid, signal.SIGKILL)
        await child.wait()
        in_flight = (await store.outbox_counts()).get(RowStatus.SENDING, 0)
        await store.close()
        child = await asyncio.create_subprocess_exec(*command)
    await child.wait()
    return {"wall_s": round(time.monotonic() - started, 2), "in_flight_at_kill": in_flight}


def from_emulator(emu: BotApiEmulator, token: str, targets: list[int]) -> dict[str, Any]:
    """Deliveries as the in-process emulator saw them."""
    calls = [c for c in emu.calls_to("sendMessage") if c.token == token]
    ok = [c for c in calls if c.ok]
    per_chat = Counter(int(c.params["chat_id"]) for c in ok)
    stats = emu.stats[token]
    figures = _figures(per_chat, [c.at for c in ok], targets)
    return figures | {"http_429": sum(c.status == 429 for c in calls),
                      "max_per_group_minute": stats.max_per_group_minute,
                      "max_per_second": stats.max_per_second}  # fmt: skip


def from_answers(events: Path, targets: list[int]) -> dict[str, Any]:
    """Deliveries from the server's answers; a per-chat message id above the number of
    answers reveals a send the server took whose answer the kill swallowed."""
    ids: dict[int, list[int]] = defaultdict(list)
    times, floods = [], 0
    for line in events.read_text().splitlines():
        event = json.loads(line)
        if event.get("event") == "429":
            floods += 1
        else:
            ids[event["chat"]].append(event["mid"] or 1)
            times.append(event["t"])
    per_chat = Counter({chat: max(len(m), max(m)) for chat, m in ids.items()})
    return _figures(per_chat, times, targets) | {"http_429": floods}


def _figures(per_chat: Counter[int], times: list[float], targets: list[int]) -> dict[str, Any]:
    sent = sum(per_chat.values())
    span = max(times) - min(times) if len(times) > 1 else 0.0
    return {
        "sent": sent,
        "msg_per_s": round((len(times) - 1) / span, 2) if span else 0.0,
        "lost": sum(1 for chat in targets if per_chat[chat] == 0),
        "duplicates": sum(max(0, n - 1) for n in per_chat.values()),
    }


async def baseline(api_base: str, targets: list[int]) -> dict[str, Any]:
    """A plain loop through PTB's AIORateLimiter under its own token."""
    hits = _Hits()
    logging.getLogger("telegram.ext.AIORateLimiter").addHandler(hits)
    logging.getLogger("telegram.ext.AIORateLimiter").setLevel(logging.INFO)
    bot = ExtBot(BASELINE_TOKEN, base_url=api_base, rate_limiter=AIORateLimiter(max_retries=10))
    sent: Counter[int] = Counter()
    times: list[float] = []
    started = time.monotonic()
    async with bot:
        for chat in targets:
            try:
                await bot.send_message(chat, TEXT, parse_mode="HTML")
            except TelegramError:
                continue
            sent[chat] += 1
            times.append(time.time())
    wall = round(time.monotonic() - started, 2)
    return _figures(sent, times, targets) | {"http_429": hits.count, "wall_s": wall}


class _Hits(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += "Rate limit hit" in record.getMessage()


async def main(args: argparse.Namespace) -> None:
    """Prepare, deliver through the outbox, run the baseline, print JSON lines."""
    groups, private = chat_ids(args.groups, args.private)
    emu = None if args.api_base else BotApiEmulator(OUTBOX_TOKEN, port=0, flood_limits=True)
    if emu is not None:
        await emu.start()
        made = [emu.group(f"KIM {i}").id for i in range(args.groups)]
        made_users = [emu.private_chat(emu.user(f"Warga {i}")).id for i in range(args.private)]
        assert (made, made_users) == (groups, private)
    api_base = args.api_base or (emu.base_url if emu else "")
    with tempfile.TemporaryDirectory() as tmp:
        db, events = Path(tmp) / "bench.sqlite3", Path(tmp) / "events.jsonl"
        batch = await prepare(db, groups, private, api_base)
        run = await deliver(args, db, events, batch, len(groups + private), api_base)
        targets = groups + private
        seen = from_emulator(emu, OUTBOX_TOKEN, targets) if emu else from_answers(events, targets)
        print(json.dumps({"variant": "outbox"} | seen | run), flush=True)
    if not args.no_baseline:
        base = await baseline(api_base, groups + private)
        if emu is not None:
            base |= from_emulator(emu, BASELINE_TOKEN, groups + private)
        print(json.dumps({"variant": "ptb_aioratelimiter"} | base), flush=True)
    if emu is not None:
        await emu.stop()


if __name__ == "__main__":
    options = parse_args()
    asyncio.run(run_worker(options) if options.worker else main(options))
