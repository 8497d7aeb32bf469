"""/daftar resumes a kept registration draft: after the conversation's state was lost, and
when typed again mid-way; a button of a lost step says how to go on."""

from __future__ import annotations

import json

from tests.conftest import Hub, HubFactory, buttons, texts
from tests.registrasi.test_registration import BUNUT_HILIR, kim_group


async def test_daftar_again_midway_goes_on_from_the_first_open_step(hub: Hub) -> None:
    ketua, _, group = kim_group(hub.emu)
    await hub.say(ketua, group, "/daftar")
    await hub.say(ketua, group, "KIM Bunut Bersatu")
    replies = await hub.say(ketua, group, "/daftar", reply=False)
    assert "Melanjutkan pendaftaran KIM Bunut Bersatu" in texts(replies)
    assert f"daftar:kec:{BUNUT_HILIR}" in buttons(replies[-1])  # not the name again
    replies = await hub.press(ketua, replies[-1], f"daftar:kec:{BUNUT_HILIR}")
    assert "Bunut Hilir" in replies[-1]["text"]


async def test_a_lost_step_points_to_daftar_which_resumes_the_draft(
    start_hub: HubFactory,
) -> None:
    async with start_hub() as hub:
        ketua, _, group = kim_group(hub.emu)
        await hub.say(ketua, group, "/daftar")
        replies = await hub.say(ketua, group, "KIM Bunut Bersatu")
        kecamatan = replies[-1]
        # The conversation's state is lost (as if a crash came before it was saved).
        key = json.dumps([group.id, ketua.id])
        await hub.store.save_state("conversation:registration", key, None)
    async with start_hub() as hub:
        press = hub.emu.press(ketua, kecamatan, f"daftar:kec:{BUNUT_HILIR}")
        await hub.process(press)
        assert "ketik /daftar" in hub.answer_to(press)["text"]
        replies = await hub.say(ketua, group, "/daftar", reply=False)
        assert "Melanjutkan pendaftaran KIM Bunut Bersatu" in texts(replies)
        assert f"daftar:kec:{BUNUT_HILIR}" in buttons(replies[-1])
