"""What goes out on a schedule or to many chats: the outbox worker, feeds, broadcasts.

`start_services(app)` runs once the Application has started (after the Store is open);
`stop_services(app)` runs before it stops. Each subsystem adds its start and stop here.
"""

from __future__ import annotations

from bot.context import KimApplication


async def start_services(app: KimApplication) -> None:
    """Start background workers and rebuild scheduled jobs from the database."""


async def stop_services(app: KimApplication) -> None:
    """Stop background workers, letting in-flight work finish or return to the queue."""
