"""The typed callback context: handlers and jobs reach the application's services through it.

`post_init` puts one `Services` in bot_data; nothing else reads or writes bot_data. Core
services are typed properties; an activity's own services (its feeds, its poller) are
registered by type and read with `context.service(Kind)`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from telegram.ext import Application, CallbackContext, ContextTypes, ExtBot

from bot.config import Config
from bot.store import Store
from bot.texts import Texts
from bot.wilayah import Region

if TYPE_CHECKING:  # the outbox imports the context for its jobs
    from bot.outbox import Outbox

T = TypeVar("T")
_SERVICES_KEY = "kim.services"


@dataclass
class Services:
    """What the bot runs on: configuration, database, texts, region, outbox, and more."""

    config: Config
    store: Store
    texts: Texts
    region: Region
    outbox: Outbox | None = None
    _extra: dict[type, object] = field(default_factory=dict)

    def add(self, service: object) -> None:
        """Register an activity's service under its type."""
        self._extra[type(service)] = service

    def get(self, kind: type[T]) -> T:
        """The registered service of this type (KeyError when the activity did not start)."""
        service = self._extra[kind]
        assert isinstance(service, kind)
        return service

    def discard(self, kind: type[T]) -> T | None:
        """Unregister and return a service of this type, if any."""
        service = self._extra.pop(kind, None)
        return service if isinstance(service, kind) else None


def install_services(app: Application[Any, Any, Any, Any, Any, Any], services: Services) -> None:
    """Make the services reachable from every context (done once, by the composition root)."""
    app.bot_data[_SERVICES_KEY] = services


def services_of(app: Application[Any, Any, Any, Any, Any, Any]) -> Services:
    """The application's services (for start and stop steps, which get the application)."""
    services: Services = app.bot_data[_SERVICES_KEY]
    return services


class BotContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], dict[Any, Any]]):
    """CallbackContext with typed access to the application's services."""

    @property
    def services(self) -> Services:
        """Everything the bot runs on."""
        return services_of(self.application)

    @property
    def store(self) -> Store:
        """The database."""
        return self.services.store

    @property
    def config(self) -> Config:
        """The validated configuration."""
        return self.services.config

    @property
    def texts(self) -> Texts:
        """Template rendering."""
        return self.services.texts

    @property
    def outbox(self) -> Outbox:
        """The delivery queue for every message that goes to many chats."""
        outbox = self.services.outbox
        assert outbox is not None, "the outbox starts in post_init"
        return outbox

    @property
    def region(self) -> Region:
        """The regency served: its kecamatan and desa."""
        return self.services.region

    def service(self, kind: type[T]) -> T:
        """An activity's registered service, by type."""
        return self.services.get(kind)


CONTEXT_TYPES = ContextTypes(context=BotContext)
KimApplication = Application[
    ExtBot[None], BotContext, dict[Any, Any], dict[Any, Any], dict[Any, Any], Any
]
