"""/siaran texts as the broadcaster wrote them: formatting kept, Jinja literals, limits."""

from __future__ import annotations

from bot.emulator import User
from tests.conftest import Hub, texts
from tests.diseminasi.conftest import context_of, make_broadcaster, two_kims
from tests.diseminasi.test_siaran_flow import compose

FORMATTED = "Halo {{ kim.nama }}: {{ 'x' * 3 }} & <b>"


async def test_formatting_and_string_literals_survive(hub: Hub, broadcaster: User) -> None:
    await make_broadcaster(hub, broadcaster)
    sibau, _ = await two_kims(hub)
    chat = hub.emu.private_chat(broadcaster)
    await hub.say(broadcaster, chat, "/siaran")
    bold = [{"type": "bold", "offset": 0, "length": 4}]  # "Halo" made bold in the app
    replies = await hub.process(hub.emu.text(broadcaster, chat, FORMATTED, entities=bold))
    assert "Kepada siapa" in texts(replies)
    replies = await hub.press(broadcaster, replies[-1], "siaran:target:all")
    replies = await hub.press(broadcaster, replies[-1], "siaran:waktu:now")
    preview = next(m for m in replies if "xxx" in (m.get("text") or ""))
    assert preview["text"] == "Halo KIM Sibau: xxx & <b>"
    assert {"type": "bold", "offset": 0, "length": 4} in preview["entities"]
    await hub.press(broadcaster, replies[-1], "siaran:ok")
    await context_of(hub).outbox.wait_idle()
    delivered = hub.last(sibau.group)
    assert delivered["text"] == "Halo KIM Sibau: xxx & <b>"
    assert {"type": "bold", "offset": 0, "length": 4} in delivered["entities"]


async def test_heavy_templates_are_refused_and_asked_again(hub: Hub, broadcaster: User) -> None:
    await make_broadcaster(hub, broadcaster)
    await two_kims(hub)
    chat, replies = await compose(hub, broadcaster, "{% for i in range(100000) %}x{% endfor %}")
    assert "Perulangan dalam teks terlalu banyak" in texts(replies)
    nested = "{% for a in range(1000) %}{% for b in range(1000) %}{% endfor %}{% endfor %}ok"
    replies = await hub.say(broadcaster, chat, nested)
    assert "terlalu berat" in texts(replies)
    # Still at the content step: a good text goes on to the target.
    replies = await hub.say(broadcaster, chat, "Halo {{ kim.nama }}")
    assert "siaran:target:all" in str(replies[-1].get("reply_markup"))
