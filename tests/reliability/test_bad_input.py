"""Anything a person can send, at any step of a conversation, gets an answer and no error.

Hypothesis picks a conversation (the citizen's /aspirasi, the broadcaster's /siaran, a group
admin's /daftar in a new group, a member's /dataku), moves it on by pressing the first
button of the bot's last message a few times, then sends one bad input: arbitrary text
(empty, 10 000 characters, emoji, right-to-left, zero-width, HTML and Markdown meant to
inject), a sticker, a photo, a document, a location, an edited message, or a channel post.
Nothing may reach the error handler, a private chat always gets an answer, and the
conversation still ends cleanly with /batal (nothing is left stuck).
"""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.emulator import Chat, User
from tests.conftest import Hub, buttons
from tests.reliability.conftest import Errors
from tests.reliability.world import World, make_world

INJECTIONS = ("<b>tebal</b><script>x</script>", "**tebal** _miring_ [tautan](http://a.b)",
              "\u202eبالعربية\u200b\u200d\ufeff", "😀" * 300, "", " ", "x" * 10_000,
              "</code><a href='tg://user?id=1'>", "{{ 7*7 }} {% raw %}",
              "\x00\x1b[31m")  # fmt: skip
TEXTS = st.sampled_from(INJECTIONS) | st.text(max_size=300)
KINDS = ("text", "sticker", "photo", "document", "location", "edited", "channel")
STARTS = (("citizen", "private", "/aspirasi"), ("broadcaster", "private", "/siaran"),
          ("founder", "group", "/daftar"), ("kim_member", "private", "/dataku"))  # fmt: skip
SLOW_OK = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]


def bad_update(hub: Hub, user: User, chat: Chat, kind: str, text: str) -> dict[str, Any]:
    """One update of the given kind, from `user` in `chat` (a reply to the bot in groups)."""
    last = hub.emu.sent(chat)[-1] if hub.emu.sent(chat) and chat.type != "private" else None
    update = hub.emu.text(user, chat, text or "-", reply_to=last)
    message = update["message"]
    if kind == "text":
        message["text"] = text
    elif kind != "edited":
        del message["text"]
        message.update(_media(hub, kind))
    if kind == "edited":
        message["edit_date"] = message["date"] + 5
        update["edited_message"] = update.pop("message")
    if kind == "channel":
        channel = {"id": -1009000000001, "type": "channel", "title": "Kanal <b>Desa</b>"}
        message.pop("from")
        message.update(chat=channel, sender_chat=channel, text=text or "-")
        update["channel_post"] = update.pop("message")
    return update


def _media(hub: Hub, kind: str) -> dict[str, Any]:
    if kind == "sticker":
        return {"sticker": {"file_id": "stk1", "file_unique_id": "u1", "type": "regular",
                            "width": 512, "height": 512, "is_animated": False,
                            "is_video": False}}  # fmt: skip
    if kind == "photo":
        return {"photo": [{"file_id": "ph1", "file_unique_id": "p1", "width": 90,
                           "height": 90}]}  # fmt: skip
    if kind == "document":
        return {"document": {"file_id": "doc1", "file_unique_id": "d1", "file_name": "a.exe"}}
    return {"location": {"latitude": 0.85, "longitude": 112.93}}


async def _advance(hub: Hub, user: User, chat: Chat, presses: int) -> None:
    """Press the first button of the bot's last message in the chat, up to `presses` times."""
    for _ in range(presses):
        sent = hub.emu.sent(chat)
        options = list(buttons(sent[-1])) if sent else []
        if not options:
            return
        await hub.press(user, sent[-1], options[0])


async def _start(hub: Hub, world: World, start: tuple[str, str, str]) -> tuple[User, Chat]:
    role, where, command = start
    if role == "founder":
        user = hub.emu.user("Pendiri")
        chat = hub.emu.group("Calon KIM", admins=[user])
    else:
        user = world.people[role]
        chat = hub.emu.private_chat(user)
    await hub.say(user, chat, command, reply=False)
    assert where == chat.type or where == "group"
    return user, chat


@settings(max_examples=60, deadline=None, suppress_health_check=SLOW_OK)
@given(start=st.sampled_from(STARTS), presses=st.integers(0, 3),
       kind=st.sampled_from(KINDS), text=TEXTS)  # fmt: skip
async def test_any_input_at_any_step_is_answered_without_error(
    hub: Hub, errors: Errors, start: tuple[str, str, str], presses: int, kind: str, text: str
) -> None:
    world = await make_world(hub)
    user, chat = await _start(hub, world, start)
    await _advance(hub, user, chat, presses)
    before = len(hub.emu.calls)
    await hub.process(bad_update(hub, user, chat, kind, text))
    answered = [c for c in hub.emu.calls[before:] if c.params.get("chat_id") == chat.id]
    if chat.type == "private" and kind not in ("edited", "channel"):
        assert answered, f"no answer to a {kind} in {start[2]}"
    ended = await hub.say(user, chat, "/batal", reply=False)
    assert ended, "/batal went unanswered"
    assert errors.seen == []
