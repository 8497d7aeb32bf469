"""What a person types at /daftar and Tolak, and what the import reads, is cleaned at the edge."""

from __future__ import annotations

from datetime import date

from bot.kim_import import read_kim_csv
from bot.models.registrasi import MAX_NAME
from bot.wilayah import load_region
from tests.conftest import Hub, texts
from tests.registrasi.test_desk_delivery import register

HIDDEN = "\u202e\u200b\x00\ufeff"  # a right-to-left override, zero-width space, NUL, BOM


async def test_a_name_is_stored_without_invisible_characters(hub: Hub) -> None:
    ketua, group, summary = await register(hub, f"KIM{HIDDEN} Maju\u2066  Jaya {HIDDEN}")
    assert "KIM Maju Jaya" in summary["text"]
    await hub.press(ketua, summary, "daftar:ok")
    kim = await hub.store.kim_by_chat(group.id)
    assert kim is not None
    assert kim.nama == "KIM Maju Jaya"
    assert kim.sk_nomor == "141/12/DS-2025 <b>"


async def test_invisible_characters_do_not_count_towards_a_name(hub: Hub) -> None:
    ketua = hub.emu.user("Rahmat")
    group = hub.emu.group("Grup KIM", admins=[ketua])
    await hub.say(ketua, group, "/daftar")
    told = texts(await hub.say(ketua, group, "\u200b" * 20 + "ab"))
    assert f"3–{MAX_NAME} huruf" in told
    assert "(yang dikirim 2 huruf)" in told
    told = texts(await hub.say(ketua, group, "x" * (MAX_NAME + 1)))
    assert f"yang dikirim {MAX_NAME + 1} huruf" in told
    told = texts(await hub.say(ketua, group, "KIM Maju"))  # still at the name step
    assert "kecamatan" in told.lower()


async def test_a_reason_of_invisible_characters_is_refused(hub: Hub) -> None:
    ketua, group, summary = await register(hub, "KIM Maju", photo=False)
    await hub.press(ketua, summary, "daftar:ok")
    kim = await hub.store.kim_by_chat(group.id)
    assert kim is not None
    await hub.press(hub.admin, hub.last(hub.desk), f"verif:tolak:{kim.id}")
    assert "5–500 karakter" in texts(await hub.say(hub.admin, hub.desk, "\u200b" * 10 + "ok"))
    await hub.say(hub.admin, hub.desk, f"Foto SK{HIDDEN} buram.\n\nKirim ulang.")
    kim = await hub.store.get_kim(kim.id)
    assert kim is not None
    assert kim.reject_reason == "Foto SK buram. Kirim ulang."
    await hub.outbox.wait_idle()  # the group hears of it through the outbox
    assert "Alasan: Foto SK buram. Kirim ulang." in hub.last(group)["text"]


def test_the_import_cleans_names_and_bounds_sk_numbers() -> None:
    csv = (
        "nama_kim,kode_desa,penerbit_sk,nomor_sk,tanggal_sk\n"
        f"KIM{HIDDEN} Sibau,61.06.01.2005,Camat,1/{HIDDEN}2024,2024-03-01\n"
        f"{HIDDEN * 5}ab,61.06.01.2004,Camat,1,2024-01-01\n"
        f"KIM Panjang,61.06.01.2003,Camat,{'9' * 81},2024-01-01\n"
    )
    rows, problems = read_kim_csv(csv, load_region("61.06"), date(2026, 1, 1))
    assert [(r.draft.nama, r.draft.sk_nomor) for r in rows] == [("KIM Sibau", "1/2024")]
    assert [(p.line, p.reason.split()[0]) for p in problems] == [(3, "nama_kim"), (4, "nomor_sk")]
