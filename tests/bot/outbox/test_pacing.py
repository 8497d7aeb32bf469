"""The pacer alone: sliding windows, spacing, per-chat limits, and 429 pauses."""

from __future__ import annotations

import asyncio
import itertools

import pytest

from bot.outbox.delivery import RetryPolicy
from bot.outbox.pacing import Clock, Limits, Pacer, Window


def send_all(pacer: Pacer, chats: list[int], start: float = 0.0) -> list[float]:
    """Send one message to each chat in turn as early as the pacer allows; the times."""
    now, times = start, []
    for chat in chats:
        now += pacer.delay(chat, now)
        pacer.take(chat, now)
        times.append(now)
    return times


def most_in_window(times: list[float], span: float) -> int:
    return max(sum(1 for t in times if start <= t < start + span) for start in times)


def test_window_waits_for_the_oldest_event() -> None:
    window = Window(2, 1.0)
    window.add(0.0)
    window.add(0.4)
    assert window.wait(0.5) == 0.5
    assert window.wait(1.0) == 0.0
    assert window.count(1.3) == 1


def test_global_pace_stays_under_thirty_a_second() -> None:
    pacer = Pacer()
    times = send_all(pacer, [-(i + 1) for i in range(300)])
    assert most_in_window(times, 1.0) <= 29
    assert 300 / times[-1] >= 28.5
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert min(gaps) >= 1 / 30 - 1e-9  # no bursts


def test_group_gets_twenty_a_minute_and_private_one_a_second() -> None:
    pacer = Pacer()
    group_times = send_all(pacer, [-7] * 45)
    assert most_in_window(group_times, 60.0) == 20
    assert group_times[20] - group_times[0] >= 60
    private_times = send_all(Pacer(), [42] * 5)
    assert min(b - a for a, b in itertools.pairwise(private_times)) >= 1.0


def test_a_busy_chat_does_not_hold_up_others() -> None:
    pacer = Pacer()
    send_all(pacer, [-7] * 20)
    assert pacer.delay(-7, 2.0) > 50
    assert pacer.delay(-8, 2.0) == 0.0


def test_flood_wait_pauses_the_chat_or_everything() -> None:
    pacer = Pacer(Limits())
    pacer.take(-7, 0.0)
    pacer.take(-7, 5.0)  # a second recent send: the 429 is this chat's
    assert pacer.pause(-7, 10, 5.0) is False
    assert pacer.delay(-7, 6.0) >= 9
    assert pacer.delay(-8, 6.0) == 0.0
    pacer.take(-9, 6.0)  # its first send: the 429 must be the global one
    assert pacer.pause(-9, 3, 6.0) is True
    assert pacer.delay(-8, 6.5) >= 2.5


def test_backoff_grows_and_is_capped() -> None:
    policy = RetryPolicy(base_delay=2.0, max_delay=30.0, jitter=0.0)
    assert [policy.backoff(n) for n in (1, 2, 3, 4, 10)] == [2.0, 4.0, 8.0, 16.0, 30.0]
    jittered = RetryPolicy(base_delay=2.0, jitter=0.25)
    assert all(1.5 <= jittered.backoff(1) <= 2.5 for _ in range(50))


def test_bulk_yields_to_a_waiting_reply() -> None:
    pacer = Pacer()
    pacer.take(-1, 0.0)
    spacing = pacer.limits.spacing
    assert pacer.delay(-2, 0.0, bulk=True) == pytest.approx(spacing)
    pacer.want(42)  # a reply to a private chat waits for the same slot
    assert pacer.delay(42, 0.0) == pytest.approx(spacing)
    assert pacer.delay(-2, 0.0, bulk=True) == pytest.approx(2 * spacing)
    pacer.take(42, spacing)
    pacer.unwant(42)
    assert pacer.delay(-2, spacing, bulk=True) == pytest.approx(spacing)


def test_a_reply_waiting_for_its_own_chat_does_not_hold_up_bulk() -> None:
    pacer = Pacer()
    send_all(pacer, [-7] * 20)  # the group's minute is used up
    pacer.want(-7)
    now = 2.0
    assert pacer.delay(-7, now) > 50
    assert pacer.delay(-8, now, bulk=True) == 0.0


def test_the_pacer_forgets_idle_chats() -> None:
    pacer = Pacer()
    now = 0.0
    for chat in range(1, 20_001):  # 20 000 people, one reply each, over ~11 minutes
        now += pacer.delay(chat, now)
        pacer.take(chat, now)
    assert pacer.tracked() < 100
    pacer.pause(-7, 5, now)
    pacer.prune(now + 100)
    assert pacer.tracked() == 0


def test_a_send_answered_late_counts_from_its_answer() -> None:
    pacer = Pacer(Limits(global_limit=1, spacing=0.0))
    pacer.take(42, 0.0)
    pacer.landed(42, 0.0, 0.3)  # the request took 0.3 s to be answered: it may have arrived late
    assert pacer.delay(7, 1.0) == pytest.approx(0.3)  # the global window counts it until 1.3
    assert pacer.chat_delay(42, 1.05) == pytest.approx(0.3)  # and so does the chat's
    pacer.landed(42, 0.0, 0.9)  # answered twice (cannot happen) or already moved: no change
    assert pacer.delay(7, 1.0) == pytest.approx(0.3)


async def test_a_clock_wait_never_swallows_a_cancellation() -> None:
    event = asyncio.Event()
    waiting = asyncio.create_task(Clock().wait(event, 10))
    await asyncio.sleep(0)  # one turn of the loop: it waits
    event.set()  # the event and the cancellation (a stop) arrive together
    waiting.cancel()
    with pytest.raises(asyncio.CancelledError):
        await waiting
