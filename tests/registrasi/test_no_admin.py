"""Without any admin nobody can verify a KIM: said at start-up and in the group's confirmation."""

from __future__ import annotations

import logging
from dataclasses import replace

import pytest

from bot.config import Config
from bot.models.people import Role
from handlers.common.access import anyone_verifies
from tests.conftest import Hub, HubFactory, texts
from tests.registrasi.test_registration import kim_group, register_until_summary

WARNING = "KIM_ADMIN_IDS kosong: pendaftaran tidak akan diverifikasi"


async def test_start_up_and_confirmation_say_nobody_verifies(
    start_hub: HubFactory, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        async with start_hub(admin_ids=frozenset()) as hub:
            assert WARNING in caplog.text
            ketua, _, group = kim_group(hub.emu)
            summary = await register_until_summary(hub, ketua, group)
            confirmation = texts(await hub.press(ketua, summary, "daftar:ok"))
    assert "menunggu verifikasi" in confirmation
    assert "belum bisa diverifikasi" in confirmation


async def test_with_an_admin_nothing_is_flagged(
    start_hub: HubFactory, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        async with start_hub() as hub:
            ketua, _, group = kim_group(hub.emu)
            summary = await register_until_summary(hub, ketua, group)
            confirmation = texts(await hub.press(ketua, summary, "daftar:ok"))
    assert WARNING not in caplog.text
    assert "belum bisa diverifikasi" not in confirmation


async def test_an_admin_kept_in_the_database_counts(hub: Hub, config: Config) -> None:
    nobody = replace(config, admin_ids=frozenset())
    assert not await anyone_verifies(nobody, hub.store)
    await hub.store.grant_role(4242, Role.CURATOR, hub.admin.id)
    assert not await anyone_verifies(nobody, hub.store)
    await hub.store.grant_role(4242, Role.ADMIN, hub.admin.id)
    assert await anyone_verifies(nobody, hub.store)
