"""docs/ROLES.md against the running application: every command and button is in the table,
and each role gets, through the emulator, the verdict the table gives."""

from __future__ import annotations

import re

from bot.emulator import Chat
from tests.conftest import Hub
from tests.reliability.probe import try_button, try_command
from tests.reliability.roles_table import Row, read_rows
from tests.reliability.surface import button_patterns, commands, prefix_of
from tests.reliability.world import ROLES, World, make_world

CATCH_ALL = re.compile(r"\(\.\*\)")


def test_every_command_and_button_of_the_application_is_in_roles_md(hub: Hub) -> None:
    rows = read_rows()
    named = {row.name.lstrip("/") for row in rows} | {a for row in rows for a in row.aliases}
    buttons = {prefix_of(p) for p in button_patterns(hub.app) if p and not CATCH_ALL.search(p)}
    missing = sorted(f"/{c}" for c in commands(hub.app) - named) + sorted(buttons - named)
    assert not missing, f"docs/ROLES.md has no row for: {', '.join(missing)}"


def test_every_button_row_tries_data_the_application_accepts(hub: Hub) -> None:
    patterns = [re.compile(p) for p in button_patterns(hub.app) if p and not CATCH_ALL.search(p)]
    ids = {"tiket": 7, "kim_baru": 8, "kim": 9}
    bad = [row.tried for row in read_rows() if not row.name.startswith("/")
           and not any(p.fullmatch(row.tried.format(**ids)) for p in patterns)]  # fmt: skip
    assert not bad, f"no handler takes: {bad}"


async def test_each_role_gets_what_roles_md_says(hub: Hub) -> None:
    wrong = []
    for row in read_rows():
        world = await make_world(hub)  # fresh people, KIM and ticket: rows do not interfere
        for role in ROLES:
            seen, names = await _try(hub, world, row, role)
            if seen != row.verdicts[role]:
                wrong.append(f"{row.tried} ({row.chat}) as {role}: {seen}, table "
                             f"{row.verdicts[role]}; rendered {names}")  # fmt: skip
    assert not wrong, "\n".join(wrong)


async def _try(hub: Hub, world: World, row: Row, role: str) -> tuple[str, list[str]]:
    user = world.people[role]
    chat = Chat(user.id, "private", user=user) if row.chat == "private" else world.home(role)
    if row.name.startswith("/"):
        return await try_command(hub, user, chat, row.name.lstrip("/"))
    return await try_button(hub, user, chat, row.tried.format(**world.ids))
