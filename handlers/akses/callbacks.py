"""Akses's callback data, spelled in one place (see handlers/common/codec.py).

kurasi:… a curator's buttons on a news card; topik:<topic> a KIM group's topic toggle;
berita:sebar:<news_id> "Sudah disebarluaskan" under a delivered news item (built by
broadcasts/akses/digest.py).
"""

from __future__ import annotations

from handlers.common.codec import Codec

ID = r"\d+"
TOPIC = r"[a-z0-9_-]+"  # topic ids in feeds.yaml are checked to this shape

KURASI = Codec("kurasi")
APPROVE = KURASI.action("ok", ID)
REJECT = KURASI.action("tolak", ID)
CHANGE_TOPICS = KURASI.action("topik", ID)
TOGGLE_TOPIC = KURASI.action("t", ID, TOPIC)
SHOW_CARD = KURASI.action("lihat", ID)

KIM_TOPIC = Codec("topik").action("", TOPIC)
SEBAR = Codec("berita").action("sebar", ID)
