"""Diskusi's callback data, spelled in one place (see handlers/common/codec.py).

diskusi:berita:<news_id> "Diskusikan" under a news item (built by broadcasts/akses/digest.py
through broadcasts/diskusi/buttons.py); diskusi:siaran:<run_id> the same under a broadcast
(broadcasts/diseminasi/siaran.py); diskusi:rencana|aspirasi:<discussion_id> the summary card's
"Jadikan rencana implementasi" and "Jadikan aspirasi".
"""

from __future__ import annotations

from handlers.common.codec import ID, LARGEST_ID, Codec

DISKUSI = Codec("diskusi")
FROM_NEWS = DISKUSI.action("berita", ID)
FROM_SIARAN = DISKUSI.action("siaran", ID)
TO_PLAN = DISKUSI.action("rencana", ID)
TO_ASPIRATION = DISKUSI.action("aspirasi", ID)

# Built once at import: every button stays within Telegram's 64 bytes with the largest id.
LONGEST = tuple(
    action.data(LARGEST_ID) for action in (FROM_NEWS, FROM_SIARAN, TO_PLAN, TO_ASPIRATION)
)
