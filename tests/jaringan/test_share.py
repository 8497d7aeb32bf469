"""A verified report shared across the network: the reporter offers it, the desk approves, and
only the KIMs that opted in (of the chosen kecamatan) receive the story, each once."""

from __future__ import annotations

from bot.models.jaringan import ShareStatus
from tests.conftest import Hub, HubFactory, buttons, texts
from tests.implementasi.helpers import BIKA, EMBALOH_HULU, fill_report, kim_group, open_report
from tests.jaringan.helpers import approved_share, opted_in, stories, verified_report


async def test_a_share_reaches_only_the_opted_in_kims_once_each(start_hub: HubFactory) -> None:
    async with start_hub() as hub:
        report = await verified_report(hub)
        bika = await opted_in(hub, "KIM Bika", BIKA)
        hulu = await opted_in(hub, "KIM Hulu", EMBALOH_HULU)
        silent = await kim_group(hub, "KIM Sunyi", BIKA)
        await approved_share(hub, report)
        for kim in (bika, hulu):
            [story] = stories(hub, kim)
            assert "Tanam padi jajar legowo" in story["text"]
            assert "KIM Embaloh" in story["text"]
            assert "Padi: 2,5 → 3,1 ton/ha (+24%)" in story["text"]
            assert buttons(story) == {"hub:minta:1": "🤝 Hubungi KIM ini"}
            [photo] = hub.emu.calls_to("sendPhoto", kim.group.id)
            assert "Tanam padi" in photo.params["caption"]
        assert stories(hub, silent) == []
        assert stories(hub, report.kim) == []  # not to the sharing KIM itself
        assert "✅ Disetujui" in hub.last(hub.desk)["text"]
        assert "Dikirim ke 2 KIM" in hub.last(hub.desk)["text"]
        notice = hub.last(hub.emu.private_chat(report.reporter))
        assert "dikirim ke 2 KIM" in notice["text"]
        # A second press on the card, and a second offer, change nothing.
        again = hub.emu.press(hub.admin, hub.last(hub.desk), "bagi:ok:1")
        await hub.process(again)
        assert "sudah diputuskan" in hub.answer_to(again)["text"]
        offer = hub.emu.press(report.reporter, report.notice, "bagi:tawar:1")
        assert await hub.process(offer) == []
        assert "sudah diajukan" in hub.answer_to(offer)["text"]
    async with start_hub() as hub:  # restarted: nothing is sent again
        await hub.outbox.wait_idle()
        assert [len(stories(hub, kim)) for kim in (bika, hulu, silent)] == [1, 1, 0]


async def test_a_share_to_chosen_kecamatan(hub: Hub) -> None:
    report = await verified_report(hub)
    bika = await opted_in(hub, "KIM Bika", BIKA)
    hulu = await opted_in(hub, "KIM Hulu", EMBALOH_HULU)
    reporter = report.reporter
    [ask_scope] = await hub.press(reporter, report.notice, "bagi:tawar:1")
    [picker] = await hub.press(reporter, ask_scope, "bagi:pilih:1")
    # "Kirim" with nothing ticked is refused; a forged kecamatan too.
    send = hub.emu.press(reporter, picker, "bagi:kirim:1")
    assert await hub.process(send) == []
    assert "paling sedikit satu kecamatan" in hub.answer_to(send)["text"]
    forged = hub.emu.press(reporter, picker, "bagi:kec:1:99.99.99")
    assert await hub.process(forged) == []
    [picker] = await hub.press(reporter, picker, f"bagi:kec:1:{BIKA}")
    assert "✅ Bika" in buttons(picker).values()
    sent = await hub.press(reporter, picker, "bagi:kirim:1")
    assert "dikirim ke Diskominfo" in texts(sent)
    card = hub.last(hub.desk)
    assert "Kec. Bika (1 KIM)" in card["text"]
    await hub.press(hub.admin, card, "bagi:ok:1")
    await hub.outbox.wait_idle()
    assert len(stories(hub, bika)) == 1
    assert stories(hub, hulu) == []


async def test_who_may_offer_and_approve_a_share(hub: Hub) -> None:
    report = await verified_report(hub)
    await opted_in(hub, "KIM Bika", BIKA)
    outsider = hub.emu.user("Tamu")
    press = hub.emu.press(outsider, report.notice, "bagi:tawar:1")
    assert await hub.process(press) == []
    assert "Hanya anggota KIM pelapor" in hub.answer_to(press)["text"]
    [ask_scope] = await hub.press(report.reporter, report.notice, "bagi:tawar:1")
    await hub.press(report.reporter, ask_scope, "bagi:semua:1")
    card = hub.last(hub.desk)
    # Not a Diskominfo admin: refused, the share still waits.
    press = hub.emu.press(report.kim.ketua, card, "bagi:ok:1")
    assert await hub.process(press) == []
    assert "hanya admin Diskominfo" in hub.answer_to(press)["text"]
    share = await hub.store.get_share(1)
    assert share is not None
    assert share.status == ShareStatus.PENDING
    # Declined: the reporter hears it; no story goes out; a second offer may follow.
    await hub.press(hub.admin, card, "bagi:tolak:1")
    await hub.outbox.wait_idle()
    assert "tidak dibagikan" in hub.last(hub.emu.private_chat(report.reporter))["text"]
    assert hub.emu.calls_to("sendPhoto") == []
    [ask_again] = await hub.press(report.reporter, report.notice, "bagi:tawar:1")
    assert "bagi:semua:1" in buttons(ask_again)


async def test_a_report_not_yet_verified_cannot_be_shared(hub: Hub) -> None:
    kim = await kim_group(hub, "KIM Embaloh")
    member = kim.members[1]
    replies = await open_report(hub, member, kim, "Posyandu keliling dusun")
    await hub.press(member, replies[-1], "impl:tanpa")
    summary = await fill_report(hub, member)
    await hub.press(member, summary, "impl:ok")
    forged = hub.emu.press(member, summary, "bagi:tawar:1")  # a press the bot never offered
    assert await hub.process(forged) == []
    assert "belum diverifikasi" in hub.answer_to(forged)["text"]
    assert await hub.store.get_share(1) is None
