"""Logging set-up with a filter that keeps the bot token out of every log line, and a
stream wrapper that keeps it out of everything `kim-bot` prints."""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO

_TOKEN_PATTERN = re.compile(r"\d{3,20}:[A-Za-z0-9_-]{30,64}")
# A value given as the token is hidden even when it is not token-shaped (a token mistyped),
# unless it is so short that hiding it would blank ordinary words.
_MIN_SECRET = 12


def redact(text: str, token: str | None = None) -> str:
    """Replace the bot token (or anything shaped like one) with a placeholder."""
    token = (token or "").strip()
    if len(token) >= _MIN_SECRET:
        text = text.replace(token, "<TOKEN>")
    return _TOKEN_PATTERN.sub("<TOKEN>", text)


class RedactingStream:
    """A text stream that writes through to another with every token redacted."""

    def __init__(self, inner: TextIO, token: str | None) -> None:
        self.inner = inner
        self._token = token

    def write(self, text: str) -> int:
        """Write `text`, redacted; report the length given (print and logging expect it)."""
        self.inner.write(redact(text, self._token))
        return len(text)

    def writelines(self, lines: Iterator[str]) -> None:
        """Write each line, redacted."""
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        """Flush the stream underneath."""
        self.inner.flush()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)  # encoding, isatty, fileno …


@contextmanager
def redacted_output(token: str | None) -> Iterator[None]:
    """While inside, stdout and stderr (prints, argparse, logging, warnings) hide tokens."""
    saved = sys.stdout, sys.stderr
    sys.stdout = RedactingStream(saved[0], token)
    sys.stderr = RedactingStream(saved[1], token)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved


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
    # At DEBUG, aiosqlite logs every statement with its parameters and python-telegram-bot
    # every update and Bot API answer whole: names, usernames and the text of aspirations (a
    # rahasia reporter's too) would reach the log. The bot's own DEBUG lines stay.
    for name in ("aiosqlite", "telegram"):
        logging.getLogger(name).setLevel(max(level, logging.INFO))
