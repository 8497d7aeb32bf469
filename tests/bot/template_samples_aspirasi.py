"""Hostile samples for Aspirasi's template variables (merged into template_samples.samples).

Bounds are the ones the code enforces: the citizen's text is cut by `cards.excerpt` before a
template sees it (`isi`, `catatan`, `last_note` are ready HTML), names by Telegram's limits,
OPD names by opd.yaml's (CONFIG_TEXT), notes by MAX_NOTE.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st
from markupsafe import Markup

from bot.config_files import NOTE_LENGTH, NOTICE_LINES
from bot.models.aspirasi import MAX_NOTE, MAX_PHOTOS, MAX_TEXT, Aspiration, Event
from bot.models.diskusi import MAX_TITLE
from broadcasts.aspirasi.reminders import REMINDER_ROWS, ReminderRow
from handlers.aspirasi import labels
from handlers.aspirasi.cards import CARD_TEXT, NOTE_SHOWN
from handlers.aspirasi.changes import NOTICE_NOTE
from handlers.aspirasi.citizen import STATUS_TEXT
from tests.bot.hostile import Hostile, model

Samples = dict[str, st.SearchStrategy[Any]]
CONFIG_TEXT = 200  # a name in opd.yaml
CODE = 20  # ASP-YYMM-NNNN, and room to spare


def aspirasi_samples(h: Hostile) -> Samples:
    """Every variable Aspirasi's templates use that the shared table does not have."""
    code = h.text(CODE)
    aspiration = model(h, Aspiration, 64, code=code, text=MAX_TEXT, duplicate_of=st.none() | code,
                       voice_file_id=st.none() | h.text(120), opd_id=st.none() | h.text(40),
                       photo_file_ids=h.items(h.text(120), MAX_PHOTOS).map(tuple))  # fmt: skip
    flags = ("assisted", "duplicate", "question", "required", "voice", "overdue", "is_member",
             "prefilled", "offer", "notified", "known")  # fmt: skip
    return {
        **{flag: st.booleans() for flag in flags},
        "asp": aspiration, "code": code, "typed": st.none() | h.text(40),
        "discussion_title": st.none() | h.text(MAX_TITLE),
        "isi": h.html(CARD_TEXT).map(Markup), "catatan": h.html(NOTICE_NOTE).map(Markup),
        "last_note": st.none() | h.html(NOTE_SHOWN).map(Markup),
        "last_role": st.none() | st.sampled_from(list(labels.ROLES.values())),
        "last_kind": st.none() | st.sampled_from(["status", "question", "answer", "reopen"]),
        "event": model(h, Event, 64, note=st.none() | h.text(MAX_NOTE), opd_id=st.none()
                       | h.text(40), kind=st.sampled_from(["status", "question", "answer",
                                                           "rating", "reopen"])),
        "event_kind": st.sampled_from(["status", "question"]),
        "category": st.sampled_from(list(labels.CATEGORIES.values())),
        "identity": st.sampled_from(list(labels.IDENTITY_NAMES.values())),
        "opd_name": st.none() | h.text(CONFIG_TEXT),
        "location": st.none() | st.tuples(st.floats(-90, 90), st.floats(-180, 180)),
        "days": st.integers(0, 10**4), "photos": st.integers(0, MAX_PHOTOS),
        "stars": st.integers(1, 5), "at": st.none() | st.datetimes(),
        # umum/privacy/my_data (/dataku): a person's roles
        "my_roles": st.lists(st.sampled_from(["admin", "broadcaster", "curator",
                                              "admin (konfigurasi)"]), max_size=4),
        "reports": st.integers(0, 10**6),  # and the implementation reports they sent
    }  # fmt: skip


def aspirasi_overrides(h: Hostile, kecamatan: st.SearchStrategy[Any]) -> dict[str, Samples]:
    """Aspirasi's templates that use a shared name more narrowly."""
    file_notice = {  # bot/config_files.announce: NOTICE_LINES notes of NOTE_LENGTH at most
        "file": h.text(255), "usable": st.booleans(), "more": st.integers(0, 10**4),
        "notes": h.items(h.text(NOTE_LENGTH), NOTICE_LINES),
    }  # fmt: skip
    row = model(h, ReminderRow, CODE, days=st.integers(0, 10**4),
                category=st.sampled_from(list(labels.CATEGORIES.values())))  # fmt: skip
    return {
        "aspirasi/ask_desa": {"kecamatan": kecamatan},
        "aspirasi/status": {"isi": h.html(STATUS_TEXT).map(Markup)},  # its rows are fitted
        "aspirasi/opd_problems": file_notice,
        "aspirasi/holidays_problems": file_notice,
        "aspirasi/holidays_incomplete": {"file": h.text(255), "year": st.integers(2000, 2100)},
        "aspirasi/reminder": {
            "overdue_rows": h.items(row, REMINDER_ROWS),
            "more": st.integers(0, 10**5),
            "open_count": st.integers(0, 10**5),
            "overdue_count": st.integers(0, 10**5),
        },
        "aspirasi/escalation": {"row": row, "filed_on": st.dates()},
    }
