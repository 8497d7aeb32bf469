"""Trying the bot by hand: the emulator's /emulator/... HTTP API drives a running bot."""

from __future__ import annotations

from typing import Any

import httpx

from bot.app import running_bot
from bot.config import Config
from bot.emulator import BotApiEmulator


def root(emu: BotApiEmulator) -> str:
    return emu.base_url.removesuffix("/bot")


async def post(client: httpx.AsyncClient, path: str, **body: Any) -> Any:
    response = await client.post(path, json=body)
    response.raise_for_status()
    return response.json()


async def test_people_script_a_private_chat_and_a_group_over_http(
    emu: BotApiEmulator, config: Config
) -> None:
    async with (
        running_bot(config, polling=True),
        httpx.AsyncClient(base_url=root(emu)) as client,
    ):
        budi = (await post(client, "/emulator/user", first_name="Budi"))["id"]
        await post(client, "/emulator/text", user=budi, chat=budi, text="/start")
        await emu.wait_for(lambda e: len(e.sent(budi)) == 1)
        [welcome] = (await client.get("/emulator/sent", params={"chat": budi})).json()
        assert "Halo, Budi" in welcome["text"]

        warga = (await post(client, "/emulator/user", first_name="Yanti"))["id"]
        group = (await post(client, "/emulator/group", title="KIM Uji", admins=[budi],
                            members=[warga]))["id"]  # fmt: skip
        await post(client, "/emulator/add_bot", chat=group, by=budi)
        await emu.wait_for(lambda e: len(e.sent(group)) == 1)
        await post(client, "/emulator/text", user=warga, chat=group, text="/daftar")
        await emu.wait_for(lambda e: len(e.sent(group)) == 2)
        assert "hanya admin grup" in emu.sent(group)[-1]["text"]
        await post(client, "/emulator/text", user=budi, chat=group, text="/daftar")
        await emu.wait_for(lambda e: len(e.sent(group)) == 3)
        ask = emu.sent(group)[-1]
        await post(client, "/emulator/text", user=budi, chat=group, text="KIM Uji Coba",
                   reply_to=ask["message_id"])  # fmt: skip
        await emu.wait_for(lambda e: "daftar:kec:61.06.01" in str(e.sent(group)[-1]))
        kecamatan = emu.sent(group)[-1]
        await post(client, "/emulator/press", user=budi, chat=group,
                   message_id=kecamatan["message_id"], data="daftar:kec:61.06.01")  # fmt: skip
        await emu.wait_for(lambda e: "Putussibau Utara" in e.sent(group)[-1].get("text", ""))

        unknown = await client.post("/emulator/text", json={"user": 999, "chat": 1, "text": "x"})
        assert unknown.status_code == 404
        assert "POST /emulator/user" in unknown.json()["error"]
        bad = await client.get("/emulator/sent")
        assert bad.status_code == 400
