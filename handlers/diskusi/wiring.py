"""How the diskusi handlers are wired: commands and buttons, and the counting of thread
messages in a handler group of its own (it sees every group message and stops none)."""

from __future__ import annotations

from telegram.ext import CommandHandler, MessageHandler, filters

from bot.context import KimApplication
from handlers.common.wiring import button, command, command_button
from handlers.diskusi import callbacks as cb
from handlers.diskusi import closing, follow_up, following, listing, opening

# After group 0, where every activity's conversations run, before bot/inbox.py's last group.
COUNTING_GROUP = 10
THREAD_MESSAGE = (
    filters.ChatType.GROUPS
    & filters.UpdateType.MESSAGE
    & ~filters.COMMAND
    & ~filters.StatusUpdate.ALL
)


def add_handlers(app: KimApplication) -> None:
    """/diskusi, /kesimpulan, the Diskusikan and summary card buttons; counting."""
    app.add_handler(CommandHandler(command("diskusi"), opening.open_or_list))
    app.add_handler(CommandHandler(command("kesimpulan"), closing.conclude))
    app.add_handler(button(opening.open_from_news, cb.FROM_NEWS))
    app.add_handler(button(opening.open_from_siaran, cb.FROM_SIARAN))
    app.add_handler(button(follow_up.carry_on, cb.TO_PLAN, cb.TO_ASPIRATION))
    app.add_handler(command_button("diskusi", listing.show_threads))
    app.add_handler(MessageHandler(THREAD_MESSAGE, following.count_message), group=COUNTING_GROUP)
