"""Records of the people the bot knows and the Diskominfo roles they hold."""

from __future__ import annotations

from dataclasses import dataclass
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
