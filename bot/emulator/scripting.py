"""Test-scripting helpers: people, chats, and incoming updates in Telegram's JSON shapes.

Each update builder returns the update dict (valid for `telegram.Update.de_json`, or
for `app.process_update`) and queues it for getUpdates when called with `push=True`.
"""

from __future__ import annotations

import copy
import itertools
from typing import Any

from bot.emulator import media
from bot.emulator.chats import member_dict
from bot.emulator.content import GENERAL_TOPIC, shallow
from bot.emulator.html import utf16_len
from bot.emulator.privacy import reaches_bot
from bot.emulator.registry import bot_user
from bot.emulator.spec import UploadedFile
from bot.emulator.state import Chat, State, User, now
from bot.emulator.updates import UpdateQueue

MessageRef = dict[str, Any] | int


class Scripting:
    """Mixin that builds users, chats and updates against the emulator's state."""

    state: State
    updates: UpdateQueue
    token: str

    def __init__(self) -> None:
        self._user_ids = itertools.count(1001)
        self._group_ids = itertools.count(4001)
        self._super_ids = itertools.count(1)

    @property
    def bot(self) -> User:
        """Return the bot identity of the emulator's default token."""
        return bot_user(self.token)

    def push(self, update: dict[str, Any]) -> dict[str, Any]:
        """Queue an update for getUpdates and return it."""
        return self.updates.push(update)

    def reaches_bot(self, update: dict[str, Any]) -> bool:
        """Whether Telegram would hand `update` to the bot (privacy mode, see privacy.py)."""
        return reaches_bot(self.state, self.bot, update)

    def make_admin(self, chat: Chat, **rights: bool) -> Chat:
        """Make the bot an administrator of a group, with every right unless one is given
        (`make_admin(chat, can_manage_topics=False)`)."""
        chat.bot_status = "administrator"
        chat.bot_rights = dict(rights)
        return chat

    def user(self, first_name: str = "Budi", last_name: str | None = None,
             username: str | None = None, language_code: str | None = "id") -> User:  # fmt: skip
        """Create a user with the next id (1001, 1002, ...)."""
        user = User(next(self._user_ids), first_name, last_name, username, language_code)
        self.state.users[user.id] = user
        return user

    def private_chat(self, user: User) -> Chat:
        """Return the private chat with `user` (the user has started the bot)."""
        chat = self.state.chats.get(user.id) or Chat(user.id, "private", user=user)
        self.state.chats[user.id] = chat
        return chat

    def group(self, title: str, supergroup: bool = False, forum: bool = False,
              admins: list[User] | tuple[User, ...] = (),
              members: list[User] | tuple[User, ...] = ()) -> Chat:  # fmt: skip
        """Create a group (-4001...) or supergroup (-100...) with the bot as a member."""
        chat = self._new_group(title, supergroup or forum)
        chat.is_forum = forum
        if forum:
            # Message id 1 is the General topic's; real topics start after it.
            self.state.next_message_id(chat.id)
        for index, user in enumerate(admins):
            chat.set_member(user, "creator" if index == 0 else "administrator")
        for user in members:
            chat.set_member(user, "member")
        return chat

    def text(self, user: User, chat: Chat, text: str, reply_to: MessageRef | None = None,
             thread_id: int | None = None, push: bool = False,
             entities: list[dict[str, Any]] | None = None) -> dict[str, Any]:  # fmt: skip
        """Build a text message update; a leading /command gets its bot_command entity, and
        `entities` give it the formatting a person made in the Telegram app (bold, links …)."""
        message = self._message(user, chat, reply_to, thread_id)
        message["text"] = text
        if entities:
            message["entities"] = entities
        elif text.startswith("/"):
            command = text.split(maxsplit=1)[0]
            message["entities"] = [{"type": "bot_command", "offset": 0,
                                    "length": utf16_len(command)}]  # fmt: skip
        return self._emit("message", message, push)

    def press(self, user: User, message: MessageRef | dict[str, Any], data: str,
              push: bool = False) -> dict[str, Any]:  # fmt: skip
        """Build a callback_query update for a button on a message the bot sent."""
        if isinstance(message, int):
            raise TypeError("press() needs the message dict (chat and message_id)")
        current = self.state.messages.get((message["chat"]["id"], message["message_id"]))
        query_id = str(self.state.serial() * 7919 + 10**12)
        query = {"id": query_id, "from": user.to_dict(),
                 "message": copy.deepcopy(current or message),
                 "chat_instance": str(abs(message["chat"]["id"]) * 31), "data": data}  # fmt: skip
        self.state.callback_queries[query_id] = query
        return self._emit("callback_query", query, push)

    def photo(self, user: User, chat: Chat, caption: str | None = None, push: bool = False,
              reply_to: MessageRef | None = None, data: bytes | None = None,
              thread_id: int | None = None) -> dict[str, Any]:  # fmt: skip
        """Build a photo message update with two PhotoSize entries of real PNG bytes (`data`:
        the picture's own bytes as its largest size)."""
        message = self._message(user, chat, reply_to, thread_id)
        message["photo"] = media.photo_sizes(self.state, data)
        if caption is not None:
            message["caption"] = caption
        return self._emit("message", message, push)

    def document(self, user: User, chat: Chat, file_name: str, mime_type: str, content: bytes,
                 caption: str | None = None, push: bool = False,
                 reply_to: MessageRef | None = None,
                 thread_id: int | None = None) -> dict[str, Any]:  # fmt: skip
        """Build a document message update whose bytes getFile can download."""
        stored = self.state.store_file(UploadedFile(content, file_name, mime_type), "document")
        message = self._message(user, chat, reply_to, thread_id)
        message["document"] = media.document(stored)
        if caption is not None:
            message["caption"] = caption
        return self._emit("message", message, push)

    def location(self, user: User, chat: Chat, latitude: float, longitude: float,
                 push: bool = False, thread_id: int | None = None) -> dict[str, Any]:  # fmt: skip
        """Build a message update sharing a location (Telegram's paperclip → Lokasi)."""
        message = self._message(user, chat, None, thread_id)
        message["location"] = {"latitude": latitude, "longitude": longitude}
        return self._emit("message", message, push)

    def forward(self, user: User, chat: Chat, text: str, from_chat: Chat | None = None,
                from_user: User | None = None, push: bool = False) -> dict[str, Any]:  # fmt: skip
        """Build a message update forwarded by `user` from a chat, a user or a hidden user."""
        message = self._message(user, chat)
        message["text"] = text
        message["forward_origin"] = _origin(from_chat, from_user)
        return self._emit("message", message, push)

    def my_chat_member(self, chat: Chat, old_status: str, new_status: str,
                       by: User | None = None, push: bool = False) -> dict[str, Any]:  # fmt: skip
        """Build a my_chat_member update for the bot and apply the new status."""
        chat.bot_status = new_status
        actor = by or chat.user or next(iter(u for u, _ in chat.members.values()), self.bot)
        payload = {"chat": chat.to_dict(), "from": actor.to_dict(), "date": now(),
                   "old_chat_member": member_dict(self.bot, old_status),
                   "new_chat_member": member_dict(self.bot, new_status)}  # fmt: skip
        return self._emit("my_chat_member", payload, push)

    def add_bot_to_group(self, chat: Chat, by: User, admin: bool = False) -> list[dict[str, Any]]:
        """Queue what Telegram sends when `by` adds the bot: my_chat_member + new_chat_members."""
        status = "administrator" if admin else "member"
        first = self.my_chat_member(chat, "left", status, by=by, push=True)
        service = self._message(by, chat)
        service["new_chat_members"] = [self.bot.to_dict()]
        service["new_chat_member"] = self.bot.to_dict()
        service["new_chat_participant"] = self.bot.to_dict()
        return [first, self._emit("message", service, True)]

    def kick_bot(self, chat: Chat, by: User | None = None) -> dict[str, Any]:
        """Remove the bot (block it in private chats): later sends get 403; update queued."""
        new_status = "left" if chat.type == "group" else "kicked"
        return self.my_chat_member(chat, chat.bot_status, new_status, by=by, push=True)

    def migrate_to_supergroup(self, chat: Chat) -> Chat:
        """Upgrade a group: queue both migration service messages; old id answers 400."""
        new = self._new_group(chat.title or "", supergroup=True)
        new.members, new.bot_status = dict(chat.members), chat.bot_status
        actor = next(iter(u for u, _ in chat.members.values()), self.bot)
        old_note = self._message(actor, chat)
        old_note["migrate_to_chat_id"] = new.id
        self._emit("message", old_note, True)
        chat.migrated_to = new.id
        new_note = self._message(actor, new)
        new_note["from"] = {"id": 1087968824, "is_bot": True, "first_name": "Group",
                            "username": "GroupAnonymousBot"}  # fmt: skip
        new_note["sender_chat"] = new.to_dict()
        new_note["migrate_from_chat_id"] = chat.id
        self._emit("message", new_note, True)
        return new

    def _new_group(self, title: str, supergroup: bool) -> Chat:
        if supergroup:
            chat = Chat(-1002000000000 - next(self._super_ids), "supergroup", title=title)
        else:
            chat = Chat(-next(self._group_ids), "group", title=title)
        self.state.chats[chat.id] = chat
        return chat

    def _message(self, user: User, chat: Chat, reply_to: MessageRef | None = None,
                 thread_id: int | None = None) -> dict[str, Any]:  # fmt: skip
        self.state.users.setdefault(user.id, user)
        if chat.type == "private":
            self.state.chats.setdefault(chat.id, chat)
        message: dict[str, Any] = {
            "message_id": self.state.next_message_id(chat.id),
            "from": user.to_dict(),
            "chat": chat.to_dict(),
            "date": now(),
        }
        in_topic = chat.is_forum and thread_id is not None and thread_id != GENERAL_TOPIC
        if thread_id is not None:
            message["message_thread_id"] = thread_id
        if in_topic:
            message["is_topic_message"] = True
        if reply_to is None and in_topic:
            reply_to = thread_id  # Telegram: a topic message replies to the topic's creation
        if reply_to is not None:
            reply_id = reply_to if isinstance(reply_to, int) else reply_to["message_id"]
            replied = self.state.messages.get((chat.id, reply_id))
            if replied is not None:
                message["reply_to_message"] = shallow(replied)
        self.state.messages[(chat.id, message["message_id"])] = message
        return message

    def _emit(self, kind: str, payload: dict[str, Any], push: bool) -> dict[str, Any]:
        """Build an update; queue it when `push`, unless privacy mode hides it from the bot
        and the emulator enforces privacy (State.enforce_privacy)."""
        update = {"update_id": self.updates.new_id(), kind: copy.deepcopy(payload)}
        if push and (not self.state.enforce_privacy or self.reaches_bot(update)):
            self.updates.push(update)
        return update


def _origin(from_chat: Chat | None, from_user: User | None) -> dict[str, Any]:
    date = now() - 60
    if from_chat is not None and from_chat.type == "channel":
        return {"type": "channel", "date": date, "chat": from_chat.to_dict(), "message_id": 1}
    if from_chat is not None:
        return {"type": "chat", "date": date, "sender_chat": from_chat.to_dict()}
    if from_user is not None:
        return {"type": "user", "date": date, "sender_user": from_user.to_dict()}
    return {"type": "hidden_user", "date": date, "sender_user_name": "Anonim"}
