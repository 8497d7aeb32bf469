"""Diskominfo roles, the pending list, start/help, and the error handler."""

from __future__ import annotations

import logging
from datetime import date

import pytest

from bot.models.people import Role
from bot.models.registrasi import KimDraft
from bot.store import Store
from tests.conftest import TOKEN, Hub, buttons, texts


async def test_roles_granted_and_revoked_by_admin_only(hub: Hub) -> None:
    sari = hub.emu.user("Sari", username="sari_kh")
    sari_chat = hub.emu.private_chat(sari)
    await hub.say(sari, sari_chat, "/start")  # the bot learns her @username
    admin_chat = hub.emu.private_chat(hub.admin)
    assert "Belum ada penyiar" in texts(await hub.say(hub.admin, admin_chat, "/peran"))
    done = texts(await hub.say(hub.admin, admin_chat, "/peran beri @sari_kh penyiar"))
    assert "Sari sekarang penyiar" in done
    store: Store = hub.store
    assert await store.roles_of(sari.id) == {Role.BROADCASTER}
    [menu] = [c.params for c in hub.emu.calls_to("setMyCommands")
              if c.params["scope"].get("chat_id") == sari.id]  # fmt: skip
    assert {"siaran", "jadwal"} <= {cmd["command"] for cmd in menu["commands"]}
    assert "verifikasi" not in {cmd["command"] for cmd in menu["commands"]}
    assert "sudah menjadi penyiar" in texts(
        await hub.say(hub.admin, admin_chat, "/peran beri @sari_kh penyiar")
    )
    assert "@sari_kh" in texts(await hub.say(hub.admin, admin_chat, "/peran"))
    # A broadcaster is not an admin: she cannot hand out roles.
    refused = texts(await hub.say(sari, sari_chat, f"/peran beri {sari.id} kurator"))
    assert "hanya untuk admin" in refused
    assert await store.roles_of(sari.id) == {Role.BROADCASTER}
    assert "Cara memakai" in texts(await hub.say(hub.admin, admin_chat, "/peran beri sari"))
    assert "belum dikenal" in texts(await hub.say(hub.admin, admin_chat, "/peran beri @x kurator"))
    revoked = texts(await hub.say(hub.admin, admin_chat, "/peran cabut @sari_kh penyiar"))
    assert "dicabut" in revoked
    assert await store.roles_of(sari.id) == frozenset()
    assert hub.emu.calls_to("deleteMyCommands")[-1].params["scope"]["chat_id"] == sari.id


async def test_pending_list_for_admins_only(hub: Hub) -> None:
    store: Store = hub.store
    draft = KimDraft("KIM Kalis", "61.06.18.2001", "61.06.18", "camat", "1/2025", date(2025, 3, 1))
    kim = await store.register_kim(draft, -4999, 5)
    admin_chat = hub.emu.private_chat(hub.admin)
    replies = await hub.say(hub.admin, admin_chat, "/verifikasi")
    assert "1 KIM menunggu" in texts(replies)
    assert f"verif:ok:{kim.id}" in buttons(replies[-1])
    assert "KIM Kalis" in replies[-1]["text"]
    warga = hub.emu.user("Warga")
    assert "hanya untuk admin" in texts(
        await hub.say(warga, hub.emu.private_chat(warga), "/verifikasi")
    )


async def test_start_and_help(hub: Hub) -> None:
    user = hub.emu.user("Ayu")
    chat = hub.emu.private_chat(user)
    welcome = texts(await hub.say(user, chat, "/start"))
    assert "Halo, Ayu" in welcome
    assert str(user.id) in welcome
    assert "/daftar" in welcome
    help_private = texts(await hub.say(user, chat, "/bantuan"))
    assert "/start" in help_private
    assert "/verifikasi" not in help_private
    admin_help = texts(await hub.say(hub.admin, hub.emu.private_chat(hub.admin), "/help"))
    assert "/verifikasi" in admin_help
    assert "/peran" in admin_help
    group = hub.emu.group("Grup", admins=[user])
    help_group = texts(await hub.say(user, group, "/bantuan", reply=False))
    assert "/gabung" in help_group
    assert "belum terdaftar" in help_group


async def test_commands_published_per_scope(hub: Hub) -> None:
    calls = hub.emu.calls_to("setMyCommands")
    scopes = {c.params["scope"]["type"]: c.params for c in calls}
    assert {"all_private_chats", "all_group_chats", "all_chat_administrators", "chat"} <= set(
        scopes
    )
    admin_menu = [c.params for c in calls if c.params["scope"].get("chat_id") == hub.admin.id]
    names = {cmd["command"] for cmd in admin_menu[0]["commands"]}
    assert {"start", "verifikasi", "peran"} <= names
    group_admin = {cmd["command"] for cmd in scopes["all_chat_administrators"]["commands"]}
    assert "daftar" in group_admin


async def test_error_handler_apologises_tells_desk_and_hides_token(
    hub: Hub, caplog: pytest.LogCaptureFixture
) -> None:
    async def explode(update: object, context: object) -> None:
        raise RuntimeError(f"boom with {TOKEN}")

    from telegram.ext import CommandHandler

    hub.app.add_handler(CommandHandler("meledak", explode), group=-2)
    user = hub.emu.user("Budi")
    chat = hub.emu.private_chat(user)
    with caplog.at_level(logging.ERROR):
        replies = await hub.process(hub.emu.text(user, chat, "/meledak"))
    assert "Maaf, terjadi kesalahan" in texts([r for r in replies if r["chat"]["id"] == chat.id])
    desk_note = hub.last(hub.desk)["text"]
    assert "RuntimeError" in desk_note
    assert TOKEN not in desk_note
    assert "<TOKEN>" in desk_note
    assert TOKEN not in caplog.text


async def test_reply_survives_one_server_error(hub: Hub) -> None:
    user = hub.emu.user("Budi")
    chat = hub.emu.private_chat(user)
    hub.emu.fail("sendMessage", chat_id=chat.id, error="server", times=1)
    hub.emu.fail("sendMessage", chat_id=chat.id, error="bad_gateway", times=1)
    await hub.process(hub.emu.text(user, chat, "/start"))
    statuses = [c.status for c in hub.emu.calls_to("sendMessage", chat.id)]
    assert statuses == [500, 502, 200]
    assert "Halo, Budi" in hub.last(chat)["text"]


async def test_reply_waits_out_a_429(hub: Hub) -> None:
    user = hub.emu.user("Budi")
    chat = hub.emu.private_chat(user)
    hub.emu.fail("sendMessage", chat_id=chat.id, error="flood", retry_after=1, times=1)
    await hub.process(hub.emu.text(user, chat, "/start"))
    calls = hub.emu.calls_to("sendMessage", chat.id)
    assert [c.status for c in calls] == [429, 200]
    assert calls[1].at - calls[0].at >= 1.0  # retry_after obeyed
