"""kill -9 at chosen points of `kim-bot run`, restart, and count what was lost or repeated.

Points (each a real SIGKILL of the bot process, against the local Bot API emulator):
  update   — while a handler waits on a slow Bot API call (/start in private, /daftar in a group)
  step     — right after the reply of each of the 9 registration steps
  decision — between a verification and its effects (the press's answer, the group's notice,
             the desk card's edit)
  aspiration — a random moment after the reply of each /aspirasi step (category, kecamatan,
             desa, text, photo, Selesai, identity, Kirim), and between the filing and the
             desk's card
  poll     — up to 3 times at a random moment after the feed request arrives (fetch, parse,
             store; a kill after the poll's end ends the series: the next poll is due in 30
             minutes), then at a random moment after the first group got its news
Run: python bench/kill.py --rounds 4 [--seed N] [--points aspiration,poll]
(prints the seed, then per point: kills, lost, repeated messages).
Broadcast kills are measured by bench/broadcast.py --kill-at.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import random
import sys
import tempfile
from collections import Counter
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.emulator import BotApiEmulator
from tests.conftest import TOKEN
from tests.scenarios.test_aspiration_crash import killed_aspiration
from tests.scenarios.test_decision_crash import (
    KILL_POINTS,
    kim_bot,
    test_a_verification_killed_before_its_effects_completes_them_once,
)
from tests.scenarios.test_durable_updates import killed_registration, setting
from tests.scenarios.test_poll_crash import killed_poll

Tally = Counter[str]
AFTER_REPLY = 0.3  # s: a kill comes this long at most after a step's reply (the mark follows)
POLL_SPAN = 1.0  # s after the feed request arrives: fetch (0.3 s held), parse, store, save
DELIVERY_SPAN = 0.3  # s after the first group's news: the others' still going out
POINTS = ("update", "step", "decision", "aspiration", "poll")


async def update_point(tmp: Path, emu: BotApiEmulator, command: str, tally: Tally) -> None:
    """Kill while the reply to `command` hangs; after the restart it must come, once."""
    env, _, _ = setting(tmp, emu)
    person = emu.user("Rahmat")
    chat = emu.private_chat(person) if command == "/start" else emu.group("KIM", admins=[person])
    emu.fail("sendMessage", chat.id, "timeout", delay=3600)
    async with kim_bot(env, tmp, emu) as proc:
        emu.push(emu.text(person, chat, command))
        await emu.wait_for_call("sendMessage", chat.id, timeout=10)
        proc.kill()
        await proc.wait()
    tally["kills"] += 1
    emu.faults.clear()
    async with kim_bot(env, tmp, emu):
        try:
            await emu.wait_for(lambda e: len(e.sent(chat)) >= 1, timeout=20)
        except TimeoutError:
            tally["lost"] += 1
    tally["repeated"] += max(0, len(emu.sent(chat)) - 1)


async def step_point(tmp: Path, emu: BotApiEmulator, rng: random.Random, tally: Tally) -> None:
    """The 9-step registration, killed after each reply; repeated prompts are counted."""
    try:
        await killed_registration(tmp, emu, lambda: rng.uniform(0, AFTER_REPLY))
    except AssertionError:
        tally["lost"] += 1
    tally["kills"] += 9
    group = next(c for c in emu.state.chats.values() if c.title == "KIM Semitau")
    # Uninterrupted, the 9 steps send 9 answers; a step handled again after a kill, one more.
    sends = [c for c in emu.calls_to("sendMessage", group.id) if c.ok]
    tally["repeated"] += max(0, len(sends) - 9)


async def decision_point(tmp: Path, emu: BotApiEmulator, held: str, tally: Tally) -> None:
    """Kill between a verification and its effects; each effect must happen once."""
    try:
        await test_a_verification_killed_before_its_effects_completes_them_once(tmp, emu, held)
    except AssertionError:
        tally["lost"] += 1
    tally["kills"] += 1


async def aspiration_point(
    tmp: Path, emu: BotApiEmulator, rng: random.Random, tally: Tally
) -> None:
    """A citizen's /aspirasi killed after each step and before the desk's card."""
    tally.update(await killed_aspiration(tmp, emu, lambda: rng.uniform(0, AFTER_REPLY)))


async def poll_point(tmp: Path, emu: BotApiEmulator, rng: random.Random, tally: Tally) -> None:
    """A feed poll killed up to three times while it runs (until a kill comes after its end),
    then once while its news goes out."""
    moments = [rng.uniform(0, POLL_SPAN) for _ in range(3)]
    tally.update(await killed_poll(tmp, emu, moments, rng.uniform(0, DELIVERY_SPAN)))


async def fresh(run: Callable[[Path, BotApiEmulator], Awaitable[Any]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        async with BotApiEmulator(TOKEN) as emu:
            await run(Path(folder), emu)


def plan(points: list[str], rng: random.Random, tallies: dict[str, Tally]) -> list[Any]:
    """One round's runs, each on a fresh database and emulator."""
    runs: list[Callable[[Path, BotApiEmulator], Awaitable[None]]] = []
    if "update" in points:
        for command in ("/start", "/daftar"):
            runs.append(functools.partial(update_point, command=command, tally=tallies["update"]))
    if "step" in points:
        runs.append(functools.partial(step_point, rng=rng, tally=tallies["step"]))
    if "decision" in points:
        for held in KILL_POINTS:
            runs.append(functools.partial(decision_point, held=held, tally=tallies["decision"]))
    if "aspiration" in points:
        runs.append(functools.partial(aspiration_point, rng=rng, tally=tallies["aspiration"]))
    if "poll" in points:
        runs.append(functools.partial(poll_point, rng=rng, tally=tallies["poll"]))
    return runs


async def main(rounds: int, seed: int, points: list[str]) -> None:
    print(f"seed {seed}", flush=True)
    rng = random.Random(seed)
    tallies: dict[str, Tally] = {p: Counter() for p in points}
    for _ in range(rounds):
        for run in plan(points, rng, tallies):
            await fresh(run)
    print(f"{'point':<12}{'kills':>7}{'lost':>7}{'repeated':>10}")
    for point, tally in tallies.items():
        print(f"{point:<12}{tally['kills']:>7}{tally['lost']:>7}{tally['repeated']:>10}")
    total = sum(tallies.values(), Counter())
    print(f"{'total':<12}{total['kills']:>7}{total['lost']:>7}{total['repeated']:>10}")
    if "poll" in tallies:
        print(f"poll kills before the poll's end was saved: {tallies['poll']['mid_poll']}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seed", type=int, default=random.SystemRandom().randrange(10**6))
    parser.add_argument("--points", default=",".join(POINTS), help="comma-separated")
    args = parser.parse_args()
    chosen = [p for p in args.points.split(",") if p]
    if unknown := set(chosen) - set(POINTS):
        parser.error(f"unknown points: {', '.join(sorted(unknown))}")
    asyncio.run(main(args.rounds, args.seed, chosen))
