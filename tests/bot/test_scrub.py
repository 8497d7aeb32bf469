"""Blanking an erased person's names out of stored message parameters."""

from __future__ import annotations

import json

from bot.store import scrub

GONE = "(nama dihapus)"


def test_names_are_replaced_as_whole_words_in_any_case_and_escaping() -> None:
    params = {
        "text": "Terima kasih <b>Siti O&#39;Neil</b> dan @siti_kh! SITI O'NEIL hadir; "
        "Sitiawan tidak.",
        "reply_markup": {"inline_keyboard": [[{"text": "Balas Siti O'Neil", "url": "x"}]]},
        "message_thread_id": 7,
    }
    names = ["Siti O'Neil", "@siti_kh", "siti_kh", None, ""]
    scrubbed = scrub.scrub(params, names, GONE)
    assert scrubbed["text"] == (
        f"Terima kasih <b>{GONE}</b> dan {GONE}! {GONE} hadir; Sitiawan tidak."
    )
    assert scrubbed["reply_markup"]["inline_keyboard"][0][0]["text"] == f"Balas {GONE}"
    assert scrubbed["message_thread_id"] == 7


def test_needles_find_the_names_in_stored_json() -> None:
    stored = json.dumps({"text": "Salam untuk <b>Ñoman &amp; Putri</b>"}).lower()
    assert any(n in stored for n in scrub.needles(["Ñoman & Putri"]))
    assert not any(n in stored for n in scrub.needles(["Budi"]))


def test_a_one_letter_name_is_not_blanked_everywhere() -> None:
    assert scrub.needles(["A", " "]) == []
    assert scrub.scrub({"text": "A dan B"}, ["A"], GONE) == {"text": "A dan B"}
