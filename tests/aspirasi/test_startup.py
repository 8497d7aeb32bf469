"""Aspirasi's start: opd.yaml and the holidays registered, their problems told to the desk once
per file content (across restarts), an incomplete year told once."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from bot.models.aspirasi import OpdConfig
from broadcasts.aspirasi.holidays import Holidays
from tests.aspirasi.conftest import deliver
from tests.conftest import Hub, HubFactory

OPD_WITH_A_BAD_LINE = """\
opd:
  - id: pupr
    name: Dinas PUPR
    categories: [infrastruktur]
  - id: dinkes
    name: Dinas Kesehatan
    categories: [kesehatn]
"""
INCOMPLETE = """\
years:
  - year: 2026
    complete: false
holidays:
  - {date: 2026-12-25, name: Kelahiran Yesus Kristus}
"""
NOON = datetime(2026, 12, 1, 5, 0, tzinfo=UTC)  # 12:00 WIB


def desk_texts(hub: Hub, marker: str) -> list[str]:
    return [m["text"] for m in hub.emu.sent(hub.desk) if marker in m.get("text", "")]


async def test_opd_yaml_with_a_bad_line_is_told_to_the_desk_once_across_restarts(
    start_hub: HubFactory, tmp_path: Path
) -> None:
    opd_file = tmp_path / "opd.yaml"
    opd_file.write_text(OPD_WITH_A_BAD_LINE, encoding="utf-8")
    for _ in range(2):
        async with start_hub(opd_file=opd_file) as hub:
            await deliver(hub)
            opds = hub.service(OpdConfig)
            assert [o.id for o in opds.opds] == ["pupr"]  # the good entry still works
    [notice] = desk_texts(hub, "Berkas opd.yaml bermasalah")
    assert "opd.yaml:5" in notice
    assert "kesehatan" in notice  # the suggestion
    opd_file.write_text(OPD_WITH_A_BAD_LINE.replace("Dinas PUPR", "Dinas PU"), encoding="utf-8")
    async with start_hub(opd_file=opd_file) as hub:  # a new content is told again
        await deliver(hub)
        assert len(desk_texts(hub, "Berkas opd.yaml bermasalah")) == 2


async def test_an_unreadable_holidays_file_is_told_and_weekends_still_count(
    start_hub: HubFactory, tmp_path: Path
) -> None:
    async with start_hub(holidays_file=tmp_path / "tidak_ada.yaml") as hub:
        await deliver(hub)
        assert hub.service(Holidays) == frozenset()
        [notice] = desk_texts(hub, "libur nasional tidak_ada.yaml bermasalah")
    assert "hari libur nasional ikut terhitung" in notice


async def test_an_incomplete_year_is_told_to_the_desk_once(
    start_hub: HubFactory, tmp_path: Path
) -> None:
    holidays_file = tmp_path / "libur.yaml"
    holidays_file.write_text(INCOMPLETE, encoding="utf-8")
    for _ in range(2):
        async with start_hub(holidays_file=holidays_file, clock=lambda: NOON) as hub:
            await deliver(hub)
    [notice] = desk_texts(hub, "libur nasional 2026 belum lengkap")
    assert "libur.yaml" in notice


async def test_the_packaged_files_load_without_a_notice(hub: Hub) -> None:
    await deliver(hub)
    assert hub.service(OpdConfig).opds
    assert desk_texts(hub, "bermasalah") == []
