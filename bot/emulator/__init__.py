"""Telegram Bot API emulator: a local aiohttp server that python-telegram-bot talks to.

Used by tests, benchmarks and the offline sandbox; see BotApiEmulator.
"""

from bot.emulator.emulator import DEFAULT_TOKEN, BotApiEmulator, run_forever, serve
from bot.emulator.errors import ApiError
from bot.emulator.faults import ERROR_NAMES, Fault
from bot.emulator.limits import FloodStats, ManualClock
from bot.emulator.recording import RecordedCall
from bot.emulator.state import Chat, User

__all__ = [
    "DEFAULT_TOKEN",
    "ERROR_NAMES",
    "ApiError",
    "BotApiEmulator",
    "Chat",
    "Fault",
    "FloodStats",
    "ManualClock",
    "RecordedCall",
    "User",
    "run_forever",
    "serve",
]
