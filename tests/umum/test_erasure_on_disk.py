"""/hapusdata erases from the SQLite files on disk too, not only from what queries return.

A person with a distinctive name uses the bot in several ways; after /hapusdata the bytes of
kim.sqlite3, its -wal and its -shm hold neither their name nor their username (read while
the bot still runs, so SQLite's own checkpoint at close cannot hide a leftover).
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from bot.emulator import Chat, User
from bot.outbox import text_message
from bot.store import utcnow
from tests.conftest import Hub, buttons, texts
from tests.diseminasi.conftest import broadcast_now, kim_group, make_broadcaster

FIRST, LAST, HANDLE = "Zubaidah", "Qwertyuiop", "zubaidah_qwx"
DRAFTED_KIM = "KIM Xylofonia Raya"  # typed into a registration she never finished
NEEDLES = (f"{FIRST} {LAST}".encode(), LAST.encode(), HANDLE.encode(), b"Xylofonia")


def on_disk(db_path: Path) -> bytes:
    """The database file, its write-ahead log and its shared-memory index, as bytes."""
    files = (db_path, Path(f"{db_path}-wal"), Path(f"{db_path}-shm"))
    return b"".join(f.read_bytes() for f in files if f.exists())


def found(data: bytes) -> list[bytes]:
    """Which needles the bytes contain (case-insensitive: an index keeps lower(username))."""
    lowered = data.lower()
    return [n for n in NEEDLES if n.lower() in lowered]


async def start_a_registration(hub: Hub, zub: User) -> None:
    """She starts registering another group and stops after its name (a draft is kept)."""
    group = hub.emu.group("Grup Xylofon", admins=[zub])
    await hub.say(zub, group, "/daftar")
    replies = await hub.say(zub, group, DRAFTED_KIM)
    assert any(b.startswith("daftar:kec:") for b in buttons(replies[-1]))


async def join_and_confirm_a_receipt(hub: Hub, zub: User, broadcaster: User) -> Chat:
    """She joins KIM Sibau, confirms a broadcast's receipt; the outbox names her twice."""
    sibau = await kim_group(hub, "KIM Sibau", "61.06.01.2011")
    assert "Selamat bergabung" in texts(await hub.say(zub, sibau.group, "/gabung", reply=False))
    await make_broadcaster(hub, broadcaster)
    _, run = await broadcast_now(hub, broadcaster)
    await hub.press(zub, hub.last(sibau.group), f"sebar:{run.id}")
    await hub.say(zub, sibau.group, "45")
    done = await hub.press(zub, hub.last(sibau.group), "sebar:kanal:whatsapp")
    assert "45 warga" in texts(done)
    greeting = f"Selamat datang, <b>{FIRST} {LAST}</b> (@{HANDLE})!"
    await hub.outbox.submit(kind="notice", item="welcome:zub",
                            messages=[text_message(sibau.group.id, greeting)])  # fmt: skip
    later = utcnow() + timedelta(days=1)  # still waiting when she erases her data
    await hub.outbox.submit(kind="notice", item="reminder:zub", not_before=later,
                            messages=[text_message(sibau.group.id, f"Pengingat untuk {FIRST} "
                                                   f"{LAST}")])  # fmt: skip
    await hub.outbox.wait_idle()
    return sibau.group


async def test_erased_name_is_gone_from_the_database_files(hub: Hub) -> None:
    zub = hub.emu.user(FIRST, LAST, username=HANDLE)
    broadcaster = hub.emu.user("Sari", username="sari_penyiar")
    private = hub.emu.private_chat(zub)
    await hub.say(zub, private, "/start")
    await start_a_registration(hub, zub)
    group = await join_and_confirm_a_receipt(hub, zub, broadcaster)
    await hub.app.update_persistence()  # the draft is on disk (each handled update commits)
    db_path = hub.services.config.db_path
    assert found(on_disk(db_path)) == list(NEEDLES)  # the test looks where the data is

    [ask] = await hub.say(zub, private, "/hapusdata")
    await hub.press(zub, ask, "hapusdata:ya")
    await hub.app.update_persistence()
    assert "sudah dihapus" in hub.last(private)["text"]

    assert found(on_disk(db_path)) == []
    assert await hub.store.find_person(f"@{HANDLE}") is None
    assert f"{FIRST} {LAST}" in hub.emu.sent(group)[-1]["text"]  # Telegram keeps what it got
    [waiting] = await hub.store.due_outbox_rows(utcnow() + timedelta(days=2), 10, 10)
    assert waiting.params["text"] == "Pengingat untuk (nama dihapus)"  # it goes out without her
