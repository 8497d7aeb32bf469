"""Akses's callback data, spelled in one place (see handlers/common/codec.py).

kurasi:… a curator's buttons on a news card and its ‹ › (kurasi:hal:<n>); topik:<topic> a
KIM group's topic toggle; topikforum:<thread>|baru the forum topic where a KIM group gets
news and broadcasts (0: General; baru: a new topic); berita:sebar:<news_id> "Sudah
disebarluaskan" under a delivered news item (built by broadcasts/akses/digest.py);
berita:hal:[<topic>]:<page> /berita's pages.
"""

from __future__ import annotations

from handlers.common.codec import ID, LARGEST_ID, Codec

TOPIC = r"[a-z0-9_-]+"  # topic ids in feeds.yaml are checked to this shape
# and to this length (broadcasts/akses/feeds/config.py), so that every button carrying one,
# with the largest row id SQLite can give, stays within Telegram's 64 bytes (checked below).
TOPIC_MAX_LENGTH = 32

KURASI = Codec("kurasi")
APPROVE = KURASI.action("ok", ID)
REJECT = KURASI.action("tolak", ID)
CHANGE_TOPICS = KURASI.action("topik", ID)
TOGGLE_TOPIC = KURASI.action("t", ID, TOPIC)
SHOW_CARD = KURASI.action("lihat", ID)
QUEUE_PAGE = KURASI.action("hal", ID)

KIM_TOPIC = Codec("topik").action("", TOPIC)
NEWS_FORUM = Codec("topikforum")  # not under "topik:": a feed topic may be named "baru"
NEWS_THREAD = NEWS_FORUM.action("", ID)  # the topic's thread id; 0 = General
NEW_NEWS_THREAD = NEWS_FORUM.action("baru")
BERITA = Codec("berita")
SEBAR = BERITA.action("sebar", ID)
NEWS_PAGE = BERITA.action("hal", f"(?:{TOPIC})?", ID)  # no topic: every approved item

# Built once at import: a longer TOPIC_MAX_LENGTH fails here, not on a curator's screen.
LONGEST = (
    TOGGLE_TOPIC.data(LARGEST_ID, "a" * TOPIC_MAX_LENGTH),
    KIM_TOPIC.data("a" * TOPIC_MAX_LENGTH),
    NEWS_PAGE.data("a" * TOPIC_MAX_LENGTH, LARGEST_ID),
)
