"""Records of the people the bot knows and the Diskominfo roles they hold."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class Role(StrEnum):
    """Diskominfo roles kept in the database."""

    ADMIN = "admin"
    BROADCASTER = "broadcaster"
    CURATOR = "curator"


@dataclass(frozen=True)
class Person:
    """Someone who talked to the bot: only what is needed to address them."""

    user_id: int
    first_name: str
    username: str | None


@dataclass(frozen=True)
class RoleGrant:
    """A role held by a person."""

    user_id: int
    role: Role
    granted_by: int | None
    first_name: str | None
    username: str | None


@dataclass(frozen=True)
class Decision:
    """Who decided something, and when: what a later press on its card is told."""

    by: int
    name: str | None  # their first name, as the bot last saw it (None: never seen)
    at: datetime

    def made_by(self, user_id: int) -> bool:
        """Whether `user_id` made this decision (shown as "oleh Anda")."""
        return self.by == user_id
