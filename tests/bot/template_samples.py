"""Sample values for every template variable, hostile, of the types the calling code passes.

One table by variable name (a name means the same thing in every template), a few overrides
where a template uses a name differently. Bounds are the ones the edges enforce: what people
type (bot/user_text.py at each step), Telegram's own limits on names, the feed normaliser's.
A new template variable without a sample fails test_every_variable_has_a_sample.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st
from markupsafe import Markup
from telegram import User

from bot.config_files import NOTE_LENGTH, NOTICE_LINES
from bot.models.akses import News
from bot.models.diseminasi import (
    Broadcast,
    BroadcastRun,
    Content,
    Receipt,
    RunStats,
    Schedule,
    ScheduleKind,
)
from bot.models.diskusi import (
    MAX_CONCLUSION,
    MAX_OPEN,
    MAX_OPENER_TEXT,
    MAX_TITLE,
    Discussion,
    NewsThread,
)
from bot.models.people import Decision, Person, RoleGrant
from bot.models.registrasi import MAX_NAME, MAX_SK_NUMBER, Kim, KimLink, Member
from bot.outbox.records import BatchStatus, FailedBatch, LostReply
from bot.wilayah import Desa, Kecamatan, load_region
from broadcasts.akses.feeds import Source, Topic
from broadcasts.akses.feeds.normalize import SUMMARY_LIMIT, TITLE_LIMIT
from broadcasts.diseminasi.siaran import KimVars
from handlers.admin import labels as admin_labels
from handlers.common.pager import Page
from handlers.diseminasi import labels as diseminasi_labels
from handlers.registrasi import labels as registrasi_labels
from handlers.registrasi.verification import MAX_REASON
from tests.bot.hostile import Hostile, model
from tests.bot.template_samples_aspirasi import aspirasi_overrides, aspirasi_samples
from tests.bot.template_samples_laporan import laporan_samples
from tests.bot.template_samples_network import network_samples

Samples = dict[str, st.SearchStrategy[Any]]
TELEGRAM_NAME = 64  # Telegram's limit for a first (or last) name
USERNAME = 32
CHAT_TITLE = 128
CONFIG_TEXT = 200  # names and URLs in feeds.yaml
PAGE = 10  # rows a list shows (item 4 pages longer ones)


def _kim(h: Hostile) -> st.SearchStrategy[Kim]:
    return model(h, Kim, 13, nama=MAX_NAME, sk_nomor=MAX_SK_NUMBER, reject_reason=MAX_REASON,
                 sk_file_id=120, member_count=st.integers(0, 8))  # fmt: skip


def _news(h: Hostile) -> st.SearchStrategy[News]:
    return model(h, News, 64, title=TITLE_LIMIT, link=CONFIG_TEXT,
                 summary_html=h.html(SUMMARY_LIMIT), image_url=CONFIG_TEXT)  # fmt: skip


def _failed(h: Hostile) -> st.SearchStrategy[FailedBatch]:
    return model(h, FailedBatch, 64, last_error=h.text(1000))


def _schedule() -> st.SearchStrategy[Schedule]:
    return st.builds(Schedule, st.sampled_from(list(ScheduleKind)), st.times(),
                     st.integers(0, 6), st.integers(1, 31))  # fmt: skip


def _broadcast(h: Hostile) -> st.SearchStrategy[Broadcast]:
    content = model(h, Content, template=h.text(4096))
    return model(h, Broadcast, content=content, schedule=_schedule())


def _user(h: Hostile) -> st.SearchStrategy[User]:
    return st.builds(User, id=st.integers(1, 10**12), first_name=h.text(TELEGRAM_NAME),
                     is_bot=st.just(False))  # fmt: skip


def _region() -> tuple[st.SearchStrategy[Kecamatan | None], st.SearchStrategy[Desa | None]]:
    region = load_region("61.06")
    desa = [d for k in region.kecamatan for d in region.desa_of(k.kode)]
    return st.none() | st.sampled_from(region.kecamatan), st.none() | st.sampled_from(desa)


def samples(h: Hostile) -> Samples:
    """Every variable name the templates use, with a strategy of its calling code's type."""
    kecamatan, desa = _region()
    kim, news, user = _kim(h), _news(h), _user(h)
    count, small = st.integers(0, 10**6), st.integers(0, 100)
    name = h.text(TELEGRAM_NAME)
    topic = model(h, Topic, 40, label=60)
    return {
        **_flags(), **_numbers(count, small), **_lists(h, kim, news, topic),
        "kim": kim, "other": st.none() | kim, "news": news, "original": st.none() | news,
        "user": user, "name": name, "by": name, "title": st.none() | h.text(CHAT_TITLE),
        "person": model(h, Person, USERNAME, first_name=TELEGRAM_NAME),
        "member": model(h, Member, nama=TELEGRAM_NAME),
        "kecamatan": kecamatan, "desa": desa, "region": st.just(load_region("61.06")),
        "topic": st.none() | topic, "source": model(h, Source, 40, name=CONFIG_TEXT,
                                                    url=CONFIG_TEXT),
        "source_name": h.text(CONFIG_TEXT), "kim_name": h.text(MAX_NAME),
        "summary": h.html(280), "note": st.none() | h.text(200), "error": h.text(4096),
        "text": h.text(100), "word": h.text(64), "handle": h.text(64), "example": h.text(40),
        "label": h.text(40), "value": h.text(100), "nama": h.text(MAX_NAME),
        "nomor": st.none() | h.text(MAX_SK_NUMBER), "penerbit": h.text(20),
        "role": st.sampled_from(list(admin_labels.ROLE_NAMES.values())),
        "status": st.sampled_from(list(registrasi_labels.STATUS.values())),
        "reason": st.sampled_from(["full", "same_kim", "other_kim"]),
        "action": st.sampled_from(["pause", "resume", "cancel"]),
        "kind": st.sampled_from(["kecamatan", "topic"]),
        "target": st.sampled_from(list(diseminasi_labels.TARGETS.values())),
        "broadcast": _broadcast(h), "run": st.none() | model(h, BroadcastRun),
        "schedule": _schedule(), "content": model(h, Content, template=h.text(4096)),
        "receipt": model(h, Receipt, channel=st.sampled_from(list(diseminasi_labels.CHANNELS))),
        "batch": _failed(h),
        "where": h.text(200), "today": st.dates(), "tanggal": st.none() | st.dates(),
        "first": st.none() | st.datetimes(), "failing_since": st.datetimes(),
        "next_due": st.datetimes(), "recovered_at": st.datetimes(),
        "labels": st.just(diseminasi_labels), "contents": st.just(diseminasi_labels.CONTENT),
        "channels": st.just(diseminasi_labels.CHANNELS),
        "weekdays": st.just(diseminasi_labels.WEEKDAYS),
        "jabatan": st.just(registrasi_labels.JABATAN), "names": st.just(admin_labels.ROLE_NAMES),
        **_pages(h), **_links(h), **aspirasi_samples(h), **laporan_samples(h),
        "b": _failed(h), "m": model(h, Member, nama=TELEGRAM_NAME),
        "holder": st.integers(1, 10**12) | model(h, RoleGrant, USERNAME, first_name=TELEGRAM_NAME),
        "command": h.text(64), "manual_source": st.just("manual"),
        "decision": model(h, Decision, name=st.none() | h.text(TELEGRAM_NAME)),
        "viewer": st.integers(0, 10**12), "someone": h.text(40),
        "id": st.integers(0, 10**12), "kim_id": st.integers(0, 10**12),
        "link_id": st.integers(0, 10**12),
        "lost_count": st.integers(0, 10**6),
        "lost": h.items(model(h, LostReply, 64, error=h.text(300)), 3),
        **network_samples(h), **_diskusi(h),
    }  # fmt: skip


