"""The emulated world: users, chats with members, messages, files and bot settings."""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass, field
from typing import Any

from bot.emulator.errors import bad_request, forbidden, migrated
from bot.emulator.spec import UploadedFile

MEMBER_STATUSES = frozenset({"creator", "administrator", "member", "restricted", "left", "kicked"})
ADMIN_RIGHTS = (
    "can_manage_chat", "can_delete_messages", "can_manage_video_chats", "can_restrict_members",
    "can_change_info", "can_invite_users", "can_post_stories", "can_edit_stories",
    "can_delete_stories", "can_pin_messages", "can_manage_topics",
)  # fmt: skip


def now() -> int:
    """Return the wall-clock Unix time Telegram puts in `date` fields."""
    return int(time.time())


@dataclass
class User:
    """A Telegram user (or the bot) as the emulator knows it."""

    id: int
    first_name: str
    last_name: str | None = None
    username: str | None = None
    language_code: str | None = None
    is_bot: bool = False

    def to_dict(self) -> dict[str, Any]:
        """Return the Telegram `User` JSON object."""
        data: dict[str, Any] = {"id": self.id, "is_bot": self.is_bot, "first_name": self.first_name}
        for key in ("last_name", "username", "language_code"):
            if getattr(self, key) is not None:
                data[key] = getattr(self, key)
        return data


@dataclass
class Chat:
    """A chat: private, group, supergroup or channel, with member statuses."""

    id: int
    type: str
    title: str | None = None
    user: User | None = None
    is_forum: bool = False
    bot_status: str = "member"
    members: dict[int, tuple[User, str]] = field(default_factory=dict)
    migrated_to: int | None = None
    pinned: list[int] = field(default_factory=list)
    # The bot's administrator rights while it is an administrator (all granted unless set).
    bot_rights: dict[str, bool] = field(default_factory=dict)
    # What plain members may do; in a basic group they may pin unless the admins forbade it.
    members_can_pin: bool = True

    def set_member(self, user: User, status: str) -> None:
        """Set `user`'s membership status (creator/administrator/member/left/kicked...)."""
        if status not in MEMBER_STATUSES:
            raise ValueError(f"unknown chat member status {status!r}")
        self.members[user.id] = (user, status)

    def to_dict(self) -> dict[str, Any]:
        """Return the Telegram `Chat` JSON object."""
        data: dict[str, Any] = {"id": self.id, "type": self.type}
        if self.user is not None:
            data.update(self.user.to_dict())
            data.pop("is_bot")
            data.pop("language_code", None)
            data["type"] = "private"
        else:
            data["title"] = self.title or ""
        if self.is_forum:
            data["is_forum"] = True
        return data

    @property
    def is_group(self) -> bool:
        """Return whether this is a group, supergroup or channel (negative id)."""
        return self.id < 0

    def bot_can(self, right: str) -> bool:
        """Return whether the bot holds an administrator right (`can_manage_topics` ...)."""
        if self.bot_status == "creator":
            return True
        return self.bot_status == "administrator" and self.bot_rights.get(right, True)

    def bot_may_pin(self) -> bool:
        """Return whether the bot may pin: a right of admins, of members in basic groups."""
        if self.bot_can("can_pin_messages"):
            return True
        return self.type == "group" and self.members_can_pin and self.bot_status == "member"


