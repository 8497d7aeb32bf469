"""/hapusdata reaches every column that names a person, in every activity's records.

The schema is read from a fresh database: each column that holds a person's Telegram id
(`…_by`, `…user_id`, `reporter_id`, `by_user`) must be erased by PeopleStore, either deleted
with the person's own rows or listed in ANONYMISED; a new activity's column that is not
fails here. Then a real implementation report, its share and its decision lose their
reporter's id after /hapusdata.
"""

from __future__ import annotations

import inspect
import re
from pathlib import Path

from bot.store import Store
from bot.store import people as people_store
from tests.conftest import Hub
from tests.implementasi.helpers import fill_report, kim_group, open_report

PERSON_COLUMN = re.compile(r"(_by|user_id|reporter_id|by_user)$")


async def person_columns(path: Path) -> set[tuple[str, str]]:
    store = await Store.connect(path)
    try:
        tables = await store._db.execute_fetchall(
            "SELECT name FROM sqlite_master WHERE type = 'table'"
        )
        found = set()
        for (table,) in tables:
            for column in await store._db.execute_fetchall(f"PRAGMA table_info({table})"):
                if PERSON_COLUMN.search(column[1]):
                    found.add((str(table), str(column[1])))
        return found
    finally:
        await store.close()


async def test_every_column_that_names_a_person_is_erased(tmp_path: Path) -> None:
    source = inspect.getsource(people_store.PeopleStore)
    listed = {(table, column) for table, column, _ in people_store.ANONYMISED}
    missing = [
        f"{table}.{column}"
        for table, column in sorted(await person_columns(tmp_path / "schema.sqlite3"))
        if (table, column) not in listed
        and not re.search(rf"\b{table}\b[^\n]*\b{column}\b", source)
    ]
    assert not missing, f"/hapusdata leaves these person columns: {missing}"


async def test_an_implementation_report_forgets_its_reporter(hub: Hub) -> None:
    kim = await kim_group(hub, "KIM Nanga Awin")
    reporter = kim.members[1]
    replies = await open_report(hub, reporter, kim, "Demplot padi jajar legowo")
    await hub.press(reporter, replies[-1], "impl:tanpa")
    summary = await fill_report(hub, reporter)
    await hub.press(reporter, summary, "impl:ok")
    [report] = await hub.store.kim_reports(kim.kim.id, 10, 0)
    assert report.reporter_id == reporter.id
    chat = hub.emu.private_chat(reporter)
    mine = await hub.say(reporter, chat, "/dataku")  # the right of access shows it first
    assert "Laporan implementasi yang Anda kirim untuk KIM: 1" in mine[-1]["text"]
    [ask] = await hub.say(reporter, chat, "/hapusdata")
    await hub.press(reporter, ask, "hapusdata:ya")
    kept = await hub.store.get_report(report.id)
    assert kept is not None
    assert (kept.reporter_id, kept.reporter_name) == (0, None)
    assert kept.judul == "Demplot padi jajar legowo"  # the record of what the KIM did stays
