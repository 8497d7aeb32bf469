"""How the umum handlers are wired: conversations first, then commands and buttons."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ChatMemberHandler, CommandHandler, MessageHandler, TypeHandler, filters

from bot.context import KimApplication
from handlers.common.wiring import button, command
from handlers.umum import callbacks as cb
from handlers.umum import group, privacy, start


def add_handlers(app: KimApplication) -> None:
    """Bookkeeping first (it never stops an update), then the general commands."""
    # Group -1 sees every update first and never stops it: remember who talks to the bot.
    app.add_handler(TypeHandler(Update, start.remember_person), group=-1)
    app.add_handler(ChatMemberHandler(group.track_bot_membership, ChatMemberHandler.MY_CHAT_MEMBER))
    app.add_handler(MessageHandler(filters.StatusUpdate.MIGRATE, group.follow_migration))
    app.add_handler(CommandHandler("start", start.show_start, filters.ChatType.PRIVATE))
    app.add_handler(CommandHandler(command("bantuan"), start.show_help))
    app.add_handler(CommandHandler(command("batal"), start.cancel_nothing))
    app.add_handler(CommandHandler(command("hapusdata"), privacy.ask_erase))
    app.add_handler(button(privacy.erase, cb.ERASE, cb.KEEP))