@dataclass
class StoredFile:
    """Bytes the emulator holds behind a file_id."""

    file_id: str
    file_unique_id: str
    data: bytes
    file_path: str
    file_name: str | None = None
    mime_type: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return the Telegram `File` JSON object."""
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": len(self.data),
            "file_path": self.file_path,
        }


@dataclass
class State:
    """Everything the emulator remembers; one world shared by all tokens."""

    users: dict[int, User] = field(default_factory=dict)
    chats: dict[int, Chat] = field(default_factory=dict)
    messages: dict[tuple[int, int], dict[str, Any]] = field(default_factory=dict)
    files: dict[str, StoredFile] = field(default_factory=dict)
    commands: dict[tuple[str, str], list[dict[str, Any]]] = field(default_factory=dict)
    callback_queries: dict[str, dict[str, Any]] = field(default_factory=dict)
    answers: dict[str, dict[str, Any]] = field(default_factory=dict)
    settings: dict[str, Any] = field(default_factory=dict)
    topics: dict[tuple[int, int], dict[str, Any]] = field(default_factory=dict)
    open_chats: bool = False  # benchmarks: unknown numeric chat ids exist on first use
    # BotFather's /setprivacy: with privacy mode on (Telegram's default) a bot that is no
    # admin gets only commands, replies to its own messages and service messages of a group.
    # getMe reports it; `enforce_privacy` makes pushed updates obey it (off: every update).
    privacy_mode: bool = True
    enforce_privacy: bool = False
    _last_message_id: dict[int, int] = field(default_factory=dict)
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    def next_message_id(self, chat_id: int) -> int:
        """Return the next per-chat increasing message_id."""
        self._last_message_id[chat_id] = self._last_message_id.get(chat_id, 0) + 1
        return self._last_message_id[chat_id]

    def serial(self) -> int:
        """Return a process-wide increasing number for ids that need one."""
        return next(self._ids)

    def chat_for_send(self, chat_id: Any) -> Chat:
        """Resolve `chat_id` for sending, raising Telegram's 400/403 errors."""
        chat = self.find_chat(chat_id)
        if chat.migrated_to is not None:
            raise migrated(chat.migrated_to)
        if chat.bot_status == "kicked" and chat.type == "private":
            raise forbidden("bot was blocked by the user")
        if chat.bot_status in ("kicked", "left"):
            raise forbidden(_kicked_detail(chat))
        return chat

    def find_chat(self, chat_id: Any) -> Chat:
        """Return the chat by numeric id or @username, or raise 400 chat not found."""
        if isinstance(chat_id, str) and chat_id.lstrip("-").isdigit():
            chat_id = int(chat_id)
        if isinstance(chat_id, int) and chat_id in self.chats:
            return self.chats[chat_id]
        if isinstance(chat_id, int) and self.open_chats:
            return self._open_chat(chat_id)
        if isinstance(chat_id, int) and chat_id in self.users:
            raise forbidden("bot can't initiate conversation with a user")
        raise bad_request("chat not found")

    def _open_chat(self, chat_id: int) -> Chat:
        """Create a chat for an id nobody scripted: private if positive, else a group."""
        if chat_id > 0:
            user = self.users.setdefault(chat_id, User(chat_id, f"User {chat_id}"))
            chat = Chat(chat_id, "private", user=user)
        else:
            kind = "supergroup" if chat_id < -(10**12) else "group"
            chat = Chat(chat_id, kind, title=f"Chat {chat_id}")
        self.chats[chat_id] = chat
        return chat

    def message(self, chat_id: int, message_id: Any, missing: str) -> dict[str, Any]:
        """Return a stored message or raise 400 with the `missing` description."""
        found = self.messages.get((chat_id, message_id)) if isinstance(message_id, int) else None
        if found is None:
            raise bad_request(missing)
        return found

    def store_file(self, upload: UploadedFile, kind: str) -> StoredFile:
        """Keep uploaded bytes and issue a file_id that can be re-sent and downloaded."""
        n = self.serial()
        ext = upload.filename.rsplit(".", 1)[-1] if "." in upload.filename else "bin"
        stored = StoredFile(
            file_id=f"EMU-{kind}-{n:06d}-{_hex(n)}",
            file_unique_id=f"U{kind[:2]}{n:06d}",
            data=upload.data,
            file_path=f"{kind}s/file_{n}.{ext}",
            file_name=upload.filename,
            mime_type=upload.mime_type,
        )
        self.files[stored.file_id] = stored
        return stored

    def file_by_path(self, path: str) -> StoredFile | None:
        """Return the stored file whose file_path is `path`."""
        return next((f for f in self.files.values() if f.file_path == path), None)


def _kicked_detail(chat: Chat) -> str:
    if chat.bot_status == "left" and chat.type != "group":
        return f"bot is not a member of the {chat.type} chat"
    return f"bot was kicked from the {chat.type} chat"


def _hex(n: int) -> str:
    return format(n * 2654435761 % 2**32, "08x")
