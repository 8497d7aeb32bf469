"""How the umum handlers are wired: conversations first, then commands and buttons.

Umum comes last of the activities (handlers/__init__.py): its catch-alls answer only what no
activity's conversation, command or button took.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import (
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.context import KimApplication
from handlers.common.wiring import button, command, command_button
from handlers.umum import callbacks as cb
from handlers.umum import fallback, group, my_data, privacy, start

NEW_MESSAGE = filters.UpdateType.MESSAGE  # not edits: an edited message is not a new question
PRIVATE_MESSAGE = filters.ChatType.PRIVATE & NEW_MESSAGE & ~filters.StatusUpdate.ALL
GROUP_COMMAND = filters.ChatType.GROUPS & NEW_MESSAGE & filters.COMMAND


def add_handlers(app: KimApplication) -> None:
    """Bookkeeping first (it never stops an update), the general commands, then catch-alls."""
    # Group -1 sees every update first and never stops it: remember who talks to the bot.
    app.add_handler(TypeHandler(Update, start.remember_person), group=-1)
    app.add_handler(ChatMemberHandler(group.track_bot_membership, ChatMemberHandler.MY_CHAT_MEMBER))
    app.add_handler(MessageHandler(filters.StatusUpdate.MIGRATE, group.follow_migration))
    app.add_handler(CommandHandler("start", start.show_start, filters.ChatType.PRIVATE))
    app.add_handler(CommandHandler("start", fallback.show_group_start, filters.ChatType.GROUPS))
    app.add_handler(CommandHandler(command("bantuan"), start.show_help))
    app.add_handler(command_button("bantuan", start.show_help))
    app.add_handler(CommandHandler(command("batal"), start.cancel_nothing))
    app.add_handler(CommandHandler(command("hapusdata"), privacy.ask_erase))
    app.add_handler(CommandHandler(command("dataku"), my_data.show_my_data))
    app.add_handler(button(my_data.show_my_data, cb.MY_DATA_PAGE))
    app.add_handler(button(privacy.erase, cb.ERASE, cb.KEEP))
    # Last of all: what nothing above took. Other group messages are left alone.
    app.add_handler(MessageHandler(PRIVATE_MESSAGE, fallback.show_short_help))
    app.add_handler(MessageHandler(GROUP_COMMAND, fallback.answer_group_command))
    app.add_handler(CallbackQueryHandler(fallback.retire_button))
