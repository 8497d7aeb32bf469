"""How the admin handlers are wired: conversations first, then commands and buttons."""

from __future__ import annotations

from telegram.ext import CommandHandler

from bot.context import KimApplication
from handlers.admin import callbacks as cb
from handlers.admin import failed, roles
from handlers.common.wiring import button, command, command_button


def add_handlers(app: KimApplication) -> None:
    """/peran and its pages, /gagal with its retry buttons and its pages."""
    app.add_handler(CommandHandler(command("peran"), roles.manage_roles))
    app.add_handler(CommandHandler(command("gagal"), failed.list_failed))
    app.add_handler(command_button("gagal", failed.list_failed))
    app.add_handler(button(failed.retry_batch, cb.RETRY))
    app.add_handler(button(failed.list_failed, cb.FAILED_PAGE))
    app.add_handler(button(roles.turn_roles_page, cb.ROLES_PAGE))
