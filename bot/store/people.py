"""Store methods for chats, people and Diskominfo roles."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Sequence
from datetime import datetime

import aiosqlite

from bot.models.people import Decision, Person, Role, RoleGrant
from bot.store import scrub
from bot.store.base import StoreBase, from_db_time, to_db_time, utcnow


def decision_row(row: aiosqlite.Row, by: str, at: str, name: str) -> Decision | None:
    """The decision a row records: who (`by`, their first name in `name`) and when (`at`)."""
    moment = from_db_time(row[at])
    if row[by] is None or moment is None:
        return None
    return Decision(row[by], row[name], moment)


log = logging.getLogger(__name__)


TOUCH_EVERY_S = 15 * 60.0  # a person's last_seen_at is written at most this often, same name
TOUCHED_KEEP = 10_000  # people remembered in memory before the expired are swept out

# Columns that name a person in records that stay after /hapusdata (what a KIM or the desk
# did): the person's id is replaced by nobody. 0 where the record must still show that
# someone acted (a decision stays a decision, "by a person whose data was erased"), NULL
# where the link itself goes (a discussion's opener, the ketua's consent to be shown).
# tests/umum/test_erasure_columns.py checks every column of the schema that names a person
# is erased here or in PeopleStore.
ANONYMISED: tuple[tuple[str, str, int | None], ...] = (
    ("kim", "decided_by", 0), ("role", "granted_by", 0), ("outbox_batch", "created_by", 0),
    ("broadcast", "created_by", 0), ("kim_link", "requested_by", 0),
    ("kim_link", "decided_by", 0), ("discussion", "opened_by", None),
    ("discussion", "closed_by", None), ("kim_news_thread", "set_by", 0),
    ("impl_report", "reporter_id", 0), ("impl_report", "decided_by", 0),
    ("impl_share", "requested_by", 0), ("impl_share", "decided_by", 0),
    ("kim_network", "ketua_consent_by", None), ("kim_network", "updated_by", 0),
    ("contact_request", "requested_by", 0), ("contact_request", "decided_by", 0),
    ("agenda", "created_by", 0),
)  # fmt: skip


class PeopleStore(StoreBase):
    """Chats the bot is in, people it talks to, and who holds which role."""

    def __init__(self, db: aiosqlite.Connection) -> None:
        super().__init__(db)
        self.monotonic: Callable[[], float] = time.monotonic  # tests move it
        # user id → (first name, username, when written): what the person row holds already.
        self._touched: dict[int, tuple[str, str | None, float]] = {}

    async def upsert_chat(self, chat_id: int, chat_type: str, title: str | None) -> None:
        """Remember a chat (as active) or refresh its title."""
        await self._write(
            """INSERT INTO chat (chat_id, type, title, active, updated_at) VALUES (?, ?, ?, 1, ?)
               ON CONFLICT (chat_id) DO UPDATE SET type = excluded.type,
                   title = excluded.title, active = 1, updated_at = excluded.updated_at""",
            (chat_id, chat_type, title, to_db_time(utcnow())),
        )

    async def set_chat_active(self, chat_id: int, active: bool) -> None:
        """Mark a chat reachable or not (bot removed, blocked by the user)."""
        await self._write(
            "UPDATE chat SET active = ?, updated_at = ? WHERE chat_id = ?",
            (int(active), to_db_time(utcnow()), chat_id),
        )

    async def is_chat_active(self, chat_id: int) -> bool:
        """Whether the bot can still reach this chat (unknown chats count as reachable)."""
        row = await self._one("SELECT active FROM chat WHERE chat_id = ?", (chat_id,))
        return row is None or bool(row["active"])

    async def migrate_chat(self, old_chat_id: int, new_chat_id: int, title: str | None) -> None:
        """Record a group's move to a supergroup and carry its KIM across."""
        now = to_db_time(utcnow())
        async with self.transaction():
            await self._write(
                """INSERT INTO chat (chat_id, type, title, active, updated_at)
                   VALUES (?, 'supergroup', ?, 1, ?)
                   ON CONFLICT (chat_id) DO UPDATE SET type = 'supergroup', active = 1""",
                (new_chat_id, title, now),
            )
            await self._write(
                "UPDATE chat SET active = 0, migrated_to = ?, updated_at = ? WHERE chat_id = ?",
                (new_chat_id, now, old_chat_id),
            )
            await self._write(
                "UPDATE kim SET chat_id = ?, updated_at = ? WHERE chat_id = ?",
                (new_chat_id, now, old_chat_id),
            )
            await self._write(  # a link request waiting for the desk follows the group too
                "UPDATE kim_link SET chat_id = ?, updated_at = ? WHERE chat_id = ?",
                (new_chat_id, now, old_chat_id),
            )

    async def touch_person(self, user_id: int, first_name: str, username: str | None) -> None:
        """Remember the name a person uses, so roles can be granted by @username.

        Written when the name or username changed, or TOUCH_EVERY_S after the last write
        (last_seen_at then lags by at most that); the row stays the truth, this only spares
        a write per update."""
        now = self.monotonic()
        known = self._touched.get(user_id)
        if known and known[:2] == (first_name, username) and now - known[2] < TOUCH_EVERY_S:
            return
        await self._write(
            """INSERT INTO person (user_id, first_name, username, last_seen_at) VALUES (?, ?, ?, ?)
               ON CONFLICT (user_id) DO UPDATE SET first_name = excluded.first_name,
                   username = excluded.username, last_seen_at = excluded.last_seen_at""",
            (user_id, first_name, username, to_db_time(utcnow())),
        )
        if len(self._touched) >= TOUCHED_KEEP:
            self._touched = {k: v for k, v in self._touched.items() if now - v[2] < TOUCH_EVERY_S}
        self._touched[user_id] = (first_name, username, now)

    def forget_touched(self, user_id: int) -> None:
        """The person's row is gone (erased): write it again on their next update."""
        self._touched.pop(user_id, None)

    async def find_person(self, handle: str) -> Person | None:
        """A person by numeric id or @username (case-insensitive)."""
        handle = handle.strip()
        if handle.lstrip("-").isdigit():
            row = await self._one("SELECT * FROM person WHERE user_id = ?", (int(handle),))
            if row is None:
                return Person(int(handle), handle, None)
        else:
            row = await self._one(
                "SELECT * FROM person WHERE lower(username) = lower(?)", (handle.lstrip("@"),)
            )
        return Person(row["user_id"], row["first_name"], row["username"]) if row else None

    async def person_seen(self, user_id: int) -> tuple[Person, datetime | None] | None:
        """What the bot keeps to address a person, and when it last heard from them."""
        row = await self._one("SELECT * FROM person WHERE user_id = ?", (user_id,))
        if row is None:
            return None
        person = Person(row["user_id"], row["first_name"], row["username"])
        return person, from_db_time(row["last_seen_at"])

    async def roles_of(self, user_id: int) -> frozenset[Role]:
        """The roles a person holds in the database."""
        rows = await self._all("SELECT role FROM role WHERE user_id = ?", (user_id,))
        return frozenset(Role(r["role"]) for r in rows)

    async def grant_role(self, user_id: int, role: Role, by: int) -> bool:
        """Give a role; False when it was already held."""
        cursor = await self._write(
            """INSERT INTO role (user_id, role, granted_by, granted_at) VALUES (?, ?, ?, ?)
               ON CONFLICT DO NOTHING""",
            (user_id, role, by, to_db_time(utcnow())),
        )
        return bool(cursor.rowcount)

    async def revoke_role(self, user_id: int, role: Role) -> bool:
        """Take a role away; False when it was not held."""
        cursor = await self._write(
            "DELETE FROM role WHERE user_id = ? AND role = ?", (user_id, role)
        )
        return bool(cursor.rowcount)

    async def list_roles(self) -> list[RoleGrant]:
        """Every role grant, with the holder's name where known."""
        rows = await self._all(
            """SELECT role.user_id, role.role, role.granted_by, person.first_name, person.username
               FROM role LEFT JOIN person USING (user_id) ORDER BY role.role, role.user_id"""
        )
        return [
            RoleGrant(
                r["user_id"], Role(r["role"]), r["granted_by"], r["first_name"], r["username"]
            )
            for r in rows
        ]

    async def delete_person(
        self, user_id: int, names: Sequence[str | None] = (), *, placeholder: str
    ) -> None:
        """Erase a person: name, memberships, roles, scratch data; their reports made anonymous.

        Their names (`names`, plus those stored) are replaced by `placeholder` in the outbox's
        messages, and the write-ahead log is emptied afterwards: with secure_delete on, the
        erased bytes are then gone from the database files, not only from queries.
        """
        async with self.transaction():
            known = [*names, *await self._names_of(user_id)]
            await self._scrub_outbox(known, placeholder)
            await self._write("DELETE FROM kim_member WHERE user_id = ?", (user_id,))
            await self._write("DELETE FROM role WHERE user_id = ?", (user_id,))
            await self._write("DELETE FROM person WHERE user_id = ?", (user_id,))
            self.forget_touched(user_id)
            # Their scratch, and the scratch of their private chat (its id is theirs).
            await self._write(
                "DELETE FROM ptb_state WHERE kind IN ('user_data', 'chat_data') AND key = ?",
                (str(user_id),),
            )
            await self._anonymise(user_id)
        await self.checkpoint()

    async def _anonymise(self, user_id: int) -> None:
        """Keep the records of what a person did, without who did it (0 is nobody)."""
        await self._write("UPDATE kim SET registered_by = NULL WHERE registered_by = ?", (user_id,))
        await self._write("UPDATE receipt SET confirmed_by = 0 WHERE confirmed_by = ?", (user_id,))
        await self._write(
            "UPDATE OR REPLACE news_dissemination SET user_id = 0 WHERE user_id = ?", (user_id,)
        )
        await self._write("UPDATE news_item SET curated_by = NULL WHERE curated_by = ?", (user_id,))
        await self._write("UPDATE broadcast SET changed_by = NULL WHERE changed_by = ?", (user_id,))
        # Their aspirations stay for the statistics, without who filed them or the name given.
        await self._write(
            "UPDATE aspiration SET reporter_id = NULL, reporter_name = NULL WHERE reporter_id = ?",
            (user_id,),
        )
        await self._write(
            "UPDATE aspiration_event SET by_user = NULL WHERE by_user = ?", (user_id,)
        )
        # A discussion keeps its counts; who took part in it goes.
        await self._write("DELETE FROM discussion_participant WHERE user_id = ?", (user_id,))
        for table, column, nobody in ANONYMISED:
            await self._write(
                f"UPDATE {table} SET {column} = ? WHERE {column} = ?", (nobody, user_id)
            )

    async def known_names(self, user_id: int) -> list[str]:
        """Every name the database keeps for a person (the export masks them in texts)."""
        return [name for name in await self._names_of(user_id) if name]

    async def _names_of(self, user_id: int) -> list[str | None]:
        """Every name the database keeps for a person (as they were last seen, as a member)."""
        person = await self._one("SELECT first_name, username FROM person WHERE user_id = ?",
                                 (user_id,))  # fmt: skip
        member = await self._one("SELECT nama FROM kim_member WHERE user_id = ?", (user_id,))
        names: list[str | None] = [member["nama"] if member else None]
        given = await self._all(  # a name given with an aspiration (shown to the desk)
            "SELECT DISTINCT reporter_name FROM aspiration WHERE reporter_id = ?", (user_id,)
        )
        names += [row["reporter_name"] for row in given]
        if person is not None:
            handle = person["username"]
            names += [person["first_name"], handle, f"@{handle}" if handle else None]
        return names

    async def _scrub_outbox(self, names: Sequence[str | None], placeholder: str) -> None:
        """Replace the names in every outbox message that carries them (queued or sent)."""
        found = scrub.needles(names)
        if not found:
            return
        where = " OR ".join("instr(lower(params), ?) > 0" for _ in found)
        rows = await self._all(f"SELECT id, params FROM outbox_message WHERE {where}", found)
        for row in rows:
            params = scrub.scrub(json.loads(row["params"]), names, placeholder)
            await self._write(
                "UPDATE outbox_message SET params = ? WHERE id = ?", (json.dumps(params), row["id"])
            )

    async def checkpoint(self) -> bool:
        """Copy the write-ahead log into the database and empty it; False when a reader
        (another process) kept part of it, which is then logged."""
        if self._in_transaction():  # the lock is ours: the commit comes first
            return False
        async with self._write_lock:
            row = await self._one("PRAGMA wal_checkpoint(TRUNCATE)")
        busy = row is not None and bool(row[0])
        if busy:
            log.warning("basis data: checkpoint WAL belum tuntas (ada proses lain yang membaca)")
        return not busy
