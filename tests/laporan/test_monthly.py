"""The monthly report: on the 1st at 08:00 WIB last month's report reaches the desk through
the outbox once (restarts included), with the nudges to KIMs that turned "tidak aktif"."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.emulator import BotApiEmulator, Chat
from broadcasts.laporan.monthly import JOB_NAME
from tests.conftest import Hub, HubFactory
from tests.laporan.seed import seed

DEC_1_0800_WIB = datetime(2026, 12, 1, 1, 0, tzinfo=UTC)
JAN_1_0800_WIB = datetime(2027, 1, 1, 1, 0, tzinfo=UTC)


class Clock:
    """The injected "now" of the bot's config."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


async def run_job(hub: Hub) -> None:
    assert hub.app.job_queue is not None
    [job] = hub.app.job_queue.get_jobs_by_name(JOB_NAME)
    await job.run(hub.app)
    await hub.outbox.wait_idle()


async def seeded(hub: Hub, emu: BotApiEmulator) -> Chat:
    """The seeded KIMs; KIM Sepi in a real group (the nudge's), KIM Maju in none."""
    ids = await seed(hub.store)
    sepi = emu.group("KIM Sepi")
    await hub.store._db.execute("UPDATE kim SET chat_id = ? WHERE id = ?", (sepi.id, ids["sepi"]))
    await hub.store._db.execute("UPDATE kim SET chat_id = NULL WHERE id = ?", (ids["maju"],))
    await hub.store._db.commit()
    return sepi


def report_calls(emu: BotApiEmulator, desk: Chat) -> list[str]:
    methods = ("sendmessage", "senddocument", "sendphoto")
    to_desk = [c for c in emu.calls if str(c.params.get("chat_id")) == str(desk.id)]
    return [c.method.lower() for c in to_desk if c.method.lower() in methods]


async def test_the_report_goes_to_the_desk_once_a_month(
    start_hub: HubFactory, emu: BotApiEmulator, desk: Chat
) -> None:
    clock = Clock(DEC_1_0800_WIB)
    async with start_hub(clock=clock) as hub:
        sepi = await seeded(hub, emu)
        await run_job(hub)
        await run_job(hub)  # the same month again: nothing more
        sent = report_calls(emu, desk)
        assert sent.count("senddocument") == 2
        assert sent.count("sendphoto") == 1
        texts = [m.get("text", "") for m in emu.sent(desk)]
        summary = next(t for t in texts if "Laporan KIM" in t)
        inactive = next(t for t in texts if "menjadi tidak aktif" in t)
        assert "November 2026" in summary
        assert "aktif: 1" in summary
        assert "Putussibau Utara" in inactive
        assert "KIM Sepi" in inactive
        assert len(emu.sent(sepi)) == 1
        assert "60 hari" in emu.sent(sepi)[0]["text"]
        names = [c.params["document"].filename for c in emu.calls_to("sendDocument")]
        assert names == ["laporan-kim-2026-11.html", "laporan-kim-2026-11.csv"]
    async with start_hub(clock=clock) as hub:  # a restart the same month: nothing again
        await run_job(hub)
        assert len(report_calls(emu, desk)) == len(sent)
        clock.now = JAN_1_0800_WIB
        await run_job(hub)
        later = report_calls(emu, desk)
        assert later.count("sendphoto") == 2  # December's report
        assert len(emu.sent(sepi)) == 1  # the nudge is once per quiet stretch


async def test_a_missed_run_is_made_up_at_start(
    start_hub: HubFactory, emu: BotApiEmulator, desk: Chat
) -> None:
    clock = Clock(datetime(2026, 12, 4, 3, 0, tzinfo=UTC))  # the bot was down on the 1st
    async with start_hub(clock=clock) as hub:
        await seeded(hub, emu)
        assert hub.app.job_queue is not None
        [make_up] = hub.app.job_queue.get_jobs_by_name(f"{JOB_NAME}:susulan")
        await make_up.run(hub.app)
        await hub.outbox.wait_idle()
        documents = emu.calls_to("sendDocument", desk.id)
        assert next(c.params["document"].filename for c in documents) == "laporan-kim-2026-11.html"


async def test_before_eight_on_the_first_the_month_is_not_yet_due(
    start_hub: HubFactory, emu: BotApiEmulator, desk: Chat
) -> None:
    clock = Clock(datetime(2026, 12, 1, 0, 30, tzinfo=UTC))  # 07:30 WIB
    async with start_hub(clock=clock) as hub:
        await seeded(hub, emu)
        await run_job(hub)
        names = [c.params["document"].filename for c in emu.calls_to("sendDocument", desk.id)]
        assert "laporan-kim-2026-11.html" not in names
