"""kill -9 at chosen points of `kim-bot run`, restart, and count what was lost or repeated.

Points (each a real SIGKILL of the bot process, against the local Bot API emulator):
  update   — while a handler waits on a slow Bot API call (/start in private, /daftar in a group)
  step     — right after the reply of each of the 9 registration steps
  decision — between a verification and its effects (the press's answer, the group's notice,
             the desk card's edit)
Run: python bench/kill.py --rounds 3   (prints per point: kills, lost, repeated messages)
Broadcast kills are measured by bench/broadcast.py --kill-at.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import sys
import tempfile
from collections import Counter
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.emulator import BotApiEmulator
from tests.conftest import TOKEN
from tests.scenarios.test_decision_crash import (
    KILL_POINTS,
    kim_bot,
    test_a_verification_killed_before_its_effects_completes_them_once,
)
from tests.scenarios.test_durable_updates import (
    setting,
    test_a_registration_killed_after_every_step_goes_on,
)

Tally = Counter[str]


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


async def step_point(tmp: Path, emu: BotApiEmulator, tally: Tally) -> None:
    """The 9-step registration, killed after each reply; repeated prompts are counted."""
    try:
        await test_a_registration_killed_after_every_step_goes_on(tmp, emu)
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


async def fresh(run: Callable[[Path, BotApiEmulator], Awaitable[Any]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        async with BotApiEmulator(TOKEN) as emu:
            await run(Path(folder), emu)


async def main(rounds: int) -> None:
    tallies: dict[str, Tally] = {p: Counter() for p in ("update", "step", "decision")}
    runs: list[Callable[[Path, BotApiEmulator], Awaitable[None]]] = []
    for command in ("/start", "/daftar"):
        runs.append(functools.partial(update_point, command=command, tally=tallies["update"]))
    runs.append(functools.partial(step_point, tally=tallies["step"]))
    for held in KILL_POINTS:
        runs.append(functools.partial(decision_point, held=held, tally=tallies["decision"]))
    for _ in range(rounds):
        for run in runs:
            await fresh(run)
    print(f"{'point':<10}{'kills':>7}{'lost':>7}{'repeated':>10}")
    for point, tally in tallies.items():
        print(f"{point:<10}{tally['kills']:>7}{tally['lost']:>7}{tally['repeated']:>10}")
    total = sum(tallies.values(), Counter())
    print(f"{'total':<10}{total['kills']:>7}{total['lost']:>7}{total['repeated']:>10}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    asyncio.run(main(parser.parse_args().rounds))