def _diskusi(h: Hostile) -> Samples:
    """Discussion threads (bot/models/diskusi.py bounds) and a forum's news topic."""
    discussion = model(h, Discussion, 40, kim_name=MAX_NAME, title=MAX_TITLE,
                       opener_text=st.none() | h.text(MAX_OPENER_TEXT),
                       opener_name=st.none() | h.text(TELEGRAM_NAME),
                       conclusion=st.none() | h.text(MAX_CONCLUSION))  # fmt: skip
    return {
        "discussion": discussion, "discussions": h.items(discussion, MAX_OPEN),
        "news_thread": st.none() | model(h, NewsThread, CHAT_TITLE),
        "days": st.integers(0, 100), "close_in": st.integers(0, 100),
    }  # fmt: skip


def _pages(h: Hostile) -> Samples:
    """A page of a list (handlers/common/pager.py): its rows are ready HTML, cut by page_text
    so that they fit together; `prepared` is a whole text fitted by the pager."""
    return {
        "page": st.builds(Page.of, st.integers(0, 300), st.integers(0, 10**6), st.integers(1, 20)),
        "rows": h.items(h.html(300).map(Markup), PAGE),
        "html": h.html(4000).map(Markup),
    }


def _links(h: Hostile) -> Samples:
    """A group's request to be an official KIM's group (registrasi/link_verification.py)."""
    link = model(h, KimLink, 64, group_title=st.none() | h.text(CHAT_TITLE),
                 requester=st.none() | h.text(TELEGRAM_NAME), reject_reason=st.none()
                 | h.text(MAX_REASON))  # fmt: skip
    return {"link": link}


