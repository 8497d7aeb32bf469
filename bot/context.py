"""The typed callback context: handlers reach the Store, config and texts through it."""

from __future__ import annotations

from typing import Any

from telegram.ext import Application, CallbackContext, ContextTypes, ExtBot

from bot.config import Config
from bot.store import Store
from bot.texts import Texts
from bot.wilayah import Region

STORE_KEY = "kim.store"
CONFIG_KEY = "kim.config"
TEXTS_KEY = "kim.texts"
REGION_KEY = "kim.region"


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
    def region(self) -> Region:
        """The regency served: its kecamatan and desa."""
        region: Region = self.application.bot_data[REGION_KEY]
        return region


CONTEXT_TYPES = ContextTypes(context=BotContext)
KimApplication = Application[
    ExtBot[None], BotContext, dict[Any, Any], dict[Any, Any], dict[Any, Any], Any
]
