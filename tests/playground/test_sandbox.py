"""`kim-bot sandbox` without a browser: the page's API, bad input, a restart, --reset, the CLI."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

import httpx

from bot.models.registrasi import KimStatus
from bot.playground.run import RunningSandbox, reset, sandbox_running
from bot.store import Store

BUDI, DINA, RAHMAT = 1008, 1001, 1002
SIBAU = -4001


async def test_a_person_talks_to_the_bot_through_the_page_api(sandbox: RunningSandbox) -> None:
    async with httpx.AsyncClient(base_url=sandbox.url) as client:
        people = (await client.get("/api/people")).json()
        assert [p["name"] for p in people][:2] == ["Dina", "Rahmat"]
        sent = await client.post("/api/text", json={"person": BUDI, "chat": BUDI, "text": "/start"})
        assert sent.status_code == 200
        await sandbox.emu.wait_for(lambda e: bool(e.sent(BUDI)))
        shown = (await client.get("/api/view", params={"person": BUDI, "chat": BUDI})).json()
    assert shown["chats"][0]["title"] == "KIM Hub"
    assert [m["bot"] for m in shown["messages"]][:2] == [False, True]
    assert "<b>" in shown["messages"][1]["html"]  # formatting arrives as HTML


async def test_bad_input_is_refused_politely_and_changes_nothing(sandbox: RunningSandbox) -> None:
    await sandbox.emu.wait_for(lambda e: bool(e.sent(SIBAU)))  # the bot's greeting, at start
    before = dict(sandbox.emu.state.messages)
    refusals = [
        ("/api/text", {"person": BUDI, "chat": BUDI, "text": "   "}, "Tulis pesan dulu"),
        ("/api/text", {"person": BUDI, "chat": SIBAU, "text": "halo"}, "bukan anggota"),
        ("/api/text", {"person": 9999, "chat": BUDI, "text": "halo"}, "tidak ada di sandbox"),
        ("/api/text", {"person": "x", "chat": BUDI, "text": "halo"}, "tidak lengkap"),
        ("/api/location", {"person": BUDI, "chat": BUDI, "latitude": 91, "longitude": 0},
         "lintang"),
        ("/api/press", {"person": RAHMAT, "chat": SIBAU, "message_id": 999, "data": "x"},
         "sudah tidak ada"),
    ]  # fmt: skip
    async with httpx.AsyncClient(base_url=sandbox.url) as client:
        for path, body, said in refusals:
            answer = await client.post(path, json=body)
            assert answer.status_code == 400, body
            assert said in answer.json()["error"], answer.json()
        empty = await client.post("/api/photo", data={"person": str(BUDI), "chat": str(BUDI)},
                                  files={"other": ("a.txt", b"")})  # fmt: skip
        assert "Pilih berkas dulu" in empty.json()["error"]
    assert sandbox.emu.state.messages == before


async def test_the_sandbox_keeps_its_world_across_a_restart_until_reset(tmp_path: Path) -> None:
    folder = tmp_path / "sandbox"
    async with sandbox_running(folder, port=0) as first:
        first.emu.text(
            first.emu.state.users[BUDI],
            first.emu.private_chat(first.emu.state.users[BUDI]),
            "/start",
            push=True,
        )
        await first.emu.wait_for(lambda e: bool(e.sent(BUDI)))
        greeted = first.emu.sent(BUDI)
    async with sandbox_running(folder, port=0) as second:
        assert second.emu.sent(BUDI) == greeted  # the chat is still there
        assert len(second.emu.state.users) == 8  # the demo was not cast twice
    store = await Store.connect(folder / "kim.sqlite3")
    try:
        kims = await store.list_kims()
    finally:
        await store.close()
    assert [(k.nama, k.status) for k in kims] == [("KIM Embaloh Bersatu", KimStatus.VERIFIED)]
    assert reset(folder)
    assert not (folder / "kim.sqlite3").exists()
    assert not (folder / "dunia.json").exists()


async def test_kim_bot_sandbox_prints_its_url_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "sandbox", "--port", "0", "--folder", str(tmp_path / "s"),
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        env={**os.environ, "TELEGRAM_BOT_TOKEN": ""}, cwd=tmp_path,
    )  # fmt: skip
    assert process.stdout is not None
    line = (await asyncio.wait_for(process.stdout.readline(), 60)).decode()
    url = line.split("Buka ")[1].split()[0]
    async with httpx.AsyncClient(base_url=url) as client:
        page = await client.get("/")
        feed = await client.get("/feeds/berita-kapuas-hulu.xml")
    assert "Sandbox KIM Hub" in page.text
    assert "<rss" in feed.text
    process.send_signal(signal.SIGINT)
    out, err = await asyncio.wait_for(process.communicate(), 60)
    assert process.returncode == 0, err.decode()
    assert "Sandbox berhenti" in out.decode()
