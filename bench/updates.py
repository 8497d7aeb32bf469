"""Benchmark: what an update costs KIM Hub, beside a bare python-telegram-bot echo bot.

    python bench/updates.py --updates 1500 --users 300 --rate 25 --runs 3

Both bots run as real processes long polling one Bot API emulator in this process. The same
load goes to each: `--users` people, each waiting for the bot's answer before their next
step, follow one of two scripts, round-robin: "start" (/start, the help button Bantuan,
/start again …) and "aspirasi" (/aspirasi, category, kecamatan, desa buttons, the typed
text, Lanjut, identity, Kirim: a ticket filed), a second at least between an answer and the
person's next step. Updates go out at `--rate` per second, so
replies stay within Telegram's ~30 messages/s and the figures show what the handlers cost,
not a queue. The baseline answers every command and text with "ok" and every button with an
answer plus "ok".

Per bot and run: `updates_per_s` (answered ÷ wall time of the load), reply latency p50/p99
(update queued → the bot's first answering call reaching the emulator, its clock), and
`cpu_ms_per_update` (the process's user+system CPU, /proc, during the load only, after a
warm-up), split into the event loop's thread and the others (the SQLite thread), and the
Bot API calls per update (`api_calls_per_update`: answers; getUpdates counted apart). The
summary gives medians of the runs and the CPU ratio to the baseline. `--profile DIR` runs
each bot under cProfile (its event loop thread) and writes one .prof per bot and run there.
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
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.emulator import BotApiEmulator, Chat, User
from bot.emulator.recording import RecordedCall

KIM_TOKEN = "123456789:AAHfiqksKZ8WmR2zSjiQ7_v4TMAKdiHm9T0"
BASE_TOKEN = "987654321:BBHfiqksKZ8WmR2zSjiQ7_v4TMAKdiHm9T0"
FEEDS = "topics:\n  - {id: umum, label: Umum, keywords: [desa]}\nsources: []\n"
TEXT = "Jalan poros desa rusak berat sejak banjir bulan lalu, mohon segera diperbaiki"
BASELINE = """
import os
from telegram.ext import ApplicationBuilder, CallbackQueryHandler, MessageHandler, filters
async def echo(update, context):
    await update.effective_message.reply_text("ok")
async def press(update, context):
    await update.callback_query.answer()
    await update.effective_message.reply_text("ok")
app = ApplicationBuilder().token(os.environ["TOKEN"]).base_url(os.environ["BASE"]).build()
app.add_handler(MessageHandler(filters.ALL, echo))
app.add_handler(CallbackQueryHandler(press))
app.run_polling()
"""
THINK_S = 1.0  # Telegram lets a bot send one message a second to a private chat
ANSWERS = ("sendmessage", "editmessagetext", "answercallbackquery")
START = [("text", "/start"), ("press", "menu:bantuan")]
ASPIRASI = [("text", "/aspirasi"), ("press", "asp:kat:infrastruktur"),
            ("press", "asp:kec:61.06.01"), ("press", "asp:desa:61.06.01.2011"),
            ("text", TEXT), ("press", "asp:foto"), ("press", "asp:id:tampil"),
            ("press", "asp:kirim")]  # fmt: skip


@dataclass
class Person:
    """One user: their chat, their script, and the update they wait an answer for."""

    user: User
    chat: Chat
    steps: Iterator[tuple[str, str]]
    waiting: tuple[float, str | None] | None = None  # (queued at, callback query id)
    answered_at: float = 0.0  # people read before they tap: a step at most once a second


@dataclass
class Load:
    """The people, and what came back: one latency per answered update."""

    people: list[Person]
    latencies: list[float] = field(default_factory=list)
    seen: int = 0  # emulator calls already looked at

    def collect(self, calls: list[RecordedCall], token: str) -> None:
        """Match new answering calls to the people waiting for them."""
        by_chat = {p.chat.id: p for p in self.people if p.waiting}
        for call in calls[self.seen :]:
            if call.token != token or call.method.lower() not in ANSWERS:
                continue
            person = by_chat.get(_chat_of(call, self.people))
            if person is not None and person.waiting is not None:
                self.latencies.append((call.at - person.waiting[0]) * 1000)
                person.waiting, person.answered_at = None, call.at
        self.seen = len(calls)


def _chat_of(call: RecordedCall, people: list[Person]) -> int | None:
    if "chat_id" in call.params:
        return int(call.params["chat_id"])
    query = str(call.params.get("callback_query_id", ""))
    return next((p.chat.id for p in people if p.waiting and p.waiting[1] == query), None)


def script(kind: int) -> Iterator[tuple[str, str]]:
    """The steps of one person, repeated."""
    while True:
        yield from (START if kind % 2 == 0 else ASPIRASI)
        yield ("text", "/batal")


def push(emu: BotApiEmulator, person: Person) -> None:
    """Queue the person's next step."""
    kind, value = next(person.steps)
    if kind == "press":
        sent = emu.sent(person.chat)
        if not sent:  # nothing to press yet: say /start instead
            kind, value = "text", "/start"
    if kind == "text":
        emu.push(emu.text(person.user, person.chat, value))
        person.waiting = (time.monotonic(), None)
        return
    update = emu.press(person.user, emu.sent(person.chat)[-1], value, push=True)
    person.waiting = (time.monotonic(), update["callback_query"]["id"])


