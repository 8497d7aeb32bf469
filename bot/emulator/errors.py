"""Bot API error responses in Telegram's JSON shape."""

from __future__ import annotations

from typing import Any


class ApiError(Exception):
    """A Bot API error: HTTP status, Telegram description and optional parameters."""

    def __init__(
        self, code: int, description: str, parameters: dict[str, Any] | None = None
    ) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.parameters = parameters

    def body(self) -> dict[str, Any]:
        """Return the JSON body Telegram would answer with."""
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.code,
            "description": self.description,
        }
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def bad_request(detail: str, **parameters: Any) -> ApiError:
    """Return a 400 `Bad Request: <detail>` error."""
    return ApiError(400, f"Bad Request: {detail}", parameters or None)


def forbidden(detail: str) -> ApiError:
    """Return a 403 `Forbidden: <detail>` error."""
    return ApiError(403, f"Forbidden: {detail}")


def too_many_requests(retry_after: int) -> ApiError:
    """Return a 429 flood-control error with `retry_after` seconds."""
    return ApiError(
        429, f"Too Many Requests: retry after {retry_after}", {"retry_after": retry_after}
    )


def migrated(new_chat_id: int) -> ApiError:
    """Return the 400 error Telegram sends for a group upgraded to a supergroup."""
    return bad_request(
        "group chat was upgraded to a supergroup chat", migrate_to_chat_id=new_chat_id
    )


METHOD_NOT_FOUND = ApiError(404, "Not Found: method not found")


def conflict() -> ApiError:
    """Return the 409 Telegram sends a getUpdates while another long poll is waiting."""
    return ApiError(
        409,
        "Conflict: terminated by other getUpdates request; "
        "make sure that only one bot instance is running",
    )
