"""The typed callback context: handlers reach the Store, config and texts through it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from telegram.ext import Application, CallbackContext, ContextTypes, ExtBot

from bot.config import Config
from bot.store import Store
from bot.texts import Texts
from bot.wilayah import Region

STORE_KEY = "kim.store"
if TYPE_CHECKING:  # the outbox imports the context for its jobs
    from bot.outbox import Outbox

CONFIG_KEY = "kim.config"
TEXTS_KEY = "kim.texts"
REGION_KEY = "kim.region"
OUTBOX_KEY = "kim.outbox"


class BotContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], dict[Any, Any]]):
    """CallbackContext with typed access to the application's services."""

    @property
    def store(self) -> Store:
        """The database."""
        store: Store = self.application.bot_data[STORE_KEY]
        return store

    @property
    def config(self) -> Config:
        """The validated configuration."""
        config: Config = self.application.bot_data[CONFIG_KEY]
        return config

    @property
    def texts(self) -> Texts:
        """Template rendering."""
        texts: Texts = self.application.bot_data[TEXTS_KEY]
        return texts

    @property
    def outbox(self) -> Outbox:
        """The delivery queue for every message that goes to many chats."""
        outbox: Outbox = self.application.bot_data[OUTBOX_KEY]
        return outbox

    @property
    def region(self) -> Region:
        """The regency served: its kecamatan and desa."""
        region: Region = self.application.bot_data[REGION_KEY]
        return region


CONTEXT_TYPES = ContextTypes(context=BotContext)
KimApplication = Application[
    ExtBot[None], BotContext, dict[Any, Any], dict[Any, Any], dict[Any, Any], Any
]