async def drive(emu: BotApiEmulator, load: Load, token: str, count: int, rate: float) -> float:
    """Send `count` updates at `rate`/s to idle people; wait for the answers; wall time."""
    started, sent, turn = time.monotonic(), 0, 0
    while sent < count:
        load.collect(emu.calls, token)
        now = time.monotonic()
        idle = [p for p in load.people if p.waiting is None and now - p.answered_at >= THINK_S]
        due = started + sent / rate
        if idle and time.monotonic() >= due:
            push(emu, idle[turn % len(idle)])
            sent, turn = sent + 1, turn + 1
            continue
        await asyncio.sleep(max(0.0, min(due - time.monotonic(), 0.002)) or 0.001)
    deadline = time.monotonic() + 30
    while any(p.waiting for p in load.people) and time.monotonic() < deadline:
        load.collect(emu.calls, token)
        await asyncio.sleep(0.005)
    return time.monotonic() - started


def cpu_seconds(pid: int, task: str = "") -> float:
    """User + system CPU of a process (or one of its threads) so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}{task}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def thread_cpu(pid: int) -> dict[int, float]:
    """CPU so far of each live thread of a process, by thread id."""
    tids = [int(entry.name) for entry in Path(f"/proc/{pid}/task").iterdir()]
    return {tid: cpu_seconds(pid, f"/task/{tid}") for tid in tids}


async def run_bot(emu: BotApiEmulator, name: str, args: argparse.Namespace,
                  tmp: Path) -> dict[str, Any]:  # fmt: skip
    """Start one bot, warm it up, measure the load, stop it."""
    token = KIM_TOKEN if name == "kim-hub" else BASE_TOKEN
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "KIM_"))}
    if name == "kim-hub":
        env |= {"TELEGRAM_BOT_TOKEN": token, "TELEGRAM_API_BASE": emu.base_url,
                "KIM_DB_PATH": str(tmp / f"kim{time.monotonic_ns()}.sqlite3"),
                "KIM_FEEDS_FILE": str(tmp / "feeds.yaml")}  # fmt: skip
        argv = ["-m", "bot", "run"]
    else:
        env |= {"TOKEN": token, "BASE": emu.base_url}
        (tmp / "echo_bot.py").write_text(BASELINE)
        argv = [str(tmp / "echo_bot.py")]
    if args.profile:  # cProfile of the event loop thread, written at the clean stop
        out = Path(args.profile) / f"{name}-{time.monotonic_ns()}.prof"
        argv = ["-m", "cProfile", "-o", str(out.resolve()), *argv]
    proc = await asyncio.create_subprocess_exec(
        sys.executable, *argv, env=env, cwd=tmp, stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )  # fmt: skip
    try:
        before = emu.polling
        await emu.wait_for(lambda e: e.polling > before, timeout=60)
        people = [_person(emu, n) for n in range(args.users)]
        await drive(emu, Load(people), token, args.users, args.rate)  # warm-up: one each
        load = Load(people, seen=len(emu.calls))
        first_call = load.seen
        cpu, threads = cpu_seconds(proc.pid), thread_cpu(proc.pid)
        wall = await drive(emu, load, token, args.updates, args.rate)
        cpu, last_call = cpu_seconds(proc.pid) - cpu, len(emu.calls)
        after = thread_cpu(proc.pid)
        threads = {tid: spent - threads.get(tid, 0.0) for tid, spent in after.items()}
    finally:
        proc.send_signal(signal.SIGTERM)
        await proc.wait()
    figures = _figures(name, load.latencies, wall, cpu, args.updates)
    methods = [c.method.lower() for c in emu.calls[first_call:last_call] if c.token == token]
    polls = methods.count("getupdates")  # the answering calls, and getUpdates apart
    figures["api_calls_per_update"] = round((len(methods) - polls) / args.updates, 2)
    figures["get_updates_per_update"] = round(polls / args.updates, 2)
    main = threads.pop(proc.pid, 0.0)  # the event loop's thread (the process id), the others
    figures["cpu_ms_main_thread"] = round(main * 1000 / args.updates, 2)
    figures["cpu_ms_other_threads"] = round(sum(threads.values()) * 1000 / args.updates, 2)
    return figures


def _person(emu: BotApiEmulator, n: int) -> Person:
    user = emu.user(f"Warga{n}")
    return Person(user, emu.private_chat(user), script(n))


def _figures(name: str, latencies: list[float], wall: float, cpu: float,
             updates: int) -> dict[str, Any]:  # fmt: skip
    ordered = sorted(latencies) or [float("nan")]
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return {"bot": name, "updates": updates, "answered": len(latencies),
            "updates_per_s": round(len(latencies) / wall, 1),
            "p50_ms": round(statistics.median(ordered), 1), "p99_ms": round(p99, 1),
            "cpu_ms_per_update": round(cpu * 1000 / updates, 2)}  # fmt: skip


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--updates", type=int, default=1500)
    parser.add_argument("--users", type=int, default=300)
    parser.add_argument("--rate", type=float, default=25.0, help="updates per second")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--profile", metavar="DIR", help="run each bot under cProfile, into DIR")
    return parser.parse_args()


async def main() -> None:
    """Each run: the baseline, then KIM Hub, on one emulator; then the medians."""
    args = parse_args()
    results: dict[str, list[dict[str, Any]]] = {"baseline-ptb": [], "kim-hub": []}
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "feeds.yaml").write_text(FEEDS)
        async with BotApiEmulator(KIM_TOKEN) as emu:
            for _ in range(args.runs):
                for name in results:
                    figures = await run_bot(emu, name, args, Path(tmp))
                    results[name].append(figures)
                    print(json.dumps(figures), flush=True)
    print(json.dumps(summary(results)))


def summary(results: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """Medians per bot and the CPU ratio to the baseline."""
    keys = ("updates_per_s", "p50_ms", "p99_ms", "cpu_ms_per_update")
    medians = {name: {k: statistics.median(r[k] for r in runs) for k in keys}
               for name, runs in results.items()}  # fmt: skip
    ratio = medians["kim-hub"]["cpu_ms_per_update"] / medians["baseline-ptb"]["cpu_ms_per_update"]
    return {"medians": medians, "cpu_ratio_to_baseline": round(ratio, 2)}


if __name__ == "__main__":
    asyncio.run(main())
