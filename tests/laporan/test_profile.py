"""/profil shows the KIM's own month in numbers: its measures, score and status."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.emulator import BotApiEmulator
from tests.conftest import HubFactory, texts
from tests.laporan.seed import MAJU_SCORE, seed


async def test_profile_counts_this_month(start_hub: HubFactory, emu: BotApiEmulator) -> None:
    async with start_hub(clock=lambda: datetime(2026, 11, 30, 16, 0, tzinfo=UTC)) as hub:
        ids = await seed(hub.store)
        anggota = emu.user("Anggota Maju")
        group = emu.group("KIM Maju", members=[anggota])
        await hub.store._db.execute("UPDATE kim SET chat_id = ? WHERE id = ?",
                                    (group.id, ids["maju"]))  # fmt: skip
        await hub.store._db.commit()
        profile = texts(await hub.say(anggota, group, "/profil", reply=False))
    assert f"Kegiatan November 2026 — skor {MAJU_SCORE}, aktif" in profile  # 23.00 WIB
    assert "Diskusi: 2" in profile
    assert "Warga terjangkau: 40" in profile
    assert "Laporan: 2" in profile  # Implementasi
    assert "Penerima manfaat (orang): 30" in profile
