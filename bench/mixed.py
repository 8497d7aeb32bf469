"""Benchmark: one broadcast and people's /start sharing the bot's one Telegram budget.

    python bench/mixed.py --groups 600 --private 600 --users 200 --rate 5 --runs 3

`kim-bot run` runs as a real process, long polling a Bot API emulator in this process that
enforces Telegram's flood limits (30 msg/s per bot, 20/min per group, 1/s per private chat).
Its database holds one broadcast to every KIM group and private chat, submitted before the
start, so the outbox delivers it from the first second. Variant `alone`: the broadcast only
(the baseline, same process, same machine state). Variant `mixed`: the same broadcast while
`--users` people send /start at `--rate` per second, round-robin, until it is delivered.
Prints one JSON line per variant and run, then a summary of medians: total 429s (target 0),
reply p50/p99 (target p99 < 1 s), bulk msg/s (target ≥ 23) and bulk plus replies msg/s
(target ≥ 28) while both flow, lost and duplicated messages (target 0), and the ratio of
the mixed bulk rate to the broadcast alone.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import signal
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.broadcast import TEXT, chat_ids, prepare
from bot.emulator import BotApiEmulator, Chat, User
from bot.emulator.recording import RecordedCall

TOKEN = "333333:BENCH-MIXED-cccccccccccccccccccccccccccccccccc"
FEEDS = "topics:\n  - {id: umum, label: Umum, keywords: [desa]}\nsources: []\n"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--groups", type=int, default=600)
    parser.add_argument("--private", type=int, default=600)
    parser.add_argument("--users", type=int, default=200, help="people who send /start")
    parser.add_argument("--rate", type=float, default=5.0, help="/start per second")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds per variant")
    return parser.parse_args(argv)


class Scene:
    """The emulator's chats: broadcast targets first (ids as bench/broadcast.py), then users."""

    def __init__(self, emu: BotApiEmulator, args: argparse.Namespace) -> None:
        groups, private = chat_ids(args.groups, args.private)
        made = [emu.group(f"KIM {i}").id for i in range(args.groups)]
        made += [emu.private_chat(emu.user(f"Warga {i}")).id for i in range(args.private)]
        assert made == groups + private
        self.groups, self.private = groups, private
        self.targets = set(groups + private)
        self.people: list[tuple[User, Chat]] = []
        for i in range(args.users):
            user = emu.user(f"Penanya {i}")
            self.people.append((user, emu.private_chat(user)))


async def start_bot(emu: BotApiEmulator, tmp: Path) -> asyncio.subprocess.Process:
    """`python -m bot run` on the prepared database; returns once it long-polls."""
    feeds = tmp / "feeds.yaml"
    feeds.write_text(FEEDS, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "KIM_"))}
    env |= {"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE": emu.base_url,
            "KIM_DB_PATH": str(tmp / "kim.sqlite3"), "KIM_FEEDS_FILE": str(feeds)}  # fmt: skip
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", env=env, cwd=tmp,
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL,
    )  # fmt: skip
    await emu.wait_for(lambda e: e.polling > 0, timeout=60)
    return proc


class Tally:
    """Counts the bot's delivered broadcast messages as the emulator records them."""

    def __init__(self, emu: BotApiEmulator, targets: set[int]) -> None:
        self.emu, self.targets = emu, targets
        self.seen = 0
        self.delivered: set[int] = set()

    def update(self) -> int:
        """Look at the calls recorded since the last look; how many targets have theirs."""
        calls = self.emu.calls
        for call in calls[self.seen :]:
            if _is_bulk(call) and int(call.params["chat_id"]) in self.targets:
                self.delivered.add(int(call.params["chat_id"]))
        self.seen = len(calls)
        return len(self.delivered)


async def push_starts(emu: BotApiEmulator, scene: Scene, rate: float,
                      pushes: list[tuple[int, float]], stop: asyncio.Event) -> None:  # fmt: skip
    """Send /start from the next person every 1/rate s, on schedule, until told to stop."""
    started = time.monotonic()
    n = 0
    while not stop.is_set():
        user, chat = scene.people[n % len(scene.people)]
        pushes.append((chat.id, time.monotonic()))
        emu.push(emu.text(user, chat, "/start"))
        n += 1
        delay = started + n / rate - time.monotonic()
        if delay > 0:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), delay)


