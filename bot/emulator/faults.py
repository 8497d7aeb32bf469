"""Injected failures: one-shot or repeated errors matched by method and chat.

Named errors: "kicked", "blocked", "migrated", "flood", "server" (500),
"bad_gateway" (502 with an HTML body), "bad_gateway_json" (502 JSON) and "timeout"
(the request is held until the emulator stops or `delay` seconds pass). An `ApiError`
may be given instead of a name.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.emulator.errors import ApiError, forbidden, migrated, too_many_requests

ERROR_NAMES = (
    "kicked", "blocked", "migrated", "flood", "server", "bad_gateway", "bad_gateway_json",
    "timeout",
)  # fmt: skip
BAD_GATEWAY_HTML = "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>"


@dataclass
class Fault:
    """One injected failure; `times=None` means every matching call fails."""

    error: str | ApiError
    method: str | None = None
    chat_id: int | str | None = None
    times: int | None = 1
    retry_after: int = 5
    migrate_to_chat_id: int | None = None
    delay: float | None = None
    every: int | None = None  # only every n-th matching call fails (a steady share of calls)
    hits: int = 0
    seen: int = 0

    def matches(self, method: str, params: dict[str, Any]) -> bool:
        """Return whether this fault applies to a call of `method` with `params`."""
        if self.times is not None and self.hits >= self.times:
            return False
        if self.method is not None and self.method.lower() != method.lower():
            return False
        return self.chat_id is None or str(params.get("chat_id")) == str(self.chat_id)

    def api_error(self) -> ApiError | None:
        """Return the JSON error to answer with, or None for timeout/non-JSON faults."""
        if isinstance(self.error, ApiError):
            return self.error
        if self.error == "kicked":
            return forbidden("bot was kicked from the group chat")
        if self.error == "blocked":
            return forbidden("bot was blocked by the user")
        if self.error == "migrated":
            new_id = self.migrate_to_chat_id or -1001000000000 - abs(int(self.chat_id or 0))
            return migrated(new_id)
        if self.error == "flood":
            return too_many_requests(self.retry_after)
        if self.error == "server":
            return ApiError(500, "Internal Server Error")
        if self.error == "bad_gateway_json":
            return ApiError(502, "Bad Gateway")
        return None


class FaultBook:
    """The list of armed faults, consumed in the order they were added."""

    def __init__(self) -> None:
        self.faults: list[Fault] = []

    def add(self, fault: Fault) -> Fault:
        """Arm `fault` and return it."""
        if not isinstance(fault.error, ApiError) and fault.error not in ERROR_NAMES:
            raise ValueError(f"unknown fault {fault.error!r}; use one of {ERROR_NAMES}")
        self.faults.append(fault)
        return fault

    def take(self, method: str, params: dict[str, Any]) -> Fault | None:
        """Return the first fault matching this call, counting the hit."""
        for fault in self.faults:
            if not fault.matches(method, params):
                continue
            fault.seen += 1
            if fault.every is not None and fault.seen % fault.every:
                continue
            fault.hits += 1
            return fault
        return None

    def clear(self) -> None:
        """Disarm every fault."""
        self.faults.clear()
