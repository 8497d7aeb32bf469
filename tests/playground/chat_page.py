"""The sandbox page as a person uses it: choose who you are, open a chat, type, press."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playwright.async_api import Page, expect

from bot.emulator.media import png

WAIT_MS = 20_000


class ChatPage:
    """One browser tab on the sandbox."""

    def __init__(self, page: Page) -> None:
        self.page = page
        page.set_default_timeout(WAIT_MS)
        expect.set_options(timeout=WAIT_MS)

    async def as_person(self, name: str, chat: str) -> None:
        """Become a demo person and open one of their chats."""
        await self.page.locator("#people .item", has_text=name).click()
        await self.page.locator("#chats .item", has_text=chat).click()
        await expect(self.page.locator("#title")).to_have_text(chat)

    async def send(self, text: str) -> None:
        """Type a message and send it (a reply when the page offers one)."""
        await self.page.fill("#text", text)
        await self.page.click("#send")
        await expect(self.page.locator("#text")).to_have_value("")

    async def send_photo(self) -> None:
        """Attach a picture with the paperclip's photo button."""
        picture: Any = {"name": "sk.png", "mimeType": "image/png", "buffer": png(64, 64)}
        await self.page.set_input_files("#photo", files=[picture])

    async def press(self, label: str) -> None:
        """Press the last inline button with this label."""
        await self.page.locator(".keyboard button", has_text=label).last.click()

    async def sees(self, text: str) -> None:
        """Wait until the open chat shows `text`."""
        await expect(self.page.locator("#messages")).to_contain_text(text)

    async def last_says(self, text: str) -> None:
        """Wait until the chat's last message shows `text`."""
        await expect(self.page.locator("#messages .msg").last).to_contain_text(text)

    async def screenshot(self, path: Path) -> None:
        """A picture of the whole page."""
        await self.page.screenshot(path=str(path))
