"""Indonesian words of /peran: role names as shown, and the words that name a role."""

from __future__ import annotations

from typing import Final

ROLE_NAMES: Final = {"admin": "admin", "broadcaster": "penyiar", "curator": "kurator"}
ROLE_BY_WORD: Final = {
    "penyiar": "broadcaster",
    "broadcaster": "broadcaster",
    "kurator": "curator",
    "curator": "curator",
}
GRANT_WORDS: Final = ("beri", "grant")
REVOKE_WORDS: Final = ("cabut", "revoke")
