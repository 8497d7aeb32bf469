"""Files the bot makes (a report, a chart) go through the outbox as uploads: their bytes kept
in the row until sent, delivered once per (kind, item, chat), across a restart."""

from __future__ import annotations

from bot.emulator.media import png
from bot.outbox import upload_document, upload_photo
from tests.conftest import Hub, HubFactory


async def test_a_document_and_a_photo_are_uploaded_once(hub: Hub) -> None:
    group = hub.emu.group("Meja")
    data, picture = b"a;b\n1;2\n", png(40, 30)
    messages = [upload_document(group.id, "laporan.csv", data, "<b>CSV</b>")]
    await hub.outbox.submit("laporan", "csv", messages)
    await hub.outbox.submit("laporan", "csv", messages)
    await hub.outbox.submit("laporan", "png", [upload_photo(group.id, "grafik.png", picture)])
    await hub.outbox.wait_idle()
    [document] = hub.emu.calls_to("sendDocument", group.id)
    assert document.params["document"].data == data
    assert document.params["document"].filename == "laporan.csv"
    assert document.params["caption"] == "<b>CSV</b>"
    [photo] = hub.emu.calls_to("sendPhoto", group.id)
    assert photo.params["photo"].data == picture


async def test_an_upload_queued_before_a_restart_is_sent_after_it(start_hub: HubFactory) -> None:
    async with start_hub() as hub:
        group = hub.emu.group("Meja")
        await hub.outbox.stop()  # queued, not sent: the worker is down
        await hub.store.add_outbox_batch(
            "laporan", "html", [(group.id, "sendDocument",
                                 upload_document(group.id, "r.html", b"<p>1</p>").params)],
            (None, None), hub.outbox.worker.wall(),
        )  # fmt: skip
    async with start_hub() as hub:
        await hub.outbox.wait_idle()
        [document] = hub.emu.calls_to("sendDocument", group.id)
        assert document.params["document"].data == b"<p>1</p>"
