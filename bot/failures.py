"""Why a `kim-bot` command could not run, as one Indonesian line and an exit code.

The operator reads "check the connection", not "NetworkError: httpx.ConnectError"; a
configuration problem exits 2 (fix the settings), anything else 1. The token never appears.
"""

from __future__ import annotations

import sqlite3
from urllib.parse import urlsplit

from telegram.error import BadRequest, Conflict, InvalidToken, NetworkError, TimedOut

from bot.config import DEFAULT_API_BASE, Config
from bot.logs import redact
from bot.store.lock import DatabaseInUse
from bot.store.preflight import StoreOpenError, describe

CONFIG_PROBLEM = 2
FAILED = 1


def explain(error: Exception, config: Config) -> tuple[str, int]:
    """One line saying what went wrong and what to do, and the exit code."""
    line, code = _explain(error, config)
    return redact(line, config.token), code


def _explain(error: Exception, config: Config) -> tuple[str, int]:
    server = _server(config)
    if isinstance(error, DatabaseInUse):
        return str(error), FAILED
    if isinstance(error, StoreOpenError):
        return str(error), CONFIG_PROBLEM
    if isinstance(error, sqlite3.Error):
        return str(describe(error, config.db_path)), FAILED
    if isinstance(error, InvalidToken):
        return (
            f"Server Bot API di {server} menolak token bot: periksa TELEGRAM_BOT_TOKEN "
            "(salin ulang dari @BotFather) dan TELEGRAM_API_BASE bila diisi.",
            CONFIG_PROBLEM,
        )
    if isinstance(error, Conflict):
        return (
            f"Server Bot API di {server} menjawab 409 Conflict: bot lain sedang memakai "
            "token yang sama; hentikan bot itu dulu.",
            FAILED,
        )
    if isinstance(error, NetworkError) and not isinstance(error, BadRequest):
        what = "tidak menjawab tepat waktu" if isinstance(error, TimedOut) else "tidak terhubung"
        return (
            f"Server Bot API di {server} {what} ({error.message}): periksa koneksi internet, "
            "atau TELEGRAM_API_BASE bila diisi, lalu jalankan lagi.",
            FAILED,
        )
    return f"Berhenti karena kesalahan: {type(error).__name__}: {error}", FAILED


def _server(config: Config) -> str:
    """The Bot API server's scheme and host, for messages (never the path or token)."""
    parts = urlsplit(config.api_base or DEFAULT_API_BASE)
    return f"{parts.scheme}://{parts.netloc}"