def _flags() -> Samples:
    names = ("approved", "changed", "grant", "foto", "linked", "future", "past", "removed",
             "in_group", "is_admin", "is_broadcaster", "is_curator", "is_staff", "delivered",
             "foto_failed", "no_admin", "forum", "no_topic_rights", "privacy")  # fmt: skip
    return {flag: st.booleans() for flag in names}


def _numbers(count: st.SearchStrategy[int], small: st.SearchStrategy[int]) -> Samples:
    return {
        **{n: count for n in ("count", "number", "waiting", "citizens", "batch_id", "failures",
                              "length", "held", "enabled_count", "granted", "shown",
                              "rivals")},
        **{n: small for n in ("max", "min", "min_title", "limit", "minutes")},
        "eta": st.none() | st.integers(0, 10**6),
    }  # fmt: skip


def _lists(h: Hostile, kim: Any, news: Any, topic: Any) -> Samples:
    return {
        "kims": h.items(kim, 30),
        "items": h.items(news, PAGE),
        "topics": h.items(topic, 12),
        "members": h.items(model(h, Member, nama=TELEGRAM_NAME), 8),
        "unknown": h.items(h.text(MAX_NAME), 40),
        "topic_labels": h.items(h.text(60), 12),
        "sources": st.dictionaries(h.text(40), h.text(CONFIG_TEXT), max_size=5),
        "grants": h.items(model(h, RoleGrant, USERNAME, first_name=TELEGRAM_NAME), PAGE),
        "admins": h.items(st.integers(1, 10**12), 5),
        "batches": h.items(_failed(h), PAGE),
        "stats": h.items(model(h, RunStats), 3),
        "active": h.items(_broadcast(h), 20),
        "finished": h.items(_broadcast(h), 20),
    }


def overrides(h: Hostile) -> dict[str, Samples]:
    """Templates that use a name for something else."""
    batch = model(h, BatchStatus, 64)
    kim_vars = model(h, KimVars, 100, nama=MAX_NAME)
    kecamatan, desa = (strategy.filter(bool) for strategy in _region())
    when = st.datetimes()
    return {
        # One row at its longest must fit; pages of them are item 4's (200 rows each).
        "admin/failed/failed_list": {
            "batches": h.items(_failed(h), 1),
            "rows": h.items(h.html(300).map(Markup), 5),
        },
        "akses/latest": {"items": h.items(_news(h), 1)},
        "registrasi/ask_desa": {"kecamatan": kecamatan},
        **aspirasi_overrides(h, kecamatan),
        "registrasi/offer_link": {"desa": desa},
        "diseminasi/reminder": {"run": model(h, BroadcastRun)},
        "diseminasi/siaran/scheduled": {"first": when},
        "diseminasi/siaran/summary": {"first": when},
        "outbox/progress": {"status": batch},
        "outbox/summary": {"status": batch},
        "bot/error_desk": {"summary": h.text(500)},
        "outbox/worker_failed": {"error": h.text(300)},  # supervisor._describe cuts at 300
        "akses/feeds_problems": {
            "file": h.text(255),
            "usable": st.booleans(),
            "more": st.integers(0, 10**4),
            "notes": h.items(h.text(NOTE_LENGTH), NOTICE_LINES),
        },  # supervisor._describe cuts at 300
        # A /jadwal page counts the list; its one card is the broadcast shown.
        "diseminasi/jadwal/page": {"active": st.integers(0, 10**4), "finished": st.integers(0, 5)},
        "diseminasi/siaran/preview_title": {"kim": kim_vars},
        "diseminasi/siaran/too_long": {
            "kim": st.none() | kim_vars,
            "kind": st.sampled_from(["text", "photo", "document"]),
        },
    }
