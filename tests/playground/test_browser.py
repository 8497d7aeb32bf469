"""The sandbox page in headless Chromium: a KIM registers and is verified, a citizen files an
aspiration and receives its answer, a broadcast arrives with its receipt button.

The README's screenshots come from here: with KIM_SCREENSHOTS=<folder> (docs/ for the README)
the pictures are written there; otherwise to the test's temporary folder.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from bot.playground.run import RunningSandbox
from tests.playground.chat_page import ChatPage


def shots(tmp_path: Path) -> Path:
    """Where the screenshots go."""
    return Path(os.environ.get("KIM_SCREENSHOTS") or tmp_path)


async def open_page(browser: Any, sandbox: RunningSandbox) -> ChatPage:
    page = await browser.new_page(viewport={"width": 1280, "height": 860})
    await page.goto(sandbox.url)
    return ChatPage(page)


async def register_sibau(chat: ChatPage) -> None:
    """Rahmat registers KIM Sibau Maju in its group, answering by reply as the page offers."""
    await chat.as_person("Rahmat", "KIM Sibau Maju")
    await chat.send("/daftar")
    await chat.last_says("nama KIM")
    await chat.send("KIM Sibau Maju")
    await chat.press("Putussibau Utara")
    await chat.last_says("desa")
    await chat.press("Datah Dian")
    await chat.press("Kepala Desa")
    await chat.last_says("nomor SK")
    await chat.send("141/12/DS-2025")
    await chat.last_says("tanggal SK")
    await chat.send("17 Agustus 2025")
    await chat.last_says("Kirim foto")
    await chat.send_photo()
    await chat.press("Konfirmasi")
    await chat.sees("menunggu verifikasi")


async def test_a_kim_registers_and_is_verified_in_the_browser(
    browser: Any, sandbox: RunningSandbox, tmp_path: Path
) -> None:
    chat = await open_page(browser, sandbox)
    await register_sibau(chat)
    await chat.as_person("Dina", "Meja Diskominfo")
    await chat.sees("KIM Sibau Maju")
    await chat.press("Verifikasi")
    await chat.sees("terverifikasi")
    await chat.as_person("Rahmat", "KIM Sibau Maju")
    await chat.sees("diverifikasi")
    await chat.screenshot(shots(tmp_path) / "sandbox-pendaftaran.png")


async def file_aspiration(chat: ChatPage) -> None:
    """Budi files an aspiration in his private chat with the bot."""
    await chat.as_person("Budi", "KIM Hub")
    await chat.send("/aspirasi")
    await chat.press("Infrastruktur")
    await chat.press("Putussibau Utara")
    await chat.press("Datah Dian")
    await chat.last_says("tulis aspirasi")
    await chat.send("Jembatan kayu di Dusun Datah Dian lapuk dan berbahaya bagi anak sekolah.")
    await chat.press("Lewati")
    await chat.last_says("identitas Anda")
    await chat.press("Tampilkan nama saya")
    await chat.press("Kirim aspirasi")
    await chat.sees("Kode pelacakan")


async def answer_aspiration(chat: ChatPage) -> None:
    """Dina verifies the ticket on the desk's card, with a note for the citizen."""
    await chat.as_person("Dina", "Meja Diskominfo")
    await chat.sees("Jembatan kayu")
    await chat.press("Verifikasi")
    await chat.last_says("catatan")
    await chat.send("Sudah kami cek, jembatan akan diperbaiki bulan ini.")
    await chat.sees("Diverifikasi")


async def test_a_citizen_files_an_aspiration_and_receives_its_answer(
    browser: Any, sandbox: RunningSandbox
) -> None:
    chat = await open_page(browser, sandbox)
    await file_aspiration(chat)
    await answer_aspiration(chat)
    await chat.as_person("Budi", "KIM Hub")
    await chat.sees("Sudah kami cek, jembatan akan diperbaiki bulan ini.")


async def test_a_broadcast_arrives_with_its_receipt_button(
    browser: Any, sandbox: RunningSandbox, tmp_path: Path
) -> None:
    chat = await open_page(browser, sandbox)
    await chat.as_person("Dina", "KIM Hub")
    await chat.send("/siaran")
    await chat.last_says("isi siaran")
    await chat.send("Yth. {{ kim.nama }}: posyandu Desa {{ kim.desa }} buka Selasa pukul 08.00.")
    await chat.press("Semua KIM terverifikasi")
    await chat.press("Kirim sekarang")
    await chat.press("Kirim/Jadwalkan")
    await chat.sees("sedang dikirim")
    await chat.as_person("Sari", "KIM Embaloh Bersatu")
    await chat.sees("Yth. KIM Embaloh Bersatu: posyandu Desa Nanga Embaloh")
    await chat.screenshot(shots(tmp_path) / "sandbox-siaran.png")
    await chat.press("Sudah disebarluaskan")
    await chat.last_says("Berapa warga yang dijangkau?")
    await chat.send("45")
    await chat.sees("45 warga")