async def run_variant(emu: BotApiEmulator, scene: Scene, args: argparse.Namespace,
                      mixed: bool) -> dict[str, Any]:  # fmt: skip
    """One fresh database and bot process; deliver the broadcast (with /start if mixed)."""
    emu.clear()
    pushes: list[tuple[int, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        await prepare(Path(tmp) / "kim.sqlite3", scene.groups, scene.private, emu.base_url)
        proc = await start_bot(emu, Path(tmp))
        stop = asyncio.Event()
        pusher = asyncio.create_task(push_starts(emu, scene, args.rate, pushes, stop))
        if not mixed:
            stop.set()
        tally, deadline = Tally(emu, scene.targets), time.monotonic() + args.timeout
        while tally.update() < len(scene.targets) and time.monotonic() < deadline:  # noqa: ASYNC110
            await asyncio.sleep(0.1)  # a benchmark may poll; tests never do
        stop.set()
        await pusher
        await _await_replies(emu, pushes, deadline=time.monotonic() + 10)
        proc.send_signal(signal.SIGTERM)
        await proc.wait()
    return figures(emu.calls, scene, pushes) | {"variant": "mixed" if mixed else "alone"}


async def _await_replies(emu: BotApiEmulator, pushes: list[tuple[int, float]],
                         deadline: float) -> None:  # fmt: skip
    wanted = Counter(chat for chat, _ in pushes)
    while time.monotonic() < deadline:
        got = Counter(int(c.params["chat_id"]) for c in emu.calls if _is_reply(c, wanted))
        if all(got[chat] >= n for chat, n in wanted.items()):
            return
        await asyncio.sleep(0.1)


def _is_bulk(call: RecordedCall) -> bool:
    return call.ok and call.method.lower() == "sendmessage" and call.params.get("text") == TEXT


def _is_reply(call: RecordedCall, chats: Counter[int] | set[int]) -> bool:
    return (call.ok and call.method.lower() == "sendmessage"
            and int(call.params.get("chat_id", 0)) in chats)  # fmt: skip


def figures(calls: list[RecordedCall], scene: Scene,
            pushes: list[tuple[int, float]]) -> dict[str, Any]:  # fmt: skip
    """429s, bulk and total rates, reply latencies, lost and duplicated messages."""
    mine = [c for c in calls if c.token == TOKEN]
    bulk = [c for c in mine if _is_bulk(c)]
    people = {chat.id for _, chat in scene.people}
    replies = [c for c in mine if _is_reply(c, people)]
    per_chat = Counter(int(c.params["chat_id"]) for c in bulk)
    first, last = (bulk[0].at, bulk[-1].at) if len(bulk) > 1 else (0.0, 0.0)
    both = [c for c in bulk + replies if first <= c.at <= last]
    span = last - first
    latencies, lost_replies, extra_replies = _latencies(replies, pushes)
    return {
        "http_429": sum(c.status == 429 for c in mine),
        "bulk_sent": len(bulk),
        "bulk_msg_per_s": round((len(bulk) - 1) / span, 2) if span else 0.0,
        "total_msg_per_s": round((len(both) - 1) / span, 2) if span else 0.0,
        "replies": len(replies),
        "reply_p50_ms": _quantile(latencies, 0.50),
        "reply_p99_ms": _quantile(latencies, 0.99),
        "lost": sum(1 for chat in scene.targets if per_chat[chat] == 0) + lost_replies,
        "duplicates": sum(max(0, n - 1) for n in per_chat.values()) + extra_replies,
        "wall_s": round(span, 1),
    }


def _latencies(replies: list[RecordedCall],
               pushes: list[tuple[int, float]]) -> tuple[list[float], int, int]:  # fmt: skip
    """Pair each person's pushes and replies in order: latencies (ms), lost, extra."""
    asked: dict[int, list[float]] = defaultdict(list)
    answered: dict[int, list[float]] = defaultdict(list)
    for chat, at in pushes:
        asked[chat].append(at)
    for call in replies:
        answered[int(call.params["chat_id"])].append(call.at)
    latencies, lost, extra = [], 0, 0
    for chat, times in asked.items():
        got = answered.get(chat, [])
        latencies += [(r - p) * 1000 for p, r in zip(times, got, strict=False)]
        lost += max(0, len(times) - len(got))
        extra += max(0, len(got) - len(times))
    return latencies, lost, extra


def _quantile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 1)


def summary(results: list[dict[str, Any]]) -> dict[str, Any]:
    """Medians per variant, and the mixed bulk rate as a ratio of the broadcast alone."""
    out: dict[str, Any] = {"variant": "summary", "runs": len(results) // 2}
    for variant in ("alone", "mixed"):
        rows = [r for r in results if r["variant"] == variant]
        for key in ("http_429", "bulk_msg_per_s", "total_msg_per_s", "reply_p50_ms",
                    "reply_p99_ms", "lost", "duplicates"):  # fmt: skip
            values = [r[key] for r in rows if r[key] is not None]
            if values:
                out[f"{variant}_{key}"] = round(statistics.median(values), 2)
    alone, mixed = out.get("alone_bulk_msg_per_s"), out.get("mixed_bulk_msg_per_s")
    if alone and mixed:
        out["mixed_to_alone_bulk"] = round(mixed / alone, 3)
    return out


async def main(args: argparse.Namespace) -> None:
    """Run each variant `--runs` times against one emulator; print JSON lines."""
    results = []
    async with BotApiEmulator(TOKEN, flood_limits=True) as emu:
        scene = Scene(emu, args)
        for run in range(args.runs):
            for mixed in (False, True):
                result = await run_variant(emu, scene, args, mixed) | {"run": run + 1}
                print(json.dumps(result), flush=True)
                results.append(result)
    print(json.dumps(summary(results)), flush=True)


if __name__ == "__main__":
    asyncio.run(main(parse_args()))
