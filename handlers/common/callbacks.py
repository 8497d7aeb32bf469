"""Buttons every activity shares: a help button that runs a command of the menu.

`menu:<command>` does what typing /<command> does. The activity that owns the command
registers its button (handlers/common/wiring.py `command_button`), so the help of umum can
offer other activities' commands without any activity importing another.
"""

from __future__ import annotations

from handlers.common.codec import Action, Codec

MENU = Codec("menu")


def run_command(name: str) -> Action:
    """The button that runs /<name>."""
    return MENU.action(name)
