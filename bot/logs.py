"""Logging set-up with a filter that keeps the bot token out of every log line."""

from __future__ import annotations

import logging
import re

_TOKEN_PATTERN = re.compile(r"\d{3,20}:[A-Za-z0-9_-]{30,64}")


def redact(text: str, token: str | None = None) -> str:
    """Replace the bot token (or anything shaped like one) with a placeholder."""
    if token:
        text = text.replace(token, "<TOKEN>")
    return _TOKEN_PATTERN.sub("<TOKEN>", text)


class RedactingFilter(logging.Filter):
    """Rewrites each record's final message so no token survives formatting."""

    def __init__(self, token: str | None = None) -> None:
        super().__init__()
        self._token = token

    def filter(self, record: logging.LogRecord) -> bool:
        """Render the message now, redacted, and drop the arguments."""
        message = record.getMessage()
        record.msg = redact(message, self._token)
        record.args = None
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = redact(
                logging.Formatter().formatException(record.exc_info), self._token
            )
        return True


def setup_logging(token: str | None, level: int = logging.INFO) -> None:
    """Log to stderr with the token redacted; keep chatty HTTP loggers quiet."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactingFilter(token))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # httpx logs every request URL, and Bot API URLs contain the token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
