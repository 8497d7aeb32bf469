"""The emulator's world (people, chats, messages, files) kept in a JSON file between runs.

The bot's own state is in the sandbox's SQLite file; this is the other half, Telegram's,
which a real deployment never needs. Written atomically (a temporary file, then rename).
"""

from __future__ import annotations

import base64
import itertools
import json
import os
from pathlib import Path
from typing import Any

from bot.emulator import BotApiEmulator, Chat, User
from bot.emulator.state import StoredFile

_COUNTERS = ("_user_ids", "_group_ids", "_super_ids")


def _take(counter: itertools.count[int]) -> tuple[int, itertools.count[int]]:
    """The next value of a counter, and a counter that still starts there."""
    value = next(counter)
    return value, itertools.count(value)


def snapshot(emu: BotApiEmulator) -> dict[str, Any]:
    """Everything needed to bring the world back, as JSON-ready data."""
    state = emu.state
    serial, state._ids = _take(state._ids)
    counters = {}
    for name in _COUNTERS:
        counters[name], fresh = _take(getattr(emu, name))
        setattr(emu, name, fresh)
    return {
        "users": [vars(u) for u in state.users.values()],
        "chats": [_chat(c) for c in state.chats.values()],
        "messages": [[c, m, msg] for (c, m), msg in state.messages.items()],
        "files": [_file(f) for f in state.files.values()],
        "topics": [[c, t, topic] for (c, t), topic in state.topics.items()],
        "last_message_id": list(state._last_message_id.items()),
        "serial": serial,
        "counters": counters,
        "next_update_id": emu.updates._next_id,
    }


def restore(emu: BotApiEmulator, data: dict[str, Any]) -> None:
    """Put a snapshot back into a fresh emulator."""
    state = emu.state
    state.users = {u["id"]: User(**u) for u in data["users"]}
    state.chats = {c["id"]: _unchat(c, state.users) for c in data["chats"]}
    state.messages = {(c, m): msg for c, m, msg in data["messages"]}
    state.files = {f["file_id"]: _unfile(f) for f in data["files"]}
    state.topics = {(c, t): topic for c, t, topic in data["topics"]}
    state._last_message_id = {int(c): int(n) for c, n in data["last_message_id"]}
    state._ids = itertools.count(int(data["serial"]))
    for name in _COUNTERS:
        setattr(emu, name, itertools.count(int(data["counters"][name])))
    emu.updates._next_id = int(data["next_update_id"])


def save(emu: BotApiEmulator, path: Path) -> None:
    """Write the world to `path` atomically."""
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(json.dumps(snapshot(emu)), encoding="utf-8")
    os.replace(temporary, path)


def load(emu: BotApiEmulator, path: Path) -> bool:
    """Bring the world back from `path`; False when there is none (a fresh sandbox)."""
    if not path.is_file():
        return False
    restore(emu, json.loads(path.read_text(encoding="utf-8")))
    return True


def _chat(chat: Chat) -> dict[str, Any]:
    data = {k: v for k, v in vars(chat).items() if k not in ("user", "members")}
    data["user"] = chat.user.id if chat.user else None
    data["members"] = [[uid, status] for uid, (_, status) in chat.members.items()]
    return data


def _unchat(data: dict[str, Any], users: dict[int, User]) -> Chat:
    fields = {k: v for k, v in data.items() if k not in ("user", "members")}
    chat = Chat(**fields, user=users.get(data["user"]) if data["user"] else None)
    for uid, status in data["members"]:
        chat.set_member(users[uid], status)
    return chat


def _file(stored: StoredFile) -> dict[str, Any]:
    data = dict(vars(stored))
    data["data"] = base64.b64encode(stored.data).decode("ascii")
    return data


def _unfile(data: dict[str, Any]) -> StoredFile:
    return StoredFile(**{**data, "data": base64.b64decode(data["data"])})
